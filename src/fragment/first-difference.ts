import { toConcourseData } from "../render/to-concourse.ts";
import { formatPath } from "../source/path.ts";

/** Where two definitions first differ, and the two values there. */
export interface Difference {
  readonly path: string;
  readonly left: unknown;
  readonly right: unknown;
}

/**
 * The first place where `a` and `b` differ once both are in Concourse's form (so key order,
 * absent-versus-undefined and object-versus-name references do not count), or `undefined`.
 */
export function firstDifference(a: unknown, b: unknown): Difference | undefined {
  return diff(toConcourseData(a), toConcourseData(b), []);
}

function diff(a: unknown, b: unknown, path: (string | number)[]): Difference | undefined {
  // 0 and -0 are written alike (JSON writes both as 0); NaN is NaN
  if (a === b || Object.is(a, b)) return undefined;
  const here = () => ({ path: formatPath(path), left: a, right: b });
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return here();
  if (Array.isArray(a) !== Array.isArray(b)) return here();
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return { path: formatPath([...path, i]), left: a[i], right: b[i] };
      const d = diff(a[i], b[i], [...path, i]);
      if (d) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    const d = diff(ao[key], bo[key], [...path, key]);
    if (d) return d;
  }
  return undefined;
}
