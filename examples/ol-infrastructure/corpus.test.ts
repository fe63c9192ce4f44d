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

/**
 * The pipeline without its empty top-level sections: Concourse reads `resource_types: []` as no
 * resource types, and `pipeline()` leaves empty sections out.
 */
function dropEmptySections(pipeline: unknown): unknown {
  if (pipeline === null || typeof pipeline !== "object" || Array.isArray(pipeline)) return pipeline;
  return Object.fromEntries(
    Object.entries(pipeline).filter(([, section]) => !(Array.isArray(section) && section.length === 0)),
  );
}

/** A rendered pipeline in the form the comparison uses. */
const normalise = (pipeline: unknown): unknown => dropEmptySections(stripNulls(pipeline));

describe.skipIf(!corpusPresent)(
  corpusPresent
    ? "ol-infrastructure examples render like their corpus files"
    : "ol-infrastructure examples (skipped: ../shared/corpus/ol-infrastructure is absent)",
  () => {
    test("every corpus file has an example", () => {
      const corpusNames = readdirSync(corpusDir)
        .filter((file) => file.endsWith(".json"))
        .map((file) => file.slice(0, -".json".length))
        .sort();
      expect(examples).toEqual(corpusNames);
    });

    test.each(examples)("%s", async (name) => {
      const module = (await import(pathToFileURL(join(here, name, "pipeline.ts")).href)) as {
        default: PipelineDefinition;
      };
      const expected = JSON.parse(readFileSync(join(corpusDir, `${name}.json`), "utf8")) as unknown;
      expect(normalise(toConcourse(module.default.pipeline))).toEqual(normalise(expected));
    });
  },
);
