import { goFormatFloat } from "../concourse/go-format.ts";
import { eitherNumbers, type GoNumbers } from "../concourse/go-number.ts";
import { firstRefusedCharacter, isAsciiWithoutDel } from "../concourse/go-yaml-characters.ts";
import { isObject, type Path } from "../model/common.ts";
import type { Pipeline } from "../model/pipeline.ts";
import type { TaskConfig } from "../model/task.ts";
import { compareByLocation, type Diagnostic, isAboutKey, type SourceLoc } from "../source/diagnostic.ts";
import { jsonLocator, type Locator, lineIndex } from "../source/locate.ts";
import { checkShape, checkTaskConfigShape, type ShapeResult } from "./check-shape.ts";
import { type DocumentKind, type ReadAs, type Reading, readingOf } from "./document-kind.ts";
import { goNumbersOf } from "./go-numbers.ts";
import { goYamlV2ErrorText } from "./go-yaml-errors.ts";
import { GO_YAML_MAX_DEPTH, jsonReading } from "./json-keys.ts";
import type { KnownMappings } from "./known-mappings.ts";
import { readYaml, type YamlProblem } from "./read-yaml.ts";
import { type DecodedBytes, decodeYamlBytes } from "./read-yaml-utf8.ts";
import { kindOf, rootNotMapping } from "./root-kind.ts";
import { interpolate, type TemplateVars, varProblemDiagnostic } from "./vars.ts";
import { BEFORE_TEMPLATES, findNonFinite, TO_JSON } from "./yaml-to-json.ts";
import { lazyNodeAt, lazyYamlTree, type YamlTree, yamlTreeLocator } from "./yaml-tree.ts";

/** The input formats the parser reads. `auto` picks JSON when the text starts with `{` or `[`. */
export type InputFormat = "yaml" | "json" | "auto";

export interface ParseOptions {
  /** The file name put in every diagnostic's location. */
  readonly file?: string | undefined;
  /** Default `auto`. */
  readonly format?: InputFormat | undefined;
  /** fly's template variables (`-v`, `-y`, `-i`, `-l`), put in place before the document is decoded. */
  readonly vars?: TemplateVars | undefined;
  /** Larger inputs are refused with a diagnostic. Default 32 Mi characters. */
  readonly maxBytes?: number | undefined;
  /**
   * What to read the text as: a pipeline (the default), a task config file (`task`: what a task step's `file:` names
   * and `fly execute -c` runs), or `auto`: a task config when it plainly is one (see document-kind.ts `readingOf`),
   * else a pipeline.
   */
  readonly as?: ReadAs | undefined;
}

export interface ParsedPipeline {
  /** What the text was read as: a pipeline, or a task config file (then `pipeline` is undefined). */
  readonly kind: DocumentKind;
  /**
   * The pipeline, when the text held a mapping. Only has the model's shape when `wellFormed` is true;
   * otherwise it is the raw parsed value.
   */
  readonly pipeline: Pipeline | undefined;
  /** The task config, when the text was read as one and held a mapping (its shape as for `pipeline`). */
  readonly taskConfig?: TaskConfig;
  /**
   * For a text `auto` read as a pipeline, the task config keys of its top level, when it has any (a reader may say
   * how the text was read, and how to read it as a task config).
   */
  readonly taskKeys?: readonly string[];
  /**
   * For a text `auto` read as a pipeline: it is plainly neither a pipeline nor a task config (another tool's file, see
   * document-kind.ts `isPlainlyNeither`); a reader that found it in a folder rather than being given it may pass it by.
   */
  readonly neither?: true;
  /** True when the text parsed and every value has the type Concourse expects, so rules may run on it. */
  readonly wellFormed: boolean;
  /** Parse and shape diagnostics, sorted, each with its location. */
  readonly diagnostics: Diagnostic[];
  /** Finds a path in the source text (built lazily, on first use). */
  readonly locate: Locator;
  /**
   * The entries of the pipeline's large mappings, as the reader saw them: passed on to `validate` (its
   * `knownMappings` option), they spare it walking a mapping of a million keys again (see known-mappings.ts). Only
   * when the pipeline is as read (the shape check converted nothing); not to be passed once it was changed.
   */
  readonly knownMappings?: KnownMappings;
  /**
   * How go-yaml read the text's whole numbers where JavaScript cannot tell (digits past 2^53, whole floats), by their
   * path in the text as written (aliases and merge keys followed, a merge key's source at `<<`), as the shape check
   * read them: a reader judging a part of the data by itself (`checkShape`) reads its numbers as the parser did.
   */
  readonly numbers?: GoNumbers;
  /**
   * When vars were given: the document as written, before they were put in place (`pipeline` is after), so that a
   * reader may tell a value a var gave from one the text holds.
   */
  readonly asWritten?: unknown;
}

