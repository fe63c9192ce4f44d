/**
 * `hangar import`: a YAML or JSON pipeline as a TypeScript module whose default export renders to the
 * same data Concourse reads from the input.
 *
 * - The data is what hangar's parser reads (YAML 1.1, merge keys, go-yaml's scalars); top-level keys
 *   Concourse ignores are left out, with a comment naming them.
 * - Resource types, resources and prototypes become named consts (`factories-match.ts` turns the ones a
 *   hangar factory makes into that factory's call); jobs refer to them as objects, through the step
 *   helpers (`get`, `put`, `task`, `inParallel`, ...) where those fit. A task step a task factory
 *   makes is that factory's call.
 * - A YAML anchor that aliases reuse becomes one const (`anchors.ts`); a merge key becomes a spread.
 *   Comments are kept as `//` comments before what they were written next to; texts of several lines
 *   (scripts) are template literals.
 * - What Concourse's types reject (an `aggregate` step, a string where a boolean belongs) is kept as
 *   written, cast, with a comment saying why; `upgrade` rewrites the deprecated forms instead. A null where
 *   the model types a value (an item of `args: [-c, ~]`) is kept too, cast (`null as never`) with a note: the
 *   model's types have no null, Concourse decodes it as an empty value, and the module renders as the input does.
 * - A string of a field the model types as a few words (`version: "every"`, `inputs: "detect"`) is written `as const`
 *   where no type reaches it (a const its uses type differently, a step that spreads another), so the module type-checks.
 * - The code is laid out by a small printer (`print.ts`, `js.ts`) the way Biome formats it.
 */

import { goQuotedList } from "../concourse/go-format.ts";
import type { GoNumbers } from "../concourse/go-number.ts";
import { goPathMatch } from "../concourse/go-path-match.ts";
import { unknownStepFields } from "../concourse/step-fields.ts";
import { isWholeVar } from "../concourse/vars.ts";
import {
  doStepsProblem,
  getProblem,
  inParallelProblem,
  putProblem,
  taskProblem,
  tryStepProblem,
} from "../factories/steps.ts";
import { pipeline as buildPipeline } from "../fragment/pipeline.ts";
import { isObject, type Path } from "../model/common.ts";
import { type AcrossVar, HOOK_KEYS } from "../model/modifiers.ts";
import { type GetStep, type LoadVarStep, type PutStep, type StepKind, stepKindOrUndefined } from "../model/step.ts";
import { checkShape } from "../parse/check-shape.ts";
import { readingOf } from "../parse/document-kind.ts";
import { type ParsedPipeline, parsePipeline } from "../parse/parse-pipeline.ts";
import { missingVarHint } from "../parse/shape-report.ts";
import { renderJson } from "../render/render.ts";
import type { Diagnostic } from "../source/diagnostic.ts";
import { formatPath, valueAt } from "../source/path.ts";
import { findNotPlainData, sameData } from "../walk/plain-data.ts";
import { walkPipelineSteps } from "../walk/walk-steps.ts";
import {
  type Anchor,
  EMPTY_SOURCE_INFO,
  pathKey,
  readAnchorValues,
  readSourceInfo,
  type SourceInfo,
} from "./anchors.ts";
import { type FactoryCall, matchFactory, RECOGNIZED_FACTORIES } from "./factories-match.ts";
import {
  arrayLiteral,
  call,
  commentDocs,
  type Entry,
  isMultiline,
  keyInText,
  leadsWithComment,
  objectLiteral,
  property,
  propertyKey,
  stringLiteral,
  templateLiteral,
} from "./js.ts";
import { createNames, type Names } from "./names.ts";
import { type Doc, group, hardline, ifBreak, indent, join, line, printDoc } from "./print.ts";

/** Options of {@link importPipeline}. */
export interface ImportOptions {
  /** The input's file name, for diagnostics. */
  readonly file?: string;
  /** Rewrite deprecated forms (`aggregate` → `in_parallel`, `build_logs_to_retain` → `build_log_retention`). */
  readonly upgrade?: boolean;
  /** Write factory calls for resources, types and task steps a hangar factory makes (default true). */
  readonly factories?: boolean;
  /** The module the generated code imports hangar from (default `hangar`). */
  readonly hangarModule?: string;
  /** Split the pipeline into modules: one per group, or per `jobsPerModule` jobs. */
  readonly split?: { readonly by: "group" } | { readonly jobsPerModule: number };
}

/** One generated module: its file name relative to the output (`pipeline.ts` for a single module) and code. */
export interface ImportedModule {
  readonly file: string;
  readonly code: string;
}

/** What the importer did, for the user and for measuring. */
export interface ImportStats {
  /** Resources, resource types and task steps written as factory calls, by factory. */
  readonly factoryCalls: Readonly<Record<string, number>>;
  /** Resources and resource types written as object literals. */
  readonly literals: number;
  /** Consts made from YAML anchors. */
  readonly sharedConsts: number;
  /** Comment lines carried over. */
  readonly comments: number;
  /** Comment lines in the input (those inside left-out top-level keys are not carried over). */
  readonly commentsInSource: number;
  /** Comment lines not carried over, other than those inside left-out top-level keys. */
  readonly commentsLost: number;
}

export type ImportResult =
  | {
      readonly ok: true;
      /** The modules: one, or with `split` the parts and an index (`pipeline.ts`) that combines them. */
      readonly modules: readonly ImportedModule[];
      /** Things the user should know: deprecated forms kept or rewritten, keys left out, casts. */
      readonly notes: readonly string[];
      readonly stats: ImportStats;
    }
  | {
      readonly ok: false;
      readonly diagnostics: readonly Diagnostic[];
      /**
       * Set when the document is no pipeline because it is plainly another kind of file: a task config file (`task`),
       * or neither a pipeline nor a task config (`other`: a vars file, another tool's), as `hangar validate` tells them;
       * a reader that found it in a folder may pass it by.
       */
      readonly notPipeline?: "task" | "other";
    };

type Obj = Record<string, unknown>;

const LINE_WIDTH = 120;

/** The top-level keys of a pipeline that Concourse reads (atc.Config), in its order. */
const PIPELINE_KEYS = ["jobs", "resources", "resource_types", "prototypes", "var_sources", "groups", "display"];

/** The helpers generated code may import (so no const takes their names). */
const HELPERS = ["pipeline", "get", "put", "task", "inParallel", "doSteps", "tryStep"];

/** Keys `get()` and `put()` take as they are (model keys of GetOptions / PutOptions besides their own). */
const MODIFIER_OPTIONS = ["attempts", "timeout", "tags", ...HOOK_KEYS];
const GET_OPTIONS: ReadonlySet<string> = new Set([
  "get",
  "resource",
  "passed",
  "trigger",
  "version",
  "params",
  ...MODIFIER_OPTIONS,
]);
const PUT_OPTIONS: ReadonlySet<string> = new Set([
  "put",
  "resource",
  "params",
  "inputs",
  "get_params",
  "no_get",
  ...MODIFIER_OPTIONS,
]);

/**
 * Where a value sits in the model: decides how it is written and which type a shared const gets. `value` is data
 * the model types (a list of strings, a task's `run`), where a null is cast ({@link NULL_NOTE}); `payload` is
 * free-form data the model types `unknown` (`source`, `params`, `vars`), where a null is written as it is.
 */
type Role =
  | "value"
  | "payload"
  | "step"
  | "steps"
  | "job"
  | "resource"
  | "resourceType"
  | "prototype"
  | "taskConfig"
  | "inParallelConfig"
  | "resourceRef"
  | "typeRef"
  | "prototypeRef";

/** The keys of an object of a role whose values are free-form data (the model types them `Params` or `unknown`). */
const PAYLOAD_KEYS: Partial<Record<Role, ReadonlySet<string>>> = {
  step: new Set(["params", "get_params", "vars", "instance_vars"]),
  resource: new Set(["source"]),
  resourceType: new Set(["source", "defaults", "params"]),
  prototype: new Set(["source", "defaults", "params"]),
  taskConfig: new Set(["params"]),
};

/**
 * A null where the model types a value (an item of `args`, `tags` or `passed`, a value of `input_mapping`, a field
 * of `run`): kept, so the module renders what the input says (Concourse decodes it as that type's empty value: `""`
 * for an item of a `[]string`), and cast, as the model's types have no null.
 */
const NULL_NOTE = " null kept as written (Concourse reads an empty value); cast: the model's types have no null";
const CAST_NULL = "null as never";

/**
 * The model's fields typed by a closed set of strings (beside other types), with those strings. TypeScript types such
 * a string `string` where no type reaches it (in a const declared without a type, or in a step that spreads another,
 * whose type the union of steps does not narrow), which the field does not take: it is written `as const` there.
 */
const LITERAL_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ["version", ["latest", "every"] satisfies Extract<GetStep["version"], string>[]],
  ["inputs", ["all", "detect"] satisfies Extract<PutStep["inputs"], string>[]],
  ["format", ["json", "yml", "yaml", "trim", "raw"] satisfies LoadVarStep["format"][]],
  ["max_in_flight", ["all"] satisfies Extract<AcrossVar["max_in_flight"], string>[]],
]);

/** Whether a key's value is a string of a literal-typed field ({@link LITERAL_FIELDS}). */
const isLiteralField = (key: string, value: unknown): boolean =>
  typeof value === "string" && LITERAL_FIELDS.get(key)?.includes(value) === true;

/** The model type a const of a role is declared with. */
const ROLE_TYPES: Partial<Record<Role, string>> = {
  step: "Step",
  steps: "Step[]",
  job: "Job",
  resource: "Resource",
  resourceType: "ResourceType",
  prototype: "Prototype",
  taskConfig: "TaskConfig",
  inParallelConfig: "InParallelConfig",
};

