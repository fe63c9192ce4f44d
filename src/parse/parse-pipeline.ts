import { LineCounter, parseDocument, type YAMLError } from "yaml";
import type { Pipeline } from "../model/pipeline.ts";
import type { Diagnostic, Path, SourceLoc } from "../validate/diagnostic.ts";
import { jsonLocator, type Locator, lineIndex, yamlLocator } from "../validate/locate.ts";
import { checkShape } from "./check-shape.ts";

/** The input formats the parser reads. `auto` picks JSON when the text starts with `{` or `[`. */
export type InputFormat = "yaml" | "json" | "auto";

export interface ParseOptions {
  /** The file name put in every diagnostic's location. */
  readonly file?: string;
  /** Default `auto`. */
  readonly format?: InputFormat;
  /** Larger inputs are refused with a diagnostic. Default 64 MiB. */
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

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads a pipeline from YAML (as Concourse does: YAML 1.1, duplicate keys are errors) or JSON text, and
 * checks that every value has the type Concourse expects. Never throws: every problem is a diagnostic.
 */
export function parsePipeline(text: string, options: ParseOptions = {}): ParsedPipeline {
  const { file } = options;
  const fail = (ruleId: string, message: string, loc?: SourceLoc): ParsedPipeline => ({
    pipeline: undefined,
    wellFormed: false,
    diagnostics: [diag(ruleId, message, [], withFile(file, loc ?? { line: 1, col: 1 }))],
    locate: () => withFile(file, { line: 1, col: 1 }),
  });

  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes) {
    return fail("input/too-large", `pipeline is ${text.length} characters; the limit is ${maxBytes}`);
  }
  const binary = firstControlCharacter(text);
  if (binary !== -1) {
    const pos = lineIndex(text)(binary);
    const code = text.charCodeAt(binary).toString(16).padStart(4, "0");
    return fail("input/binary", `not a text file: control character U+${code.toUpperCase()}`, pos);
  }

  const format = options.format === "json" || options.format === "yaml" ? options.format : detectFormat(text);
  return format === "json" ? parseJson(text, file, options) : parseYaml(text, file, options);
}

function parseJson(text: string, file: string | undefined, options: ParseOptions): ParsedPipeline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse's message has no stable position format; YAML (a superset) reports JSON syntax errors with one.
    const yaml = parseYaml(text, file, options);
    if (yaml.diagnostics.some((d) => d.severity === "error")) return yaml;
    const message = error instanceof Error ? error.message : String(error);
    return {
      pipeline: undefined,
      wellFormed: false,
      diagnostics: [diag("json/syntax", message, [], withFile(file, { line: 1, col: 1 }))],
      locate: yaml.locate,
    };
  }
  let locator: Locator | undefined;
  const locate: Locator = (path) => {
    locator ??= jsonLocator(text, file);
    return locator(path);
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
    customTags: (tags) => tags.filter((t) => !(typeof t === "object" && t.tag === "tag:yaml.org,2002:timestamp")),
  });
  let locator: Locator | undefined;
  const locate: Locator = (path) => {
    locator ??= yamlLocator(doc, lineCounter, file);
    return locator(path);
  };
  const posOf = (error: YAMLError): SourceLoc => {
    const start = lineCounter.linePos(error.pos[0]);
    const end = lineCounter.linePos(error.pos[1]);
    return withFile(file, { line: start.line, col: start.col, endLine: end.line, endCol: end.col });
  };
  const errors = doc.errors.map((e) => diag(YAML_RULE(e.code), e.message, [], posOf(e)));
  if (errors.length > 0) return { pipeline: undefined, wellFormed: false, diagnostics: errors, locate };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? 10_000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const ruleId = /alias/i.test(message) ? YAML_RULE("RESOURCE_EXHAUSTION") : YAML_RULE("IMPOSSIBLE");
    return { pipeline: undefined, wellFormed: false, diagnostics: [diag(ruleId, message, [], locate([]))], locate };
  }
  return finish(value, [], locate);
}

function finish(value: unknown, early: Diagnostic[], locate: Locator): ParsedPipeline {
  const shape = checkShape(value);
  const diagnostics = [...early, ...shape.diagnostics].map((d) => {
    const loc = d.loc ?? locate(d.path);
    return loc === undefined ? d : { ...d, loc };
  });
  return {
    pipeline: shape.isMapping ? (value as Pipeline) : undefined,
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
