/** Which jobs a `passed:` entry names, with Go's `path.Match`; literal names are a map lookup. */
import type { Pipeline } from "../../../model/pipeline.ts";
import { goPathMatch, isLiteralPathPattern } from "./go-path-match.ts";
import { namedEntries, type Obj } from "./values.ts";

/** Returns, for a passed entry, the indexes of the jobs it matches, in pipeline order. */
export function createPassedMatcher(pipeline: Readonly<Pipeline>): (pattern: string) => readonly number[] {
  const byName = new Map<string, number[]>();
  const all: { index: number; name: string }[] = [];
  for (const { index, name } of namedEntries((pipeline as unknown as Obj).jobs)) {
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