/** A const of the generated module. */
interface Const {
  readonly id: string;
  readonly comments: readonly string[];
  /** Filled in once its value is written (anchors are written at first use). */
  doc: Doc;
  readonly deps: Set<string>;
  type?: string;
  /** Written as `value as unknown as type`. */
  cast?: string;
  /** The comment before a const written with a cast: why it is (by default, that it is no valid one of its type). */
  castNote?: string;
}

/** The state of one import. */
interface Emitter {
  readonly data: Obj;
  readonly info: SourceInfo;
  /** The data each anchor names (see anchors.ts `readAnchorValues`). */
  readonly anchorValues: ReadonlyMap<Anchor, unknown>;
  readonly names: Names;
  readonly options: ImportOptions;
  readonly imports: Set<string>;
  readonly typeImports: Set<string>;
  readonly consts: Map<string, Const>;
  /** The order consts are declared in when nothing forces another. */
  readonly constOrder: string[];
  readonly anchorIds: Map<Anchor, string>;
  /** The type each use of an anchor's const wants it declared with (`undefined`: none). */
  readonly anchorTypes: Map<Anchor, Set<string | undefined>>;
  readonly resourceIds: Map<string, string>;
  readonly typeIds: Map<string, string>;
  readonly prototypeIds: Map<string, string>;
  /** Steps, jobs and other units that do not fit the model's types, with the reason. */
  readonly untypable: Map<string, string>;
  readonly notes: string[];
  readonly factoryCalls: Record<string, number>;
  /** Resources and types written as literals, and comment lines carried over. */
  readonly counts: { literals: number; comments: number };
  /** The imports of the module that declares the consts (with `split`, not the module being written). */
  readonly constImports: { readonly imports: Set<string>; readonly typeImports: Set<string> };
  /** The paths (keys) whose comments were written. */
  readonly commentsTaken: Set<string>;
  /** Each shared anchor's const: the role it was written in (its first use's) and the roles of all its uses. */
  readonly anchorRoles: Map<Anchor, { readonly written: Role; readonly used: Set<Role> }>;
  /** How anchors one const would not serve are written, from a first writing of the module ({@link anchorHints}). */
  readonly hints: AnchorHints;
  /**
   * The anchors whose const is declared without a type and holds a string of a literal-typed field, from a first
   * writing of the module ({@link untypedLiteralConsts}): written with those strings `as const`.
   */
  readonly untypedConsts: ReadonlySet<Anchor>;
  /** Whether the const being written is one of `untypedConsts`. */
  readonly literalsAsConst: boolean;
}

/**
 * Anchors that one const cannot serve as written (found by writing the module once). Holding a null: one written as
 * free-form data (a null as it is, typed `null`) and used where the model types the value is written with its nulls
 * cast (`null as never`, which both places take); one also used as a unit of the model (a step, whose null keys are
 * left out) is not shared, each use written in place. Holding a reference (a step's `get: src`, a scalar anchored at a
 * resource's name, written as the resource's const) and used as data, where render names no reference (`params: *g`,
 * a task's `file: *n`, a step of another kind spreading it): written as data, its names strings (`data`), which the
 * places that take a reference take too.
 */
interface AnchorHints {
  readonly cast: ReadonlySet<Anchor>;
  readonly unshared: ReadonlySet<Anchor>;
  readonly data: ReadonlySet<Anchor>;
}

const NO_HINTS: AnchorHints = { cast: new Set(), unshared: new Set(), data: new Set() };

/** The identifiers a scope's code refers to (so consts are declared before their users). */
type Scope = Set<string>;

/**
 * Imports a pipeline from YAML or JSON text, or its bytes (bytes that are not UTF-8 are the parser's error at their
 * place). Never throws for bad input: text hangar's parser cannot read gives `ok: false` with the parser's
 * diagnostics.
 */