/**
 * Whether go-yaml reads a JSON text otherwise than JSON.parse does: an escape it refuses (`\/`, which JSON allows, or a
 * `\u` naming a surrogate, which go-yaml refuses even in a pair), or a NEL, LS or PS in a string, line breaks to
 * go-yaml. Told by looking at each backslash (most texts have few) rather than testing go-yaml-escapes.ts's
 * `MAY_DIFFER` on the whole text, which took about 36 ms on 39 MB of JSON, where `indexOf` finds no backslash at once;
 * `ascii`: the text is ASCII, so it holds no such line break.
 */
function readOtherwiseAsYaml(text: string, ascii: boolean): boolean {
  for (let i = text.indexOf("\\"); i !== -1; i = text.indexOf("\\", i + 2)) {
    const next = text[i + 1];
    if (next === "/" || (next === "u" && /^[dD][89a-fA-F]/.test(text.slice(i + 2, i + 4)))) return true;
  }
  return !ascii && /[\u0085\u2028\u2029]/.test(text);
}

/** Every YAML error code, as hangar diagnostic ids (`yaml/DUPLICATE_KEY`). */
const YAML_RULE = (code: string) => `yaml/${code}`;

/** The size of the largest input read when {@link ParseOptions.maxBytes} is not given. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Reads a pipeline from YAML (as Concourse does: YAML 1.1, duplicate keys are errors) or JSON text, and
 * checks that every value has the type Concourse expects. Never throws: every problem is a diagnostic.
 * Given bytes (a file as read from disk), it decodes them as go-yaml does: bytes that are not valid UTF-8 are
 * go-yaml's error at the first bad byte.
 */
export function parsePipeline(input: string | Uint8Array, options: ParseOptions = {}): ParsedPipeline {
  // A string may start with a byte order mark (an editor's buffer, `readFileSync(f, "utf8")`); bytes are decoded
  // without it. The text after it is read, and its locations are given in the string as it came, BOM included.
  if (typeof input === "string" && input.startsWith(BOM)) return afterBom(parseInput(input.slice(1), options).parsed);
  return parseInput(input, options).parsed;
}

/** A pipeline text parsed by {@link parsePipelineText}. */
export interface ParsedText {
  readonly parsed: ParsedPipeline;
  /**
   * The position tree of the YAML read (of its first document), read when first asked and shared with
   * `parsed.locate`: undefined when the text was not read as YAML (JSON, a refused text), cannot be read, or starts
   * with a byte order mark (the tree's offsets would be those of the text after it).
   */
  readonly yamlTree: () => YamlTree | undefined;
}

/**
 * {@link parsePipeline} of a text, with the position tree its locator reads, for a reader that needs both (the
 * language server: its diagnostics and its editor features read one parse of each version of a document).
 */
export function parsePipelineText(text: string, options: ParseOptions = {}): ParsedText {
  if (text.startsWith(BOM)) return { parsed: parsePipeline(text, options), yamlTree: () => undefined };
  const { parsed, yamlTree } = parseInput(text, options);
  return { parsed, yamlTree: yamlTree ?? (() => undefined) };
}

/** A parse, and the YAML position tree its locator reads when the text was read as YAML. */
interface InputRead {
  readonly parsed: ParsedPipeline;
  readonly yamlTree?: () => YamlTree | undefined;
}

const BOM = "\uFEFF";

/** A reading of the text after a BOM, its locations on the first line one column on, past the BOM. */
function afterBom(parsed: ParsedPipeline): ParsedPipeline {
  const shift = (loc: SourceLoc): SourceLoc => ({
    ...loc,
    ...(loc.line === 1 ? { col: loc.col + 1 } : {}),
    ...(loc.endLine === 1 && loc.endCol !== undefined ? { endCol: loc.endCol + 1 } : {}),
  });
  return {
    ...parsed,
    diagnostics: parsed.diagnostics.map((d) => (d.loc === undefined ? d : { ...d, loc: shift(d.loc) })),
    locate: (path, target) => {
      const loc = parsed.locate(path, target);
      return loc === undefined ? undefined : shift(loc);
    },
  };
}

