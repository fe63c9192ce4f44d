/** Which jobs a `passed:` entry names, with Go's `path.Match`; literal names are a map lookup. */
import type { SharedContext } from "../../define-rule.ts";
import { goPathMatch, isLiteralPathPattern } from "./go-path-match.ts";
import { sectionEntries } from "./sections.ts";

/** For a passed entry, the indexes of the jobs it matches, in pipeline order (one matcher per run, shared). */
export const passedMatcher = (ctx: SharedContext): ((pattern: string) => readonly number[]) =>
  ctx.shared(createPassedMatcher);

function createPassedMatcher(ctx: SharedContext): (pattern: string) => readonly number[] {
  const byName = new Map<string, number[]>();
  const all: { index: number; name: string }[] = [];
  for (const { index, name } of sectionEntries(ctx, "jobs")) {
    if (name === undefined) continue;
    all.push({ index, name });
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [index]);
    else list.push(index);
  }
  const globs = new Map<string, readonly number[]>();
  return (pattern) => {
    if (isLiteralPathPattern(pattern)) return byName.get(pattern) ?? [];
    let hit = globs.get(pattern);
    if (hit === undefined) {
      hit = all.filter((j) => goPathMatch(pattern, j.name)).map((j) => j.index);
      globs.set(pattern, hit);
    }
    return hit;
  };
}
