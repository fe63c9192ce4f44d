import { type Document, isMap, isScalar, LineCounter, parseDocument, type Tags, visit, type YAMLError } from "yaml";
import type { Pipeline } from "../model/pipeline.ts";
import { compareByLocation, type Diagnostic, type Path, type SourceLoc } from "../validate/diagnostic.ts";
import { jsonLocator, type Locator, lineIndex, yamlLocator } from "../validate/locate.ts";
import { checkShape } from "./check-shape.ts";

/** The input formats the parser reads. `auto` picks JSON when the text starts with `{` or `[`. */
export type InputFormat = "yaml" | "json" | "auto";

export interface ParseOptions {
  /** The file name put in every diagnostic's location. */
  readonly file?: string;
  /** Default `auto`. */
  readonly format?: InputFormat;
  /** Larger inputs are refused with a diagnostic. Default 32 Mi characters. */
  readonly maxBytes?: number;
  /** How many `*alias` expansions a YAML document may have. Default 10,000. */
  readonly maxAliasCount?: number;
}

export interface ParsedPipeline {
  /**
   * The pipeline, when the text held a mapping. Only has the model's shape when `wellFormed` is true;
   * otherwise it is the raw parsed value.
   */
  readonly pipeline: Pipeline | undefined;
  /** True when the text parsed and every value has the type Concourse expects, so rules may run on it. */
  readonly wellFormed: boolean;
  /** Parse and shape diagnostics, sorted, each with its location. */
  readonly diagnostics: Diagnostic[];
  /** Finds a path in the source text (built lazily, on first use). */
  readonly locate: Locator;
}

/** Every YAML error code, as hangar diagnostic ids (`yaml/DUPLICATE_KEY`). */
const YAML_RULE = (code: string) => `yaml/${code}`;

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Reads a pipeline from YAML (as Concourse does: YAML 1.1, duplicate keys are errors) or JSON text, and
 * checks that every value has the type Concourse expects. Never throws: every problem is a diagnostic.
 */
export function parsePipeline(text: string, options: ParseOptions = {}): ParsedPipeline {
  const { file } = options;
  const fail = (ruleId: string, message: string, loc?: SourceLoc): ParsedPipeline => ({
    pipeline: undefined,
    wellFormed: false,
    diagnostics: [{ ...diag(ruleId, message, [], withFile(file, loc ?? { line: 1, col: 1 })), parity: "hangar" }],
    locate: () => withFile(file, { line: 1, col: 1 }),
  });

  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes) {
    return fail("input/too-large", `pipeline is ${text.length} characters; the limit is ${maxBytes}`);
  }
  const format = options.format === "json" || options.format === "yaml" ? options.format : detectFormat(text);
  if (format === "json") {
    // Text that JSON.parse reads has no control character (JSON allows none but tab, LF and CR, and those only
    // as whitespace), so the scan for them is only needed when it does not.
    const value = tryJson(text);
    if (value !== NOT_JSON) return parseJson(value, text, file);
  }
  const binary = firstControlCharacter(text);
  if (binary !== -1) {
    const pos = lineIndex(text)(binary);
    const code = text.charCodeAt(binary).toString(16).padStart(4, "0");
    return fail("input/binary", `not a text file: control character U+${code.toUpperCase()}`, pos);
  }
  // Concourse reads JSON with its YAML parser, so text that is not strict JSON may still be a pipeline
  // (and YAML reports syntax errors with a position).
  return parseYaml(text, file, options);
}

const NOT_JSON: unique symbol = Symbol("not JSON");

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function parseJson(value: unknown, text: string, file: string | undefined): ParsedPipeline {
  let locator: Locator | undefined;
  const locate: Locator = (path, target) => {
    locator ??= jsonLocator(text, file);
    return locator(path, target);
  };
  return finish(value, [], locate);
}

function parseYaml(text: string, file: string | undefined, options: ParseOptions): ParsedPipeline {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: "1.1",
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    logLevel: "silent",
    customTags: goYamlTags,
  });
  let locator: Locator | undefined;
  const locate: Locator = (path, target) => {
    locator ??= yamlLocator(doc, lineCounter, file);
    return locator(path, target);
  };
  const posOf = (error: YAMLError): SourceLoc => {
    const start = lineCounter.linePos(error.pos[0]);
    const end = lineCounter.linePos(error.pos[1]);
    return withFile(file, { line: start.line, col: start.col, endLine: end.line, endCol: end.col });
  };
  const errors = doc.errors.map((e) =>
    e.code === "DUPLICATE_KEY" ? duplicateKey(doc, e, posOf(e), lineCounter) : yamlSyntax(e, posOf(e)),
  );
  // a document too deep for the YAML parser fails at many places at once: one diagnostic is enough
  const tooDeep = errors.find((d) => d.ruleId === "input/too-deep");
  if (tooDeep !== undefined) return { pipeline: undefined, wellFormed: false, diagnostics: [tooDeep], locate };
  if (errors.length > 0) return { pipeline: undefined, wellFormed: false, diagnostics: errors, locate };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? 10_000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const ruleId = error instanceof RangeError ? "input/too-deep" : YAML_RULE("RESOURCE_EXHAUSTION");
    const d = { ...diag(ruleId, message, [], withFile(file, { line: 1, col: 1 })), parity: "hangar" as const };
    return { pipeline: undefined, wellFormed: false, diagnostics: [d], locate };
  }
  return finish(value, [], locate);
}