export function importPipeline(input: string | Uint8Array, options: ImportOptions = {}): ImportResult {
  // bytes are read by the parser, so that text that is not UTF-8 is its error at its place, not U+FFFD in a name
  const parsed: ParsedPipeline = parsePipeline(input, options.file === undefined ? {} : { file: options.file });
  const read = parsed.diagnostics.filter((d) => d.ruleId.startsWith("yaml/") || d.ruleId.startsWith("input/"));
  // a warning (the documents after the first, which fly never reads) leaves the pipeline to import, and is a note
  const fatal = read.filter((d) => d.severity === "error");
  const readNotes = read
    .filter((d) => d.severity !== "error")
    .map((d) => (d.loc === undefined ? d.message : `line ${d.loc.line}: ${d.message}`));
  if (parsed.pipeline === undefined || fatal.length > 0 || !isObject(parsed.pipeline)) {
    const diagnostics = fatal.length > 0 ? fatal : parsed.diagnostics;
    return { ok: false, diagnostics: diagnostics.length > 0 ? diagnostics : [notAPipeline(options.file)] };
  }
  const data = parsed.pipeline as unknown as Obj;
  const text = typeof input === "string" ? input : new TextDecoder().decode(input);
  const refusal = notWritable(data);
  if (refusal !== undefined) {
    const { path, message, notPipeline } = refusal;
    const diagnostic: Diagnostic = { ruleId: "input/not-data", severity: "error", parity: "hangar", message, path };
    const loc = parsed.locate(path);
    const diagnostics = [loc === undefined ? diagnostic : { ...diagnostic, loc }];
    return { ok: false, diagnostics, ...(notPipeline !== undefined && { notPipeline }) };
  }
  const isJson = /^\s*[{[]/.test(text);
  const info = isJson ? EMPTY_SOURCE_INFO : readSourceInfo(text);
  const anchorValues = readAnchorValues(data, info);
  const untypable = untypableUnits(data, parsed.diagnostics, options.upgrade === true);
  for (const [key, why] of untypableAnchoredSteps(data, info, anchorValues, {
    upgrade: options.upgrade === true,
    numbers: parsed.numbers,
  })) {
    if (!untypable.has(key)) untypable.set(key, why);
  }
  const ignored = Object.keys(data).filter((key) => !PIPELINE_KEYS.includes(key));
  const write = (hints: AnchorHints, untypedConsts: ReadonlySet<Anchor>) => {
    const e = newEmitter({ data, info, anchorValues }, options, untypable, { hints, untypedConsts });
    e.notes.push(...readNotes);
    for (const path of info.replaced) {
      e.notes.push(
        `${formatPath(path)} left out: written before the merge key, whose source gives it its value (go-yaml merges in the order written)`,
      );
    }
    if (ignored.length > 0) {
      e.notes.push(`left out top-level keys Concourse ignores: ${ignored.map(keyInText).join(", ")}`);
    }
    declareNamedConsts(e);
    return { e, modules: writeModules(e, ignored) };
  };
  const first = write(NO_HINTS, new Set());
  // an anchor holding a null or a reference that one const did not serve, or a const declared without a type that
  // holds a string of a literal-typed field: the module is written again, knowing how to write them
  const hints = anchorHints(first.e);
  const untypedConsts = untypedLiteralConsts(first.e);
  const { e, modules } =
    hints === undefined && untypedConsts.size === 0 ? first : write(hints ?? NO_HINTS, untypedConsts);
  const untaken = [
    ...[...info.comments].filter(([key]) => key !== pathKey([]) && !e.commentsTaken.has(`before ${key}`)),
    ...[...info.trailing].filter(([key]) => !e.commentsTaken.has(`after ${key}`)),
  ];
  const inIgnored = untaken.filter(([key]) => ignored.includes(String((JSON.parse(key) as Path)[0])));
  const lost = untaken.filter((entry) => !inIgnored.includes(entry));
  const count = (entries: typeof untaken) => entries.reduce((n, [, lines]) => n + lines.length, 0);
  if (inIgnored.length > 0) e.notes.push(`${count(inIgnored)} comment lines inside left-out keys not carried over`);
  if (lost.length > 0) {
    e.notes.push(
      `${count(lost)} comment lines not carried over, at ${lost.map(([key]) => formatPath(JSON.parse(key) as Path)).join(", ")}`,
    );
  }
  return {
    ok: true,
    modules,
    notes: e.notes,
    stats: {
      factoryCalls: e.factoryCalls,
      literals: e.counts.literals,
      sharedConsts: e.anchorIds.size,
      comments: e.counts.comments,
      commentsInSource: info.commentLines,
      commentsLost: count(lost),
    },
  };
}

/**
 * Why data read from a file cannot become a module that renders it back, or undefined: a cycle (an alias inside the
 * node it names), a number JSON cannot hold (`.inf`, `.nan`), or no `jobs` (nothing to build a pipeline of; the model,
 * like Concourse, requires jobs).
 */
function notWritable(
  data: Obj,
): { readonly path: Path; readonly message: string; readonly notPipeline?: "task" | "other" } | undefined {
  const odd = findNotPlainData(data);
  if (odd !== undefined) return { path: odd.path, message: `cannot be written as TypeScript: ${odd.problem}` };
  if (!Object.hasOwn(data, "jobs")) {
    const keys = Object.keys(data);
    const what = keys.length === 0 ? "the document is empty" : "the document has no `jobs`";
    const message = `${what}: there is no pipeline to import`;
    const reading = readingOf(data);
    if (reading.kind === "task") {
      return {
        path: [],
        message: `${message} (it is a task config file: \`hangar validate\` checks it)`,
        notPipeline: "task",
      };
    }
    return { path: [], message, ...(reading.neither === true && { notPipeline: "other" as const }) };
  }
  return undefined;
}

function notAPipeline(file: string | undefined): Diagnostic {
  return {
    ruleId: "input/not-a-pipeline",
    severity: "error",
    parity: "hangar",
    message: "the document is not a mapping of pipeline sections",
    path: [],
    loc: { ...(file === undefined ? {} : { file }), line: 1, col: 1 },
  };
}

function newEmitter(
  { data, info, anchorValues }: Pick<Emitter, "data" | "info" | "anchorValues">,
  options: ImportOptions,
  untypable: Map<string, string>,
  { hints, untypedConsts }: Pick<Emitter, "hints" | "untypedConsts">,
): Emitter {
  const imports = new Set<string>();
  const typeImports = new Set<string>();
  return {
    data,
    info,
    anchorValues,
    names: createNames([...HELPERS, ...RECOGNIZED_FACTORIES, "config", "fragment", "mergeFragments"]),
    options,
    imports,
    typeImports,
    consts: new Map(),
    constOrder: [],
    anchorIds: new Map(),
    anchorTypes: new Map(),
    resourceIds: new Map(),
    typeIds: new Map(),
    prototypeIds: new Map(),
    untypable,
    notes: [],
    factoryCalls: {},
    counts: { literals: 0, comments: 0 },
    constImports: { imports, typeImports },
    commentsTaken: new Set(),
    anchorRoles: new Map(),
    hints,
    untypedConsts,
    literalsAsConst: false,
  };
}

/**
 * The anchors whose const, as a first writing made it, is declared without a type (its uses want different ones) and
 * holds a string of a literal-typed field ({@link LITERAL_FIELDS}), which TypeScript would type `string` there.
 */
function untypedLiteralConsts(e: Emitter): Set<Anchor> {
  const found = new Set<Anchor>();
  for (const [anchor, id] of e.anchorIds) {
    const c = e.consts.get(id);
    if (c === undefined || c.cast !== undefined || constType(e, c) !== undefined) continue;
    if (holds(anchorData(e, anchor), (v) => isObject(v) && Object.entries(v).some(([k, x]) => isLiteralField(k, x))))
      found.add(anchor);
  }
  return found;
}

/**
 * The anchors holding a null or a reference whose const, as a first writing made it, does not serve all its uses
 * ({@link AnchorHints}), or undefined when every const does.
 */
function anchorHints(e: Emitter): AnchorHints | undefined {
  const cast = new Set<Anchor>();
  const unshared = new Set<Anchor>();
  const data = new Set<Anchor>();
  for (const [anchor, { written, used }] of e.anchorRoles) {
    if (holdsNull(anchorData(e, anchor))) {
      const typed = [...used].filter((role) => role !== "payload");
      if (written === "payload" && typed.length > 0) {
        if (typed.every((role) => role === "value")) cast.add(anchor);
        else unshared.add(anchor);
        continue;
      }
      if (!isData(written) && used.has("payload")) {
        unshared.add(anchor);
        continue;
      }
    }
    const id = e.anchorIds.get(anchor);
    if (id !== undefined && !isData(written) && [...used].some(isData) && constsUsed(e, id).named) data.add(anchor);
  }
  // the anchors a const written as data uses are used as data there: those holding a reference are written as data too
  const byId = new Map([...e.anchorIds].map(([anchor, id]) => [id, anchor]));
  for (const anchor of [...data]) {
    for (const id of constsUsed(e, e.anchorIds.get(anchor) as string).ids) {
      const inner = byId.get(id);
      if (inner !== undefined && !unshared.has(inner) && constsUsed(e, id).named) data.add(inner);
    }
  }
  return cast.size === 0 && unshared.size === 0 && data.size === 0 ? undefined : { cast, unshared, data };
}

/**
 * The consts a const's code uses, itself or through the consts it uses, but for the resources, resource types and
 * prototypes (`ids`), and whether it uses one of those (`named`: the code holds a reference as an object).
 */
function constsUsed(e: Emitter, id: string): { ids: Set<string>; named: boolean } {
  const named = new Set([...e.resourceIds.values(), ...e.typeIds.values(), ...e.prototypeIds.values()]);
  const ids = new Set<string>();
  let usesNamed = false;
  const stack = [...(e.consts.get(id)?.deps ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (named.has(next)) usesNamed = true;
    else if (!ids.has(next)) {
      ids.add(next);
      stack.push(...(e.consts.get(next)?.deps ?? []));
    }
  }
  return { ids, named: usesNamed };
}

/** Whether a value is or holds a null. */
const holdsNull = (value: unknown): boolean => holds(value, (v) => v === null);

/** Whether a value, or a value inside it, is one `test` accepts (iterative: data nests deeper than the stack). */
function holds(value: unknown, test: (v: unknown) => boolean): boolean {
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (test(v)) return true;
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    for (const item of Array.isArray(v) ? v : Object.values(v)) stack.push(item);
  }
  return false;
}

/**
 * The steps, jobs and named objects whose data the model's types reject, by path key, with the reason:
 * the unit nearest to each error the parser found.
 */
/**
 * A diagnostic's words as the reason a part is kept as written: the hint of a `((var))` with no value in a typed field
 * (pass it with -y ...) is for validate and render, which take vars; the import takes none, so the reason says who fills
 * the var.
 */
function importedReason(d: Diagnostic, data: Obj): string {
  const value = valueAt(data, d.path);
  if (typeof value !== "string" || !isWholeVar(value) || value.includes(":")) return d.message;
  const hint = missingVarHint(value);
  if (!d.message.endsWith(hint)) return d.message;
  const name = value.slice(2, -2);
  return (
    `${d.message.slice(0, -hint.length)}; the var ${value} has no value here: ` +
    `fly set-pipeline -y ${name}=<yaml> (or hangar render -y) fills it`
  );
}

function untypableUnits(data: Obj, diagnostics: readonly Diagnostic[], upgrade: boolean): Map<string, string> {
  const units: Path[] = [];
  for (const section of ["jobs", "resources", "resource_types", "prototypes", "var_sources", "groups"]) {
    const items = data[section];
    if (Array.isArray(items)) for (let i = 0; i < items.length; i++) units.push([section, i]);
  }
  const steps = [...walkPipelineSteps(data as never)];
  for (const { path } of steps) units.push(path);
  const found = new Map<string, string>();
  for (const d of diagnostics) {
    if (d.severity !== "error" || d.path.length === 0) continue;
    let owner: Path | undefined;
    for (const unit of units) {
      if (unit.length <= d.path.length && unit.every((seg, i) => d.path[i] === seg)) {
        if (owner === undefined || unit.length > owner.length) owner = unit;
      }
    }
    if (owner === undefined) continue;
    const step = valueAt(data, owner);
    if (upgrade && isObject(step) && isUpgradableAggregate(step)) continue;
    const key = pathKey(owner);
    if (!found.has(key)) found.set(key, importedReason(d, data));
  }
  // a step with keys its kind has not (a second core key, written or merged: Concourse reads the step by its first
  // core key, and the others are unknown fields, as the validator's step-unknown-fields says), which the model's step
  // types refuse too; written as one kind, a reference in another's field would render as the whole object
  for (const { step, path } of steps) {
    const unknown = isObject(step) ? unknownStepFields(step) : [];
    const key = pathKey(path);
    if (unknown.length > 0 && !found.has(key)) found.set(key, `unknown fields ${goQuotedList(unknown)}`);
  }
  return found;
}

/**
 * {@link untypableUnits} of the steps anchored at no step's path, by path key under the anchor's path, each judged by
 * its own data with the parser's own check. A whole step (with its core key: `<<: &u {get: src, trigger: ((auto))}`,
 * or one in a top-level key Concourse ignores) is used as one where an alias of it is a step (`- *u`) or it is merged
 * whole into one, and is judged as a step by itself. A part of a step (`<<: &t {trigger: ((auto))}`), merged into
 * steps, is a const typed as a part of their kind (a `Pick` of it): it is judged as a step of each kind it is merged
 * into, with that step's core key, and what is found in it, nested steps too, is its own at the anchor's path.
 */
function untypableAnchoredSteps(
  data: Obj,
  info: SourceInfo,
  anchorValues: ReadonlyMap<Anchor, unknown>,
  { upgrade, numbers }: { readonly upgrade: boolean; readonly numbers: GoNumbers | undefined },
): Map<string, string> {
  const steps = new Map([...walkPipelineSteps(data as never)].map(({ step, path }) => [pathKey(path), step]));
  const mergedInto = new Map<Anchor, Obj[]>();
  for (const [site, sources] of info.merges) {
    const step = steps.get(site);
    if (isObject(step)) for (const anchor of sources) mergedInto.set(anchor, [...(mergedInto.get(anchor) ?? []), step]);
  }
  const found = new Map<string, string>();
  const at: Path = ["jobs", 0, "plan", 0];
  // the step alone, its numbers read where the anchor is written
  const judge = (step: Obj, anchor: Anchor): [Path, string][] => {
    const alone: Obj = { jobs: [{ name: "", plan: [step] }] };
    const written: GoNumbers | undefined =
      numbers &&
      ((path, value) =>
        at.every((seg, i) => path[i] === seg) ? numbers([...anchor.path, ...path.slice(at.length)], value) : undefined);
    return [...untypableUnits(alone, checkShape(alone, undefined, written).diagnostics, upgrade)]
      .map(([key, why]): [Path, string] => [JSON.parse(key) as Path, why])
      .filter(([path]) => at.every((seg, i) => path[i] === seg))
      .map(([path, why]) => [path.slice(at.length), why]);
  };
  for (const anchor of info.anchors) {
    const value = anchorValues.get(anchor);
    if (!isObject(value) || steps.has(pathKey(anchor.path))) continue;
    if (stepKindOrUndefined(value) !== undefined) {
      for (const [below, why] of judge(value, anchor)) found.set(pathKey([...anchor.path, ...below]), why);
      continue;
    }
    for (const step of mergedInto.get(anchor) ?? []) {
      const kind = stepKindOrUndefined(step);
      const [first] = kind === undefined ? [] : judge({ ...value, [kind]: step[kind] }, anchor);
      if (first === undefined) continue;
      found.set(pathKey(anchor.path), first[1]);
      break;
    }
  }
  return found;
}

const isUpgradableAggregate = (step: Obj): boolean =>
  stepKindOrUndefined(step) === undefined && Array.isArray(step.aggregate);

/** Whether a step is an `aggregate` written as `in_parallel` (with `upgrade`): its `aggregate` key, under that name. */
const upgradesAggregate = (e: Emitter, step: Obj): boolean => e.options.upgrade === true && isUpgradableAggregate(step);

/** Claims identifiers for the resource types, resources and prototypes, so jobs can refer to them. */
function declareNamedConsts(e: Emitter): void {
  const sections = [
    ["resource_types", e.typeIds, "Type", "resourceType"],
    ["resources", e.resourceIds, "", "resource"],
    ["prototypes", e.prototypeIds, "Prototype", "prototype"],
  ] as const;
  for (const [section, ids, suffix, fallback] of sections) {
    const items = e.data[section];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (!isObject(item) || typeof item.name !== "string" || ids.has(item.name)) continue;
      const id = e.names.claim(suffix === "" ? item.name : `${item.name} ${suffix}`, {
        fallback,
        suffix: suffix || "Resource",
      });
      ids.set(item.name, id);
    }
  }
}

/** Writes the named consts of a section and returns the identifiers in the section's order. */
function namedSection(module: Emitter, section: "resource_types" | "resources" | "prototypes"): Entry[] {
  const e = constEmitter(module);
  const items = e.data[section];
  if (!Array.isArray(items)) return [];
  const ids = section === "resource_types" ? e.typeIds : section === "resources" ? e.resourceIds : e.prototypeIds;
  const role: Role = section === "resource_types" ? "resourceType" : section === "resources" ? "resource" : "prototype";
  const declared = new Set<string>();
  return items.map((item, i) => {
    const path: Path = [section, i];
    const name = isObject(item) && typeof item.name === "string" ? item.name : undefined;
    const id = name === undefined ? undefined : ids.get(name);
    if (id === undefined || declared.has(id)) {
      // a second object of one name, or one without a name: written where it is
      const scope: Scope = new Set();
      return { comments: takeComments(e, path), doc: emit(e, role, item, path, scope) };
    }
    declared.add(id);
    const comments = takeComments(e, path);
    const scope: Scope = new Set();
    const untypable = e.untypable.get(pathKey(path));
    // not when the call would drop what the source writes in the item: a comment, an anchor, a merge key (an anchor
    // on its name is kept: its aliases are references, written as this const)
    const key = pathKey(path);
    const inside = Object.keys(isObject(item) ? item : {})
      .filter((k) => k !== "name")
      .map((k) => [...path, k]);
    const factory =
      untypable === undefined &&
      e.options.factories !== false &&
      section !== "prototypes" &&
      ![e.info.anchorAt, e.info.merges, e.info.trailing].some((map) => map.has(key)) &&
      !e.info.comments.has(pathKey([...path, "name"])) &&
      !marked(e, inside)
        ? matchFactory(section, item, (type) => sectionItem(e.data, "resource_types", type))
        : undefined;
    let doc: Doc;
    if (factory !== undefined) {
      doc = factoryDoc(e, factory);
      e.factoryCalls[factory.factory] = (e.factoryCalls[factory.factory] ?? 0) + 1;
    } else {
      doc = emitRaw(e, role, item, path, scope);
      e.counts.literals++;
    }
    addConst(e, {
      id,
      comments,
      doc,
      deps: scope,
      ...(factory === undefined && untypable === undefined && { type: ROLE_TYPES[role] }),
      ...(untypable !== undefined && { cast: ROLE_TYPES[role] }),
    });
    if (untypable !== undefined) e.notes.push(`${formatPath(path)} kept as written: ${untypable}`);
    return { comments: [], doc: id };
  });
}

function sectionItem(data: Obj, section: string, name: string): unknown {
  const items = data[section];
  return Array.isArray(items) ? items.find((item) => isObject(item) && item.name === name) : undefined;
}

function factoryDoc(e: Emitter, { factory, args }: FactoryCall): Doc {
  e.imports.add(factory);
  return call(
    factory,
    args.map((arg) => emitPlain(e, arg)),
  );
}

function addConst(e: Emitter, c: Const): void {
  e.consts.set(c.id, c);
  e.constOrder.push(c.id);
}

/** The comment lines written before the node at `path`, counted as carried over. */
function takeComments(e: Emitter, path: Path): string[] {
  const taken = `before ${pathKey(path)}`;
  // once: an anchored node's comments go where it is written first (the place it is in, or its const)
  if (e.commentsTaken.has(taken)) return [];
  const lines = e.info.comments.get(pathKey(path)) ?? [];
  e.commentsTaken.add(taken);
  e.counts.comments += lines.length;
  return [...lines];
}

function takeTrailing(e: Emitter, path: Path): string[] {
  const lines = e.info.trailing.get(pathKey(path)) ?? [];
  e.commentsTaken.add(`after ${pathKey(path)}`);
  e.counts.comments += lines.length;
  return [...lines];
}

/** The data an anchor names: at its path, or, for a mapping merged where it is written, as it reaches the data. */
const anchorData = (e: Emitter, anchor: Anchor): unknown => e.anchorValues.get(anchor);

/** A value in a role: the shared const of its anchor when it has one, else written out. */
function emit(e: Emitter, role: Role, value: unknown, path: Path, scope: Scope): Doc {
  const anchor = e.info.anchorAt.get(pathKey(path));
  // a name anchored or aliased where a reference is (`get: *n` of `name: &n img`) is the named object's const, as with
  // no anchor: a const of it would only rename that const; the anchored name itself is written as it is (a const of it
  // is made where an alias of it is data)
  if (anchor !== undefined && (namesObject(e, role, value) || isAnchoredName(anchor, path)))
    return emitRaw(e, role, value, path, scope);
  if (anchor !== undefined && anchor.uses > 0 && !e.hints.unshared.has(anchor) && shareable(e, anchor, value)) {
    const id = anchorConst(e, anchor, role);
    scope.add(id);
    return id;
  }
  return emitRaw(e, role, value, path, scope);
}

/**
 * Whether an anchor's value is written once as a const: any the data has where the alias is, scalars too (a number
 * named once, `retries: &retries 3`, and used as several steps' `attempts` is the author's one setting).
 */
function shareable(e: Emitter, anchor: Anchor, value: unknown): boolean {
  // a named item is its own const already (see namedItemConst)
  if (anchor.path.length === 2 && ["resources", "resource_types", "prototypes"].includes(String(anchor.path[0])))
    return false;
  return sameData(anchorData(e, anchor), value);
}

/**
 * The type the const of an anchor in a role is declared with: steps by their kind, so spreads of them stay typed (none
 * for a step kept as written, cast to `Step` where it is written); an `in_parallel`'s steps by their form (a list, or
 * the long form's mapping).
 */
function declaredType(e: Emitter, role: Role, anchor: Anchor): string | undefined {
  const value = anchorData(e, anchor);
  if (role === "step") {
    const kind = isObject(value) && !e.untypable.has(pathKey(anchor.path)) ? stepKindOrUndefined(value) : undefined;
    return kind === undefined ? undefined : STEP_TYPES[kind];
  }
  if (role === "steps" && !Array.isArray(value)) return isObject(value) ? ROLE_TYPES.inParallelConfig : undefined;
  return ROLE_TYPES[role];
}

const STEP_TYPES: Readonly<Record<StepKind, string>> = {
  get: "GetStep",
  put: "PutStep",
  task: "TaskStep",
  run: "RunStep",
  set_pipeline: "SetPipelineStep",
  load_var: "LoadVarStep",
  try: "TryStep",
  do: "DoStep",
  in_parallel: "InParallelStep",
};

/** The emitter that writes consts: its imports are those of the module that declares them. */
const constEmitter = (e: Emitter): Emitter => ({ ...e, ...e.constImports, literalsAsConst: false });

/** The const of an anchor, written the first time it is needed; `type` is what this use wants it declared as. */
function anchorConst(module: Emitter, anchor: Anchor, role: Role, type = declaredType(module, role, anchor)): string {
  const named = namedItemConst(module, anchor, role);
  if (named !== undefined) return named;
  const e = { ...constEmitter(module), literalsAsConst: module.untypedConsts.has(anchor) };
  const types = e.anchorTypes.get(anchor) ?? new Set<string | undefined>();
  types.add(type);
  e.anchorTypes.set(anchor, types);
  // with its nulls cast, a const written as free-form data serves a place the model types too; one holding a reference
  // used as data is written as data, its names strings
  const written = e.hints.data.has(anchor) || (role === "payload" && e.hints.cast.has(anchor)) ? "value" : role;
  const roles = e.anchorRoles.get(anchor) ?? { written, used: new Set<Role>() };
  roles.used.add(role);
  e.anchorRoles.set(anchor, roles);
  const known = e.anchorIds.get(anchor);
  if (known !== undefined) return known;
  const id = e.names.claim(anchor.name, { fallback: "shared", suffix: "Shared" });
  e.anchorIds.set(anchor, id);
  const c: Const = { id, comments: takeComments(e, anchor.path), doc: "", deps: new Set() };
  addConst(e, c);
  const data = anchorData(e, anchor);
  c.doc = emitRaw(e, written, data, anchor.path, c.deps);
  const unused = (anchor.mergedKeys ?? []).filter((k) => !isObject(data) || !Object.hasOwn(data, k));
  if (unused.length > 0) {
    const keys = unused.map((k) => formatPath([...anchor.path, k])).join(", ");
    e.notes.push(`left out of ${id}: ${keys}, which every merge of &${anchor.name} overrides (no data has it)`);
  }
  return id;
}

/**
 * The const of a resource, resource type or prototype anchored as a whole (`- &git {name: src, ...}`), where it is
 * used as one of its kind (`- {<<: *git, name: other}`): the item's own const, which holds the same data; or undefined.
 */
function namedItemConst(e: Emitter, anchor: Anchor, role: Role): string | undefined {
  const [section, index] = anchor.path;
  const kinds = [
    ["resources", "resource", e.resourceIds],
    ["resource_types", "resourceType", e.typeIds],
    ["prototypes", "prototype", e.prototypeIds],
  ] as const;
  const kind = kinds.find(([name]) => name === section);
  if (anchor.path.length !== 2 || typeof index !== "number" || kind === undefined || kind[1] !== role) return undefined;
  const items = e.data[kind[0]];
  const item: unknown = Array.isArray(items) ? items[index] : undefined;
  if (!Array.isArray(items) || !isObject(item) || typeof item.name !== "string") return undefined;
  // the first item of a name is its const; another of that name is written in place
  if (items.findIndex((other) => isObject(other) && other.name === item.name) !== index) return undefined;
  return kind[2].get(item.name);
}

/**
 * A merge-key source's const, spread into an object of `role`: declared as that role's type when it is
 * a whole one by itself (a step with its core key), else as a `Pick` of it with the keys it has, so the
 * object it is spread into keeps its type.
 */
function mergeSourceConst(e: Emitter, anchor: Anchor, role: Role, merged: Obj, scope: Scope): string {
  const data = anchorData(e, anchor);
  let whole: string | undefined;
  if (role === "step") {
    const kind = stepKindOrUndefined(merged);
    whole = kind === undefined ? undefined : STEP_TYPES[kind];
    if (whole !== undefined && isObject(data) && stepKindOrUndefined(data) === kind) {
      // a step kept as written is a const cast to Step, which a spread into a step of its kind, a valid one, gives no
      // one kind: it is cast to that kind's step there ({ ...(s as GetStep), trigger: true })
      const kept = e.untypable.has(pathKey(anchor.path));
      const id = kept ? anchorConst(e, anchor, role) : anchorConst(e, anchor, role, whole);
      scope.add(id);
      if (!kept) return id;
      e.typeImports.add(whole);
      return `(${id} as ${whole})`;
    }
  } else {
    const t = ROLE_TYPES[role];
    whole = t === undefined || t.endsWith("[]") ? undefined : t;
    // a whole job (an item of `jobs` anchored as a whole): its const is a Job, as where it is written
    if (role === "job" && isObject(data) && Object.hasOwn(data, "name") && Object.hasOwn(data, "plan")) {
      const id = anchorConst(e, anchor, role);
      scope.add(id);
      return id;
    }
  }
  const keys = isObject(data) ? Object.keys(data) : [];
  const type =
    whole === undefined || keys.length === 0
      ? undefined
      : `Pick<${whole}, ${keys.map((k) => JSON.stringify(k)).join(" | ")}>`;
  // the source's own data is written as a plain object: a part of a step is not a step
  const id = anchorConst(e, anchor, role === "step" ? "value" : role, type);
  scope.add(id);
  // one its kind refuses (judged by its own data: see untypableAnchoredSteps) is kept as written, cast to that part
  const why = role === "step" ? e.untypable.get(pathKey(anchor.path)) : undefined;
  const c = e.consts.get(id);
  if (why !== undefined && type !== undefined && c !== undefined && c.cast === undefined) {
    c.cast = type;
    c.castNote = `${oneLine(why)}: not a valid part of a ${stepKindOrUndefined(merged)} step for Concourse, kept as written`;
    e.notes.push(`${formatPath(anchor.path)} kept as written: ${why}`);
  }
  return id;
}

/** A value in a role, written out (its own anchor, if any, is not looked at). */
function emitRaw(e: Emitter, role: Role, value: unknown, path: Path, scope: Scope): Doc {
  switch (role) {
    case "value":
    case "payload":
      return emitValue(e, value, path, scope, role);
    case "step":
      return emitStep(e, value, path, scope);
    case "steps":
      if (Array.isArray(value)) return emitList(e, value, path, scope, "step");
      return emitObject(e, "inParallelConfig", value, path, scope);
    case "resourceRef":
      return refDoc(e.resourceIds, value, scope) ?? emitValue(e, value, path, scope, "value");
    case "typeRef":
      return refDoc(e.typeIds, value, scope) ?? emitValue(e, value, path, scope, "value");
    case "prototypeRef":
      return refDoc(e.prototypeIds, value, scope) ?? emitValue(e, value, path, scope, "value");
    default:
      return emitObject(e, role, value, path, scope);
  }
}

/** The consts of the objects a reference of a role names, by name (none for a role that is no reference). */
function referenceIds(e: Emitter, role: Role): ReadonlyMap<string, string> | undefined {
  if (role === "resourceRef") return e.resourceIds;
  if (role === "typeRef") return e.typeIds;
  return role === "prototypeRef" ? e.prototypeIds : undefined;
}

/** Whether `path` is the name of a resource, resource type or prototype, and `anchor` is written there. */
const isAnchoredName = (anchor: Anchor, path: Path): boolean =>
  path.length === 3 &&
  path[2] === "name" &&
  ["resources", "resource_types", "prototypes"].includes(String(path[0])) &&
  pathKey(anchor.path) === pathKey(path);

/** Whether a value in a role is a reference written as the const of the object it names. */
const namesObject = (e: Emitter, role: Role, value: unknown): boolean =>
  typeof value === "string" && referenceIds(e, role)?.has(value) === true;

/** The const of a named object a name refers to. */
function refDoc(ids: ReadonlyMap<string, string>, value: unknown, scope: Scope): Doc | undefined {
  const id = typeof value === "string" ? ids.get(value) : undefined;
  if (id === undefined) return undefined;
  scope.add(id);
  return id;
}

/** The role of a key's value inside an object of a role (at `path`). */
function childRole(role: Role, key: string, kind: string | undefined, path: Path): Role {
  if ((HOOK_KEYS as readonly string[]).includes(key) && (role === "job" || role === "step")) return "step";
  if (PAYLOAD_KEYS[role]?.has(key) === true) return "payload";
  switch (role) {
    case "job":
      return key === "plan" ? "steps" : "value";
    case "resource":
    case "resourceType":
    case "prototype":
      return key === "type" ? "typeRef" : "value";
    case "inParallelConfig":
      return key === "steps" ? "steps" : "value";
    case "payload":
      return "payload";
    case "value":
      return isPayloadInValue(path, key) ? "payload" : "value";
    case "step":
      if (key === "do" || (key === "in_parallel" && kind === "in_parallel")) return "steps";
      if (key === "try") return "step";
      if (key === "config" && kind === "task") return "taskConfig";
      if ((key === "get" || key === "put" || key === "resource") && (kind === "get" || kind === "put"))
        return "resourceRef";
      if (key === "type" && kind === "run") return "prototypeRef";
      return "value";
    default:
      return "value";
  }
}

/**
 * Whether `key` of an object the model types, written as data at `path`, holds free-form data: a task image's
 * `source` and `params`, an across var's `values`, a var source's `config`.
 */
function isPayloadInValue(path: Path, key: string): boolean {
  const last = path.at(-1);
  if (last === "image_resource") return key === "source" || key === "params";
  if (typeof last === "number" && path.at(-2) === "across") return key === "values";
  return path.length === 2 && path[0] === "var_sources" && key === "config";
}

/** Whether a role's values are written as data (literals, nothing left out), not as a unit of the model. */
const isData = (role: Role): role is "value" | "payload" => role === "value" || role === "payload";

/** An object in a role, as an object literal (merge keys as spreads). */
function emitObject(e: Emitter, role: Role, value: unknown, path: Path, scope: Scope): Doc {
  if (!isObject(value)) {
    if (isData(role)) return emitValue(e, value, path, scope, role);
    // an item of a section that is null (`jobs: [~]`): kept, cast, with the note (the list it is in is broken)
    return value === null ? [...commentDocs([NULL_NOTE]), CAST_NULL] : emitValue(e, value, path, scope, "value");
  }
  // an `aggregate` step written as `in_parallel` (with `upgrade`): its list is read where it is, as `aggregate`
  const upgrading = role === "step" && upgradesAggregate(e, value);
  const kind = upgrading ? "in_parallel" : role === "step" ? stepKindOrUndefined(value) : undefined;
  const entries: Entry[] = [];
  const key = pathKey(path);
  const merged = e.info.merges.get(key);
  let keys = Object.keys(value);
  if (merged !== undefined) {
    const explicit = e.info.explicitKeys.get(key) ?? [];
    // an `aggregate` a merge gives is written out, under its new name (a spread would give the old one)
    const aggregateMerged = upgrading && !explicit.includes("aggregate");
    const spread = [...merged].reverse();
    const sources = spread.map((a) => anchorData(e, a));
    const rebuilt = Object.assign({}, ...sources, pick(value, explicit));
    // a null that overrides a merged key is written as nothing (the model has no null), which a spread would undo
    const nullOverride = (k: string): boolean =>
      value[k] === null && !isData(role) && sources.some((s) => isObject(s) && Object.hasOwn(s, k));
    const unshared = spread.some((a) => e.hints.unshared.has(a));
    if (
      sameData(rebuilt, value) &&
      sources.every(isObject) &&
      !explicit.some(nullOverride) &&
      !unshared &&
      !aggregateMerged
    ) {
      const [only] = spread;
      if (only !== undefined && spread.length === 1 && explicit.length === 0 && !isData(role)) {
        // `<<: *a` and nothing else: the same data as `*a`
        const id = anchorConst(e, only, role);
        scope.add(id);
        return id;
      }
      for (const anchor of spread)
        entries.push({ comments: [], doc: ["...", mergeSourceConst(e, anchor, role, value, scope)] });
      keys = explicit.filter((k) => Object.hasOwn(value, k));
    }
  }
  if (role === "job" && e.options.upgrade === true && typeof value.build_logs_to_retain === "number") {
    if (value.build_log_retention === undefined) {
      keys = keys.map((k) => (k === "build_logs_to_retain" ? "build_log_retention" : k));
      e.notes.push(`${formatPath([...path, "build_logs_to_retain"])} rewritten as build_log_retention.builds`);
    }
  }
  // a step that spreads another is typed by no one kind of step: a literal-typed field's string is `as const` there
  const literalsAsConst = e.literalsAsConst || (role === "step" && entries.length > 0);
  let pending: string[] = [];
  for (const k of keys) {
    if (k === "build_log_retention" && !Object.hasOwn(value, k)) {
      const builds = property("builds", String(value.build_logs_to_retain), false);
      entries.push({ comments: [], doc: property(k, objectLiteral([{ comments: [], doc: builds }]), false) });
      continue;
    }
    const child = value[k];
    const at = [...path, k];
    const comments = [...pending, ...takeComments(e, at)];
    pending = [];
    if (child === null && !isData(role)) {
      // Concourse reads null as absent in its structs; the model has no null
      pending = [...comments, ` ${propertyKey(k)}: null in the source (Concourse reads it as absent)`];
      continue;
    }
    // a resource type named like the type it is based on (`registry-image`) is based on the core type
    const selfType = k === "type" && role !== "step" && child === value.name && role !== "resource";
    const name = upgrading && k === "aggregate" ? "in_parallel" : k;
    const childAs = selfType ? "value" : childRole(role, name, kind, path);
    const doc = emit(e, childAs, child, at, scope);
    const isString = isStringDoc(child, doc);
    const asConst = literalsAsConst && isString && childAs !== "payload" && isLiteralField(name, child);
    entries.push({
      comments: [...comments, ...nullNote(childAs, child)],
      doc: asConst ? property(name, [doc, " as const"], false) : property(name, doc, isString),
    });
  }
  return objectLiteral(entries, {
    expand: role === "job" || role === "resource" || role === "resourceType",
    trailing: [...pending, ...takeTrailing(e, path)],
  });
}

const pick = (obj: Obj, keys: readonly string[]): Obj =>
  Object.fromEntries(keys.filter((k) => Object.hasOwn(obj, k)).map((k) => [k, obj[k]]));

/** Whether a written value is a plain string literal (which Biome moves below a long key). */
const isStringDoc = (value: unknown, doc: Doc): boolean =>
  typeof value === "string" &&
  typeof doc === "string" &&
  !doc.startsWith("`") &&
  (doc.startsWith('"') || doc.startsWith("'"));

/** A list of values in a role. */
function emitList(e: Emitter, list: readonly unknown[], path: Path, scope: Scope, role: Role): Doc {
  const entries = list.map((item, i) => {
    const at = [...path, i];
    return { comments: takeComments(e, at), doc: emit(e, role, item, at, scope) };
  });
  return arrayLiteral(entries, { trailing: takeTrailing(e, path) });
}

/** The note before a property whose value is, or is a list with, a null in data the model types (written cast). */
const nullNote = (role: Role, value: unknown): string[] =>
  role === "value" && (value === null || (Array.isArray(value) && value.includes(null))) ? [NULL_NOTE] : [];

/**
 * Any value, as a literal: objects, lists, strings (template literals when they span lines), numbers. As `value`
 * (data the model types), a null is cast; as `payload` (or inside a unit cast as a whole), written as it is.
 */
function emitValue(e: Emitter, value: unknown, path: Path, scope: Scope, role: "value" | "payload"): Doc {
  if (typeof value === "string") return isMultiline(value) ? templateLiteral(value) : stringLiteral(value);
  if (typeof value === "number") return numberLiteral(value);
  if (typeof value === "boolean") return String(value);
  if (value === null) return role === "payload" ? "null" : CAST_NULL;
  if (Array.isArray(value)) return emitList(e, value, path, scope, role);
  if (isObject(value)) return emitObject(e, role, value, path, scope);
  return "undefined";
}

/** Plain data (factory arguments): no anchors or comments. */
function emitPlain(e: Emitter, value: unknown): Doc {
  if (Array.isArray(value)) return arrayLiteral(value.map((v) => ({ comments: [], doc: emitPlain(e, v) })));
  if (isObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => ({
      comments: [],
      doc: property(k, emitPlain(e, v), typeof v === "string" && !isMultiline(v)),
    }));
    return objectLiteral(entries);
  }
  return emitValue(e, value, [], new Set(), "payload");
}

