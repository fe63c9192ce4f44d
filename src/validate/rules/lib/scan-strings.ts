import type { Path } from "../../../model/common.ts";

/** A string found inside a value, with its path and the key it is the value of (`undefined` in a list). */
export interface FoundString {
  readonly value: string;
  readonly path: Path;
  readonly key: string | undefined;
}

/**
 * Every string inside `value` (map values and list items, at any depth), in document order, with its path.
 * Iterative, so deep nesting cannot overflow the stack; a map or list reached twice (a YAML alias, or a cycle)
 * is scanned once. `skip(key)` leaves out a top-level key of `value` (nested steps, say).
 */
export function scanStrings(value: unknown, at: Path, skip?: (key: string) => boolean): FoundString[] {
  const out: FoundString[] = [];
  const seen = new Set<object>();
  const stack: { value: unknown; path: Path; key: string | undefined; top: boolean }[] = [
    { value, path: at, key: undefined, top: true },
  ];
  while (stack.length > 0) {
    const item = stack.pop() as (typeof stack)[number];
    const v = item.value;
    if (typeof v === "string") {
      out.push({ value: v, path: item.path, key: item.key });
      continue;
    }
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    const children: (typeof stack)[number][] = [];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++)
        children.push({ value: v[i], path: [...item.path, i], key: undefined, top: false });
    } else {
      for (const [k, child] of Object.entries(v)) {
        if (item.top && skip?.(k)) continue;
        children.push({ value: child, path: [...item.path, k], key: k, top: false });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as (typeof stack)[number]);
  }
  return out;
}
