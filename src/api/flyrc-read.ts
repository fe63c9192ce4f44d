/**
 * fly's `.flyrc` read as fly reads it (fly/rc/targets.go `LoadTargets`): sigs.k8s.io/yaml decodes the whole file
 * into `RC{Targets map[TargetName]TargetProps}` before any target is looked up, so a target fly cannot decode makes
 * the file unreadable whichever target is used. The steps, and what each refuses or accepts:
 *
 * - go-yaml v2 reads the first document (UTF-8, or UTF-16 with its byte order mark); a repeated key is no error
 *   (the last one wins); a null key, a list or a map as a key, or a float JSON cannot hold (`.inf`, `.nan`) other
 *   than where a text is wanted fails the conversion to JSON;
 * - a number or boolean where fly wants a text (`api`, `team`, `ca_cert`, `client_cert_path`,
 *   `client_key_path`, the token's `type` and `value`) becomes the text sigs.k8s.io/yaml makes of it (`1.5`,
 *   `1e+06`, `true`; see {@link coercedText});
 * - encoding/json decodes the JSON: keys are matched to fields without regard to case (`API:` is `api:`), a key no
 *   field has is ignored, null leaves a field as it was, keys that name one field are read in Go's order of the JSON
 *   (sorted: `Team` before `team`), and a value of another kind (a list for a text, a text for `insecure`, a
 *   string for a target or a token) is an error.
 *
 * Errors are HangarErrors naming the file, the line and column, and the target.
 */

import { goFormatFloat } from "../concourse/go-format.ts";
import { coercedText, type GoNumbers, needsGoNumber } from "../concourse/go-number.ts";
import { isObject, type PathSegment } from "../model/common.ts";
import { HangarError } from "../model/errors.ts";
import { goNumber } from "../parse/go-numbers.ts";
import { readYaml } from "../parse/read-yaml.ts";
import { decodeYamlBytes } from "../parse/read-yaml-utf8.ts";
import { findNonFinite } from "../parse/yaml-to-json.ts";
import { lazyNodeAt, lazyYamlTree, yamlTreeLocator } from "../parse/yaml-tree.ts";
import { cutToken } from "../source/diagnostic.ts";
import { type Locator, lineIndex } from "../source/locate.ts";
import { formatPath } from "../source/path.ts";
import { printable } from "../source/printable.ts";

/** One target as fly decodes it (`TargetProps`): a text absent or null is "" (Go's zero value). */
export interface FlyrcTarget {
  readonly api: string;
  /** "" when absent: fly then reads it as `main`. */
  readonly team: string;
  readonly insecure: boolean;
  /** The token, when the target has one (`token:` neither absent nor null). */
  readonly token?: { readonly type: string; readonly value: string };
  readonly caCert: string;
  readonly clientCertPath: string;
  readonly clientKeyPath: string;
}

/** A `.flyrc` as fly decodes it: its targets by name. */
export interface Flyrc {
  readonly file: string;
  readonly targets: ReadonlyMap<string, FlyrcTarget>;
}

/**
 * Reads a `.flyrc` (`input`: its bytes or text, undefined when there is none, which is no targets) as fly does;
 * `file` names it in errors. Throws a HangarError `api/flyrc` for a file fly refuses.
 */
export function readFlyrc(input: string | Uint8Array | undefined, file: string): Flyrc {
  if (input === undefined) return { file, targets: new Map() };
  const text = typeof input === "string" ? input : textOf(input, file);
  const read = readYaml(text, { standalone: true, repeatsAllowed: true });
  if (!read.ok) {
    const problem = read.problems[0];
    const at = problem === undefined ? undefined : lineIndex(text)(problem.offset);
    throw flyrcError(file, at, problem?.message.split("\n")[0] ?? "cannot read");
  }
  const tree = lazyYamlTree(text, read.regions, true);
  const decoding: Decoding = {
    file,
    locate: yamlTreeLocator(tree, text),
    numbers: (path, value) => {
      // -0 too: go-yaml reads `-0` as the int 0 and `-0.0` as the float -0, whose text is `-0`
      if (!needsGoNumber(value) && !Object.is(value, -0)) return undefined;
      const node = lazyNodeAt(tree, text, path);
      return node?.kind === "scalar" ? goNumber(text, node.start, node.end, value) : undefined;
    },
    nonFinite: read.nonFinite === true,
    unsupported: undefined,
    mismatch: undefined,
  };
  const targets = decodeRoot(decoding, read.value);
  // fly's order: the conversion to JSON fails before the JSON is decoded
  const problem = decoding.unsupported ?? decoding.mismatch;
  if (problem !== undefined) throw problem;
  return { file, targets: targets ?? new Map() };
}

