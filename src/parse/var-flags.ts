import { goFormatFloat } from "../concourse/go-format.ts";
import { recordGoNumbers } from "../concourse/go-number.ts";
import { cutToken } from "../source/diagnostic.ts";
import { lineIndex } from "../source/locate.ts";
import { printable } from "../source/printable.ts";
import { goNumbersOf } from "./go-numbers.ts";
import { goYamlV2ErrorText } from "./go-yaml-errors.ts";
import { readYaml } from "./read-yaml.ts";
import { parseReference, type VarPair, VarsError } from "./vars.ts";
import { findNonFinite } from "./yaml-to-json.ts";
import { lazyNodeAt, lazyYamlTree } from "./yaml-tree.ts";

// Reading fly's var flags and files (`-v`, `-y`, `-i`, `-l`); kept apart from vars.ts so that interpolating a
// pipeline module's output does not load the YAML reader.

/** Reads `name=value` (`-v`, or with `yaml` the value is YAML, as `-y` and `-i` read it). */
export function parseVarFlag(flag: string, yaml: boolean): VarPair {
  // the flag as quoted in an error: cut, with control characters shown, however long or odd the value given
  const shown = printable(cutToken(flag));
  const eq = flag.indexOf("=");
  if (eq === -1) throw new VarsError(`invalid variable pair '${shown}' (must be name=value)`);
  const reference = parseReference(flag.slice(0, eq));
  const raw = flag.slice(eq + 1);
  if (!yaml) return { path: reference.path, value: raw };
  // sigs.k8s.io/yaml reads it with go-yaml v2 unstrict: a repeated key is set again, the last one wins
  const read = readYaml(raw, { standalone: true, repeatsAllowed: true });
  if (!read.ok) {
    // where in the value, which may be lines long (`-y "config=$(cat config.yml)"`)
    const problem = read.problems[0];
    const at = problem === undefined ? "" : ` at ${formatLoc(lineIndex(raw)(problem.offset))} of the value`;
    throw new VarsError(`invalid YAML value in '${shown}'${at}: ${problem?.message ?? "unreadable"}`);
  }
  // fly reads the value with sigs.k8s.io/yaml, whose conversion to JSON fails on a float JSON cannot hold
  if (read.nonFinite === true) throw new VarsError(`invalid YAML value in '${shown}': ${unsupportedValue(read.value)}`);
  // the digits of its integers past 2^53 and its whole floats, read back from the text
  const tree = lazyYamlTree(raw, read.regions, true);
  const numbers = recordGoNumbers(
    read.value,
    goNumbersOf((path) => lazyNodeAt(tree, raw, path), raw),
  );
  return { path: reference.path, value: read.value ?? null, ...(numbers !== undefined && { numbers }) };
}

const formatLoc = ({ line, col }: { line: number; col: number }): string => `${line}:${col}`;

/** Reads a `-l` file: a YAML mapping of var names to values; a file that is not YAML is an error at its place. */
export function parseVarsFile(text: string, file: string): Readonly<Record<string, unknown>> {
  // as a -y value: a repeated key is set again, the last one wins
  const read = readYaml(text, { standalone: true, repeatsAllowed: true });
  if (!read.ok) {
    const problem = read.problems[0];
    // a key sigs.k8s.io/yaml rejects: its error, as fly prints it (fly names the file alone)
    if (problem?.unmarshal !== undefined) {
      throw new VarsError(`could not unmarshal template variables (${file}): ${problem.unmarshal}`);
    }
    const at = problem === undefined ? file : `${file}:${formatLoc(lineIndex(text)(problem.offset))}`;
    // a go-yaml error: fly's words, sigs.k8s.io/yaml's around go-yaml v2's, with its line
    const words =
      problem?.goYaml === undefined
        ? (problem?.message ?? "")
        : `error converting YAML to JSON: ${goYamlV2ErrorText(text, problem.goYaml)}`;
    throw new VarsError(`could not unmarshal template variables (${at}): ${words}`);
  }
  if (read.nonFinite === true) {
    throw new VarsError(`could not unmarshal template variables (${file}): ${unsupportedValue(read.value)}`);
  }
  if (read.value === null || read.value === undefined) return {};
  if (typeof read.value !== "object" || Array.isArray(read.value)) {
    // encoding/json's name of the JSON value (decode.go UnmarshalTypeError), wrapped by sigs.k8s.io/yaml's Unmarshal
    const kind = Array.isArray(read.value) ? "array" : typeof read.value === "boolean" ? "bool" : typeof read.value;
    throw new VarsError(
      `could not unmarshal template variables (${file}): error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type vars.StaticVariables`,
    );
  }
  return read.value as Record<string, unknown>;
}

/** sigs.k8s.io/yaml's error for the first float JSON cannot hold in a value (`.inf`, `.nan`). */
function unsupportedValue(value: unknown): string {
  const n = findNonFinite(value)[0]?.value ?? Number.NaN;
  return `error converting YAML to JSON: json: unsupported value: ${goFormatFloat(n, 64)}`;
}
