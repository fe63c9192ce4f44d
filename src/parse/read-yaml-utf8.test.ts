import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { validateText } from "../validate/validate-text.ts";
import { parsePipeline } from "./parse-pipeline.ts";
import { decodeYamlBytes, UTF8_PROBLEMS } from "./read-yaml-utf8.ts";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("decodeYamlBytes: go-yaml's reader checks", () => {
  test.each([
    ["a lone continuation byte", [0x80], UTF8_PROBLEMS.leading, 0],
    ["0xFF", [0xff], UTF8_PROBLEMS.leading, 0],
    ["a 5-byte lead", [0xf8, 0x80, 0x80, 0x80, 0x80], UTF8_PROBLEMS.leading, 0],
    ["a bad second byte", [0xc3, 0x28], UTF8_PROBLEMS.trailing, 1],
    ["a bad third byte", [0xe2, 0x82, 0x28], UTF8_PROBLEMS.trailing, 2],
    ["an overlong slash", [0xc0, 0xaf], UTF8_PROBLEMS.length, 0],
    ["an overlong 3-byte", [0xe0, 0x80, 0xaf], UTF8_PROBLEMS.length, 0],
    ["a surrogate", [0xed, 0xa0, 0x80], UTF8_PROBLEMS.unicode, 0],
    ["beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80], UTF8_PROBLEMS.unicode, 0],
  ] as const)("%s", (_name, bad, problem, at) => {
    const result = decodeYamlBytes(bytes("name: é\n", [...bad], "\n"));
    const prefix = Buffer.byteLength("name: é\n");
    expect(result).toEqual({
      ok: false,
      problem,
      byteOffset: prefix + at,
      before: "name: é\n",
    });
  });

  test("a sequence cut by the end of the input", () => {
    expect(decodeYamlBytes(bytes("a: b\n", [0xf0, 0x9f, 0x98]))).toEqual({
      ok: false,
      problem: UTF8_PROBLEMS.incomplete,
      byteOffset: 5,
      before: "a: b\n",
    });
  });

  test("valid UTF-8 (a BOM dropped) and UTF-16 with a BOM are text", () => {
    expect(decodeYamlBytes(bytes([0xef, 0xbb, 0xbf], "a: ✓\n"))).toEqual({ ok: true, text: "a: ✓\n" });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a: ✓\n", "utf16le")]);
    expect(decodeYamlBytes(le)).toEqual({ ok: true, text: "a: ✓\n" });
  });

  test("generated: any text with a bad byte put at any character boundary is reported at that byte", () => {
    const line = fc.string({ unit: "grapheme", maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ""));
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom(0x80, 0xbf, 0xfe, 0xff),
        (lines, pick, bad) => {
          const text = lines.join("\n");
          const chars = [...text];
          const cut = pick % (chars.length + 1);
          const before = chars.slice(0, cut).join("");
          const input = bytes(before, [bad], chars.slice(cut).join(""));
          const result = decodeYamlBytes(input);
          expect(result).toEqual({
            ok: false,
            problem: UTF8_PROBLEMS.leading,
            byteOffset: Buffer.byteLength(before),
            before,
          });
          const [d] = parsePipeline(input, { file: "p.yml" }).diagnostics;
          const beforeLines = before.split("\n");
          expect(d?.loc).toEqual({
            file: "p.yml",
            line: beforeLines.length,
            col: (beforeLines.at(-1) as string).length + 1,
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("validateText on bytes", () => {
  test("invalid UTF-8 is go-yaml's error with fly's line, at its line and column; nothing else is reported", () => {
    const input = bytes("jobs:\n- name: caf", [0xe9], "\n  plan: []\n");
    expect(validateText(input, { file: "latin1.yml" }).diagnostics).toEqual([
      {
        ruleId: "yaml/INVALID_UTF8",
        severity: "error",
        parity: "concourse",
        message: "invalid trailing UTF-8 octet (at byte 18)",
        path: [],
        loc: { file: "latin1.yml", line: 2, col: 12 },
        fly: "error parsing yaml before applying templates: yaml: invalid trailing UTF-8 octet",
      },
    ]);
  });

  test("valid bytes validate exactly as the same text does", () => {
    const text = "jobs:\n- name: café\n  plan: [{get: nowhere}]\n";
    expect(validateText(Buffer.from(text), { file: "p.yml" })).toEqual(validateText(text, { file: "p.yml" }));
  });

  test("the size limit is counted in bytes before anything is decoded", () => {
    const [d] = parsePipeline(new Uint8Array(11).fill(0xff), { maxBytes: 10 }).diagnostics;
    expect([d?.ruleId, d?.message]).toEqual(["input/too-large", "pipeline is 11 bytes; the limit is 10"]);
  });
});
