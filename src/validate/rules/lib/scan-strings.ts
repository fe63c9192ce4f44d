import type { Path, PathSegment } from "../../../model/common.ts";

/** A string found inside a value: the key it is the value of (`undefined` in a list), and its path on demand. */
export interface FoundString {
  readonly value: string;
  readonly key: string | undefined;
  /** The literal path of the string (built only when asked for, since few strings are ever reported). */
  path(): Path;
}

interface Node {
  readonly value: unknown;
  readonly parent: Node | undefined;
  readonly segment: PathSegment | undefined;
  readonly top: boolean;
}

function pathOf(node: Node, at: Path): Path {
  const segments: PathSegment[] = [];
  for (let n: Node | undefined = node; n !== undefined && n.segment !== undefined; n = n.parent)
    segments.push(n.segment);
  return [...at, ...segments.reverse()];
}

/**
 * Calls `visit` for every string inside `value` (map values and list items, at any depth), in document order.
 * Iterative, so deep nesting cannot overflow the stack; a map or list reached twice (a YAML alias, or a cycle)
 * is scanned once. `skip(key)` leaves out a top-level key of `value` (nested steps, say). Linear in the size of
 * `value`.
 */
export function scanStrings(
  value: unknown,
  at: Path,
  visit: (found: FoundString) => void,
  skip?: (key: string) => boolean,
): void {
  const seen = new Set<object>();
  const stack: Node[] = [{ value, parent: undefined, segment: undefined, top: true }];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const v = node.value;
    if (typeof v === "string") {
      const key = typeof node.segment === "string" ? node.segment : undefined;
      visit({ value: v, key, path: () => pathOf(node, at) });
      continue;
    }
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: node, segment: i, top: false });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        if (node.top && skip?.(k)) continue;
        stack.push({ value: (v as Record<string, unknown>)[k], parent: node, segment: k, top: false });
      }
    }
  }
}
