/** Which jobs each `groups[].jobs` entry matches, with gobwas/glob semantics; linear for literal names. */

import { compileGobwasGlob, isLiteralGobwasPattern } from "../../../concourse/gobwas-glob.ts";
import { isObject } from "../../../model/common.ts";
import type { SharedContext } from "../../define-rule.ts";
import { sectionEntries } from "./sections.ts";
import { listOf, type Obj } from "./values.ts";

export interface GroupJobEntry {
  readonly groupIndex: number;
  readonly group: Obj;
  readonly groupName: string;
  readonly entryIndex: number;
  readonly pattern: string;
  /** undefined when the pattern does not compile; otherwise the names of the matching jobs. */
  readonly matches: readonly string[] | undefined;
}

/** Every string entry of every group's `jobs`, with the job names it matches (shared by the rules, once per run). */
export const groupJobEntries = (ctx: SharedContext): readonly GroupJobEntry[] => ctx.shared(readGroupJobEntries);

function readGroupJobEntries(ctx: SharedContext): GroupJobEntry[] {
  const p = ctx.pipeline as unknown as Obj;
  if (listOf(p.groups).length === 0) return [];
  const jobNames: string[] = [];
  const jobSet = new Set<string>();
  for (const { name } of sectionEntries(ctx, "jobs")) {
    if (name !== undefined && !jobSet.has(name)) {
      jobSet.add(name);
      jobNames.push(name);
    }
  }
  const cache = new Map<string, readonly string[] | undefined>();
  const matchesOf = (pattern: string): readonly string[] | undefined => {
    if (isLiteralGobwasPattern(pattern)) return jobSet.has(pattern) ? [pattern] : [];
    if (cache.has(pattern)) return cache.get(pattern);
    const re = compileGobwasGlob(pattern);
    const out = re === undefined ? undefined : jobNames.filter((n) => re.test(n));
    cache.set(pattern, out);
    return out;
  };
  const out: GroupJobEntry[] = [];
  const groups = listOf(p.groups);
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    if (!isObject(group)) continue;
    const groupName = typeof group.name === "string" ? group.name : group.name == null ? "" : undefined;
    if (groupName === undefined) continue;
    const entries = listOf(group.jobs);
    for (let k = 0; k < entries.length; k++) {
      const pattern = entries[k];
      if (typeof pattern !== "string") continue;
      out.push({ groupIndex: g, group, groupName, entryIndex: k, pattern, matches: matchesOf(pattern) });
    }
  }
  return out;
}