function numberLiteral(n: number): string {
  if (Number.isNaN(n)) return "Number.NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Number.POSITIVE_INFINITY" : "Number.NEGATIVE_INFINITY";
  return String(n).replace("e+", "e");
}

/**
 * A step: through a helper when one writes it exactly, else an object literal. A helper refuses (api/argument) some
 * data Concourse reads but its types rule out (a list item that is no step, a null among `passed`); whether it would is
 * read from the data by the helper's own check (`getProblem`, ...), without calling it: such a step is an object
 * literal, so the module still renders what the input says.
 */
function emitStep(e: Emitter, value: unknown, path: Path, scope: Scope): Doc {
  const why = e.untypable.get(pathKey(path));
  if (why !== undefined || !isObject(value)) {
    e.notes.push(`${formatPath(path)} kept as written: ${why ?? "a step must be a mapping"}`);
    e.typeImports.add("Step");
    return [
      `// ${oneLine(why ?? "not a mapping")}: not a valid step for Concourse, kept as written`,
      hardline,
      group([emitValue(e, value, path, scope, "payload"), " as unknown as Step"]),
    ];
  }
  const kind = stepKindOrUndefined(value);
  const merged = e.info.merges.has(pathKey(path));
  const upgrading = upgradesAggregate(e, value);
  if (upgrading) e.notes.push(`${formatPath(path)}: aggregate rewritten as in_parallel`);
  // a merge, or comments at the end of the step's mapping: an object literal, which keeps them
  if (merged || e.info.trailing.has(pathKey(path))) return emitObject(e, "step", value, path, scope);
  const keys = Object.keys(value);
  // an anchor or alias where the step names an object is written as that object's const, which a helper takes too
  const comments = (key: string) =>
    e.info.comments.has(pathKey([...path, key])) ||
    (e.info.anchorAt.has(pathKey([...path, key])) && !namesObject(e, childRole("step", key, kind, path), value[key]));
  if ((kind === "get" || kind === "put") && !keys.some(comments)) {
    const allowed = kind === "get" ? GET_OPTIONS : PUT_OPTIONS;
    const resourceName = (value.resource ?? value[kind]) as unknown;
    const id = typeof resourceName === "string" ? e.resourceIds.get(resourceName) : undefined;
    if (
      id !== undefined &&
      keys.every((k) => allowed.has(k) && value[k] !== null) &&
      (kind === "get" ? getProblem : putProblem)(resourceName, helperOptions(value, kind)) === undefined
    ) {
      scope.add(id);
      e.imports.add(kind);
      const opts: Entry[] = [];
      if (value.resource !== undefined)
        opts.push({ comments: [], doc: property("as", stringLiteral(String(value[kind])), true) });
      for (const k of keys) {
        if (k === kind || k === "resource") continue;
        const option = k === "get_params" ? "getParams" : k === "no_get" ? "noGet" : k;
        const child = value[k];
        const childAs = childRole("step", k, kind, path);
        const doc = emit(e, childAs, child, [...path, k], scope);
        opts.push({ comments: nullNote(childAs, child), doc: property(option, doc, isStringDoc(child, doc)) });
      }
      if (opts.length === 0) return `${kind}(${id})`;
      return call(kind, [id, objectLiteral(opts)]);
    }
  }
  const made = kind === "task" ? taskFactoryDoc(e, value, path, scope) : undefined;
  if (made !== undefined) return made;
  // a null field is left out of the step with a note, which the object literal does (as for get and put)
  if (
    kind === "task" &&
    typeof value.task === "string" &&
    (value.config === undefined) !== (value.file === undefined) &&
    !comments("task") &&
    keys.every((k) => value[k] !== null) &&
    taskProblem(value.task, value) === undefined
  ) {
    e.imports.add("task");
    const rest = Object.keys(value).filter((k) => k !== "task");
    const opts = objectLiteral(
      rest.map((k) => {
        const at = [...path, k];
        const child = value[k];
        const childAs = childRole("step", k, kind, path);
        const comments = [...takeComments(e, at), ...nullNote(childAs, child)];
        const doc = emit(e, childAs, child, at, scope);
        return { comments, doc: property(k, doc, isStringDoc(child, doc)) };
      }),
    );
    return call("task", [stringLiteral(value.task), opts]);
  }
  // `aggregate: [...]`, upgraded, is written as `in_parallel: [...]` is
  const parallel = upgrading ? "aggregate" : kind === "in_parallel" ? "in_parallel" : undefined;
  if (parallel !== undefined && keys.length === 1 && !comments(parallel)) {
    const p = value[parallel];
    const at = [...path, parallel];
    if (Array.isArray(p) && !e.info.anchorAt.has(pathKey(at)) && inParallelProblem(p) === undefined) {
      e.imports.add("inParallel");
      return call("inParallel", [emitList(e, p, at, scope, "step")]);
    }
  }
  if (
    kind === "do" &&
    keys.length === 1 &&
    Array.isArray(value.do) &&
    !comments("do") &&
    doStepsProblem(value.do) === undefined
  ) {
    e.imports.add("doSteps");
    const list = value.do;
    return call("doSteps", [emitList(e, list, [...path, "do"], scope, "step")]);
  }
  if (kind === "try" && keys.length === 1 && !comments("try") && tryStepProblem(value.try) === undefined) {
    e.imports.add("tryStep");
    const inner = emit(e, "step", value.try, [...path, "try"], scope);
    return call("tryStep", [inner]);
  }
  return emitObject(e, "step", value, path, scope);
}