const INT_TAG = "tag:yaml.org,2002:int";
const FLOAT_TAG = "tag:yaml.org,2002:float";
const TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp";
const BINARY_TAG = "tag:yaml.org,2002:binary";
/** YAML 1.1 collection tags go-yaml v2 does not give JS-specific values to (they read as plain maps and lists). */
const DROPPED_TAGS = new Set([
  BINARY_TAG,
  "tag:yaml.org,2002:set",
  "tag:yaml.org,2002:omap",
  "tag:yaml.org,2002:pairs",
]);

/**
 * The YAML 1.1 schema as go-yaml v2 resolves plain scalars (fly reads pipelines with it): the `yaml`
 * package's booleans, nulls and `.inf`/`.nan` are the same, but numbers follow Go's `strconv.ParseInt`
 * (base prefixes `0x`, `0o`, `0b`, a leading `0` for octal, `_` ignored) and go-yaml's float pattern, with
 * no sexagesimal `1:20`, and timestamps stay strings.
 */
function goYamlTags(tags: Tags): Tags {
  const kept = tags.filter((t) => {
    if (typeof t !== "object") return true;
    if (t.tag === TIMESTAMP_TAG || DROPPED_TAGS.has(t.tag)) return false;
    if (t.tag === INT_TAG) return false;
    if (t.tag === FLOAT_TAG) return t.test?.source.includes("inf") === true;
    return true;
  });
  return [
    ...kept,
    {
      // go-yaml decodes `!!binary` to the bytes it encodes, which sigs.k8s.io/yaml then passes on as a string
      tag: BINARY_TAG,
      identify: () => false,
      resolve: (text: string) => Buffer.from(text.replace(/\s+/g, ""), "base64").toString("utf8"),
    },
    {
      tag: INT_TAG,
      default: true,
      identify: () => false,
      test: /^[-+.0-9]/,
      resolve: goYamlNumber,
    },
  ];
}

/** go-yaml v2's reading of a plain scalar that starts like a number: an int, a float, or the string itself. */
export function goYamlNumber(text: string): number | string {
  const plain = text.replace(/_/g, "");
  const int = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))$/.exec(plain);
  if (int !== null) {
    const [, sign, hex, oct, bin, leadingZero, dec] = int;
    const n =
      hex !== undefined
        ? Number.parseInt(hex, 16)
        : oct !== undefined
          ? Number.parseInt(oct, 8)
          : bin !== undefined
            ? Number.parseInt(bin, 2)
            : leadingZero !== undefined
              ? Number.parseInt(leadingZero, 8)
              : Number(dec);
    return sign === "-" ? -n : n;
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return Number.parseFloat(plain);
  return text;
}

/** A YAML syntax error: the `yaml` package's message (go-yaml's differs), so not a Concourse-parity message. */
function yamlSyntax(error: YAMLError, loc: SourceLoc): Diagnostic {
  if (/call stack/i.test(error.message)) {
    return { ...diag("input/too-deep", "the document is nested too deeply to read", [], loc), parity: "hangar" };
  }
  return { ...diag(YAML_RULE(error.code), error.message, [], loc), parity: "hangar" };
}

/** A duplicate mapping key, in the words of go-yaml v3, which fly uses to check for them. */
function duplicateKey(doc: Document, error: YAMLError, loc: SourceLoc, lineCounter: LineCounter): Diagnostic {
  let key: string | undefined;
  let firstLine: number | undefined;
  visit(doc, {
    Map(_, node) {
      if (key !== undefined || !isMap(node)) return undefined;
      const index = node.items.findIndex((pair) => isScalar(pair.key) && pair.key.range?.[0] === error.pos[0]);
      if (index === -1) return undefined;
      const dup = node.items[index]?.key;
      if (!isScalar(dup)) return undefined;
      key = String(dup.value);
      const first = node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
      const start = isScalar(first?.key) ? first.key.range?.[0] : undefined;
      if (start !== undefined) firstLine = lineCounter.linePos(start).line;
      return visit.BREAK;
    },
  });
  if (key === undefined) return diag(YAML_RULE(error.code), error.message, [], loc);
  const message = `mapping key ${JSON.stringify(key)} already defined at line ${firstLine ?? loc.line}`;
  return {
    ...diag(YAML_RULE(error.code), message, [], loc),
    fly: `error parsing yaml before applying templates: yaml: unmarshal errors:\n  line ${loc.line}: ${message}`,
  };
}

function finish(value: unknown, early: Diagnostic[], locate: Locator): ParsedPipeline {
  const shape = checkShape(value);
  const diagnostics = [...early, ...shape.diagnostics]
    .map((d) => {
      const loc = d.loc ?? locate(d.path, d.ruleId.startsWith("unknown-field") ? "key" : "value");
      return loc === undefined ? d : { ...d, loc };
    })
    .sort(compareByLocation);
  return {
    pipeline: !shape.isMapping
      ? undefined
      : value === null || value === undefined
        ? ({} as Pipeline)
        : (value as Pipeline),
    wellFormed: shape.wellFormed,
    diagnostics,
    locate,
  };
}

function diag(ruleId: string, message: string, path: Path, loc: SourceLoc | undefined): Diagnostic {
  return { ruleId, severity: "error", parity: "concourse", message, path, ...(loc === undefined ? {} : { loc }) };
}

const withFile = (file: string | undefined, loc: SourceLoc): SourceLoc => (file === undefined ? loc : { file, ...loc });

function detectFormat(text: string): "json" | "yaml" {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    return c === 0x7b || c === 0x5b ? "json" : "yaml";
  }
  return "yaml";
}

/** The index of the first character no text file has (NUL and other C0 controls but tab, LF, CR), or -1. */
function firstControlCharacter(text: string): number {
  // A regex scan is linear and far faster than a JS loop on large inputs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.exec(text);
  return m === null ? -1 : m.index;
}
