import jsyaml from "js-yaml";
import { withEmptyEntries } from "./bare-entries.ts";
import { anchorNameMessage, MAY_END_NAME, nameWatch, type RefusedName, withNameEnds } from "./go-yaml-anchors.ts";
import { type GoYamlError, goYamlSyntaxError, goYamlV3ErrorText, type ReaderPlace } from "./go-yaml-errors.ts";
import {
  GO_YAML_ONLY_BREAK,
  goYamlEscapes,
  JS_YAML_ESCAPE_ERRORS,
  MAY_DIFFER,
  withEdits,
  withLineBreaksAsLineFeeds,
} from "./go-yaml-escapes.ts";
import { isMergeKeyNode, mergeWatch } from "./go-yaml-merge.ts";
import {
  BINARY_UNRESOLVED,
  GO_YAML_SCHEMA,
  goYamlLoadOptions,
  goYamlV3Tag,
  MAX_YAML_DEPTH,
  mergeBudget,
} from "./go-yaml-schema.ts";
import { refusedTab } from "./go-yaml-tabs.ts";
import type { KnownMappings } from "./known-mappings.ts";
import {
  FLOW_FAST_PATH_MIN,
  type FlowRegion,
  findFlowRegions,
  placeholder,
  putBack,
  withPlaceholders,
} from "./read-yaml-flow.ts";
import { BEFORE_TEMPLATES, contentStart, type ListenerState, nodeWatch } from "./yaml-to-json.ts";
import { bareEntriesMisread, buildYamlTree, findDuplicateKeys, type YamlNode } from "./yaml-tree.ts";

/**
 * Reads one YAML document as Concourse does, with bounds that hold for any input:
 *
 * - scalars resolve as go-yaml v2 does ({@link GO_YAML_SCHEMA});
 * - a key repeated in one mapping, the merge key `<<` included, is an error, as go-yaml v3 (fly's first read of
 *   every file) reports it: every repeat, at its line, naming the first one's line;
 * - aliases are counted per document with go-yaml's own rule (the share of decoded nodes that come from alias
 *   expansion, 99% up to 400,000 nodes, falling to 10% at 4,000,000), so a document expands to at most a bounded
 *   multiple of its size; aliases are shared, not copied, so memory stays proportional to the input;
 * - merges copy at most {@link mergeBudget} keys in all (quadratic merging is cut off);
 * - nesting is limited to {@link MAX_YAML_DEPTH} levels;
 * - merge keys give go-yaml v2's values (go-yaml-merge.ts);
 * - keys and values are watched for what fly's readers make of them (yaml-to-json.ts): a null key, or a list or
 *   mapping as a key, is an error in fly's words; float keys are named as sigs.k8s.io/yaml names them; a float JSON
 *   cannot hold (`.inf`, `.nan`) is noted (`nonFinite`).
 *
 * The reader is js-yaml (a plain load runs at about the speed of `JSON.parse` on the same data, where the `yaml`
 * package's document model costs ten times more), but for large flow collections and block lists or mappings of
 * scalars, which read-yaml-flow.ts reads faster; positions are read only when a finding needs one
 * ({@link buildYamlTree}).
 * Never throws.
 */
export function readYaml(text: string, options: ReadYamlOptions = {}): YamlRead {
  const lines = withLineBreaksAsLineFeeds(text);
  const read = withTabsRefused(lines, readWhole(lines, options));
  if (read.ok || !read.problems.some((p) => p.goYaml !== undefined)) return read;
  // fly's line for a go-yaml error, at its place in the text as written
  const withFly = (p: YamlProblem): YamlProblem =>
    p.goYaml === undefined ? p : { ...p, fly: `${BEFORE_TEMPLATES}${goYamlV3ErrorText(text, p.goYaml)}` };
  return { ok: false, problems: read.problems.map(withFly) };
}

/** Problems found after go-yaml's scanner has read the whole document (it stops at a tab it refuses first). */
const DECODED: ReadonlySet<YamlProblem["kind"]> = new Set(["duplicate-key", "null-key", "uint64-key", "complex-key"]);

/**
 * The read, or go-yaml's error for a tab it refuses (go-yaml-tabs.ts), at the tab: where js-yaml read the document (in
 * place of any problem found in the decoded document), or where a syntax error of js-yaml's follows the tab (the text
 * before the error's line read for the nodes before it), as go-yaml's scanner stops at the tab first.
 */
