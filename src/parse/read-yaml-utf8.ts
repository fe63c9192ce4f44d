/**
 * Pipeline bytes to text the way go-yaml's reader takes them (readerc.go `yaml_parser_update_buffer`): a UTF-16
 * byte order mark selects UTF-16, anything else is UTF-8, and a byte sequence that is not valid UTF-8 ends the
 * read with go-yaml's own words at the offending byte. fly reads the file with go-yaml before anything else, so
 * it refuses such a file; decoding it leniently (U+FFFD in place of the bad bytes) would accept what fly rejects.
 */

/**
 * The text, or go-yaml's reason and offset (the byte it names), with the text before the sequence that holds that
 * byte (from which the caller derives the bad character's line and column).
 */
export type DecodedBytes =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: string; readonly byteOffset: number; readonly before: string };

/** go-yaml's reader errors for UTF-8 input, in its words. */
export const UTF8_PROBLEMS = {
  leading: "invalid leading UTF-8 octet",
  incomplete: "incomplete UTF-8 octet sequence",
  trailing: "invalid trailing UTF-8 octet",
  length: "invalid length of a UTF-8 sequence",
  unicode: "invalid Unicode character",
} as const;

/**
 * Decodes pipeline bytes. Valid input costs one pass of the platform's fatal decoder; only when that fails is the
 * input walked again, as go-yaml walks it, to find and name the first bad sequence. `before` is the text up to
 * that byte (valid UTF-8), from which the caller derives the line and column.
 */
export function decodeYamlBytes(bytes: Uint8Array): DecodedBytes {
  const utf16 = utf16Encoding(bytes);
  try {
    return { ok: true, text: new TextDecoder(utf16 ?? "utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    // UTF-16 input is rare and its errors are go-yaml's other messages; it is reported as the decoder puts it
    if (utf16 !== undefined) return { ok: false, problem: `invalid ${utf16} input`, byteOffset: 0, before: "" };
  }
  const bad = firstUtf8Problem(bytes);
  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, bad.start));
  return { ok: false, problem: bad.problem, byteOffset: bad.offset, before };
}

const utf16Encoding = (b: Uint8Array): "utf-16le" | "utf-16be" | undefined =>
  b[0] === 0xff && b[1] === 0xfe ? "utf-16le" : b[0] === 0xfe && b[1] === 0xff ? "utf-16be" : undefined;

/**
 * go-yaml's UTF-8 checks, in its order, on the first sequence that fails them: the problem, the offset go-yaml
 * gives (the bad trailing byte, else the sequence's first) and where that sequence starts.
 */
export function firstUtf8Problem(bytes: Uint8Array): {
  readonly problem: string;
  readonly offset: number;
  readonly start: number;
} {
  let i = 0;
  while (i < bytes.length) {
    const octet = bytes[i] as number;
    const width =
      octet < 0x80 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
    if (width === 0) return { problem: UTF8_PROBLEMS.leading, offset: i, start: i };
    if (i + width > bytes.length) return { problem: UTF8_PROBLEMS.incomplete, offset: i, start: i };
    let value = width === 1 ? octet : width === 2 ? octet & 0x1f : width === 3 ? octet & 0x0f : octet & 0x07;
    for (let k = 1; k < width; k++) {
      const next = bytes[i + k] as number;
      if ((next & 0xc0) !== 0x80) return { problem: UTF8_PROBLEMS.trailing, offset: i + k, start: i };
      value = (value << 6) + (next & 0x3f);
    }
    const shortest =
      width === 1 || (width === 2 && value >= 0x80) || (width === 3 && value >= 0x800) || value >= 0x10000;
    if (!shortest) return { problem: UTF8_PROBLEMS.length, offset: i, start: i };
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
      return { problem: UTF8_PROBLEMS.unicode, offset: i, start: i };
    }
    i += width;
  }
  // the platform's decoder and go-yaml disagree only where this walk finds nothing: not expected
  return { problem: UTF8_PROBLEMS.leading, offset: bytes.length, start: bytes.length };
}