/** The text of the file's bytes as go-yaml's reader takes them; an error at the first byte it refuses. */
function textOf(bytes: Uint8Array, file: string): string {
  const decoded = decodeYamlBytes(bytes);
  if (decoded.ok) return decoded.text;
  throw flyrcError(file, lineIndex(decoded.before)(decoded.before.length), decoded.problem);
}

function flyrcError(file: string, at: { line: number; col: number } | undefined, message: string): HangarError {
  const where = at === undefined ? "" : ` (line ${at.line}, column ${at.col})`;
  return new HangarError("api/flyrc", `in the file '${file}'${where}: ${message}`);
}

/** What a decode has found so far: the first problem of each kind, and what it needs to place and read values. */
interface Decoding {
  readonly file: string;
  readonly locate: Locator;
  /** How go-yaml read the whole numbers (an integer past 2^53 by its digits, `1e6` and `-0.0` as floats). */
  readonly numbers: GoNumbers;
  /** Whether the file holds a float JSON cannot hold (`.inf`, `.nan`) anywhere. */
  readonly nonFinite: boolean;
  /** The first such float where no text is wanted: sigs.k8s.io/yaml's `json.Marshal` fails on it. */
  unsupported: HangarError | undefined;
  /** The first value of a kind its field cannot take: encoding/json's `cannot unmarshal`. */
  mismatch: HangarError | undefined;
}

const TARGET_FIELDS = ["api", "team", "insecure", "token", "ca_cert", "client_cert_path", "client_key_path"] as const;
type TargetField = (typeof TARGET_FIELDS)[number];
const TOKEN_FIELDS = ["type", "value"] as const;

/** The targets of the file's content, undefined when there are none (Go's nil map). */
function decodeRoot(d: Decoding, value: unknown): Map<string, FlyrcTarget> | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isObject(value)) {
    mismatch(d, [], value, "its content", "a map");
    return undefined;
  }
  let targets: Map<string, FlyrcTarget> | undefined;
  for (const { key, field } of fieldsOf(value, ["targets"])) {
    const v = value[key];
    if (field === undefined) ignored(d, [key], v);
    // json's null empties the map; a second object adds to it (a target named again is replaced)
    else if (v === null) targets = undefined;
    else if (!isObject(v)) mismatch(d, [key], v, key, "a map");
    else {
      targets ??= new Map();
      for (const name of Object.keys(v)) targets.set(name, decodeTarget(d, [key, name], v[name]));
    }
  }
  return targets;
}

/** Go's zero `TargetProps`. */
const NO_TARGET: FlyrcTarget = {
  api: "",
  team: "",
  insecure: false,
  caCert: "",
  clientCertPath: "",
  clientKeyPath: "",
};

/** The text fields of a target, by their key in the file. */
const TEXT_FIELDS = {
  api: "api",
  team: "team",
  ca_cert: "caCert",
  client_cert_path: "clientCertPath",
  client_key_path: "clientKeyPath",
} as const satisfies Partial<Record<TargetField, keyof FlyrcTarget>>;

function decodeTarget(d: Decoding, path: readonly PathSegment[], value: unknown): FlyrcTarget {
  const shown = shownName(path.at(-1) as string);
  if (value === null || value === undefined) return NO_TARGET;
  if (!isObject(value)) {
    mismatch(d, path, value, `target ${shown}`, "a map");
    return NO_TARGET;
  }
  const target: { -readonly [K in keyof FlyrcTarget]: FlyrcTarget[K] } = { ...NO_TARGET };
  for (const { key, field } of fieldsOf(value, TARGET_FIELDS)) {
    const at = [...path, key];
    const v = value[key];
    const what = `the ${shownName(key)} of target ${shown}`;
    if (field === undefined) ignored(d, at, v);
    else if (field === "insecure") {
      if (typeof v === "boolean") target.insecure = v;
      else if (v !== null) mismatch(d, at, v, what, "true or false");
    } else if (field === "token") {
      if (v === null) delete target.token;
      else if (!isObject(v)) mismatch(d, at, v, what, "a map");
      // json decodes into the token already there: a second `token` key adds to the first
      else target.token = decodeToken(d, at, v, target.token, shown);
    } else {
      const text = decodeText(d, at, v, what);
      if (text !== undefined) target[TEXT_FIELDS[field]] = text;
    }
  }
  return target;
}