function parseInput(input: string | Uint8Array, options: ParseOptions): InputRead {
  const read = readInput(input, options);
  return read.parsed.kind === "task" ? { ...read, parsed: withExecuteWords(read.parsed) } : read;
}

/** The text fly's first read of a pipeline puts before go-yaml's errors (templatehelpers `Evaluate(true)`). */
const FIRST_READ = BEFORE_TEMPLATES.slice(0, -"yaml: ".length);

/**
 * A task config file's reading with fly's lines as `fly execute` words them: it reads the file without the first,
 * strict pass of go-yaml v3 that `fly validate-pipeline` makes (`Evaluate(false)`), so go-yaml's errors come bare.
 */
function withExecuteWords(parsed: ParsedPipeline): ParsedPipeline {
  const bare = (d: Diagnostic): Diagnostic =>
    d.fly?.startsWith(FIRST_READ) === true ? { ...d, fly: d.fly.slice(FIRST_READ.length) } : d;
  return parsed.diagnostics.some((d) => d.fly?.startsWith(FIRST_READ) === true)
    ? { ...parsed, diagnostics: parsed.diagnostics.map(bare) }
    : parsed;
}

function readInput(input: string | Uint8Array, options: ParseOptions): InputRead {
  const { file } = options;
  const as = options.as ?? "pipeline";
  // a text that cannot be read at all is of the kind asked for, or a pipeline (nothing in it says otherwise)
  const kind: DocumentKind = as === "task" ? "task" : "pipeline";
  const fail = (ruleId: string, message: string, loc?: SourceLoc, fly?: string): InputRead => ({
    parsed: {
      kind,
      pipeline: undefined,
      wellFormed: false,
      diagnostics: [
        {
          ...diag(ruleId, message, [], withFile(file, loc ?? { line: 1, col: 1 })),
          parity: "hangar",
          ...(fly !== undefined && { fly }),
        },
      ],
      locate: () => withFile(file, { line: 1, col: 1 }),
    },
  });

  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.length > maxBytes) {
    const unit = typeof input === "string" ? "characters" : "bytes";
    return fail("input/too-large", `pipeline is ${input.length} ${unit}; the limit is ${maxBytes}`);
  }
  let text: string;
  if (typeof input === "string") text = input;
  else {
    const decoded = decodeYamlBytes(input);
    if (!decoded.ok) return { parsed: invalidUtf8(decoded, file, kind) };
    text = decoded.text;
  }
  const format = options.format === "json" || options.format === "yaml" ? options.format : detectFormat(text);
  if (format === "json") {
    // Text that JSON.parse reads has no control character (JSON allows none but tab, LF and CR, and those only
    // as whitespace), so the scan for them is only needed when it does not.
    const value = tryJson(text);
    // JSON.parse keeps the last of a repeated key, where the YAML reader reports every repeat at its place, and makes
    // a number beyond float64's range Infinity, where go-yaml keeps it as a string: both are read as fly reads them
    const reading = value === NOT_JSON ? "yaml" : jsonReading(text, value);
    // JSON.parse refuses raw C0 controls; DEL, C1 controls, U+FFFE and U+FFFF go-yaml refuses too (below); an escape
    // or a line break go-yaml reads otherwise is read as YAML, which reads them as go-yaml does
    const ascii = isAsciiWithoutDel(text);
    if (reading === "json" && (ascii || firstRefusedCharacter(text) === -1) && !readOtherwiseAsYaml(text, ascii))
      return { parsed: parseJson(value, text, { file, vars: options.vars, as }) };
    if (typeof reading === "object") {
      // go-yaml's error, at the bracket past its limit; its line as go-yaml v3 prints it (none on the first line)
      const loc = lineIndex(text)(reading.tooDeep);
      const message = `exceeded max depth of ${GO_YAML_MAX_DEPTH}`;
      return fail(
        "input/too-deep",
        message,
        loc,
        `${BEFORE_TEMPLATES}${loc.line > 1 ? `line ${loc.line}: ` : ""}${message}`,
      );
    }
  }
  const binary = firstRefusedCharacter(text);
  if (binary !== -1) {
    const pos = lineIndex(text)(binary);
    const code = text.charCodeAt(binary);
    const what = code >= 0xfffe ? "non-character" : "control character";
    // go-yaml's reader refuses the character before it reads a token, so its error has no line
    const fly = `${BEFORE_TEMPLATES}control characters are not allowed`;
    return fail(
      "input/binary",
      `not a text file: ${what} U+${code.toString(16).padStart(4, "0").toUpperCase()}`,
      pos,
      fly,
    );
  }
  // Concourse reads JSON with its YAML parser, so text that is not strict JSON may still be a pipeline
  // (and YAML reports syntax errors with a position).
  return parseYaml(text, { file, vars: options.vars, as });
}