/** A get or put step's keys as the options of `get()` or `put()` (`resource` makes the step's name `as`). */
function helperOptions(step: Obj, kind: "get" | "put"): Obj {
  const options: Obj = {};
  for (const key of Object.keys(step)) {
    if (key === kind || key === "resource") continue;
    options[key === "get_params" ? "getParams" : key === "no_get" ? "noGet" : key] = step[key];
  }
  if (step.resource !== undefined) options.as = step[kind];
  return options;
}

/**
 * A task step a hangar task factory makes, as its call (the step's other keys beside it, in an object
 * that spreads the call), or `undefined`. Not when the factory's part has comments, anchors or merge
 * keys, which the call would drop.
 */
function taskFactoryDoc(e: Emitter, step: Obj, path: Path, scope: Scope): Doc | undefined {
  if (e.options.factories === false) return undefined;
  const found = matchFactory("tasks", step, () => undefined);
  // a null beside the call would not type-check (Concourse reads it as absent; the literal says so)
  if (found === undefined || found.extraKeys.some((k) => step[k] === null)) return undefined;
  const covered = Object.keys(step)
    .filter((k) => !found.extraKeys.includes(k))
    .map((k) => [...path, k]);
  if (marked(e, covered)) return undefined;
  e.factoryCalls[found.factory] = (e.factoryCalls[found.factory] ?? 0) + 1;
  const doc = factoryDoc(e, found);
  if (found.extraKeys.length === 0) return doc;
  const entries: Entry[] = [{ comments: [], doc: ["...", doc] }];
  for (const k of found.extraKeys) {
    const at = [...path, k];
    const child = step[k];
    const childAs = childRole("step", k, "task", path);
    const comments = [...takeComments(e, at), ...nullNote(childAs, child)];
    const written = emit(e, childAs, child, at, scope);
    entries.push({ comments, doc: property(k, written, isStringDoc(child, written)) });
  }
  return objectLiteral(entries);
}

