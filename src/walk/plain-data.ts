import type { Path, PathSegment } from "../model/common.ts";
import { formatPath } from "./format-path.ts";

/** Where a value stops being plain data, and what is wrong there. */
export interface NotPlainData {
  readonly path: Path;
  /** `a circular reference (back to jobs[3])`, `a BigInt (12n)`, `a getter that throws: Error: ...`, ... */
  readonly problem: string;
}

const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * The first place where `value` is not data that JSON can hold unchanged: a circular reference, a
 * BigInt, a function, a symbol, a number that is not finite, or a property whose getter throws.
 * `undefined` when there is none. Walks carefully (never recursing past `maxDepth`, reading each
 * property once, inside try), so it can explain why converting or writing `value` failed.
 */
export function findNotPlainData(value: unknown, maxDepth = 1000): NotPlainData | undefined {
  const ancestors: object[] = [];
  const path: PathSegment[] = [];
  const visit = (v: unknown): NotPlainData | undefined => {
    switch (typeof v) {
      case "bigint":
        return { path: [...path], problem: `a BigInt (${v}n), which JSON cannot hold` };
      case "function":
        return { path: [...path], problem: "a function, not data (a factory not called?)" };
      case "symbol":
        return { path: [...path], problem: `a symbol (${String(v)}), not data` };
      case "number":
        return Number.isFinite(v) ? undefined : { path: [...path], problem: `${v}, a number JSON cannot hold` };
      case "object":
        break;
      default:
        return undefined;
    }
    if (v === null) return undefined;
    const back = ancestors.indexOf(v);
    if (back !== -1) {
      const to = back === 0 ? "the top" : formatPath(path.slice(0, back));
      return { path: [...path], problem: `a circular reference (back to ${to})` };
    }
    if (ancestors.length >= maxDepth) return { path: [...path], problem: `nested more than ${maxDepth} levels deep` };
    ancestors.push(v);
    try {
      const keys = Array.isArray(v) ? v.keys() : Object.keys(v);
      for (const key of keys) {
        path.push(key);
        let child: unknown;
        try {
          child = (v as Record<PathSegment, unknown>)[key];
        } catch (error) {
          return { path: [...path], problem: `a getter that throws: ${describeError(error)}` };
        }
        const found = visit(child);
        if (found !== undefined) return found;
        path.pop();
      }
    } finally {
      ancestors.pop();
    }
    return undefined;
  };
  return visit(value);
}