function withTabsRefused(text: string, read: YamlRead): YamlRead {
  if (!text.includes("\t")) return read;
  const decoded = read.ok || read.problems.every((p) => DECODED.has(p.kind));
  const syntax = read.ok ? [] : read.problems.filter((p) => p.kind === "syntax").map((p) => p.offset);
  if (!decoded && syntax.length === 0) return read;
  const stop = Math.min(...syntax);
  const document = decoded
    ? text.slice(0, (read.ok ? read.firstDocumentEnd : undefined) ?? text.length)
    : text.slice(0, stop + 1);
  let root: YamlNode;
  try {
    root = buildYamlTree(decoded ? document : text.slice(0, lineStartAt(text, stop)));
  } catch {
    return read;
  }
  const tab = refusedTab(document, root);
  if (tab === undefined) return read;
  const { error, message } = tab;
  return { ok: false, problems: [{ kind: "syntax", message, offset: error.problem, goYaml: error }] };
}

/** Where the line holding `offset` starts. */
const lineStartAt = (text: string, offset: number): number =>
  Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;

function readWhole(text: string, options: ReadYamlOptions): YamlRead {
  const directive = versionDirectiveProblem(text);
  if (directive !== undefined) return { ok: false, problems: [directive] };
  const read = readFirst(text, options);
  if (read.ok) return asFlyReadsBareEntries(text, read, options);
  // go-yaml's Unmarshal decodes the first document of a stream and never reads the others (nor their errors)
  const end = secondDocumentStart(text);
  if (end === undefined) return read;
  const beyond = read.problems.every((p) => p.message.startsWith(SEVERAL_DOCUMENTS) || p.offset >= end);
  if (!beyond) return read;
  const first = readFirst(text.slice(0, end), options);
  return first.ok ? asFlyReadsBareEntries(text.slice(0, end), { ...first, firstDocumentEnd: end }, options) : first;
}

/**
 * The read, or, where js-yaml misread a bare `-` entry followed by a less indented entry (bare-entries.ts), the read
 * of the text with ` ~` after those entries' dashes, as go-yaml reads it: its value, or its problems at their places in
 * the text as written. The fast path's collections (`regions`) are then left out: their offsets are the other text's.
 */
function asFlyReadsBareEntries(text: string, read: YamlRead & { ok: true }, options: ReadYamlOptions): YamlRead {
  const dashes = bareEntriesMisread(text);
  if (dashes.length === 0) return read;
  const amended = withEmptyEntries(text, dashes);
  const again = readFirst(amended.text, options);
  if (!again.ok) return { ok: false, problems: again.problems.map((p) => movedBack(p, amended.back)) };
  const { regions: _, ...value } = again;
  return read.firstDocumentEnd === undefined ? value : { ...value, firstDocumentEnd: read.firstDocumentEnd };
}

/**
 * go-yaml v2's refusal of the first document's `%YAML` directives (parserc.go `yaml_parser_process_directives`): a
 * version other than 1.1 (`%YAML 1.2` is "found incompatible YAML document"), or a second `%YAML`; js-yaml reads
 * both. Directives stand before the document's first `---`, each on a line of its own.
 */
function versionDirectiveProblem(text: string): YamlProblem | undefined {
  let seen = false;
  // line by line up to the first that is not blank, a comment or a directive: only a directive line is copied
  for (let at = text.charCodeAt(0) === 0xfeff ? 1 : 0; at < text.length; ) {
    const next = text.indexOf("\n", at);
    const end = next === -1 ? text.length : next;
    let first = at;
    while (first < end && (text[first] === " " || text[first] === "\t" || text[first] === "\r")) first++;
    if (first < end && text[first] !== "#") {
      if (first !== at || text[first] !== "%") return undefined;
      const line = text.slice(at, Math.min(end, at + 1024));
      if (/^%YAML[ \t]/.test(line)) {
        if (seen) return { kind: "syntax", message: "found duplicate %YAML directive", offset: at };
        seen = true;
        if (!/^%YAML[ \t]+1\.1(?:[ \t]|\r?$)/.test(line)) {
          return { kind: "syntax", message: "found incompatible YAML document", offset: at };
        }
      }
    }
    at = end + 1;
  }
  return undefined;
}

/** js-yaml's error for a stream of more than one document. */
const SEVERAL_DOCUMENTS = "expected a single document";

