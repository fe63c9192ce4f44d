import { goSyntax } from "../concourse/go-format.ts";
import {
  fileVarNumber,
  flagVarNumber,
  flagVarText,
  type GoNumbers,
  type GoNumbersRecord,
  needsGoNumber,
  recordedGoNumbers,
  recordGoNumbers,
} from "../concourse/go-number.ts";
import { hasVar, isWholeVar, type Reference, readReference, varReferences, varSegment } from "../concourse/vars.ts";
import { isObject, type Path, type PathSegment, setOwn } from "../model/common.ts";
import { cutToken, type Diagnostic, type SourceLoc } from "../source/diagnostic.ts";
import { printable } from "../source/printable.ts";
import { goYamlKeyName, goYamlNumberKeyName, TO_JSON } from "./yaml-to-json.ts";

/**
 * fly's template variables (`fly validate-pipeline` / `set-pipeline` `-v`, `-y`, `-l`, `-i`; concourse/vars):
 * `((name))`, `((name.field))` in the decoded document are replaced before it is decoded into a pipeline.
 *
 * - A string that is exactly one `((var))` becomes the var's value with its type (`-y trigger=true` gives a
 *   bool); a var inside a longer string is replaced by its text, which only strings and numbers given on the
 *   command line have (`cannot interpolate non-primitive value`); keys are interpolated too.
 * - Lookup order: flag values (`-v`, `-y`, then `-i`, its leaves; among them the later flag wins, `a.b=1` sets a
 *   field), then `-l` files, the later file first.
 * - A var with a source (`((vault:x))`) or without a value stays as it is, for Concourse to resolve at run time.
 */
export interface TemplateVars {
  /** Flag pairs: the `-v` pairs in the order given, then the `-y` pairs (fly takes them so, whatever the order typed). */
  readonly pairs: readonly VarPair[];
  /**
   * Instance vars (`-i`, and a module's own), in the order the fly command gives them: fly takes them after the
   * other pairs, expanded into one mapping and then flattened to a pair per value that is not a mapping, so that an
   * instance var's mapping adds its fields to a `-y` mapping of the same name, and an empty one gives no var.
   */
  readonly instance?: readonly VarPair[];
  /** `-l` files in the order given, each the decoded mapping. */
  readonly files: readonly Readonly<Record<string, unknown>>[];
}

export interface VarPair {
  /** `name` or `name.field.sub`, read as fly reads a var reference. */
  readonly path: readonly string[];
  readonly value: unknown;
  /**
   * How go-yaml read the whole numbers of a value given as YAML (`-y`, `-i`), by their path in it: the digits of an
   * integer past 2^53, which JavaScript holds rounded, and the floats (see concourse/go-number.ts); plain data.
   */
  readonly numbers?: GoNumbersRecord;
}

/** A problem with a var flag or file, worded as fly words it. */
export class VarsError extends Error {}

/** Reads a var reference as fly and Concourse do (see {@link readReference}); throws {@link VarsError}. */
export function parseReference(name: string): Reference {
  const read = readReference(name);
  if ("error" in read) throw new VarsError(read.error);
  return read;
}

/** One var that could not be put in place, at the path of the string that uses it. */
export interface VarProblem {
  readonly path: Path;
  readonly message: string;
  /** Set when the string is a mapping's key (`path` is its entry's): the problem is located at the key. */
  readonly onKey?: true;
}

/**
 * A var that could not be put in place as a diagnostic (`vars/interpolation`), fly's line its message: what `fly
 * validate-pipeline` fails on before it reads the pipeline (`error: <message>`, exit 1).
 */
export const varProblemDiagnostic = (problem: VarProblem, loc?: SourceLoc): Diagnostic => ({
  ruleId: "vars/interpolation",
  severity: "error",
  parity: "concourse",
  message: problem.message,
  path: problem.path,
  ...(loc !== undefined && { loc }),
  fly: problem.message,
  ...(problem.onKey === true && { onKey: true }),
});

/** The result of interpolation: the new document, the problems, and which vars were left unresolved. */
export interface Interpolated {
  readonly value: unknown;
  readonly problems: readonly VarProblem[];
  /**
   * How Go holds the whole numbers vars put in place, by their path in the new document: a `-y` integer past 2^53 by
   * its digits, and as a float what fly's templating makes one (see concourse/go-number.ts); undefined elsewhere.
   */
  readonly numbers: GoNumbers;
}

