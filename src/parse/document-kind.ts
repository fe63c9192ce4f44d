import { CONFIG_FIELDS } from "../concourse/config-fields.ts";
import { TASK_CONFIG_FIELDS } from "../concourse/step-fields.ts";
import { isObject } from "../model/common.ts";

/**
 * What a YAML or JSON file is read as: a pipeline (what `fly set-pipeline -c` reads), or a task config file (what a
 * task step's `file:` names and `fly execute -c` runs, atc/task.go `NewTaskConfig`).
 */
export type DocumentKind = "pipeline" | "task";

/** The choice of reading a reader is given: one of the kinds, or `auto` ({@link readingOf}). */
export type ReadAs = DocumentKind | "auto";

/** How `auto` read a document, and the task config keys of one it read as a pipeline (a reason to say so). */
export interface Reading {
  readonly kind: DocumentKind;
  /** For a pipeline reading: the task config keys of its top level (none for an ordinary pipeline). */
  readonly taskKeys: readonly string[];
  /** For an `auto` reading: the document is plainly neither kind ({@link isPlainlyNeither}), though read as a pipeline. */
  readonly neither?: true;
}

/**
 * The top-level keys of a pipeline (`atc.Config`'s: `jobs`, `resources`, `resource_types`, `prototypes`, `groups`,
 * `var_sources`, `display`, `user_data`): a document with any of them is a pipeline to `auto`.
 */
export const PIPELINE_MARKERS: readonly string[] = CONFIG_FIELDS;

/** The top-level keys that make a document with none of {@link PIPELINE_MARKERS} a task config to `auto`: any of them. */
export const TASK_MARKERS: readonly string[] = ["run", "platform"];

const PIPELINE_KEYS: ReadonlySet<string> = new Set<string>(PIPELINE_MARKERS);
const TASK_KEYS: ReadonlySet<string> = new Set<string>(TASK_CONFIG_FIELDS);

/**
 * What `auto` reads a document (as read, before vars) as: a task config when it plainly is one
 * ({@link plainKindOf}); anything else (an empty file too) is a pipeline. The schema (`hangar schema`) tells them
 * apart by the same keys (src/schema/generate.ts).
 */
export function readingOf(value: unknown): Reading {
  if (plainKindOf(value) === "task") return { kind: "task", taskKeys: [] };
  const taskKeys = isObject(value) ? Object.keys(value).filter((k) => TASK_KEYS.has(k)) : [];
  return { kind: "pipeline", taskKeys, ...(isPlainlyNeither(value) && { neither: true }) };
}

/**
 * Whether a document (as read) is plainly neither a pipeline nor a task config, but another tool's file (a
 * package.json, a tsconfig.json, a vars file): a mapping with keys, none of which, in any case, is a key of a
 * pipeline's or a task config's top level; or a list or a scalar. An empty document, or an empty mapping, is not: it
 * may be a pipeline being written.
 */
export function isPlainlyNeither(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (!isObject(value)) return true;
  const keys = Object.keys(value);
  return keys.length > 0 && !keys.some((key) => CONCOURSE_KEYS.has(key.toLowerCase()));
}

/** The keys of a pipeline's and of a task config's top level, lower case (Go's decoder takes them in any case). */
const CONCOURSE_KEYS: ReadonlySet<string> = new Set<string>([...PIPELINE_MARKERS, ...TASK_CONFIG_FIELDS]);

/**
 * The kind a document (as read) plainly is: a task config when it is a mapping with one of {@link TASK_MARKERS}
 * (`run`, `platform`) and none of {@link PIPELINE_MARKERS}; a pipeline when it is a mapping with one of
 * {@link PIPELINE_MARKERS}; else none yet (an empty file, one with only comments or a key half written, a mapping of
 * neither's markers), which `auto` reads as a pipeline and the editor offers both kinds' keys for.
 */
export function plainKindOf(value: unknown): DocumentKind | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.some(isPipelineKey)) return "pipeline";
  return TASK_MARKERS.some((k) => Object.hasOwn(value, k)) ? "task" : undefined;
}

const isPipelineKey = (key: string): boolean => PIPELINE_KEYS.has(key);