/** What the readers below are given besides the text. */
interface ReadContext {
  readonly file: string | undefined;
  readonly vars: TemplateVars | undefined;
  readonly as: ReadAs;
}

/** How a document is read: as asked, or, for `auto`, by what it holds. */
const readingFor = (as: ReadAs, value: unknown): Reading =>
  as === "auto" ? readingOf(value) : { kind: as, taskKeys: [] };

const NOT_JSON: unique symbol = Symbol("not JSON");

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function parseJson(value: unknown, text: string, { file, vars, as }: ReadContext): ParsedPipeline {
  let locator: Locator | undefined;
  const locate: Locator = (path, target) => {
    locator ??= jsonLocator(text, file);
    return locator(path, target);
  };
  // fly reads JSON as YAML: its integers past 2^53 are read back from the YAML reading of the text
  const tree = lazyYamlTree(text);
  const numbers = goNumbersOf((path) => lazyNodeAt(tree, text, path), text);
  const reading = readingFor(as, value);
  return (
    (reading.kind === "pipeline" ? notMapping(value, text, locate, reading) : undefined) ??
    finish(value, locate, vars, reading, { numbers })
  );
}

function parseYaml(text: string, { file, vars, as }: ReadContext): InputRead {
  // a task config file is read by sigs.k8s.io/yaml alone: a key it rejects is an error whatever the root
  let read = readYaml(text, { standalone: as === "task" });
  let repeated: readonly YamlProblem[] = [];
  if (!read.ok && as !== "pipeline" && read.problems.length > 0 && read.problems.every(isRepeatedKey)) {
    // Concourse reads a task config file with go-yaml v2 alone, where a repeated key is no error: the last one wins
    const again = readYaml(text, { standalone: as === "task", repeatsAllowed: true });
    if (again.ok && readingFor(as, again.value).kind === "task") {
      repeated = read.problems;
      read = again;
    }
  }
  // only the first document is read (as by go-yaml), and located: the others are not YAML the locator need read
  const end = read.ok ? read.firstDocumentEnd : undefined;
  const located = end === undefined ? text : text.slice(0, end);
  // the collections the reader took need not be found again when a finding is first located (a block mapping of
  // 1,000,000 keys: about 1 s)
  const yamlTree = lazyYamlTree(located, read.ok ? read.regions : undefined, as === "task");
  const locate = yamlTreeLocator(yamlTree, located, file);
  if (read.ok) {
    const numbers = goNumbersOf((path) => lazyNodeAt(yamlTree, located, path), located);
    const reading = readingFor(as, read.value);
    const parsed =
      (reading.kind === "pipeline" ? notMapping(read.value, located, locate, reading) : undefined) ??
      finish(read.value, locate, vars, reading, { ...read, numbers });
    const notes = repeated.map((p) => repeatedKey(p, withFile(file, lineIndex(text)(p.offset))));
    if (end !== undefined) notes.push(moreDocuments(text, end, file));
    if (notes.length === 0) return { parsed, yamlTree };
    return { parsed: { ...parsed, diagnostics: [...parsed.diagnostics, ...notes].sort(compareByLocation) }, yamlTree };
  }
  const at = lineIndex(text);
  const diagnostics = read.problems.map((problem) => {
    const start = at(problem.offset);
    const loc = withFile(file, { line: start.line, col: start.col });
    // fly execute reads a task config file with go-yaml v2 alone (vars/template.go), which gives its own line
    const v2 =
      as === "task" && problem.goYaml !== undefined
        ? { ...problem, fly: goYamlV2ErrorText(text, problem.goYaml) }
        : problem;
    return problemDiagnostic(v2, loc);
  });
  const kind: DocumentKind = as === "task" ? "task" : "pipeline";
  return { parsed: { kind, pipeline: undefined, wellFormed: false, diagnostics, locate }, yamlTree };
}

const isRepeatedKey = (problem: YamlProblem): boolean => problem.kind === "duplicate-key";

/** A key repeated in a task config file: hangar's warning, where Concourse silently reads the last one. */
function repeatedKey(problem: YamlProblem, loc: SourceLoc): Diagnostic {
  const message = `${problem.message}: Concourse reads a task config file with the last one`;
  return { ...diag(YAML_RULE("DUPLICATE_KEY"), message, [], loc), severity: "warning", parity: "hangar" };
}

