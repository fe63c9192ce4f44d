/**
 * Go's `path.Match(pattern, name)` (the glob syntax of `passed:`), reduced to its boolean: Concourse ignores
 * the error, so a malformed pattern simply matches nothing. Works on code points like Go works on runes.
 */

/** True when the pattern has no glob syntax, so it matches exactly the equal name. */
export const isLiteralPathPattern = (pattern: string): boolean => !/[*?[\\]/.test(pattern);

interface ChunkResult {
  readonly ok: boolean;
  readonly bad: boolean;
  readonly rest: readonly string[];
}

const FAIL: ChunkResult = { ok: false, bad: false, rest: [] };
const BAD: ChunkResult = { ok: false, bad: true, rest: [] };

export function goPathMatch(pattern: string, name: string): boolean {
  const p = Array.from(pattern);
  let n: readonly string[] = Array.from(name);
  let at = 0;
  next: while (at < p.length) {
    let star = false;
    while (at < p.length && p[at] === "*") {
      at++;
      star = true;
    }
    const end = chunkEnd(p, at);
    const chunk = p.slice(at, end);
    at = end;
    if (star && chunk.length === 0) return !n.includes("/");
    const first = matchChunk(chunk, n);
    if (first.ok && (first.rest.length === 0 || at < p.length)) {
      n = first.rest;
      continue;
    }
    if (first.bad) return false;
    if (star) {
      for (let i = 0; i < n.length && n[i] !== "/"; i++) {
        const t = matchChunk(chunk, n.slice(i + 1));
        if (t.ok) {
          if (at >= p.length && t.rest.length > 0) continue;
          n = t.rest;
          continue next;
        }
        if (t.bad) return false;
      }
    }
    return false;
  }
  return n.length === 0;
}

/** Where the chunk starting at `from` ends: at the next `*` outside a character class. */
function chunkEnd(p: readonly string[], from: number): number {
  let inRange = false;
  let i = from;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") {
      if (i + 1 < p.length) i++;
    } else if (c === "[") inRange = true;
    else if (c === "]") inRange = false;
    else if (c === "*" && !inRange) break;
  }
  return i;
}

function matchChunk(chunkIn: readonly string[], sIn: readonly string[]): ChunkResult {
  let chunk = chunkIn;
  let s = sIn;
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c = chunk[0];
    if (c === "[") {
      let r = "";
      if (!failed) {
        r = s[0] as string;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
      let negated = false;
      if (chunk[0] === "^") {
        negated = true;
        chunk = chunk.slice(1);
      }
      let match = false;
      let ranges = 0;
      for (;;) {
        if (chunk[0] === "]" && ranges > 0) {
          chunk = chunk.slice(1);
          break;
        }
        const lo = escaped(chunk);
        if (lo === undefined) return BAD;
        chunk = lo.rest;
        let hi = lo;
        if (chunk[0] === "-") {
          const h = escaped(chunk.slice(1));
          if (h === undefined) return BAD;
          hi = h;
          chunk = h.rest;
        }
        if (!failed && cmp(lo.char, r) <= 0 && cmp(r, hi.char) <= 0) match = true;
        ranges++;
      }
      if (match === negated) failed = true;
    } else if (c === "?") {
      if (!failed) {
        if (s[0] === "/") failed = true;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    } else {
      if (c === "\\") {
        chunk = chunk.slice(1);
        if (chunk.length === 0) return BAD;
      }
      if (!failed) {
        if (chunk[0] !== s[0]) failed = true;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    }
  }
  return failed ? FAIL : { ok: true, bad: false, rest: s };
}

function escaped(chunkIn: readonly string[]): { char: string; rest: readonly string[] } | undefined {
  let chunk = chunkIn;
  if (chunk.length === 0 || chunk[0] === "-" || chunk[0] === "]") return undefined;
  if (chunk[0] === "\\") {
    chunk = chunk.slice(1);
    if (chunk.length === 0) return undefined;
  }
  const rest = chunk.slice(1);
  if (rest.length === 0) return undefined;
  return { char: chunk[0] as string, rest };
}

const cmp = (a: string, b: string): number => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0);
