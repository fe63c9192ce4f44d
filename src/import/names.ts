/**
 * Identifiers for the consts of an imported module, derived from Concourse names (`my-repo.git` →
 * `myRepoGit`), never a reserved word, a global the module may need, or a name taken before.
 */

const RESERVED: ReadonlySet<string> = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval undefined NaN " +
    "Infinity Object Array String Number Boolean Symbol Math JSON Date Error Promise Map Set"
  ).split(" "),
);

/**
 * A camelCase identifier for a name: words split at anything but letters, digits and marks. A Latin letter's accent is
 * dropped (`café-crème` → `cafeCreme`, where a JavaScript identifier may keep it, a reader types it less easily); the
 * letters of other scripts are kept with their marks (`日本-repo` → `日本Repo`, `हिंदी` → `हिंदी`: a Devanagari vowel
 * sign is part of its word), as JavaScript identifiers may hold them.
 */
export function identifierFor(name: string, fallback: string): string {
  const words = name
    .normalize("NFKD")
    // the accents NFKD parts from Latin letters (`é` → `e` and U+0301) belong to the word, not between words
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .split(" ")
    // what an identifier may hold (a mark or a letter of a kind JavaScript refuses, say a Roman numeral, is left out)
    .map((w) => [...w].filter((c) => /\p{ID_Continue}/u.test(c)).join(""))
    .filter((w) => w !== "");
  let id = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
  if (id === "") id = fallback;
  if (!/^\p{ID_Start}/u.test(id)) id = `${fallback}${id.charAt(0).toUpperCase()}${id.slice(1)}`;
  return id;
}

/** The identifiers of one module: each new one differs from all before it and from `taken`. */
export interface Names {
  /** A fresh identifier for `name`, with `suffix` added when the bare form is taken. */
  claim(name: string, options: { readonly fallback: string; readonly suffix?: string }): string;
}

export function createNames(taken: Iterable<string>): Names {
  const used = new Set(taken);
  return {
    claim(name, { fallback, suffix = "" }) {
      const base = identifierFor(name, fallback);
      const candidates = [base, suffix !== "" && !base.endsWith(suffix) ? `${base}${suffix}` : base];
      for (const candidate of candidates) {
        if (!used.has(candidate) && !RESERVED.has(candidate)) {
          used.add(candidate);
          return candidate;
        }
      }
      const stem = candidates[1] as string;
      for (let n = 2; ; n++) {
        if (!used.has(`${stem}${n}`)) {
          used.add(`${stem}${n}`);
          return `${stem}${n}`;
        }
      }
    },
  };
}
