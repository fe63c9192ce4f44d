import jsyaml from "js-yaml";
import { longMergeLists } from "./go-yaml-merge.ts";
import { goYamlInteger, goYamlNumber } from "./go-yaml-numbers.ts";

/**
 * The YAML 1.1 schema as go-yaml v2 resolves plain scalars (Concourse decodes pipelines with it, through
 * sigs.k8s.io/yaml): YAML 1.1 booleans (`yes`, `on`, `Off`, ...) and nulls, numbers as Go's `strconv.ParseInt` /
 * `ParseFloat` read them (base prefixes `0x`, `0o`, `0b`, a leading `0` for octal, `_` ignored; no sexagesimal
 * `1:20`; a float out of float64's range, such as `1e400`, stays a string), `.inf` and `.nan`, merge keys, and
 * timestamps kept as strings. Explicit tags give plain values: `!!binary` is the text it encodes, `!!set` a map,
 * `!!omap`/`!!pairs` lists, and a local tag (`!foo`) leaves the node as it is.
 */
export const GO_YAML_SCHEMA: jsyaml.Schema = buildSchema();

/** Nesting deeper than this is refused (js-yaml's reader is recursive); steps nest two levels each. */
export const MAX_YAML_DEPTH = 1000;

/** How many keys merges may copy in all: twice the text's length, at least 100,000 (linear in the input). */
export const mergeBudget = (text: string): number => Math.max(100_000, 2 * text.length);

/** js-yaml's load options for reading as go-yaml does, within hangar's bounds. */
export function goYamlLoadOptions(
  text: string,
  extra: { readonly json?: boolean; readonly listener?: (event: "open" | "close", state: never) => void },
): jsyaml.LoadOptions {
  // maxDepth and maxTotalMergeKeys are js-yaml 4.3 options its type declarations do not list yet
  const options = { schema: GO_YAML_SCHEMA, maxDepth: MAX_YAML_DEPTH, maxTotalMergeKeys: mergeBudget(text), ...extra };
  // a merge key's list of more than 100 sources, which js-yaml refuses and go-yaml reads (only a text with `<<` has one)
  if (!text.includes("<<")) return options as jsyaml.LoadOptions;
  const long = longMergeLists(text);
  const listener = (event: "open" | "close", state: never): void => {
    extra.listener?.(event, state);
    long(event, state);
  };
  return { ...options, listener } as jsyaml.LoadOptions;
}

const NULLS: ReadonlySet<string> = new Set(["", "~", "null", "Null", "NULL"]);
/** The plain scalars go-yaml v2 reads as `true`, and as `false`: YAML 1.1's booleans. */
export const TRUES: ReadonlySet<string> = new Set([
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
  "true",
  "True",
  "TRUE",
  "on",
  "On",
  "ON",
]);
export const FALSES: ReadonlySet<string> = new Set([
  "n",
  "N",
  "no",
  "No",
  "NO",
  "false",
  "False",
  "FALSE",
  "off",
  "Off",
  "OFF",
]);
/** The letters (lower case) a null or bool can start with: `null`, `yes`/`y`, `no`/`n`/`on`/`off`, `true`, `false`. */
const RESOLVING_LETTERS: ReadonlySet<number> = new Set([..."nyotf"].map((l) => l.charCodeAt(0)));
const INF = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;

/**
 * A plain scalar's value as the schema's implicit types resolve it, in their order (null, bool, number, merge key);
 * the merge key is returned as its text `<<`, anything else unresolved is the string itself.
 */