/**
 * The offset of the line that ends the first document: the first `---` or `...` marker line (a marker at the start
 * of a line always stands alone, even in a block scalar) after a line of content or an earlier `---`; undefined when
 * there is none.
 */
export function secondDocumentStart(text: string): number | undefined {
  const lines = /^.*$/gm;
  let started = false;
  for (let m = lines.exec(text); m !== null; m = lines.exec(text)) {
    const line = m[0];
    if (/^(---|\.\.\.)(\s|$)/.test(line)) {
      if (started || line.startsWith("...")) return m.index;
      // the first `---` starts the first document: a later one starts the second, even after no content
      started = true;
    } else if (!/^\s*(#.*)?\r?$/.test(line) && !line.startsWith("%")) started = true;
    if (line.length === 0) lines.lastIndex++;
  }
  return undefined;
}

/**
 * The read of the first document, with the escapes of its double-quoted scalars and the line breaks of its quoted
 * scalars as go-yaml reads them.
 */
function readFirst(text: string, options: ReadYamlOptions): YamlRead {
  const read = readFirstAsIs(text, options);
  const escapes = read.ok
    ? MAY_DIFFER.test(text)
    : GO_YAML_ONLY_BREAK.test(text) || read.problems.some((p) => JS_YAML_ESCAPE_ERRORS.has(p.message));
  return escapes || MAY_END_NAME.test(text) ? withGoYamlEscapes(text, read, { options, escapes }) : read;
}

/**
 * The read where an escape or a line break is read otherwise by go-yaml (go-yaml-escapes.ts; with `escapes`): go-yaml's
 * error in an escape, unless js-yaml's reader stopped before it; a text with `\'` (a `'` to go-yaml) read with `\x27`
 * in its place, or a quoted scalar with a NEL, LS or PS written as js-yaml reads go-yaml's reading of it; or where an
 * anchor or alias name ends at a `:` or `?` (go-yaml-anchors.ts `withNameEnds`), read with the name ended; its problems
 * put back at their places in the text as written. The fast path's collections are then left out.
 */
function withGoYamlEscapes(
  text: string,
  read: YamlRead,
  { options, escapes }: { options: ReadYamlOptions; escapes: boolean },
): YamlRead {
  const { problem, edits: escaped } = escapes ? goYamlEscapes(text) : { problem: undefined, edits: [] };
  const edits = withNameEnds(text, escaped);
  const first = (r: YamlRead): number =>
    r.ok ? Number.POSITIVE_INFINITY : Math.min(...r.problems.map((p) => p.offset));
  const goYaml = (r: YamlRead): YamlRead => {
    if (problem === undefined || problem.offset > first(r)) return r;
    // its context is the scalar
    const { message, offset, scalar } = problem;
    const error: GoYamlError = { message, stage: "scanner", context: scalar, problem: offset };
    return { ok: false, problems: [{ kind: "syntax", message, offset, goYaml: error }] };
  };
  if (edits.length === 0) return goYaml(read);
  const amended = withEdits(text, edits);
  const again = readFirstAsIs(amended.text, options);
  if (!again.ok) return goYaml({ ok: false, problems: again.problems.map((p) => movedBack(p, amended.back)) });
  const { regions: _, ...value } = again;
  return goYaml(value);
}

/** A problem of an amended text at its place in the text as written (`back`), its go-yaml error's marks too. */
function movedBack(p: YamlProblem, back: (offset: number) => number): YamlProblem {
  const moved = { ...p, offset: back(p.offset) };
  if (p.goYaml === undefined) return moved;
  return { ...moved, goYaml: { ...p.goYaml, context: back(p.goYaml.context), problem: back(p.goYaml.problem) } };
}

function readFirstAsIs(text: string, options: ReadYamlOptions): YamlRead {
  const min = options.flowFastPathMin ?? FLOW_FAST_PATH_MIN;
  const regions = text.length >= min ? findFlowRegions(text, min) : [];
  const substituted = regions.length === 0 ? undefined : withPlaceholders(text, regions);
  if (substituted !== undefined) {
    const nodes = regions.reduce((sum, r) => sum + r.nodes, 0);
    // a block collection's entries are YAML only in block context: its placeholder must not stand in a flow one
    const blocks = new Set(regions.flatMap((r, i) => (r.kind === "block" ? [placeholder(i)] : [])));
    const read = readDocument(substituted, {
      counted: nodes,
      blockOnly: blocks.size === 0 ? undefined : blocks,
      options,
    });
    const back = read.ok ? putBack(read.value, regions) : undefined;
    if (back?.ok === true && read.ok) {
      const large = regions.flatMap((r) => r.large);
      return {
        ok: true,
        value: back.value,
        regions,
        ...(large.length > 0 && { known: new WeakMap(large) }),
        ...(read.nonFinite === true && { nonFinite: true }),
      };
    }
    // a placeholder not read back as a value of its own, or any problem: the text is read as it is, so that every
    // finding is the one it gives
  }
  return readDocument(text, { counted: 0, blockOnly: undefined, options });
}

/**
 * Reads a document with js-yaml; `counted` nodes were read beforehand (they count in the alias ratio). With
 * `blockOnly`, a scalar whose value is one of those strings inside a flow collection makes the read fail.
 */
function readDocument(
  text: string,
  {
    counted,
    blockOnly,
    options,
  }: { counted: number; blockOnly: ReadonlySet<string> | undefined; options: ReadYamlOptions },
): YamlRead {
  const repeatsAllowed = options.repeatsAllowed === true;
  const aliases = aliasCounter(text, counted);
  // go-yaml v2's merges (go-yaml-merge.ts)
  const merged = mergeWatch(text);
  const watch = nodeWatch(text, options.standalone === true);
  // go-yaml's scanner refuses a name before the document is decoded: its error is the first
  const names = nameWatch(text);
  let misplaced = false;
  /** For `blockOnly`: whether each open node is a flow collection, and how many are. */
  const flows: boolean[] = [];
  let inFlow = 0;
  /** Where the nodes open start, and the last one closed: the place of a syntax error (go-yaml-errors.ts). */
  const opened: number[] = [];
  let closed: number | undefined;
  const listener = (event: "open" | "close", state: ListenerState): void => {
    names.listen(event, state);
    if (event === "open") opened.push(state.position);
    else closed = opened.pop();
    if (blockOnly !== undefined) {
      if (event === "open") {
        const c = text.charCodeAt(contentStart(text, state.position, text.length));
        const flow = c === 0x5b || c === 0x7b;
        flows.push(flow);
        if (flow) inFlow++;
      } else {
        if (flows.pop() === true) inFlow--;
        if (inFlow > 0 && typeof state.result === "string" && blockOnly.has(state.result)) misplaced = true;
      }
    }
    if (event === "open") {
      watch.open(state);
      aliases.open(state);
      merged.open(state);
      return;
    }
    watch.close(state);
    aliases.close(state);
    merged.close(state);
  };
  let value: unknown;
  try {
    value = jsyaml.load(text, goYamlLoadOptions(text, repeatsAllowed ? { listener, json: true } : { listener }));
  } catch (error) {
    const refused = names.afterError(error);
    if (refused !== undefined) return { ok: false, problems: [refusedNameProblem(text, refused)] };
    if (error instanceof ExcessiveAliasing) return { ok: false, problems: [aliasingProblem()] };
    if (error instanceof RecursiveAlias) return { ok: false, problems: [recursiveAliasProblem(text, error.offset)] };
    if (!(error instanceof jsyaml.YAMLException)) return { ok: false, problems: [internalProblem(error)] };
    if (error.reason === "duplicated mapping key") return readWithDuplicates(text, options);
    // js-yaml cannot name a key that is a list of lists; go-yaml rejects the key itself
    if (error.reason === NESTED_KEY && watch.problems().length > 0) return { ok: false, problems: watch.problems() };
    return { ok: false, problems: [syntaxProblem(error, text, { open: opened.at(-1), closed })] };
  }
  const refused = names.first();
  if (refused !== undefined) return { ok: false, problems: [refusedNameProblem(text, refused)] };
  if (merged.repeated() && !repeatsAllowed) return readWithDuplicates(text, options);
  if (misplaced) return { ok: false, problems: [] };
  const sources = merged.problems();
  if (sources.length > 0) return { ok: false, problems: sources.map((p) => ({ kind: "syntax", ...p })) };
  const keys = watch.problems();
  if (keys.length > 0) return { ok: false, problems: keys };
  return { ok: true, value, ...(watch.nonFinite() && { nonFinite: true }) };
}

export interface ReadYamlOptions {
  /** The size from which a flow collection is read by the fast path (tests lower it to hold the two readers equal). */
  readonly flowFastPathMin?: number;
  /**
   * Read a key repeated in a mapping as js-yaml's JSON mode does (the last one wins, merge keys each merge), rather
   * than report it: for a reader of a text being edited (the language server), which wants what can be read.
   */
  readonly repeatsAllowed?: boolean;
  /**
   * Read the text as sigs.k8s.io/yaml reads a text by itself (a `-l` vars file, a `-y` value, the `.flyrc`), not as a
   * pipeline: a key it rejects is a problem whatever the document's root, where fly's first read of a pipeline
   * (go-yaml v3, into a mapping) stops at a root that is not a mapping before any key is looked at.
   */
  readonly standalone?: boolean;
}

export type YamlRead =
  | {
      readonly ok: true;
      readonly value: unknown;
      /** The keys of the large mappings the fast path read (see known-mappings.ts), when it read any. */
      readonly known?: KnownMappings;
      /** The collections the fast path read, when it read any (the position tree then need not find them again). */
      readonly regions?: readonly FlowRegion[];
      /** When the text holds more than one document: the offset where the first (the one read) ends. */
      readonly firstDocumentEnd?: number;
      /**
       * Whether a value is a float JSON cannot hold (`.inf`, `-.inf`, `.nan`): sigs.k8s.io/yaml's `json.Marshal`
       * fails on it unless it stands where a string is wanted (see yaml-to-json.ts `findNonFinite`).
       */
      readonly nonFinite?: true;
    }
  | { readonly ok: false; readonly problems: YamlProblem[] };

/** A reason the document cannot be read, at a 0-based offset into the text. */
export interface YamlProblem {
  readonly kind:
    | "syntax"
    | "duplicate-key"
    | "excessive-aliasing"
    | "recursive-alias"
    | "too-deep"
    | "null-key"
    | "uint64-key"
    | "complex-key";
  readonly message: string;
  readonly offset: number;
  /** fly's line for it, when the reader knows it whole (a key fly rejects: see yaml-to-json.ts; a go-yaml error). */
  readonly fly?: string;
  /** For a syntax error: go-yaml's error, where the reader knows which it is (see go-yaml-errors.ts). */
  readonly goYaml?: GoYamlError;
  /** For a key fly rejects: sigs.k8s.io/yaml's error for it in a text read by itself (a `-l` vars file). */
  readonly unmarshal?: string;
  /** For a duplicate key: the 1-based line of the key's first definition. */
  readonly firstLine?: number;
  readonly key?: string;
}

/** js-yaml's error for a key that is a list holding a list. */
const NESTED_KEY = "nested arrays are not supported inside keys";

class ExcessiveAliasing extends Error {}

/** An alias to a value still being read, at the offset of its `*`. */
class RecursiveAlias extends Error {
  constructor(readonly offset: number) {
    super("recursive alias");
  }
}

/**
 * go-yaml's alias accounting (decode.go `unmarshal`, `alias` and `allowedAliasRatio`), node for node: every node it
 * decodes counts once as it is entered (the document, each key, each alias; not a merge key `<<`, nor the list of a
 * merge `<<: [*a, *b]`), and every node decoded through an alias counts again; the share is checked after each
 * expansion, where it is highest. An anchored value's count is taken once, as it is read (its nodes and the
 * expansions of the aliases in it), so aliases are never expanded to be counted. An alias to a value still being
 * read is go-yaml's error too (`anchor 'a' value contains itself`): go-yaml would expand it for ever.
 */
function aliasCounter(
  text: string,
  counted: number,
): {
  open(state: ListenerState): void;
  close(state: ListenerState): void;
} {
  // the document node, and the nodes read beforehand
  let decoded = counted + 1;
  let throughAlias = 0;
  /** Per open depth: the count before the node there was entered, and where it starts in the text. */
  const before: number[] = [];
  const starts: number[] = [];
  /** go-yaml's count of each anchored list or mapping read so far. */
  const sizes = new WeakMap<object, number>();
  /** The depth of a merge key's value, while it is read. */
  let mergeValue: number | undefined;
  /** The node closed last: js-yaml reads an entry of a block list as a node around the node, closed right after it. */
  const last: { depth: number; position: number; kind: string | null; result: unknown } = {
    depth: -1,
    position: -1,
    kind: null,
    result: undefined,
  };
  const wraps = (state: ListenerState): boolean =>
    last.depth === state.depth + 1 &&
    last.position === state.position &&
    last.kind === state.kind &&
    Object.is(last.result, state.result);
  return {
    open(state) {
      before[state.depth] = decoded;
      starts[state.depth] = state.position;
      decoded++;
    },
    close(state) {
      const wrapper = wraps(state);
      last.depth = state.depth;
      last.position = state.position;
      last.kind = state.kind;
      last.result = state.result;
      if (wrapper) {
        decoded--;
        return;
      }
      const open = starts[state.depth] ?? state.position;
      // where an alias starts: its `*`
      const start = state.kind === null ? contentStart(text, open, text.length) : -1;
      if (state.kind === null && text.charCodeAt(start) === 0x2a) {
        const value = state.result;
        const size = typeof value !== "object" || value === null ? 1 : sizes.get(value);
        if (size === undefined) throw new RecursiveAlias(start);
        decoded += size;
        throughAlias += size;
        if (throughAlias > 100 && decoded > 1000 && throughAlias / decoded > allowedAliasRatio(decoded)) {
          throw new ExcessiveAliasing();
        }
      } else if (isMergeKeyNode(text, open, state)) {
        decoded--;
        mergeValue = state.depth;
        return;
      } else if (state.anchor !== null && typeof state.result === "object" && state.result !== null) {
        sizes.set(state.result, decoded - (before[state.depth] ?? 0));
      }
      if (mergeValue === state.depth) {
        if (state.kind === "sequence") decoded--;
        mergeValue = undefined;
      }
    },
  };
}

/** go-yaml's allowed share of alias-expanded nodes for a document of `decoded` nodes. */
function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99;
  if (decoded >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000);
}

/** The slow path, taken only when a key repeats: positions for every node, every repeat reported. */
function readWithDuplicates(text: string, options: ReadYamlOptions): YamlRead {
  // a name go-yaml's scanner refuses is its error, before any key is looked at
  const refused = refusedNameIn(text);
  if (refused !== undefined) return { ok: false, problems: [refusedNameProblem(text, refused)] };
  let tree: ReturnType<typeof buildYamlTree>;
  try {
    tree = buildYamlTree(text);
  } catch (error) {
    if (error instanceof jsyaml.YAMLException) return { ok: false, problems: [syntaxProblem(error, text)] };
    return { ok: false, problems: [internalProblem(error)] };
  }
  const duplicates = findDuplicateKeys(tree, text);
  if (duplicates.length === 0) return readAllowingRepeats(text, options);
  return {
    ok: false,
    problems: duplicates.map((d) => ({
      kind: "duplicate-key",
      message: `mapping key ${JSON.stringify(d.key)} already defined at line ${d.firstLine}`,
      offset: d.offset,
      firstLine: d.firstLine,
      key: d.key,
    })),
  };
}

/**
 * Keys js-yaml takes for one but go-yaml does not (`0x10` and `16` both read as 16): the last one wins, as in
 * the decoded JSON.
 */
function readAllowingRepeats(text: string, options: ReadYamlOptions): YamlRead {
  const watch = nodeWatch(text, options.standalone === true);
  const aliases = aliasCounter(text, 0);
  const merged = mergeWatch(text);
  const names = nameWatch(text);
  const listener = (event: "open" | "close", state: ListenerState): void => {
    names.listen(event, state);
    if (event === "open") {
      watch.open(state);
      aliases.open(state);
      merged.open(state);
    } else {
      watch.close(state);
      aliases.close(state);
      merged.close(state);
    }
  };
  try {
    const value = jsyaml.load(text, goYamlLoadOptions(text, { json: true, listener }));
    const refused = names.first();
    if (refused !== undefined) return { ok: false, problems: [refusedNameProblem(text, refused)] };
    const sources = merged.problems();
    if (sources.length > 0) return { ok: false, problems: sources.map((p) => ({ kind: "syntax", ...p })) };
    const keys = watch.problems();
    if (keys.length > 0) return { ok: false, problems: keys };
    return { ok: true, value, ...(watch.nonFinite() && { nonFinite: true }) };
  } catch (error) {
    const refused = names.afterError(error);
    if (refused !== undefined) return { ok: false, problems: [refusedNameProblem(text, refused)] };
    if (error instanceof ExcessiveAliasing) return { ok: false, problems: [aliasingProblem()] };
    if (error instanceof RecursiveAlias) return { ok: false, problems: [recursiveAliasProblem(text, error.offset)] };
    if (error instanceof jsyaml.YAMLException) return { ok: false, problems: [syntaxProblem(error, text)] };
    return { ok: false, problems: [internalProblem(error)] };
  }
}

/** js-yaml's error as a problem; with the go-yaml error it is, where that is plain (`place`: see {@link ReaderPlace}). */
function syntaxProblem(error: jsyaml.YAMLException, text: string, place?: ReaderPlace): YamlProblem {
  const reason = error.reason ?? error.message;
  const offset = error.mark?.position ?? 0;
  if (reason.startsWith("nesting exceeded maxDepth")) {
    return { kind: "too-deep", message: TOO_DEEP, offset };
  }
  // go-yaml's words (decode.go `scalar`)
  if (reason === BINARY_UNRESOLVED)
    return { kind: "syntax", message: "!!binary value contains invalid base64 data", offset };
  const decode = cannotDecode(text, reason, offset);
  if (decode !== undefined) return { kind: "syntax", message: decode, offset };
  const goYaml = goYamlSyntaxError(text, reason, offset, place);
  return { kind: "syntax", message: reason, offset, ...(goYaml !== undefined && { goYaml }) };
}

/** js-yaml's error for a scalar its explicit tag's type does not resolve (`!!int x`), and the tag. */
const UNRESOLVED_TAG =
  /^cannot resolve a node with !<tag:yaml\.org,2002:(int|float|bool|timestamp|null)> explicit tag$/;

/**
 * go-yaml's words for a scalar of one line its explicit tag does not fit (decode.go, v2 and v3 alike: "cannot decode
 * !!float `1.5` as a !!int", the tag the scalar resolves to first), where js-yaml's reader stopped at its end.
 */
function cannotDecode(text: string, reason: string, end: number): string | undefined {
  const tag = UNRESOLVED_TAG.exec(reason)?.[1];
  if (tag === undefined) return undefined;
  const line = text.slice(Math.max(text.lastIndexOf("\n", end - 1) + 1, end - 1024), end);
  const scalar = /(?:!!\w+|!<[^>]*>)[ \t]+(?:"([^"\\]*)"|'([^']*)'|([^\s"'][^#]*?))[ \t]*$/.exec(line);
  if (scalar === null) return undefined;
  const value = scalar[1] ?? scalar[2] ?? scalar[3] ?? "";
  return `cannot decode ${goYamlV3Tag(value)} \`${value}\` as a !!${tag}`;
}