/** The documents after the first, which fly never reads, from `end` on. */
function moreDocuments(text: string, end: number, file: string | undefined): Diagnostic {
  const start = lineIndex(text)(end);
  return {
    ...diag(
      "yaml/more-documents",
      "the file holds more than one document: fly reads the first one only, and so does hangar",
      [],
      withFile(file, { line: start.line, col: start.col }),
    ),
    severity: "warning",
    parity: "hangar",
  };
}

/**
 * A document that is neither a mapping nor empty: fly's first read (go-yaml v3, into a `map[string]any`) fails on it,
 * before vars are put in place, in its words (root-kind.ts); undefined for a mapping or an empty document.
 */
function notMapping(value: unknown, text: string, locate: Locator, reading: Reading): ParsedPipeline | undefined {
  if (value === null || value === undefined || isObject(value)) return undefined;
  const { message, fly } = rootNotMapping(value, text);
  const diagnostic: Diagnostic = { ...diag("type-mismatch", message, [], locate([])), fly };
  return {
    kind: "pipeline",
    pipeline: undefined,
    wellFormed: false,
    diagnostics: [diagnostic],
    locate,
    ...(reading.neither === true && { neither: true }),
  };
}

/** A reason the YAML cannot be read, as a diagnostic: go-yaml's words where fly reports it, the reader's otherwise. */
/** Bytes go-yaml cannot read as UTF-8: its words, at the first bad byte (line and column in characters). */
function invalidUtf8(
  decoded: Extract<DecodedBytes, { ok: false }>,
  file: string | undefined,
  kind: DocumentKind,
): ParsedPipeline {
  const loc = withFile(file, lineIndex(decoded.before)(decoded.before.length));
  const diagnostic: Diagnostic = {
    ...diag(YAML_RULE("INVALID_UTF8"), `${decoded.problem} (at byte ${decoded.byteOffset})`, [], loc),
    fly: `error parsing yaml before applying templates: yaml: ${decoded.problem}`,
  };
  return { kind, pipeline: undefined, wellFormed: false, diagnostics: [diagnostic], locate: () => loc };
}

function problemDiagnostic(problem: YamlProblem, loc: SourceLoc): Diagnostic {
  switch (problem.kind) {
    case "duplicate-key":
      return {
        ...diag(YAML_RULE("DUPLICATE_KEY"), problem.message, [], loc),
        fly: `${BEFORE_TEMPLATES}unmarshal errors:\n  line ${loc.line}: ${problem.message}`,
      };
    case "excessive-aliasing":
      return {
        ...diag(YAML_RULE("EXCESSIVE_ALIASING"), problem.message, [], loc),
        fly: `${BEFORE_TEMPLATES}${problem.message}`,
      };
    case "recursive-alias":
      return {
        ...diag(YAML_RULE("RECURSIVE_ALIAS"), problem.message, [], loc),
        fly: `${BEFORE_TEMPLATES}${problem.message}`,
      };
    case "too-deep":
      return { ...diag("input/too-deep", problem.message, [], loc), parity: "hangar" };
    case "syntax":
      return {
        ...diag(YAML_RULE("SYNTAX"), problem.message, [], loc),
        parity: "hangar",
        fly: problem.fly ?? syntaxFly(problem, loc),
      };
    case "null-key":
      return { ...diag(YAML_RULE("NULL_KEY"), problem.message, [], loc), fly: problem.fly ?? problem.message };
    case "uint64-key":
      return { ...diag(YAML_RULE("UINT64_KEY"), problem.message, [], loc), fly: problem.fly ?? problem.message };
    case "complex-key":
      return { ...diag(YAML_RULE("COMPLEX_KEY"), problem.message, [], loc), fly: problem.fly ?? problem.message };
  }
}

/**
 * The line fly prints for a YAML syntax error the reader did not word as go-yaml (go-yaml-errors.ts words those it can
 * tell, at go-yaml's line): go-yaml's own words for the errors whose text does not depend on its parser's state, else
 * go-yaml's form (`line N: ...`) with the reader's words, at the reader's line (go-yaml's may differ).
 */