export function plainScalarValue(data: string): unknown {
  // most scalars (names, keys) start with a letter no null, bool or number starts with: no lookup needed
  const c = data.charCodeAt(0);
  if (((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) && !RESOLVING_LETTERS.has(c | 0x20)) return data;
  if (NULLS.has(data)) return null;
  if (TRUES.has(data)) return true;
  if (FALSES.has(data)) return false;
  const n = numberOf(data);
  return n === undefined ? data : n;
}

/** A plain scalar go-yaml reads as a number (the first character rules out most scalars cheaply). */
function numberOf(data: string): number | undefined {
  const c = data.charCodeAt(0);
  const numberLike = (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e;
  if (!numberLike) return undefined;
  if (c === 0x2e || data.length > 1) {
    if (INF.test(data)) return data.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    if (NAN.test(data)) return Number.NaN;
  }
  const n = goYamlNumber(data);
  return typeof n === "number" ? n : undefined;
}

function buildSchema(): jsyaml.Schema {
  const { Type } = jsyaml;
  const nullType = new Type("tag:yaml.org,2002:null", {
    kind: "scalar",
    resolve: (data: string | null) => data === null || NULLS.has(data),
    construct: () => null,
  });
  const boolType = new Type("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: (data: string | null) => data !== null && (TRUES.has(data) || FALSES.has(data)),
    construct: (data: string) => TRUES.has(data),
  });
  const number = (tag: string) =>
    new Type(tag, {
      kind: "scalar",
      resolve: (data: string | null) => data !== null && numberOf(data) !== undefined,
      construct: (data: string) => numberOf(data),
    });
  // a scalar tagged !!int, !!float or !!timestamp is one go-yaml resolves so (v2 and v3 alike; else its "cannot decode
  // !!float `1.5` as a !!int"); a !!float may be an int
  const explicit = (kind: string, also?: string) =>
    new Type(`tag:yaml.org,2002:${kind}`, {
      kind: "scalar",
      resolve: (data: string | null) => {
        const resolved = goYamlV3Tag(data ?? "");
        return resolved === `!!${kind}` || resolved === also;
      },
      construct: (data: string) => (kind === "timestamp" ? data : plainScalarValue(data)),
    });
  const mergeType = new Type("tag:yaml.org,2002:merge", {
    kind: "scalar",
    resolve: (data: string | null) => data === "<<",
  });
  // go-yaml decodes `!!binary` to the bytes it encodes, which sigs.k8s.io/yaml then passes on as a string; base64 as
  // Go's StdEncoding reads it (line breaks skipped, padding required), else go-yaml's error (see BINARY_UNRESOLVED)
  const binaryType = new Type("tag:yaml.org,2002:binary", {
    kind: "scalar",
    resolve: (data: string | null) => data !== null && GO_BASE64.test(data.replace(/[\r\n]/g, "")),
    construct: (data: string) => Buffer.from(data.replace(/[\r\n]/g, ""), "base64").toString("utf8"),
  });
  const asIs = (tag: string, kind: "scalar" | "sequence" | "mapping", multi = false) =>
    new Type(tag, { kind, multi, resolve: () => true, construct: (data: unknown) => data });
  // `!!` alone names no tag: go-yaml's "did not find expected tag URI"
  const anyOther = (kind: "scalar" | "sequence" | "mapping") =>
    new Type("", {
      kind,
      multi: true,
      resolve: (_: unknown, tag?: string) => tag !== STANDARD_TAG,
      construct: (data: unknown) => data,
    });
  return jsyaml.FAILSAFE_SCHEMA.extend({
    implicit: [nullType, boolType, number("tag:yaml.org,2002:int"), mergeType],
    explicit: [
      explicit("int"),
      explicit("float", "!!int"),
      explicit("timestamp"),
      binaryType,
      asIs("tag:yaml.org,2002:set", "mapping"),
      asIs("tag:yaml.org,2002:omap", "sequence"),
      asIs("tag:yaml.org,2002:pairs", "sequence"),
      // local tags (`!foo`): go-yaml and sigs.k8s.io/yaml keep the node's plain value
      asIs("!", "scalar", true),
      asIs("!", "sequence", true),
      asIs("!", "mapping", true),
      // any other tag (`!!foo`, one a `%TAG` directive names, a standard tag on a node of another kind: `!!str [1]`):
      // go-yaml keeps the node's plain value too (a scalar's text as a string)
      anyOther("scalar"),
      anyOther("sequence"),
      anyOther("mapping"),
    ],
  });
}

/** The prefix of YAML's standard tags (`!!`). */
const STANDARD_TAG = "tag:yaml.org,2002:";

/** Padded base64, as Go's `base64.StdEncoding` decodes it once line breaks are left out. */
const GO_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** js-yaml's error for a `!!binary` scalar the schema does not resolve: one that is not base64. */
export const BINARY_UNRESOLVED = "cannot resolve a node with !<tag:yaml.org,2002:binary> explicit tag";

/** YAML 1.2's booleans, the only ones go-yaml v3 reads. */
const V3_BOOLS: ReadonlySet<string> = new Set(["true", "True", "TRUE", "false", "False", "FALSE"]);

/** The forms go-yaml's `parseTimestamp` reads (`2006-1-2`, with a time, with `T` and a zone). */
const TIMESTAMP =
  /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]\d\d?:\d\d?:\d\d?(?:\.\d+)?(?:Z|[-+]\d\d:\d\d))|(?: \d\d?:\d\d?:\d\d?(?:\.\d+)?))?$/;

/**
 * The tag go-yaml v3 (fly's first read of a file) resolves a plain scalar to (resolve.go `resolve`): YAML 1.2's
 * booleans only (`yes` is a string there), nulls, `.inf` and `.nan`, timestamps, ints and floats as v2 reads them.
 */
export function goYamlV3Tag(text: string): string {
  if (V3_BOOLS.has(text)) return "!!bool";
  if (NULLS.has(text)) return "!!null";
  if (text === "<<") return "!!merge";
  if (INF.test(text) || NAN.test(text)) return "!!float";
  const c = text.charCodeAt(0);
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e)) return "!!str";
  if (TIMESTAMP.test(text)) return "!!timestamp";
  const n = goYamlNumber(text);
  if (typeof n === "string") return "!!str";
  // ParseInt, then ParseUint (exactly: 2^64 - 1 is an int): an integer beyond 64 bits is read as a float
  return goYamlInteger(text) !== undefined ? "!!int" : "!!float";
}