/** The reader's refusal of a document nested past {@link MAX_YAML_DEPTH}, which fly may read (go-yaml goes to 10,000). */
const TOO_DEEP = `the document is nested more than ${MAX_YAML_DEPTH} levels deep, the most hangar reads in YAML (fly reads up to 10000)`;

/** go-yaml's error for an alias inside the value it names (`&a [*a]`), at the alias. */
function recursiveAliasProblem(text: string, offset: number): YamlProblem {
  const name = /^\*([^\s,[\]{}]*)/.exec(text.slice(offset, offset + 1024))?.[1] ?? "";
  return { kind: "recursive-alias", message: `anchor '${name}' value contains itself`, offset };
}

/** The first anchor or alias name go-yaml refuses in a text js-yaml reads (but for its repeated keys). */
function refusedNameIn(text: string): RefusedName | undefined {
  const names = nameWatch(text);
  try {
    jsyaml.load(text, goYamlLoadOptions(text, { json: true, listener: names.listen }));
    return names.first();
  } catch (error) {
    return names.afterError(error);
  }
}

/** go-yaml's error for an anchor or alias name it refuses (go-yaml-anchors.ts), at its `&` or `*`. */
function refusedNameProblem(text: string, { at, error }: RefusedName): YamlProblem {
  const message = error.context === at ? anchorNameMessage(text, at, error) : error.message;
  return { kind: "syntax", message, offset: error.context, goYaml: error };
}

function aliasingProblem(): YamlProblem {
  return { kind: "excessive-aliasing", message: "document contains excessive aliasing", offset: 0 };
}

function internalProblem(error: unknown): YamlProblem {
  if (error instanceof RangeError) {
    return { kind: "too-deep", message: TOO_DEEP, offset: 0 };
  }
  return { kind: "syntax", message: error instanceof Error ? error.message : String(error), offset: 0 };
}
