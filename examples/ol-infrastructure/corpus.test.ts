import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { toConcourse } from "hangar";
import type { PipelineDefinition } from "hangar/script";
import { describe, expect, test } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(here, "..", "..", "..", "shared", "corpus", "ol-infrastructure");
const corpusPresent = existsSync(corpusDir);

/** A copy of a JSON value without null values (object entries): null and absent mean the same here. */
function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== null)
        .map(([key, item]) => [key, stripNulls(item)]),
    );
  }
  return value;
}

const examples = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(here, entry.name, "pipeline.ts")))
  .map((entry) => entry.name)
  .sort();

describe.skipIf(!corpusPresent)(
  corpusPresent
    ? "ol-infrastructure examples render like their corpus files"
    : "ol-infrastructure examples (skipped: ../shared/corpus/ol-infrastructure is absent)",
  () => {
    test.each(examples)("%s", async (name) => {
      const module = (await import(pathToFileURL(join(here, name, "pipeline.ts")).href)) as {
        default: PipelineDefinition;
      };
      const expected = JSON.parse(readFileSync(join(corpusDir, `${name}.json`), "utf8")) as unknown;
      expect(stripNulls(toConcourse(module.default.pipeline))).toEqual(stripNulls(expected));
    });
  },
);