function syntaxFly(problem: YamlProblem, loc: SourceLoc): string {
  const alias = /^unidentified alias "(.*)"$/.exec(problem.message);
  if (alias !== null) return `${BEFORE_TEMPLATES}unknown anchor '${alias[1]}' referenced`;
  // go-yaml's decoder gives no line
  if (problem.message.startsWith("cannot decode ")) return `${BEFORE_TEMPLATES}${problem.message}`;
  if (problem.message.startsWith("cannot merge mappings")) {
    return `${BEFORE_TEMPLATES}map merge requires map or sequence of maps as the value`;
  }
  return `${BEFORE_TEMPLATES}line ${loc.line}: ${problem.message}`;
}

/** What the YAML reader knows of the value it read, beyond the value (see read-yaml.ts `YamlRead`). */
interface ReaderNotes {
  readonly known?: KnownMappings;
  readonly nonFinite?: true;
  /** How go-yaml read the text's whole numbers, where JavaScript cannot tell (see go-numbers.ts). */
  readonly numbers?: GoNumbers;
}

function finish(
  read: unknown,
  locate: Locator,
  vars: TemplateVars | undefined,
  reading: Reading,
  notes: ReaderNotes = {},
): ParsedPipeline {
  const { known } = notes;
  const { kind } = reading;
  // fly interpolates the decoded document before it decodes it into a pipeline; a var that cannot be put in
  // place fails the whole file
  const interpolated =
    vars === undefined ? { value: read, problems: [], numbers: undefined } : interpolate(read, vars, notes.numbers);
  if (interpolated.problems.length > 0) {
    const diagnostics = interpolated.problems.map((p) =>
      varProblemDiagnostic(p, locate(p.path, p.onKey === true ? "key" : "value")),
    );
    return { kind, pipeline: undefined, wellFormed: false, diagnostics: diagnostics.sort(compareByLocation), locate };
  }
  // interpolation copies every mapping, so a copy has no known keys (a record is found by the object itself)
  // a number a var put in place is as fly holds it; the others as the text has them
  const numbers = eitherNumbers(interpolated.numbers, notes.numbers);
  const shape: ShapeResult = (kind === "task" ? checkTaskConfigShape : checkShape)(interpolated.value, known, numbers);
  // after the shape check, which turns a float given for a string into the string sigs.k8s.io/yaml makes of it
  const value = shape.value;
  const unsupported = notes.nonFinite === true && shape.isMapping ? unsupportedValues(value, locate) : [];
  // a task config file that is not a mapping: hangar's words for it (its fly line has Go's)
  const found =
    kind === "task" && !shape.isMapping
      ? shape.diagnostics.map((d) => (d.path.length === 0 ? { ...d, message: taskNotMapping(value) } : d))
      : shape.diagnostics;
  const diagnostics = found
    .map((d) => {
      const loc = d.loc ?? locate(d.path, isAboutKey(d) ? "key" : "value");
      return loc === undefined ? d : { ...d, loc };
    })
    .concat(unsupported)
    .sort(compareByLocation);
  // an empty document is an empty mapping to Go's decoder
  const mapping = !shape.isMapping ? undefined : value === null || value === undefined ? {} : value;
  return {
    kind,
    pipeline: kind === "pipeline" ? (mapping as Pipeline | undefined) : undefined,
    ...(kind === "task" && mapping !== undefined && { taskConfig: mapping as TaskConfig }),
    ...(reading.taskKeys.length > 0 && { taskKeys: reading.taskKeys }),
    ...(reading.neither === true && { neither: true }),
    wellFormed: shape.wellFormed && unsupported.length === 0,
    diagnostics,
    locate,
    // the records describe the values as read: of no use to the rules once the shape check converted any
    ...(known !== undefined && shape.unchanged && { knownMappings: known }),
    ...(numbers !== undefined && { numbers }),
    ...(vars !== undefined && { asWritten: read }),
  };
}

const taskNotMapping = (value: unknown): string =>
  `a task config is a mapping of its keys (platform, run, ...), not ${kindOf(value)}`;

/**
 * The floats JSON cannot hold (`.inf`, `-.inf`, `.nan`) left in the document: sigs.k8s.io/yaml's `json.Marshal` of
 * the converted document fails on the first (`yamlToJSONTarget`), before any field is decoded.
 */
function unsupportedValues(value: unknown, locate: Locator): Diagnostic[] {
  return findNonFinite(value).map(({ path, value: n }) => {
    const go = `json: unsupported value: ${goFormatFloat(n, 64)}`;
    const hint = " (YAML reads .inf, -.inf and .nan as floats, which JSON cannot hold: quote the value for a string)";
    return { ...diag(YAML_RULE("UNSUPPORTED_VALUE"), go + hint, path, locate(path)), fly: `${TO_JSON}${go}` };
  });
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
