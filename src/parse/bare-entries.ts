/**
 * The one block layout js-yaml reads otherwise than go-yaml: a bare `-` entry (nothing after the dash but spaces or a
 * comment) followed by an entry of a less indented list. go-yaml's parser (libyaml's `parse_block_sequence_entry`,
 * `parse_indentless_sequence_entry`) reads the bare entry as an empty scalar (null) and ends its list there; js-yaml
 * takes the next entry, and the outer list's entries after it, into the bare entry's list. The same text with ` ~`
 * after each such dash is read alike by both: the readers read that text (read-yaml.ts, yaml-tree.ts) and put every
 * offset back into the text as written ({@link withEmptyEntries}).
 */

/** A line that is a bare list entry: its dash, then only spaces or a comment. */
export const BARE_ENTRY = /^ *-[ \t]*(?:#.*)?\r?$/m;

/**
 * The offsets of the dashes of lines that are bare entries followed (past blank and comment lines) by a list entry
 * less indented than the dash. Lines only: a line of a scalar or a flow collection that looks like one is among them
 * (yaml-tree.ts `bareEntriesMisread` rules those out).
 */
export function bareEntriesBeforeOuterEntries(text: string): number[] {
  const found: number[] = [];
  let bare = -1;
  let bareIndent = 0;
  for (let start = 0; start < text.length; ) {
    const eol = text.indexOf("\n", start);
    const end = eol === -1 ? text.length : eol;
    let i = start;
    while (text.charCodeAt(i) === 0x20) i++;
    const content = text.slice(i, end);
    if (content.trim() !== "" && !content.startsWith("#")) {
      if (bare !== -1 && i - start < bareIndent && /^-(\s|$)/.test(content)) found.push(bare);
      const isBare = /^-[ \t]*(#.*)?\r?$/.test(content);
      bare = isBare ? i : -1;
      bareIndent = i - start;
    }
    start = end + 1;
  }
  return found;
}

/** A text with ` ~` written after some of its dashes, and how to find the text as written from it. */
export interface AmendedText {
  readonly text: string;
  /** The offset in the text as written of an offset in the amended one (one inside an inserted ` ~`: after its dash). */
  readonly back: (offset: number) => number;
  /** The dash (in the text as written) of the `~` at an offset of the amended text, if one was inserted there. */
  readonly dashOfNull: (offset: number) => number | undefined;
}

/** The text with ` ~` after each of the dashes at `dashes` (offsets in text order). */
export function withEmptyEntries(text: string, dashes: readonly number[]): AmendedText {
  const parts: string[] = [];
  let from = 0;
  for (const dash of dashes) {
    parts.push(text.slice(from, dash + 1), " ~");
    from = dash + 1;
  }
  parts.push(text.slice(from));
  // the i-th ` ~` stands at dashes[i] + 1 + 2i in the amended text: the last one at or before an offset is searched
  const back = (offset: number): number => {
    let low = 0;
    let high = dashes.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((dashes[mid] as number) + 1 + 2 * mid <= offset) low = mid + 1;
      else high = mid;
    }
    if (low === 0) return offset;
    const dash = dashes[low - 1] as number;
    return offset < dash + 1 + 2 * low ? dash + 1 : offset - 2 * low;
  };
  const nulls = new Map(dashes.map((dash, i) => [dash + 2 + 2 * i, dash]));
  return { text: parts.join(""), back, dashOfNull: (offset) => nulls.get(offset) };
}
