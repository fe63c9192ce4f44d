/** The checks validate.go repeats for resources, resource types, prototypes and jobs. */

import { location, locationIdentifier } from "../../../concourse/config-location.ts";
import { goString } from "../../../concourse/go-value.ts";
import type { Path } from "../../../model/common.ts";
import type { SharedContext } from "../../define-rule.ts";
import { type NamedSection, sectionEntries } from "./sections.ts";

export interface DuplicateFinding {
  readonly path: Path;
  readonly data: { readonly first: string; readonly second: string; readonly name: string };
}

/**
 * `%s and %s have the same name ('%s')` for `section`: validate.go keeps the FIRST location of each non-empty
 * name, and an entry whose name is already taken is reported; `taken` holds names another section took first
 * (resource types and prototypes share one map).
 */
export function duplicateNames(
  ctx: SharedContext,
  section: NamedSection,
  taken?: ReadonlyMap<string, string>,
): DuplicateFinding[] {
  const out: DuplicateFinding[] = [];
  const first = new Map<string, number>();
  const entries = sectionEntries(ctx, section);
  // by index (see GoSteps)
  for (let e = 0; e < entries.length; e++) {
    const { index, name } = entries[e] as (typeof entries)[number];
    if (name === undefined) continue;
    const earlier = first.get(name);
    const other = taken?.get(name) ?? (earlier === undefined ? undefined : location(section, earlier));
    if (other !== undefined) {
      out.push({ path: [section, index, "name"], data: { first: other, second: location(section, index), name } });
    } else if (name !== "") first.set(name, index);
  }
  return out;
}

/** The names of `section` with their first location, as validate.go's `seenTypes` holds them. */
export function firstLocations(ctx: SharedContext, section: NamedSection): Map<string, string> {
  const seen = new Map<string, string>();
  const entries = sectionEntries(ctx, section);
  // by index (see GoSteps)
  for (let e = 0; e < entries.length; e++) {
    const { index, name } = entries[e] as (typeof entries)[number];
    if (name !== undefined && name !== "" && !seen.has(name)) seen.set(name, location(section, index));
  }
  return seen;
}

/** `%s has no name`: entries whose name is empty or missing. */
export function noName(ctx: SharedContext, section: NamedSection): { path: Path; data: { identifier: string } }[] {
  return sectionEntries(ctx, section)
    .filter((e) => e.name === "")
    .map((e) => ({ path: [section, e.index, "name"], data: { identifier: location(section, e.index) } }));
}

/** `%s has no type`: entries whose type is empty or missing. */
export function noType(ctx: SharedContext, section: NamedSection): { path: Path; data: { identifier: string } }[] {
  return sectionEntries(ctx, section)
    .filter((e) => e.name !== undefined && goString(e.value.type) === "")
    .map((e) => ({
      path: [section, e.index, "type"],
      data: { identifier: locationIdentifier(section, e.index, e.name as string) },
    }));
}
