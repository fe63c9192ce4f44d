/**
 * A semantic diff of two pipeline configs, as Concourse's `atc/config_diff.go` compares them when
 * `fly set-pipeline` asks for confirmation: the named objects of each section (groups, var sources,
 * resources, resource types, prototypes, jobs) are matched by name, not position, and reported as
 * added, removed or changed; `display` and any other top-level key is compared whole. Equal data in
 * another key order is no change. Groups are also changed when their position changes (their order is
 * the order of the UI's tabs), as in Concourse.
 *
 * Changes are data (see {@link PipelineChange}); `format.ts` writes them as text or JSON.
 */

import { CONFIG_FIELDS, type ConfigField } from "../concourse/config-fields.ts";
import { isObject } from "../model/common.ts";
import { sameData } from "../walk/plain-data.ts";
import { isConfigField, storedPart } from "./stored-config.ts";

/** The sections whose objects are matched by `name`, in the order Concourse reports them. */
export const NAMED_SECTIONS = ["groups", "var_sources", "resources", "resource_types", "prototypes", "jobs"] as const;
export type NamedSection = (typeof NAMED_SECTIONS)[number];

/** What happened to one object (or to one whole top-level value such as `display`). */
export type ChangeKind = "added" | "removed" | "changed" | "moved";

/** One change between two configs. */
export interface PipelineChange {
  /** The top-level key: a named section, `display`, or another key the config has. */
  readonly section: string;
  /** The object's `name` in a named section; absent for a whole top-level value and for an object without a name. */
  readonly name?: string;
  /**
   * For a name that more than one object of the section has (a validation error): which of them, from 1 in the order
   * of the list; absent for the first. Objects of a repeated name are compared occurrence by occurrence.
   */
  readonly occurrence?: number;
  /** For an object of a named section without a string `name`: its position in the list (from 0), by which it is matched. */
  readonly index?: number;
  readonly kind: ChangeKind;
  /** The value before (absent when added). */
  readonly before?: unknown;
  /** The value after (absent when removed). */
  readonly after?: unknown;
  /** For a group that moved: its positions before and after. */
  readonly positions?: readonly [before: number, after: number];
}

/** How one object of a section is told apart: its name (and which occurrence of it), or its position when unnamed. */
type ObjectId = Pick<PipelineChange, "name" | "occurrence" | "index">;

/**
 * A section's objects by name; an object without a string name is kept under its position. A repeated name (a
 * validation error) is kept under its occurrence, so that every one of them is compared with the same occurrence on
 * the other side and no difference among them goes unreported. The keys are JSON lists, so that no name (`#1`, `a#2`)
 * can be taken for a position or another name's occurrence.
 */
function byName(section: readonly unknown[]): Map<string, { id: ObjectId; value: unknown; index: number }> {
  const found = new Map<string, { id: ObjectId; value: unknown; index: number }>();
  const seen = new Map<string, number>();
  section.forEach((value, index) => {
    if (!isObject(value) || typeof value.name !== "string") {
      found.set(JSON.stringify([index]), { id: { index }, value, index });
      return;
    }
    const name = value.name;
    const occurrence = (seen.get(name) ?? 0) + 1;
    seen.set(name, occurrence);
    const id = occurrence === 1 ? { name } : { name, occurrence };
    found.set(JSON.stringify([name, occurrence]), { id, value, index });
  });
  return found;
}

/** Whether a section's value is one Concourse reads as a list of objects: a list, or absent. */
const isList = (value: unknown): value is readonly unknown[] | undefined | null =>
  value === undefined || value === null || Array.isArray(value);

/**
 * The forms of two objects of a section as Concourse stores them, or undefined when those are equal. Equal data is
 * stored alike, so only objects that differ as written are copied and normalised (see stored-config.ts).
 */
function storedDifference(section: NamedSection, before: unknown, after: unknown): [unknown, unknown] | undefined {
  if (sameData(before, after)) return undefined;
  const stored: [unknown, unknown] = [storedPart(section, before), storedPart(section, after)];
  return sameData(...stored) ? undefined : stored;
}

function diffSection(section: NamedSection, before: unknown, after: unknown): PipelineChange[] {
  if (!isList(before) || !isList(after)) {
    // not a list (fly cannot read it): compared whole, so that no difference is hidden
    return sameData(before, after) ? [] : [wholeChange(section, before, after)];
  }
  const old = byName(before ?? []);
  const now = byName(after ?? []);
  const changes: PipelineChange[] = [];
  for (const [key, { id, value, index }] of old) {
    const match = now.get(key);
    if (match === undefined) {
      changes.push({ section, ...id, kind: "removed", before: storedPart(section, value) });
      continue;
    }
    const changed = storedDifference(section, value, match.value);
    if (changed !== undefined) changes.push({ section, ...id, kind: "changed", before: changed[0], after: changed[1] });
    else if (section === "groups" && index !== match.index)
      changes.push({
        section,
        ...id,
        kind: "moved",
        before: storedPart(section, value),
        after: storedPart(section, match.value),
        positions: [index, match.index],
      });
  }
  for (const [key, { id, value }] of now) {
    if (!old.has(key)) changes.push({ section, ...id, kind: "added", after: storedPart(section, value) });
  }
  return changes;
}

/** The change of a whole top-level value (`null` is absent, as JSON writes Go's nil). */
function wholeChange(section: string, before: unknown, after: unknown): PipelineChange {
  const [x, y] = [before ?? undefined, after ?? undefined];
  if (x === undefined) return { section, kind: "added", after: y };
  if (y === undefined) return { section, kind: "removed", before: x };
  return { section, kind: "changed", before: x, after: y };
}

/**
 * The changes from config `before` to config `after` (plain data, as read from JSON or YAML); empty when equal.
 * Both are compared as Concourse stores them (see stored-config.ts), as fly compares them: an explicit zero value
 * of an `omitempty` field (`trigger: false`) or `check_every: 1m` against `1m0s` is no change.
 */
export function diffPipelines(before: unknown, after: unknown): PipelineChange[] {
  const [a, b] = [configFields(before), configFields(after)];
  const changes: PipelineChange[] = NAMED_SECTIONS.flatMap((section) => diffSection(section, a[section], b[section]));
  const named = new Set<string>(NAMED_SECTIONS);
  const others = CONFIG_FIELDS.filter((key) => !named.has(key) && (key in a || key in b));
  for (const section of others) {
    // null is how JSON writes an absent value (Go's nil)
    const [x, y] = [storedPart(section, a[section]) ?? undefined, storedPart(section, b[section]) ?? undefined];
    if (!sameData(x, y)) changes.push(wholeChange(section, x, y));
  }
  return changes;
}

/** The top-level keys of a config that Concourse keeps (`atc.UnmarshalConfig` drops the others); none of a non-object. */
const configFields = (config: unknown): Partial<Record<ConfigField, unknown>> =>
  isObject(config) ? Object.fromEntries(Object.entries(config).filter(([key]) => isConfigField(key))) : {};
