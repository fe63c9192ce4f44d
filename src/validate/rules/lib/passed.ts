/** Which jobs a `passed:` entry names, with Go's `path.Match`; literal names are a map lookup. */

import { goPathMatch, isLiteralPathPattern } from "../../../concourse/go-path-match.ts";
import type { SharedContext } from "../../define-rule.ts";
import { sectionEntries } from "./sections.ts";

/** For a passed entry, the indexes of the jobs it matches, in pipeline order (one matcher per run, shared). */
export const passedMatcher = (ctx: SharedContext): ((pattern: string) => readonly number[]) =>
  ctx.shared(createPassedMatcher);

/** The indexes of the jobs of each name Go can read, in pipeline order (shared, once per run). */
export const jobsByName = (ctx: SharedContext): ReadonlyMap<string, readonly number[]> => ctx.shared(readJobsByName);

function readJobsByName(ctx: SharedContext): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  const entries = sectionEntries(ctx, "jobs");
  // by index (see GoSteps)
  for (let e = 0; e < entries.length; e++) {
    const { index, name } = entries[e] as (typeof entries)[number];
    if (name === undefined) continue;
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [index]);
    else list.push(index);
  }
  return byName;
}

const NONE: readonly number[] = [];

function createPassedMatcher(ctx: SharedContext): (pattern: string) => readonly number[] {
  const byName = jobsByName(ctx);
  const globs = new Map<string, readonly number[]>();
  return (pattern) => {
    if (isLiteralPathPattern(pattern)) return byName.get(pattern) ?? NONE;
    let hit = globs.get(pattern);
    if (hit === undefined) {
      const matched: number[] = [];
      const entries = sectionEntries(ctx, "jobs");
      // by index (see GoSteps)
      for (let e = 0; e < entries.length; e++) {
        const { index, name } = entries[e] as (typeof entries)[number];
        if (name !== undefined && goPathMatch(pattern, name)) matched.push(index);
      }
      hit = matched;
      globs.set(pattern, hit);
    }
    return hit;
  };
}
