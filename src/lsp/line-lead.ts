/**
 * How a line of YAML starts: its indentation, then the dashes of the list entries it opens (`  - - name: x`), each
 * followed by blanks, as the pattern `^(\s*)((?:-\s+)*)` reads them (blanks as `\s` reads them). Read by hand, once:
 * a regular expression's loop over a line of millions of `- ` overflowed its backtracking stack (RangeError, at
 * 5,000,000 of them), and a pattern that could also read a dash as a key's first character read the line again from
 * each dash (a line of 100,000 took half a minute).
 */
export interface LineLead {
  /** The blanks the line starts with. */
  readonly indent: number;
  /** The characters of the list dashes after them, each dash with the blanks after it. */
  readonly dashes: number;
}

/** Whether a character is one `\s` matches. */
const isBlank = (c: number): boolean =>
  (c >= 0x09 && c <= 0x0d) ||
  c === 0x20 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/** The {@link LineLead} of a line. */
export function lineLead(line: string): LineLead {
  let i = 0;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  const indent = i;
  let dashes = i;
  while (line.charCodeAt(i) === 0x2d && isBlank(line.charCodeAt(i + 1))) {
    i += 2;
    while (i < line.length && isBlank(line.charCodeAt(i))) i++;
    dashes = i;
  }
  return { indent, dashes: dashes - indent };
}
