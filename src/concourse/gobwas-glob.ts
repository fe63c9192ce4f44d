/**
 * The glob syntax of `groups[].jobs` (github.com/gobwas/glob v0.2.3 `glob.Compile(pattern)` with no
 * separators): the same tokens, the same compile errors, translated to a RegExp. `undefined` means Concourse
 * reports "invalid glob expression".
 *
 *   `*` / `**` any text · `?` one character · `[abc]` `[!abc]` `[a-z]` `[!a-z]` · `{a,b}` alternatives · `\c` literal
 */

type Token =
  | { readonly t: "text"; readonly v: string }
  | {
      readonly t:
        | "any"
        | "single"
        | "rangeOpen"
        | "termsOpen"
        | "sep"
        | "termsClose"
        | "not"
        | "between"
        | "rangeClose";
    }
  | { readonly t: "lo" | "hi"; readonly v: string };

const TEXT_BREAKERS = ["?", "*", "[", "{"];
const TERMS_BREAKERS = [...TEXT_BREAKERS, "}", ","];

/** Tokens of the pattern, or undefined on a lexer error. */
function lex(pattern: string): Token[] | undefined {
  const cs = Array.from(pattern);
  const out: Token[] = [];
  let pos = 0;
  let terms = 0;
  const text = (breakers: readonly string[]): void => {
    let data = "";
    let esc = false;
    while (pos < cs.length) {
      const r = cs[pos] as string;
      if (!esc) {
        if (r === "\\") {
          esc = true;
          pos++;
          continue;
        }
        if (breakers.includes(r)) break;
      }
      esc = false;
      data += r;
      pos++;
    }
    if (data !== "") out.push({ t: "text", v: data });
  };
  const range = (): boolean => {
    let wantHi = false;
    let wantClose = false;
    let seenNot = false;
    for (;;) {
      if (pos >= cs.length) return false; // unexpected end of input
      const r = cs[pos++] as string;
      if (wantClose) {
        if (r !== "]") return false; // expected close range character
        out.push({ t: "rangeClose" });
        return true;
      }
      if (wantHi) {
        out.push({ t: "hi", v: r });
        wantClose = true;
        continue;
      }
      if (!seenNot && r === "!") {
        out.push({ t: "not" });
        seenNot = true;
        continue;
      }
      if (cs[pos] === "-") {
        pos++;
        out.push({ t: "lo", v: r }, { t: "between" });
        wantHi = true;
        continue;
      }
      pos--;
      text(["]"]);
      wantClose = true;
    }
  };
  while (pos < cs.length) {
    const r = cs[pos++] as string;
    if (r === "{") {
      terms++;
      out.push({ t: "termsOpen" });
    } else if (r === "," && terms > 0) out.push({ t: "sep" });
    else if (r === "}" && terms > 0) {
      out.push({ t: "termsClose" });
      terms--;
    } else if (r === "[") {
      out.push({ t: "rangeOpen" });
      if (!range()) return undefined;
    } else if (r === "?") out.push({ t: "single" });
    else if (r === "*") {
      if (cs[pos] === "*") pos++;
      out.push({ t: "any" });
    } else {
      pos--;
      text(terms > 0 ? TERMS_BREAKERS : TEXT_BREAKERS);
    }
  }
  return out;
}

const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
const escapeClassChar = (s: string): string => s.replace(/[\\^\][-]/g, "\\$&");

interface Group {
  readonly alternatives: string[][];
}

/** The pattern as an anchored RegExp, or undefined when gobwas/glob would not compile it. */
export function compileGobwasGlob(pattern: string): RegExp | undefined {
  const tokens = lex(pattern);
  if (tokens === undefined) return undefined;
  // a stack of alternation groups; the bottom one is the whole pattern (one alternative)
  const stack: Group[] = [{ alternatives: [[]] }];
  const current = (): string[] => {
    const g = stack[stack.length - 1] as Group;
    return g.alternatives[g.alternatives.length - 1] as string[];
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    switch (tok.t) {
      case "text":
        current().push(escapeRegExp(tok.v));
        break;
      case "any":
        current().push("[^]*");
        break;
      case "single":
        current().push("[^]");
        break;
      case "termsOpen":
        stack.push({ alternatives: [[]] });
        break;
      case "sep":
        (stack[stack.length - 1] as Group).alternatives.push([]);
        break;
      case "termsClose": {
        const g = stack.pop() as Group;
        current().push(alternation(g));
        break;
      }
      case "rangeOpen": {
        let not = false;
        let lo: string | undefined;
        let hi: string | undefined;
        let chars = "";
        for (i++; i < tokens.length; i++) {
          const r = tokens[i] as Token;
          if (r.t === "not") not = true;
          else if (r.t === "lo") lo = r.v;
          else if (r.t === "hi") {
            hi = r.v;
            if ((hi.codePointAt(0) ?? 0) < (lo?.codePointAt(0) ?? 0)) return undefined;
          } else if (r.t === "text") chars = r.v;
          else if (r.t === "rangeClose") break;
        }
        const isRange = lo !== undefined && lo !== "\0" && hi !== undefined && hi !== "\0";
        const isChars = chars !== "";
        if (isRange === isChars) return undefined; // could not parse range
        const body = isRange
          ? `${escapeClassChar(lo as string)}-${escapeClassChar(hi as string)}`
          : Array.from(chars, escapeClassChar).join("");
        current().push(`[${not ? "^" : ""}${body}]`);
        break;
      }
      default:
        return undefined;
    }
  }
  // terms left open at the end are closed implicitly, as gobwas's parser does
  while (stack.length > 1) {
    const g = stack.pop() as Group;
    current().push(alternation(g));
  }
  return new RegExp(`^${current().join("")}$`, "u");
}

const alternation = (g: Group): string => `(?:${g.alternatives.map((a) => a.join("")).join("|")})`;

/** True when the pattern has no gobwas syntax, so it matches exactly the equal name. */
export const isLiteralGobwasPattern = (pattern: string): boolean => !/[*?[{\\]/.test(pattern);
