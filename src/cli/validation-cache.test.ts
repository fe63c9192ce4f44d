import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parseVarFlag } from "../parse/var-flags.ts";
import type { TemplateVars } from "../parse/vars.ts";
import type { FileValidation } from "../validate/validate-value.ts";
import { validationEntryName } from "./cache-dir.ts";
import { buildStamp, type KeptValidation, type ValidationInputs, validationCache } from "./validation-cache.ts";
import { VERSION } from "./version.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hangar-validation-cache-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const data = { jobs: [{ name: "build", plan: [{ get: "source" }] }] };
const inputs: ValidationInputs = {
  path: "/project/ci/pipeline.ts",
  file: "ci/pipeline.ts",
  text: `${JSON.stringify(data, null, 2)}\n`,
  format: "json",
};
const result: FileValidation = {
  file: "ci/pipeline.ts",
  diagnostics: [
    {
      ruleId: "get-unknown-resource",
      severity: "error",
      parity: "concourse",
      message: "unknown resource 'source'",
      path: ["jobs", 0, "plan", 0, "get"],
    },
  ],
};
const kept: KeptValidation = { result, errors: true };
const STAMP = "0.1.0 1000 1";

/** The validation kept for `options.written`, read back with `read` over it (both default to `inputs`). */
function roundTrip(
  read: Partial<ValidationInputs>,
  options: { readData?: unknown; readStamp?: string; written?: Partial<ValidationInputs> } = {},
) {
  const written = { ...inputs, ...options.written };
  validationCache(written, dir, STAMP)?.write(kept);
  return validationCache({ ...written, ...read }, dir, options.readStamp ?? STAMP)?.read(options.readData ?? data);
}

