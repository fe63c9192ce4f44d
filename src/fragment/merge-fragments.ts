import { argumentError, expectArrays, expectObject } from "../model/arguments.ts";
import { isObject, type Named } from "../model/common.ts";
import { HangarError } from "../model/errors.ts";
import { explainNotPlainData } from "../walk/plain-data.ts";
import { type Difference, firstDifference } from "./first-difference.ts";
import type { Fragment, FragmentParts } from "./fragment.ts";
import { combinedProvenance, withProvenance } from "./provenance.ts";

/** The named sections of a pipeline, merged by name. */
export type Section = "resource_types" | "resources" | "jobs" | "prototypes" | "groups" | "var_sources";

/** Two different definitions that share a name. */
export interface Conflict {
  readonly section: Section;
  readonly name: string;
  /** Where the first definition came from, e.g. `fragment #0 resources[1]`. */
  readonly first: string;
  /** Where the second came from. */
  readonly second: string;
  readonly difference: Difference;
}

/** A value in a conflict's message, as it is: `absent`, `NaN`, `a function`, `1n`, else its JSON. */
function show(v: unknown): string {
  switch (typeof v) {
    case "undefined":
      return "absent";
    case "number":
      return String(v);
    case "bigint":
      return `${v}n`;
    case "function":
      return "a function";
    case "symbol":
      return String(v);
    default:
      return JSON.stringify(v);
  }
}

/** Thrown when fragments define different things under one name; lists every conflict. */
export class FragmentConflictError extends HangarError {
  readonly conflicts: readonly Conflict[];

  constructor(conflicts: readonly Conflict[]) {
    const lines = conflicts.map(
      (c) =>
        `${c.section} "${c.name}": ${c.first} and ${c.second} differ at ${c.difference.path || "the top"} (${show(c.difference.left)} ≠ ${show(c.difference.right)})`,
    );
    super("fragment/conflict", `conflicting definitions:\n  ${lines.join("\n  ")}`);
    this.conflicts = conflicts;
  }
}

/** A named item and where it came from. */
export interface Origin<T> {
  readonly item: T;
  /**
   * Where it came from, e.g. `fragment #0 resources[1]`: worked out only when a message needs it (a place made
   * for every item of a pipeline, most never shown, took about a tenth of `pipeline()` at the bench's 10,000 jobs).
   */
  readonly at: () => string;
}

/**
 * Merges named items section by section: keeps the order of first appearance, drops a later item
 * equal to the first of its name, and records a conflict for a later item that differs.
 */
export function mergeNamed<T extends Named>(
  section: Section,
  items: Iterable<Origin<T>>,
  conflicts: Conflict[],
  seen: Map<string, Origin<T>> = new Map(),
): T[] {
  const out: T[] = [];
  for (const origin of items) {
    const name = origin.item.name;
    const prev = seen.get(name);
    if (!prev) {
      seen.set(name, origin);
      out.push(origin.item);
      continue;
    }
    if (prev.item === origin.item) continue;
    const difference = firstDifference(prev.item, origin.item);
    if (difference) conflicts.push({ section, name, first: prev.at(), second: origin.at(), difference });
  }
  return out;
}

const SECTIONS = ["resource_types", "resources", "jobs"] as const;

/** Throws a sentence naming the argument unless each fragment is an object whose sections are arrays of named items. */
export function checkParts(fn: string, label: string, parts: readonly unknown[], sections: readonly string[]): void {
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    expectObject(fn, `${label} #${p}`, part);
    expectArrays(fn, `${label} #${p}`, part, sections);
    for (const section of sections) {
      const items = (part[section] ?? []) as readonly unknown[];
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (!isObject(item) || typeof item.name !== "string") {
          throw argumentError(fn, `${label} #${p} ${section}[${i}]`, "an object with a name", item);
        }
        if (item.name === "") throw argumentError(fn, `${label} #${p} ${section}[${i}].name`, "a non-empty string", "");
        // a job's plan: absent or null (an empty plan, as Concourse runs it) or a list of steps
        if (section === "jobs" && item.plan != null && !Array.isArray(item.plan)) {
          throw argumentError(fn, `${label} #${p} jobs[${i}].plan`, "an array of steps", item.plan);
        }
      }
    }
  }
}

/**
 * Why `fn` failed on its parts, when the cause is in a part's data (a cycle, nesting too deep for the stack): an
 * `api/argument` error naming the part and the path. For a `catch` only, so that a call that succeeds pays nothing.
 */
export function explainParts(fn: string, label: string, parts: readonly unknown[], error: unknown): unknown {
  for (let p = 0; p < parts.length; p++) {
    const explained = explainNotPlainData(fn, `${label} #${p}`, parts[p], error);
    if (explained !== error) return explained;
  }
  return error;
}

function* origins<K extends keyof Fragment>(
  fragments: readonly FragmentParts[],
  section: K,
): Generator<Origin<Fragment[K][number]>> {
  for (let f = 0; f < fragments.length; f++) {
    const items = fragments[f]?.[section] ?? [];
    for (let i = 0; i < items.length; i++)
      yield { item: items[i] as Fragment[K][number], at: () => `fragment #${f} ${section}[${i}]` };
  }
}

/**
 * Combines fragments into one. Items are matched by name: identical duplicates collapse into the
 * first, different definitions under one name throw a {@link FragmentConflictError} naming both.
 * Only the three sections are copied, so extra handles on a fragment never leak into the result.
 * Like {@link fragment}, it accepts partial fragments: a missing section is empty.
 * @example mergeFragments(fragment({ resources: [source] }), { jobs: [build] })
 */
export function mergeFragments(...fragments: readonly FragmentParts[]): Fragment {
  checkParts("mergeFragments", "fragment", fragments, SECTIONS);
  try {
    return merge(fragments);
  } catch (error) {
    throw explainParts("mergeFragments", "fragment", fragments, error);
  }
}

function merge(fragments: readonly FragmentParts[]): Fragment {
  const conflicts: Conflict[] = [];
  const result: Fragment = {
    resource_types: mergeNamed("resource_types", origins(fragments, "resource_types"), conflicts),
    resources: mergeNamed("resources", origins(fragments, "resources"), conflicts),
    jobs: mergeNamed("jobs", origins(fragments, "jobs"), conflicts),
  };
  if (conflicts.length > 0) throw new FragmentConflictError(conflicts);
  return withProvenance(result, combinedProvenance(fragments));
}
