/**
 * How wide a node's name is drawn. The graph specifies one font (bold, 12px, monospace: DejaVu Sans
 * Mono first, as Debian's browsers have it, then the usual monospace faces) and measures text with
 * this metrics table instead of a browser, so boxes are sized before anything is drawn. Widths are
 * in ems and err on the wide side: a box may be a little wider than its name, never narrower.
 */

/** The font every node name is drawn in; `svg.ts` and `html.ts` write exactly this. */
export const FONT = {
  family: "'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, 'Courier New', monospace",
  size: 12,
  weight: 700,
} as const;

/** Advance of one character of the monospace faces above (DejaVu and Menlo: 1233/2048 em; the others less). */
const MONO = 0.602;
/** A character drawn wide (CJK, Hangul, full-width forms) by a fallback font. */
const WIDE = 1.0;
/** An emoji or pictograph from a colour fallback font. */
const EMOJI = 1.3;
/** Scripts the monospace faces lack: drawn by some proportional fallback; the widest of those is assumed. */
const FALLBACK = 1.0;

/** Code point ranges (inclusive) and their advance in ems, searched in order; others are {@link FALLBACK}. */
const RANGES: readonly (readonly [from: number, to: number, em: number])[] = [
  [0x0009, 0x000a, 0], // tab, line feed and carriage return are not drawn
  [0x000d, 0x000d, 0],
  [0x0000, 0x001f, FALLBACK], // other controls: XML 1.0 cannot hold them, svg.ts draws U+FFFD
  [0x007f, 0x009f, FALLBACK], // DEL and the C1 controls: svg.ts draws U+FFFD
  [0x0300, 0x036f, 0], // combining diacritics join the previous character
  [0x0020, 0x058f, MONO], // Latin, Greek, Cyrillic, Armenian: in the monospace faces
  [0x1ab0, 0x1aff, 0],
  [0x1dc0, 0x1dff, 0],
  [0x200b, 0x200f, 0], // zero-width spaces and marks
  [0x20d0, 0x20ff, 0],
  [0xfe00, 0xfe0f, 0], // variation selectors
  [0xfe20, 0xfe2f, 0],
  [0x1e00, 0x1fff, MONO], // Latin and Greek extended
  [0x2000, 0x206f, MONO], // punctuation
  [0x1100, 0x115f, WIDE],
  [0x2e80, 0xa4cf, WIDE],
  [0xac00, 0xd7a3, WIDE],
  [0xf900, 0xfaff, WIDE],
  [0xfe30, 0xfe4f, WIDE],
  [0xff00, 0xff60, WIDE],
  [0xffe0, 0xffe6, WIDE],
  [0x1f000, 0x1faff, EMOJI],
  [0x20000, 0x3fffd, WIDE],
];

function advance(codePoint: number): number {
  for (const [from, to, em] of RANGES) if (codePoint >= from && codePoint <= to) return em;
  return FALLBACK;
}

/** The drawn width of `text` in pixels, in {@link FONT}. */
export function textWidth(text: string): number {
  let ems = 0;
  for (const ch of text) ems += advance(ch.codePointAt(0) as number);
  return ems * FONT.size;
}