function decodeToken(
  d: Decoding,
  path: readonly PathSegment[],
  value: Record<string, unknown>,
  before: FlyrcTarget["token"],
  shown: string,
): NonNullable<FlyrcTarget["token"]> {
  const token = { type: before?.type ?? "", value: before?.value ?? "" };
  for (const { key, field } of fieldsOf(value, TOKEN_FIELDS)) {
    const at = [...path, key];
    if (field === undefined) {
      ignored(d, at, value[key]);
      continue;
    }
    const text = decodeText(d, at, value[key], `the token ${shownName(key)} of target ${shown}`);
    if (text !== undefined) token[field] = text;
  }
  return token;
}

/** A text field: a text, or a number or boolean as the text sigs.k8s.io/yaml makes of it; null is undefined. */
function decodeText(d: Decoding, path: readonly PathSegment[], value: unknown, what: string): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return coercedText(value, d.numbers(path, value));
  if (value !== null && value !== undefined) mismatch(d, path, value, what, "a string");
  return undefined;
}

/** A value of a kind its field cannot take; a float JSON cannot hold, there or inside it, fails before. */
function mismatch(d: Decoding, path: readonly PathSegment[], value: unknown, what: string, wanted: string): void {
  ignored(d, path, value);
  d.mismatch ??= flyrcError(d.file, d.locate(path), `${what} is ${kindOf(value)}, not ${wanted}`);
}

/** A value no text is made of (a field fly does not know, or one of the wrong kind): no float JSON cannot hold. */
function ignored(d: Decoding, path: readonly PathSegment[], value: unknown): void {
  if (!d.nonFinite || d.unsupported !== undefined) return;
  const found = findNonFinite(value)[0];
  if (found === undefined) return;
  const at = [...path, ...found.path];
  const where = at.length === 0 ? "the file's content" : printable(cutToken(formatPath(at)));
  d.unsupported = flyrcError(
    d.file,
    d.locate(at),
    `${where} is infinite or not a number, which JSON cannot hold (json: unsupported value: ${goFormatFloat(found.value, 64)}), so fly cannot read the file: quote it for a text`,
  );
}

/** What a value is, in words, for an error that says what it should be instead. */
const kindOf = (v: unknown): string =>
  Array.isArray(v)
    ? "a list"
    : isObject(v)
      ? "a map"
      : typeof v === "string"
        ? "a string"
        : typeof v === "number"
          ? `the number ${goFormatFloat(v, 64)}`
          : String(v);

/** A key or target name as a message shows it: control characters escaped, cut when long. */
const shownName = (name: string): string => printable(cutToken(name));

/**
 * The keys of a mapping in the order encoding/json reads them (json.Marshal sorts a map's keys by their bytes), each
 * with the field it sets: the field of that name, else of that name in another case (encoding/json's fold, where
 * the Kelvin sign is a `k` and the long s an `s`), else none.
 */
function fieldsOf<F extends string>(
  mapping: Record<string, unknown>,
  fields: readonly F[],
): { readonly key: string; readonly field: F | undefined }[] {
  return Object.keys(mapping)
    .sort(byUtf8)
    .map((key) => ({ key, field: fields.find((f) => f === key) ?? fields.find((f) => folds(key, f)) }));
}

/** Whether `key` is the ASCII field name `field` in another case, as Go's `bytes.EqualFold` compares them. */
function folds(key: string, field: string): boolean {
  const chars = [...key];
  return (
    chars.length === field.length &&
    chars.every((c, i) => (c.charCodeAt(0) < 0x80 ? c.toLowerCase() : FOLDS_TO[c]) === field[i])
  );
}

/** The non-ASCII letters in the simple case folding of an ASCII letter: KELVIN SIGN and LATIN SMALL LETTER LONG S. */
const FOLDS_TO: Readonly<Record<string, string>> = { "\u212a": "k", "\u017f": "s" };

/** Strings in the order of their UTF-8 bytes (that of their code points; UTF-16 order differs past U+FFFF). */
function byUtf8(a: string, b: string): number {
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(j) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}
