import type { GoNumbers } from "../concourse/go-number.ts";
import { isObject } from "../model/common.ts";
import type { Diagnostic } from "../source/diagnostic.ts";
import type { KnownMappings } from "./known-mappings.ts";
import type { StructDesc } from "./shape-descriptor.ts";
import { checkValue } from "./shape-full.ts";
import { type At, ROOT, TASK_ROOT } from "./shape-position.ts";
import { quick, quickData, type StringVisitor } from "./shape-quick.ts";
import { type State, typeError } from "./shape-report.ts";
import { CONFIG, TASK_CONFIG_FILE } from "./shape-types.ts";

export { MAX_STEP_DEPTH, MAX_VALUE_DEPTH } from "./shape-descriptor.ts";
export type { StringVisitor } from "./shape-quick.ts";

/**
 * Checks that a parsed pipeline value has the types Concourse reads it with (atc/config.go,
 * atc/job_config.go, atc/steps.go, atc/task.go), the way `fly validate-pipeline` decodes it:
 *
 * - outside steps, YAML numbers and booleans given where a string is expected become strings
 *   (sigs.k8s.io/yaml does this) in the result's `value`, a copy of the containers on the way to each; the value given
 *   is left as it is (an alias may give one list or mapping in two places, which go-yaml decodes one by one);
 * - a value of the wrong type is an error with Go's `json: cannot unmarshal ...` text;
 * - unknown keys of the pipeline, jobs, resources, resource types, groups, var sources and display are
 *   warnings (`fly validate-pipeline --strict` rejects them); unknown keys of steps and of a task's inline
 *   config are left to the `step-unknown-fields` rule (Concourse's StepValidator reports them);
 * - steps are read by Concourse's precedence: no core step key is an error.
 *
 * Never throws and never recurses deeper than `MAX_STEP_DEPTH` nested steps. `known` has the keys of the value's
 * large mappings as the reader saw them (see known-mappings.ts); `numbers`, how go-yaml read its whole numbers where
 * JavaScript cannot tell (digits past 2^53, whole floats), for a value read from a text (see go-numbers.ts).
 *
 * The descriptors of Concourse's types are in `shape-types.ts`; the full check, with a position for each report,
 * in `shape-full.ts`; the quick pass that answers the common case without positions, in `shape-quick.ts`.
 */
export function checkShape(value: unknown, known?: KnownMappings, numbers?: GoNumbers): ShapeResult {
  return checkDocument(value, PIPELINE_DOCUMENT, known, numbers);
}

/**
 * {@link checkShape} of a task config file, read as `atc.NewTaskConfig` reads it (sigs.k8s.io/yaml into
 * `atc.TaskConfig`): no scalar is coerced to a string (the type has its own `UnmarshalJSON`), a root that is not a
 * mapping is `json: cannot unmarshal array into Go value of type map[string]*json.RawMessage`, and unknown keys of
 * the top level are left to the task config validator (they stop Concourse's read: see validate-task-config.ts).
 */
export function checkTaskConfigShape(value: unknown, known?: KnownMappings, numbers?: GoNumbers): ShapeResult {
  return checkDocument(value, TASK_DOCUMENT, known, numbers);
}

/** The Go type a document decodes into: its descriptor, where it starts, and Go's name of it when not a mapping. */
interface DocumentType {
  readonly desc: StructDesc;
  readonly root: At;
  readonly notMapping: string;
}

const PIPELINE_DOCUMENT: DocumentType = { desc: CONFIG, root: ROOT, notMapping: "atc.Config" };

const TASK_DOCUMENT: DocumentType = {
  desc: TASK_CONFIG_FILE,
  root: TASK_ROOT,
  notMapping: "map[string]*json.RawMessage",
};

function checkDocument(
  value: unknown,
  type: DocumentType,
  known: KnownMappings | undefined,
  numbers: GoNumbers | undefined,
): ShapeResult {
  const diagnostics: Diagnostic[] = [];
  const state: State = { diagnostics, wellFormed: true, known, numbers };
  if (value === null || value === undefined) {
    return { isMapping: true, wellFormed: true, unchanged: true, value, diagnostics };
  }
  if (!isObject(value)) {
    typeError(state, value, type.notMapping, type.root);
    return { isMapping: false, wellFormed: false, unchanged: true, value, diagnostics };
  }
  // the common case, a document with nothing to report, is answered by a quick pass that builds no positions
  if (quick(value, type.desc, 0, known)) {
    return { isMapping: true, wellFormed: true, unchanged: true, value, diagnostics };
  }
  const read = checkValue(state, value, type.desc, type.root);
  return { isMapping: true, wellFormed: state.wellFormed, unchanged: state.changed !== true, value: read, diagnostics };
}

/**
 * One walk of a pipeline value that did not come from text (what `renderData` returns), for the common case of data
 * with nothing to report: true only when {@link checkShape} would report nothing and change nothing and
 * `findNotPlainData` (walk/plain-data.ts) would find nothing wrong. Every string of the value is shown to `strings`
 * on the way, with the key of the mapping it is in. False says nothing: run the two checks.
 */
export function quickDataCheck<S>(value: Record<string, unknown>, strings: StringVisitor<S>): boolean {
  return quickData(value, CONFIG, strings);
}

/**
 * The two passes of {@link checkShape} on their own (for the test that holds them to each other): the quick pass's
 * yes/no, and the diagnostics of the full check.
 */
export const shapePasses = {
  quick: (value: Record<string, unknown>): boolean => quick(value, CONFIG, 0),
  full: (value: Record<string, unknown>): Diagnostic[] => {
    const state: State = { diagnostics: [], wellFormed: true };
    checkValue(state, value, CONFIG, ROOT);
    return state.diagnostics;
  },
};

export interface ShapeResult {
  /** Whether the document is a mapping (or empty), so there is a pipeline to speak of. */
  readonly isMapping: boolean;
  /** No error-level diagnostic: every value has the type Concourse expects; rules may run. */
  readonly wellFormed: boolean;
  /** Whether the value is as it was given (the full check converts numbers given for strings). */
  readonly unchanged: boolean;
  /** The value as Concourse reads it: the value given when `unchanged`, else a copy with the conversions. */
  readonly value: unknown;
  readonly diagnostics: Diagnostic[];
}