/**
 * The most characters vars may put in one document, in all: twice the largest pipeline hangar reads (32 MiB). A var
 * used many times makes its value's length each time, in fly's document as in the strings it is put inside (a megabyte
 * used 2,000 times in one string is two thousand megabytes, past what a JavaScript string holds; a mapping of 10,000
 * keys used in 2,000 places is 20 million keys for the checks to read): past this, the document is refused at the
 * place that passes it, rather than the process failing or taking minutes (fly would try). A whole `((var))` counts
 * its value's size as JSON, a var inside a string the string it makes.
 */
export const MAX_INTERPOLATED_TEXT = 64 * 1024 * 1024;

/** How many times `part` occurs in `text`, not overlapping (what `replaceAll` replaces). */
function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/**
 * Interpolates every string of a decoded document (keys included). Returns new values; the input is untouched.
 * `read`: how go-yaml read the document's own whole numbers, by their path (for a value a message shows).
 */
export function interpolate(document: unknown, vars: TemplateVars, read?: GoNumbers): Interpolated {
  const lookup = varLookup(vars);
  const problems: VarProblem[] = [];
  /**
   * The characters vars put in the document so far (see {@link MAX_INTERPOLATED_TEXT}); past the most, once reported,
   * no more vars are put in place. `sizes`: each value's size, worked out once.
   */
  const made = { text: 0, refused: false, sizes: new WeakMap<object, number>() };
  /** Whether `size` more characters pass the most, reported at `path` for `name` once; counted otherwise. */
  const tooMuch = (size: number, path: Path, message: () => string): boolean => {
    if (made.refused) return true;
    if (made.text + size <= MAX_INTERPOLATED_TEXT) {
      made.text += size;
      return false;
    }
    made.refused = true;
    problems.push({ path, message: message() });
    return true;
  };
  /** The numbers of each value a whole var put in place, by the path it has in the new document. */
  const placed = new Map<string, GoNumbers>();
  const numbers: GoNumbers = (path, n) => {
    if (placed.size === 0) return undefined;
    for (let length = path.length; length >= 0; length--) {
      const numbersThere = placed.get(pathKey(path.slice(0, length)));
      if (numbersThere !== undefined) return numbersThere(path.slice(length), n);
    }
    return undefined;
  };
  /** What `read` returns, the problems it found marked as a key's (located at the key). */
  const ofKey = <T>(read: () => T): T => {
    const before = problems.length;
    const out = read();
    for (let i = before; i < problems.length; i++) problems[i] = { ...(problems[i] as VarProblem), onKey: true };
    return out;
  };
  // `path`: in the document, where a problem is located; `at`: in the new one, whose keys vars may have renamed
  const visit = (node: unknown, path: PathSegment[], at: PathSegment[]): unknown => {
    if (typeof node === "string") return interpolateString(node, path, (numbers) => placed.set(pathKey(at), numbers));
    if (Array.isArray(node)) return node.map((item, i) => visit(item, [...path, i], [...at, i]));
    if (isObject(node)) {
      const out: Record<string, unknown> = {};
      // the keys vars made, by the key they made: fly's templating sets each key of a map in turn as its order falls,
      // so a key a var made replaces a key of that name written so, whichever comes first, and of two that vars
      // made alike either value may be kept
      const varKeys = new Map<string, string>();
      for (const [key, value] of Object.entries(node)) {
        let keyNumbers: GoNumbers | undefined;
        const newKey = hasVar(key)
          ? ofKey(() => interpolateString(key, [...path, key], (numbers) => (keyNumbers = numbers)))
          : key;
        // a number a var makes the key is named as fly holds it (a -y integer past 2^53 by its digits)
        const name =
          typeof newKey === "number" && needsGoNumber(newKey)
            ? goYamlNumberKeyName(newKey, keyNumbers?.([], newKey))
            : goYamlKeyName(newKey);
        const newValue = visit(value, [...path, key], [...at, name]);
        // the value's numbers: those vars put in place, else those of the document
        const valueNumbers: GoNumbers = (sub, n) =>
          numbers([...at, name, ...sub], n) ?? read?.([...path, key, ...sub], n);
        const problem = keyProblem(key, newKey, newValue, valueNumbers);
        if (problem !== undefined) {
          problems.push({ path: [...path, key], message: problem, onKey: true });
          continue;
        }
        const other = varKeys.get(name);
        if (other !== undefined) {
          if (newKey !== key) problems.push({ path: [...path, key], message: sameKey(other, key, name), onKey: true });
          continue;
        }
        if (newKey !== key) varKeys.set(name, key);
        setOwn(out, name, newValue);
      }
      return out;
    }
    return node;
  };
  /** `placedWhole`: told how Go holds the numbers of the value a whole ((var)) puts in place. */
  const interpolateString = (text: string, path: PathSegment[], placedWhole: (numbers: GoNumbers) => void): unknown => {
    if (!hasVar(text)) return text;
    let out = text;
    for (const match of varReferences(text)) {
      const name = match[1] as string;
      let found: Found | undefined;
      try {
        found = lookup(name);
      } catch (error) {
        problems.push({ path, message: (error as Error).message });
        return text;
      }
      if (found === undefined) continue;
      if (isWholeVar(out)) {
        const size = textSize(found.value, made.sizes);
        if (tooMuch(size, path, () => tooMuchText(name, size, 1))) return text;
        placedWhole(placedNumbers(found));
        return found.value;
      }
      const v = found.value;
      // numbers from -l files are float64 in fly (sigs.k8s.io/yaml without UseNumber), which it does not embed; a -y
      // number is the json.Number fly holds, its digits as written
      if (typeof v === "string" || (typeof v === "number" && !found.fromFile)) {
        if (made.refused) return text;
        const reference = `((${name}))`;
        const replacement = typeof v === "string" ? v : flagVarText(v, found.numbers?.([], v));
        const times = occurrences(out, reference);
        // the string as it will be, counted once it is whole (below): here, whether it would pass the most
        if (made.text + out.length + times * (replacement.length - reference.length) > MAX_INTERPOLATED_TEXT) {
          tooMuch(Number.POSITIVE_INFINITY, path, () => tooMuchText(name, replacement.length, times));
          return text;
        }
        out = out.replaceAll(reference, replacement);
      } else {
        const type = goTypeName(v, found.fromFile);
        problems.push({ path, message: `cannot interpolate non-primitive value (${type}) from var: ${name}` });
        return text;
      }
    }
    if (out !== text) made.text += out.length;
    return out;
  };
  const value = visit(document, [], []);
  return { value, problems, numbers };
}

