/**
 * Line diffs of two texts as data (edits, then hunks with context), and their unified text form.
 * Used by `hangar diff` for the YAML of a changed object and by `hangar render --check` for a stale file.
 */

/** One line of a diff: kept in both texts, removed from the old one, or added in the new one. */
export interface LineEdit {
  readonly op: " " | "-" | "+";
  readonly line: string;
}

/** A run of edits with its context, and where it starts in each text (1-based, like `diff -u`). */
export interface Hunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly edits: readonly LineEdit[];
}

/** A text's lines; a final line break does not make an extra empty line. */
export const splitLines = (text: string): string[] => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/**
 * The shortest edit script turning `before` into `after` (Myers' O(ND) algorithm), after removing the
 * common prefix and suffix, which is all most pipeline edits leave to compare.
 */
export function diffLines(before: readonly string[], after: readonly string[]): LineEdit[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  const a = before.slice(prefix, before.length - suffix);
  const b = after.slice(prefix, after.length - suffix);
  const keep = (line: string): LineEdit => ({ op: " ", line });
  return [...before.slice(0, prefix).map(keep), ...myers(a, b), ...before.slice(before.length - suffix).map(keep)];
}

/**
 * Beyond this many differing lines, the texts are shown as wholly replaced: the search's memory grows
 * with the square of the edit distance, and such a diff is no longer worth reading line by line.
 */
const MAX_EDIT_DISTANCE = 4000;

const removed = (line: string): LineEdit => ({ op: "-", line });
const added = (line: string): LineEdit => ({ op: "+", line });

/** Myers' greedy algorithm; each step's frontier (diagonals -d-1..d+1) is kept for the backtrack. */
function myers(a: readonly string[], b: readonly string[]): LineEdit[] {
  const n = a.length;
  const m = b.length;
  // only removed or only added lines (an added object, a list that grew at one end): no search, whose frontiers would
  // cost the square of the lines
  if (n === 0 || m === 0) return [...a.map(removed), ...b.map(added)];
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const frontier = new Int32Array(2 * max + 3);
  const at = (v: Int32Array, base: number, k: number): number => v[k - base] ?? 0;
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(frontier.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && at(frontier, -offset, k - 1) < at(frontier, -offset, k + 1));
      let x = down ? at(frontier, -offset, k + 1) : at(frontier, -offset, k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      frontier[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) return [...a.map(removed), ...b.map(added)];
  // walk back from (n, m) through the recorded frontiers
  const edits: LineEdit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d] as Int32Array;
    const base = -d - 1;
    const k = x - y;
    const down = k === -d || (k !== d && at(v, base, k - 1) < at(v, base, k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(v, base, prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ op: " ", line: a[--x] as string });
      y--;
    }
    if (down) edits.push({ op: "+", line: b[--y] as string });
    else edits.push({ op: "-", line: a[--x] as string });
  }
  while (x > 0 && y > 0) {
    edits.push({ op: " ", line: a[--x] as string });
    y--;
  }
  return edits.reverse();
}

/** The changed lines of `edits` with `context` unchanged lines around each change, grouped into hunks. */
export function toHunks(edits: readonly LineEdit[], context: number): Hunk[] {
  const changed = edits.flatMap((edit, i) => (edit.op === " " ? [] : [i]));
  const hunks: Hunk[] = [];
  // the lines of each side before `counted`, kept as the hunks go rather than counted again from the top for each
  // (which made 2,000 hunks of a 42,000-line diff take 4 s)
  let counted = 0;
  let oldBefore = 0;
  let newBefore = 0;
  let at = 0;
  while (at < changed.length) {
    const start = Math.max(0, (changed[at] as number) - context);
    let end = (changed[at] as number) + context + 1;
    at++;
    while (at < changed.length && (changed[at] as number) - context <= end) {
      end = (changed[at] as number) + context + 1;
      at++;
    }
    end = Math.min(end, edits.length);
    for (; counted < start; counted++) {
      const op = (edits[counted] as LineEdit).op;
      if (op !== "+") oldBefore++;
      if (op !== "-") newBefore++;
    }
    const slice = edits.slice(start, end);
    const oldLines = slice.filter((e) => e.op !== "+").length;
    const newLines = slice.filter((e) => e.op !== "-").length;
    hunks.push({
      oldStart: oldLines === 0 ? oldBefore : oldBefore + 1,
      oldLines,
      newStart: newLines === 0 ? newBefore : newBefore + 1,
      newLines,
      edits: slice,
    });
  }
  return hunks;
}

/** Hunks in unified diff form (`@@ -l,s +l,s @@` and ` `/`-`/`+` lines), each line ending in a line break. */
export function formatHunks(hunks: readonly Hunk[]): string {
  return hunks
    .map(
      (h) =>
        `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.edits.map((e) => `${e.op}${e.line}\n`).join("")}`,
    )
    .join("");
}

/** The unified diff of two texts with `context` lines of context; empty when they are equal. */
export function unifiedDiff(before: string, after: string, context = 3): string {
  return formatHunks(toHunks(diffLines(splitLines(before), splitLines(after)), context));
}