/**
 * Whether the source marks a place at one of `paths` or below one (a comment, an anchor or alias, a merge key), which
 * a factory call, written from the data, would drop.
 */
function marked(e: Emitter, paths: readonly Path[]): boolean {
  const prefixes = paths.map((path) => pathKey(path).slice(0, -1));
  const at = (key: string) =>
    prefixes.some((prefix) => key.startsWith(prefix) && /^[\],]/.test(key.slice(prefix.length)));
  const maps = [e.info.comments, e.info.trailing, e.info.anchorAt, e.info.merges];
  return maps.some((map) => [...map.keys()].some(at));
}

const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** The jobs, written in place (they refer to the named consts). */
function emitJob(e: Emitter, job: unknown, path: Path, scope: Scope): Doc {
  const why = e.untypable.get(pathKey(path));
  if (why !== undefined) {
    e.notes.push(`${formatPath(path)} kept as written: ${why}`);
    e.typeImports.add("Job");
    return [
      `// ${oneLine(why)}: kept as written`,
      hardline,
      emitValue(e, job, path, scope, "payload"),
      " as unknown as Job",
    ];
  }
  return emit(e, "job", job, path, scope);
}

/** Orders consts so each comes after the consts it refers to, otherwise in the order they were made. */
function orderedConsts(e: Emitter, roots: readonly string[]): Const[] {
  const out: Const[] = [];
  const done = new Set<string>();
  const visit = (id: string) => {
    if (done.has(id)) return;
    done.add(id);
    const c = e.consts.get(id);
    if (c === undefined) return;
    for (const dep of c.deps) visit(dep);
    out.push(c);
  };
  for (const id of [...e.constOrder, ...roots]) visit(id);
  return out;
}