const pathKey = (path: readonly PathSegment[]): string => JSON.stringify(path);

/** The problem of a var that would pass {@link MAX_INTERPOLATED_TEXT}. */
const tooMuchText = (name: string, size: number, times: number): string =>
  `cannot interpolate var: ${name}: its value (${size} characters${times === 1 ? "" : `, ${times} times in this string`}) would make what vars put in this document more than ${MAX_INTERPOLATED_TEXT} characters, the most hangar makes`;

/**
 * About how many characters a value is as JSON (its strings and keys, a few for each of its values), worked out once
 * for each object (`sizes`): what a var standing for the whole of a value puts in the document, where fly writes it out.
 */
function textSize(value: unknown, sizes: WeakMap<object, number>): number {
  if (typeof value === "string") return value.length;
  if (typeof value !== "object" || value === null) return 8;
  const known = sizes.get(value);
  if (known !== undefined) return known;
  let size = 2;
  if (Array.isArray(value)) for (const item of value) size += textSize(item, sizes) + 1;
  else for (const [key, item] of Object.entries(value)) size += key.length + 4 + textSize(item, sizes);
  sizes.set(value, size);
  return size;
}

/** The problem of two keys vars made the same key (fly keeps the value of either, as its map's order falls). */
const sameKey = (first: string, second: string, name: string): string =>
  `the keys ${first} and ${second} both become '${printable(cutToken(name))}': fly keeps the value of one of them, either, as the order of its map falls`;

/** How Go holds the whole numbers of a var's value once fly's templating put it in place, by their path in it. */
function placedNumbers(found: Found): GoNumbers {
  if (found.fromFile) return (_, n) => fileVarNumber(n);
  return (path, n) => flagVarNumber(n, flagVarText(n, found.numbers?.(path, n)));
}

/**
 * Why a key a whole ((var)) gave cannot be one, or undefined. fly's interpolation puts the var's value in as the key:
 * go-yaml then writes a nil key as `null`, which sigs.k8s.io/yaml refuses (its message, with the value as Go holds it:
 * `numbers`, by path in it), and a list or a map cannot be hashed as a key (fly crashes). A number is named as
 * sigs.k8s.io/yaml names it, a boolean `true` or `false`.
 */
function keyProblem(key: string, read: unknown, value: unknown, numbers: GoNumbers): string | undefined {
  if (read === null || read === undefined) {
    return `${TO_JSON}unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goSyntax(value, undefined, numbers)}`;
  }
  if (typeof read !== "object") return undefined;
  const kind = Array.isArray(read) ? "a list" : "a mapping";
  return `the key ${key} is ${kind}: a var used as a key must be a string, a number or a boolean`;
}

interface Found {
  readonly value: unknown;
  /** Read from a `-l` file (numbers there are float64 in fly). */
  readonly fromFile: boolean;
  /** How go-yaml read the value's whole numbers, by their path in it (a flag's value read as YAML). */
  readonly numbers?: GoNumbers | undefined;
}

