/**
 * `hangar import` of pipelines whose names, keys, values and comments are made of what breaks generated code: comment
 * and template delimiters, quotes, backslashes, line breaks JavaScript knows and YAML does not, control and bidi
 * characters, names of the module's imports and of `Object.prototype`'s keys. Seeded, so each run sees the same
 * pipelines: every module compiles (esbuild, as `hangar render` loads it), renders to the input's data, keeps every
 * comment, and runs no text of the input.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { workFolder } from "../../test/helpers/work-folder.ts";
import { loadPipelineModule } from "../cli/load-pipeline.ts";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import { renderJson } from "../render/render.ts";
import { toYaml } from "../render/yaml.ts";
import { type ImportedModule, type ImportOptions, importPipeline } from "./to-typescript.ts";

const repo = resolve(import.meta.dirname, "../..");
const work = workFolder("import-hostile");

/** Code a text that broke out of its literal or comment would run: it sets a global the test looks for. */
const PAYLOAD = "globalThis.hostileImport = 1;";

/** Pieces of hostile text; a string is a few of them. */
const PIECES = [
  ...["*/", "/*", "//", "-->", "<!--", "</script>", "]]>", "`", "${", "}", "\\", "\\u", '"', "'", "\\'", '\\"'],
  ...["\n", "\r", "\r\n", "\t", "\u2028", "\u2029", "\u0085", "\u0000", "\u001b[2J", "\u0007", "\u202e", "\u2066"],
  ...["\ufeff", "\u200f", "\ud83d\ude00", "é", "日本", " ", "  ", "#", ": ", "- ", "? ", "~", "yes", "0x1F", "1e3"],
  ...[".inf", "-", "&a", "*a", "!tag", "%", "@", "((var))", PAYLOAD, "pipeline", "get", "put", "task", "Object"],
  ...["__proto__", "constructor", "prototype", "toString", "default", "import", "await", "let", "x"],
];

const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(""));
/** Text a YAML comment can hold: no line break of YAML 1.1, no character go-yaml refuses even in a comment. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what a comment cannot hold
const commentText = hostile.map((s) => s.replace(/[\r\n\u0085\u2028\u2029\u0000-\u0008\u000b-\u001f\ufeff]/g, "?"));

const pipelines = fc
  .record({
    names: fc.uniqueArray(hostile, { minLength: 2, maxLength: 4 }),
    keys: fc.uniqueArray(hostile, { minLength: 1, maxLength: 3 }),
    values: fc.array(hostile, { minLength: 3, maxLength: 3 }),
    comments: fc.array(commentText, { minLength: 4, maxLength: 8 }),
  })
  .map(({ names, keys, values, comments }) => {
    const [a, b, c] = values as [string, string, string];
    const data = {
      resources: names.map((name) => ({
        name,
        type: "git",
        source: Object.fromEntries(keys.map((key, i) => [key, i === 0 ? a : b])),
      })),
      jobs: names.map((name, i) => ({
        name,
        plan: [
          { get: name, trigger: i === 0 },
          {
            task: name,
            config: { platform: "linux", run: { path: "sh", args: ["-c", `${c}\n${a}`] }, params: { [b]: c } },
          },
        ],
      })),
    };
    // a comment before every few lines of the YAML (at its start, between keys, at the end), but inside a literal block
    // scalar (`|`), where it would be text or end the block
    let blockIndent = -1;
    const text = toYaml(data)
      .split("\n")
      .flatMap((line, i) => {
        const indent = line.search(/\S/);
        if (blockIndent >= 0 && (indent === -1 || indent > blockIndent)) return [line];
        blockIndent = /(?:^|: |- )\|-?$/.test(line) ? indent : -1;
        return i % 3 === 0 ? [`# ${comments[i % comments.length]}`, line] : [line];
      });
    return text.join("\n");
  });

const SAMPLES = fc.sample(pipelines, { seed: 2027, numRuns: 6 });

let count = 0;
/** The data the generated modules render to, loaded as `hangar render` loads them (their index is `pipeline.ts`). */
async function rendered(modules: readonly ImportedModule[]): Promise<unknown> {
  const dir = join(work(), `m${count++}`);
  for (const m of modules) {
    mkdirSync(dirname(join(dir, m.file)), { recursive: true });
    writeFileSync(join(dir, m.file), m.code);
  }
  const definition = await loadPipelineModule(join(dir, "pipeline.ts"), repo, { cacheDir: false });
  return parsePipeline(renderJson(definition.pipeline)).pipeline;
}

describe("import of hostile names, keys, values and comments (seeded)", () => {
  test.each(SAMPLES.map((text, i) => [i, text] as const))(
    "pipeline %i: the modules (one, without factories, split) render the input's data, keep every comment, run none of its text",
    async (_, text) => {
      const input = parsePipeline(text);
      expect(input.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const options: ImportOptions[] = [{}, { factories: false }, { split: { jobsPerModule: 1 } }];
      for (const option of options) {
        const result = importPipeline(text, option);
        if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
        expect(result.stats.commentsLost).toBe(0);
        // outside `//` comments (which end at the line's end), no character that makes a line read other than it runs
        const codeLines = result.modules
          .flatMap((m) => m.code.split("\n"))
          .filter((line) => !line.trimStart().startsWith("//"));
        expect(codeLines.join("\n")).not.toMatch(/[\p{Cs}\u202a-\u202e\u2066-\u2069\u200f]/u);
        expect(await rendered(result.modules)).toEqual(input.pipeline);
        expect((globalThis as { hostileImport?: unknown }).hostileImport).toBeUndefined();
      }
    },
  );
});