/**
 * The type a const is declared with: its own, or the one all uses of its anchor want; none when they want different
 * ones, or for a `Pick` too long for one line (the formatter would break the type over several lines).
 */
function constType(e: Emitter, c: Const): string | undefined {
  let type = c.type;
  if (type === undefined && e.anchorIds.size > 0) {
    const anchor = [...e.anchorIds].find(([, id]) => id === c.id)?.[0];
    const types = anchor === undefined ? undefined : e.anchorTypes.get(anchor);
    if (types !== undefined && types.size === 1) type = [...types][0];
  }
  return type?.startsWith("Pick<") && `const ${c.id}: ${type} = {`.length > LINE_WIDTH ? undefined : type;
}

function constDoc(e: Emitter, c: Const): Doc {
  const type = constType(e, c);
  for (const t of [type, c.cast]) {
    const name = t?.replace(/^Pick</, "").match(/^[A-Za-z]+/)?.[0];
    if (name !== undefined) e.typeImports.add(name);
  }
  const isString = typeof c.doc === "string" && (c.doc.startsWith('"') || c.doc.startsWith("'"));
  const value: Doc = c.cast !== undefined ? [c.doc, ` as unknown as ${c.cast}`] : c.doc;
  const head = `const ${c.id}${type === undefined || c.cast !== undefined ? "" : `: ${type}`} =`;
  const castNote =
    c.cast !== undefined
      ? [`// ${c.castNote ?? `kept as written: not a valid ${c.cast} for Concourse's types`}`, hardline]
      : [];
  const assigned: Doc = isString
    ? [head, group(indent([line, value]))]
    : leadsWithComment(value)
      ? [head, indent([hardline, value])]
      : [head, " ", value];
  return [...commentDocs(c.comments), ...castNote, assigned, ";"];
}

function importDoc(e: Emitter): Doc {
  return importDocOf(e.imports, e.typeImports, e.options.hangarModule ?? "hangar");
}

/** The import of hangar's values and types, sorted as Biome sorts them. */
function importDocOf(values: ReadonlySet<string>, types: ReadonlySet<string>, module: string): Doc {
  const names = [
    ...[...values].map((n) => ({ n, t: false })),
    ...[...types].filter((t) => !values.has(t)).map((n) => ({ n, t: true })),
  ];
  if (names.length === 0) return "";
  names.sort((a, b) => a.n.toLowerCase().localeCompare(b.n.toLowerCase()) || (a.n < b.n ? -1 : 1));
  const onlyTypes = names.every((x) => x.t);
  const list = names.map(({ n, t }) => (t && !onlyTypes ? `type ${n}` : n));
  const head = onlyTypes ? "import type {" : "import {";
  return group([head, indent([line, join([",", line], list)]), ifBreak(","), line, `} from ${stringLiteral(module)};`]);
}

/** The sections of the pipeline, as entries of the object given to `pipeline()` (with `withJobs` false, all but jobs). */
function sectionEntries(e: Emitter, withJobs: boolean, scope: Scope): Entry[] {
  const entries: Entry[] = [];
  for (const section of Object.keys(e.data)) {
    if (!PIPELINE_KEYS.includes(section) || (section === "jobs" && !withJobs)) continue;
    const value = e.data[section];
    const path = [section];
    const comments = takeComments(e, path);
    let doc: Doc;
    if (section === "resource_types" || section === "resources" || section === "prototypes") {
      if (!Array.isArray(value)) continue;
      const items = namedSection(e, section);
      for (const item of items) if (typeof item.doc === "string") scope.add(item.doc);
      doc = arrayLiteral(items, { trailing: takeTrailing(e, path) });
    } else if (section === "jobs" && Array.isArray(value)) {
      const items = value.map((_, i) => ({
        comments: takeComments(e, ["jobs", i]),
        doc: emitJob(e, value[i], ["jobs", i], scope),
      }));
      doc = arrayLiteral(items, { trailing: takeTrailing(e, path) });
    } else {
      doc = emit(e, "value", value, path, scope);
      comments.push(...nullNote("value", value));
    }
    entries.push({ comments, doc: property(section, doc, false) });
  }
  return entries;
}

/** Whether `pipeline()` gives back exactly this pipeline (it rejects unknown names and collapses duplicates). */
function pipelineKeepsData(data: Obj): string | undefined {
  const known = pick(data, PIPELINE_KEYS);
  try {
    const built = buildPipeline(known as never);
    return renderJson(built) === renderJson(known as never) ? undefined : "pipeline() would merge duplicate entries";
  } catch (error) {
    return oneLine((error as Error).message);
  }
}

function writeModules(e: Emitter, ignored: readonly string[]): ImportedModule[] {
  if (e.options.split !== undefined) return writeSplit(e, ignored);
  const scope: Scope = new Set();
  const sections = sectionEntries(e, true, scope);
  const refusal = pipelineKeepsData(e.data);
  const header = [...e.info.header];
  e.counts.comments += header.length;
  const them = ignored.length > 1 ? "them" : "it";
  const ignoredNote =
    ignored.length > 0
      ? [
          ` Left out: top-level ${ignored.map(keyInText).join(", ")} (Concourse ignores ${them}; anchors in ${them} are consts below)`,
        ]
      : [];
  let exportDoc: Doc;
  if (refusal === undefined) {
    e.imports.add("pipeline");
    exportDoc = [
      "export default ",
      call("pipeline", [objectLiteral(sections, { expand: true, trailing: takeTrailing(e, []) })]),
      ";",
    ];
  } else {
    e.typeImports.add("Pipeline");
    e.notes.push(`exported as plain data: ${refusal}`);
    exportDoc = [
      ...commentDocs([` Plain data rather than pipeline(), which would not give back the same pipeline: ${refusal}`]),
      "const config: Pipeline = ",
      objectLiteral(sections, { expand: true, trailing: takeTrailing(e, []) }),
      ";",
      hardline,
      hardline,
      "export default { pipeline: config };",
    ];
  }
  const consts = orderedConsts(e, [...scope]);
  const body: Doc[] = consts.map((c) => constDoc(e, c));
  const statements: Doc[] = [
    importDoc(e),
    ...(header.length > 0 || ignoredNote.length > 0 ? [commentDocs([...header, ...ignoredNote])] : []),
    ...body,
    exportDoc,
  ].filter((d) => d !== "");
  const doc = join(
    [hardline, hardline],
    statements.map((s) => trimTrailingHardline(s)),
  );
  return [{ file: "pipeline.ts", code: `${printDoc([doc, hardline], LINE_WIDTH).trimEnd()}\n` }];
}

function trimTrailingHardline(doc: Doc): Doc {
  if (Array.isArray(doc) && doc.length > 0 && doc.at(-1) === hardline) return doc.slice(0, -1);
  return doc;
}

/** A module of a split pipeline: its file, the identifier the index imports it as, and its jobs' indexes. */
interface Part {
  readonly file: string;
  readonly id: string;
  readonly jobs: readonly number[];
}

/** The longest stem of a split module's file name, well within the 255 bytes most file systems allow a name. */
const MAX_STEM = 64;

/**
 * The names Windows takes for a device whatever follows their first dot (`con.ts`, `NUL.ts`, `com1.x.ts`), in any case:
 * a module so named could not be written there, nor checked out.
 */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(?=\.|$)/i;

/**
 * The stem of a split module's file name for a group's name: its characters a file name may hold (others as `-`), at
 * most {@link MAX_STEM} of them (ASCII, so bytes: a group's name may be longer than a file name can be), and a
 * Windows device's name (`con`, `nul`, `com1`) followed by `_` (`con_`, `con_.x`).
 */
function fileStem(key: string): string {
  const stem =
    key
      .replace(/[^A-Za-z0-9_.-]+/g, "-")
      .slice(0, MAX_STEM)
      .replace(/^[-.]+|-+$/g, "") || "jobs";
  return WINDOWS_DEVICE.test(stem) ? stem.replace(WINDOWS_DEVICE, "$1_").slice(0, MAX_STEM) : stem;
}

/**
 * The parts of a split: runs of consecutive jobs of one group (a job counts for the first group that
 * names it), or of N jobs, so that merging the parts in order gives the jobs in their order.
 */
function splitJobs(e: Emitter, split: NonNullable<ImportOptions["split"]>): Part[] {
  const jobs = Array.isArray(e.data.jobs) ? e.data.jobs : [];
  const groups = Array.isArray(e.data.groups) ? e.data.groups.filter(isObject) : [];
  const keyOf = (job: unknown, i: number): string => {
    if ("jobsPerModule" in split) return `jobs ${Math.floor(i / split.jobsPerModule) + 1}`;
    const name = isObject(job) ? job.name : undefined;
    const group = groups.find(
      (g) =>
        Array.isArray(g.jobs) &&
        g.jobs.some((p) => typeof p === "string" && typeof name === "string" && goPathMatch(p, name)),
    );
    return typeof group?.name === "string" ? group.name : "other jobs";
  };
  const runs: { key: string; jobs: number[] }[] = [];
  jobs.forEach((job, i) => {
    const key = keyOf(job, i);
    const last = runs.at(-1);
    if (last !== undefined && last.key === key) last.jobs.push(i);
    else runs.push({ key, jobs: [i] });
  });
  // compared in lower case: on macOS and Windows `Shared.ts` would replace `shared.ts`
  const files = new Set(["pipeline", "shared"]);
  return runs.map(({ key, jobs: indexes }) => {
    const stem = fileStem(key);
    let file = stem;
    for (let n = 2; files.has(file.toLowerCase()); n++) file = `${stem}-${n}`;
    files.add(file.toLowerCase());
    return {
      file: `${file}.ts`,
      id: e.names.claim(`${key} jobs`, { fallback: "jobs", suffix: "Jobs" }),
      jobs: indexes,
    };
  });
}

function writeSplit(e: Emitter, ignored: readonly string[]): ImportedModule[] {
  const split = e.options.split as NonNullable<ImportOptions["split"]>;
  const whole = (why: string) => {
    e.notes.push(`not split: ${why}`);
    const { split: _, ...whole } = e.options;
    return writeModules({ ...e, options: whole }, ignored);
  };
  const refusal = pipelineKeepsData(e.data);
  if (refusal !== undefined) return whole(`pipeline() would not give it back (${refusal})`);
  const parts = splitJobs(e, split);
  if (parts.length < 2) return whole("all jobs fall in one part");

  const jobs = e.data.jobs as unknown[];
  const partModules = parts.map((part, p) => {
    const pe: Emitter = { ...e, imports: new Set(["fragment"]), typeImports: new Set() };
    const scope: Scope = new Set();
    const comments = p === 0 ? takeComments(pe, ["jobs"]) : [];
    const items = part.jobs.map((i) => ({
      comments: takeComments(pe, ["jobs", i]),
      doc: emitJob(pe, jobs[i], ["jobs", i], scope),
    }));
    const body = call("fragment", [objectLiteral([{ comments, doc: property("jobs", arrayLiteral(items), false) }])]);
    return { part, pe, scope, body };
  });
  const indexScope: Scope = new Set();
  const sections = sectionEntries(e, false, indexScope);
  const consts = orderedConsts(e, [...indexScope, ...partModules.flatMap((m) => [...m.scope])]);
  const constDocs = consts.map((c) => ["export ", constDoc(e, c)]);
  const module = e.options.hangarModule ?? "hangar";
  const sharedImport = (ids: ReadonlySet<string>): Doc[] => {
    const names = [...ids].filter((id) => e.consts.has(id)).sort();
    return names.length === 0 ? [] : [importList(names, specifierOf("shared.ts"))];
  };
  const moduleCode = (statements: readonly Doc[]) =>
    `${printDoc(
      [
        join(
          [hardline, hardline],
          statements.filter((d) => d !== ""),
        ),
        hardline,
      ],
      LINE_WIDTH,
    ).trimEnd()}\n`;

  const header = [...e.info.header];
  e.counts.comments += header.length;
  const indexImports = new Set(["mergeFragments", "pipeline"]);
  const index = moduleCode([
    [importDocOf(indexImports, new Set(), module), ...sharedImport(indexScope).flatMap((d) => [hardline, d])],
    join(
      hardline,
      parts.map((part) => `import ${part.id} from ${stringLiteral(specifierOf(part.file))};`),
    ),
    ...(header.length > 0 ? [commentDocs(header).slice(0, -1)] : []),
    [
      "export default ",
      call("pipeline", [
        call(
          "mergeFragments",
          parts.map((part) => part.id),
        ),
        objectLiteral(sections, { expand: true, trailing: takeTrailing(e, []) }),
      ]),
      ";",
    ],
  ]);
  const ignoredNote =
    ignored.length > 0
      ? [commentDocs([` Left out: top-level ${ignored.map(keyInText).join(", ")} (Concourse ignores it)`]).slice(0, -1)]
      : [];
  const shared = moduleCode([importDocOf(e.imports, e.typeImports, module), ...ignoredNote, ...constDocs]);
  return [
    { file: "pipeline.ts", code: index },
    ...(consts.length > 0 ? [{ file: "shared.ts", code: shared }] : []),
    ...partModules.map(({ part, pe, scope, body }) => ({
      file: part.file,
      code: moduleCode([
        [importDocOf(pe.imports, pe.typeImports, module), ...sharedImport(scope).flatMap((d) => [hardline, d])],
        ["export default ", body, ";"],
      ]),
    })),
  ];
}

/**
 * What a module of a split imports another by: its ES module name, `./release.js` for release.ts (`.mjs` for a `.mts`),
 * TypeScript's own convention, which tsc takes under node16, nodenext and bundler resolution with no option (a `.ts`
 * name needs `allowImportingTsExtensions`), and esbuild (hangar render) and vitest read as the `.ts` file.
 */
const specifierOf = (file: string): string => `./${file.replace(/\.([cm]?)ts$/, ".$1js")}`;

/** `import { a, b } from "module";`, broken over lines when too long. */
function importList(names: readonly string[], from: string): Doc {
  return group([
    "import {",
    indent([line, join([",", line], names)]),
    ifBreak(","),
    line,
    `} from ${stringLiteral(from)};`,
  ]);
}