/** The value of a var reference, or undefined when no flag or file gives it. */
function varLookup(vars: TemplateVars): (name: string) => Found | undefined {
  const pairs = [...vars.pairs, ...instanceLeaves(vars.instance ?? [])];
  const flags = expandPairs(pairs);
  const sources = [
    { vars: flags, fromFile: false },
    ...[...vars.files].reverse().map((file) => ({ vars: file, fromFile: true })),
  ];
  return (name) => {
    const ref = parseReference(name);
    if (ref.source !== undefined) return undefined;
    const [first, ...fields] = ref.path as [string, ...string[]];
    for (const { vars: source, fromFile } of sources) {
      if (!Object.hasOwn(source, first)) continue;
      let value = source[first];
      for (const field of fields) {
        if (isObject(value)) {
          if (!Object.hasOwn(value, field))
            throw new VarsError(`missing field '${field}' in var: ${referenceString(ref)}`);
          value = value[field];
        } else {
          throw new VarsError(
            `cannot access field '${field}' of non-map value ('${goTypeName(value, fromFile)}') from var: ${referenceString(ref)}`,
          );
        }
      }
      return fromFile ? { value, fromFile } : { value, fromFile, numbers: pairNumbers(pairs, ref.path) };
    }
    return undefined;
  };
}

/** The numbers of the value at `path` among the flags': those of the last pair at its path or above it. */
function pairNumbers(pairs: readonly VarPair[], path: readonly string[]): GoNumbers | undefined {
  for (let i = pairs.length - 1; i >= 0; i--) {
    const pair = pairs[i] as VarPair;
    if (pair.path.length > path.length || pair.path.some((seg, k) => seg !== path[k])) continue;
    if (pair.numbers === undefined) return undefined;
    const numbers = recordedGoNumbers(pair.numbers);
    const below = path.slice(pair.path.length);
    return (sub, n) => numbers([...below, ...sub], n);
  }
  return undefined;
}

/**
 * Instance vars as fly's templating takes them (templatehelpers `Evaluate`): expanded into one mapping
 * (`KVPairs.Expand`), then a pair for each value in it that is not a mapping, at its path (`StaticVariables.Flatten`):
 * a mapping with nothing in it gives none. Each pair keeps the numbers of the pair that gave its value.
 */
function instanceLeaves(instance: readonly VarPair[]): VarPair[] {
  if (instance.length === 0) return [];
  const expanded = expandPairs(instance);
  const leaves: VarPair[] = [];
  const stack: { path: string[]; value: unknown }[] = Object.entries(expanded)
    .map(([name, value]) => ({ path: [name], value }))
    .reverse();
  for (let leaf = stack.pop(); leaf !== undefined; leaf = stack.pop()) {
    const { path, value } = leaf;
    if (isObject(value)) {
      const fields = Object.entries(value).map(([key, v]) => ({ path: [...path, key], value: v }));
      stack.push(...fields.reverse());
      continue;
    }
    const given = pairNumbers(instance, path);
    const numbers = given === undefined ? undefined : recordGoNumbers(value, given);
    leaves.push({ path, value, ...(numbers !== undefined && { numbers }) });
  }
  return leaves;
}

/**
 * Pairs as one mapping, as fly's `KVPairs.Expand` makes it (the vars a template is filled with, the instance vars that
 * name a pipeline): a later pair replaces an earlier one; `a.b` sets a field of a map built or kept at `a`. Each value
 * is a copy: a later pair's field is set in the mapping an earlier one gave, which is the caller's.
 */
export function expandPairs(pairs: readonly VarPair[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) upsert(out, pair.path, structuredClone(pair.value));
  return out;
}

/** One pair set in `out` (see {@link expandPairs}). */
function upsert(out: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  const node = out[head];
  if (!Object.hasOwn(out, head) || !isObject(node)) {
    setOwn(out, head, construct(rest, value));
    return;
  }
  if (rest.length === 0) {
    setOwn(out, head, value);
    return;
  }
  upsert(node, rest, value);
}

function construct(fields: readonly string[], value: unknown): unknown {
  let v = value;
  for (let i = fields.length - 1; i >= 0; i--) v = { [fields[i] as string]: v };
  return v;
}

/** A reference as Concourse writes it in its messages (vars/reference.go `String`). */
function referenceString(ref: Reference): string {
  return `${ref.source === undefined ? "" : `${ref.source}:`}${ref.path.map(varSegment).join(".")}`;
}

/** Go's `%T` of a var's value as fly holds it. */
function goTypeName(value: unknown, fromFile: boolean): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return fromFile ? "float64" : "json.Number";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "[]interface {}";
  return "map[string]interface {}";
}