describe("validationCache", () => {
  test("the same inputs read back the diagnostics and whether they block", () => {
    expect(roundTrip({})).toEqual(kept);
    expect(readdirSync(dir)).toEqual([validationEntryName(inputs.path)]);
  });

  test.each<[string, Partial<ValidationInputs>]>([
    ["another text", { text: inputs.text.replace("build", "test") }],
    ["a text one character longer", { text: `${inputs.text} ` }],
    ["another output format", { format: "yaml" }],
    ["another file name shown", { file: "pipeline.ts" }],
    ["fly's vars", { vars: { pairs: [{ path: ["branch"], value: "main" }], files: [] } }],
    ["another module (its own entry)", { path: "/project/ci/other.ts" }],
    [
      "names pipeline() found undefined",
      { unknownReferences: [{ path: ["jobs", 0, "plan", 0, "get"], message: "unknown resource 'source'" }] },
    ],
  ])("%s: not kept", (_, changed) => {
    expect(roundTrip(changed)).toBeUndefined();
  });

  test("vars: another value, or one more var file, is another key", () => {
    const vars: TemplateVars = { pairs: [{ path: ["branch"], value: "main" }], files: [{ repo: "app" }] };
    validationCache({ ...inputs, vars }, dir, STAMP)?.write(kept);
    const read = (v: TemplateVars) => validationCache({ ...inputs, vars: v }, dir, STAMP)?.read(data);
    expect(read(vars)).toEqual(kept);
    expect(read({ ...vars, pairs: [{ path: ["branch"], value: "dev" }] })).toBeUndefined();
    expect(read({ ...vars, pairs: [{ path: ["branch"], value: ["main"] }] })).toBeUndefined();
    expect(read({ ...vars, files: [{ repo: "app" }, {}] })).toBeUndefined();
  });

  test("-y values that differ only in digits JavaScript rounds (read as fly reads them) are other keys; each is kept", () => {
    const yamlVar = (flag: string): TemplateVars => ({ pairs: [parseVarFlag(flag, true)], files: [] });
    validationCache({ ...inputs, vars: yamlVar("n=9007199254740993") }, dir, STAMP)?.write(kept);
    const read = (v: TemplateVars) => validationCache({ ...inputs, vars: v }, dir, STAMP)?.read(data);
    expect(read(yamlVar("n=9007199254740993"))).toEqual(kept);
    expect(read(yamlVar("n=9007199254740992"))).toBeUndefined();
  });

  test("vars JSON cannot tell apart (a date, an infinite number) keep nothing", () => {
    const date = { pairs: [{ path: ["when"], value: new Date(0) }], files: [] };
    expect(validationCache({ ...inputs, vars: date }, dir, STAMP)).toBeUndefined();
    const infinite = { pairs: [{ path: ["n"], value: Number.POSITIVE_INFINITY }], files: [] };
    expect(validationCache({ ...inputs, vars: infinite }, dir, STAMP)).toBeUndefined();
  });

  test("another build of hangar validates again", () => {
    expect(roundTrip({}, { readStamp: "0.1.0 1000 2" })).toBeUndefined();
    expect(roundTrip({}, { readStamp: "0.2.0 1000 1" })).toBeUndefined();
  });

  test("data that is not plain data is validated again, even when the text is the same", () => {
    // a NaN is written as null: the text cannot say what was validated
    expect(roundTrip({}, { readData: { jobs: [{ name: "build", plan: [{ get: "source", n: Number.NaN }] }] } })).toBe(
      undefined,
    );
  });

  test("a validation that found data that is not plain data is not kept", () => {
    const notData: FileValidation = {
      file: inputs.file,
      diagnostics: [{ ruleId: "input/not-data", severity: "error", parity: "hangar", message: "a NaN", path: [] }],
    };
    validationCache(inputs, dir, STAMP)?.write({ result: notData, errors: true });
    expect(readdirSync(dir)).toEqual([]);
  });

  /** The entry kept for `inputs`: its header (parsed) and the rest of the file after the header's line. */
  function keptEntry(): { file: string; header: Record<string, unknown>; rest: string } {
    const file = join(dir, validationEntryName(inputs.path));
    const content = readFileSync(file, "utf8");
    const end = content.indexOf("\n");
    return { file, header: JSON.parse(content.slice(0, end)), rest: content.slice(end + 1) };
  }

  test.each<[string, (header: Record<string, unknown>, text: string) => string]>([
    ["not JSON", (_, text) => `{ not json\n${text}`],
    ["empty", () => ""],
    ["with no line break", (header) => JSON.stringify(header)],
    ["of another layout", (header, text) => `${JSON.stringify({ ...header, format: 1 })}\n${text}`],
    [
      "of the former layout (the text inside the JSON)",
      (header, text) => JSON.stringify({ ...header, format: 1, text }),
    ],
    ["without its diagnostics", (header, text) => `${JSON.stringify({ ...header, result: null })}\n${text}`],
    ["whose header is not an object", (_, text) => `null\n${text}`],
    ...(
      [
        ["a null diagnostic", [null]],
        ["a diagnostic whose rule id is a number", [{ ...result.diagnostics[0], ruleId: 5 }]],
        ["a diagnostic without its path", [{ ...result.diagnostics[0], path: undefined }]],
        ["a diagnostic of another severity", [{ ...result.diagnostics[0], severity: "fatal" }]],
        ["a diagnostic whose position is null", [{ ...result.diagnostics[0], loc: null }]],
        ["a diagnostic whose position has no line", [{ ...result.diagnostics[0], loc: { col: 1 } }]],
        ["a diagnostic whose data is a list", [{ ...result.diagnostics[0], data: [1] }]],
      ] as const
    ).map(([what, diagnostics]): [string, (header: Record<string, unknown>, text: string) => string] => [
      `with ${what}`,
      (header, text) => `${JSON.stringify({ ...header, result: { ...result, diagnostics } })}\n${text}`,
    ]),
    [
      "whose result has no file name",
      (header, text) => `${JSON.stringify({ ...header, result: { diagnostics: [] } })}\n${text}`,
    ],
    ["with the text cut short", (header, text) => `${JSON.stringify(header)}\n${text.slice(0, -1)}`],
    [
      "whose header gives the text another length",
      (header, text) => `${JSON.stringify({ ...header, length: text.length + 1 })}\n${text}`,
    ],
  ])("an entry %s is ignored", (_, content) => {
    validationCache(inputs, dir, STAMP)?.write(kept);
    const { file, header } = keptEntry();
    writeFileSync(file, content(header, inputs.text));
    expect(validationCache(inputs, dir, STAMP)?.read(data)).toBeUndefined();
    // and a new validation replaces it
    validationCache(inputs, dir, STAMP)?.write(kept);
    expect(validationCache(inputs, dir, STAMP)?.read(data)).toEqual(kept);
  });

  test("the text is kept as it was written, after the header's one line, not escaped inside the JSON", () => {
    const text = 'name: "quoted" \\ back\nsecond line: caf\u00e9 \u{1f680}\n';
    expect(roundTrip({}, { written: { text } })).toEqual(kept);
    const { header, rest } = keptEntry();
    expect(rest).toBe(text);
    expect(header).not.toHaveProperty("text");
  });

  test("a text UTF-8 cannot hold exactly (a lone surrogate) is validated again; U+FFFD itself is kept", () => {
    expect(roundTrip({}, { written: { text: "x: \ud800\n" } })).toBeUndefined();
    expect(roundTrip({}, { written: { text: "x: \ufffd\n" } })).toEqual(kept);
  });

  test("a folder that cannot be written keeps nothing and does not throw", () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const cache = validationCache(inputs, join(file, "cache"), STAMP);
    expect(() => cache?.write(kept)).not.toThrow();
    expect(cache?.read(data)).toBeUndefined();
  });

  test("no cache folder, or no build stamp: nothing kept", () => {
    expect(validationCache(inputs, undefined, STAMP)).toBeUndefined();
    expect(validationCache(inputs, dir, undefined)).toBeUndefined();
  });

  test("keeps the 100 most recently written entries", () => {
    for (let i = 0; i < 101; i++) {
      validationCache({ ...inputs, path: `/project/${i}.ts` }, dir, STAMP)?.write(kept);
      // distinct times, oldest first
      utimesSync(join(dir, validationEntryName(`/project/${i}.ts`)), 1000 + i, 1000 + i);
    }
    validationCache({ ...inputs, path: "/project/new.ts" }, dir, STAMP)?.write(kept);
    const names = readdirSync(dir);
    expect(names).toHaveLength(100);
    expect(names).not.toContain(validationEntryName("/project/0.ts"));
    expect(names).not.toContain(validationEntryName("/project/1.ts"));
    expect(names).toContain(validationEntryName("/project/new.ts"));
  });
});

describe("buildStamp", () => {
  test("hangar's version and the size and time of the file the code runs from", () => {
    const file = join(dir, "cli-run.cjs");
    writeFileSync(file, "12345");
    utimesSync(file, 2000, 2000);
    expect(buildStamp(pathToFileURL(file).href)).toBe(`${VERSION} 5 2000000`);
  });

  test("none from TypeScript sources or a file that is not there", () => {
    expect(buildStamp(import.meta.url)).toBeUndefined();
    expect(buildStamp(pathToFileURL(join(dir, "missing.cjs")).href)).toBeUndefined();
  });
});
