import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { deepFreeze } from "../../test/helpers/deep-freeze.ts";
import { packerJobs } from "../factories/jobs/packer-jobs.ts";
import type { Job } from "../model/job.ts";
import { renderJson } from "../render/render.ts";
import { fragment } from "./fragment.ts";
import { mergeFragments } from "./merge-fragments.ts";
import { pipeline } from "./pipeline.ts";
import { callSiteOf, type Origin, provenanceOf } from "./provenance.ts";

const src = { name: "src", type: "git", source: { uri: "https://git.example.com/app.git" } };
const job = (name: string): Job => ({ name, plan: [{ get: "src", trigger: true }] });
const site = (origin: Origin | undefined) => (origin === undefined ? undefined : callSiteOf(origin));
const thisFile = fileURLToPath(import.meta.url);
/** The line of this file holding `marker` in a comment. */
const lineOf = (marker: string) =>
  readFileSync(thisFile, "utf8")
    .split("\n")
    .findIndex((line) => line.includes(`// ${marker}`)) + 1;

describe("provenance", () => {
  test("fragment() remembers the line that called it, for its jobs and resources", () => {
    const f = fragment({ resources: [src], jobs: [job("unit")] }); // call site A
    const p = provenanceOf(f);
    expect(p?.jobs.get("unit")?.factory).toBe("fragment");
    expect(p?.resources.get("src")).toBe(p?.jobs.get("unit"));
    expect(site(p?.jobs.get("unit"))).toMatchObject({ line: lineOf("call site A") });
    expect(site(p?.jobs.get("unit"))?.file).toMatch(thisFile.split("/").pop() as string);
  });

  test("a factory's call site is the author's line, not the factory's insides; the outermost call wins", () => {
    const image = { name: "image-src", type: "git", source: { uri: "https://git.example.com/img.git" } };
    const made = packerJobs({ dependencies: [], imageCode: image }); // call site B
    const p = provenanceOf(made);
    expect(p?.jobs.get("validate-packer-template")?.factory).toBe("packerJobs");
    expect(site(p?.jobs.get("build-packer-template"))).toMatchObject({ line: lineOf("call site B") });
    expect(p?.resources.get("packer-build")?.factory).toBe("packerJobs");
    // wrapped again by the author: their fragment() is what they wrote
    expect(provenanceOf(fragment({ jobs: made.jobs }))?.jobs.get("build-packer-template")?.factory).toBe("fragment");
  });

  test("mergeFragments() and pipeline() keep each name's origin from the part that defines it first", () => {
    const a = fragment({ resources: [src], jobs: [job("unit")] });
    const b = fragment({ resources: [src], jobs: [job("lint")] });
    const plain = { resource_types: [], resources: [], jobs: [job("e2e")] };
    const merged = mergeFragments(plain, a, b);
    const p = provenanceOf(merged);
    expect(p?.jobs.get("unit")).toBe(provenanceOf(a)?.jobs.get("unit"));
    expect(p?.jobs.get("lint")).toBe(provenanceOf(b)?.jobs.get("lint"));
    expect(p?.resources.get("src")).toBe(provenanceOf(a)?.resources.get("src"));
    expect(p?.jobs.has("e2e")).toBe(false); // a plain object literal has no factory
    const built = pipeline(merged);
    expect(provenanceOf(built)?.jobs.get("lint")).toBe(provenanceOf(b)?.jobs.get("lint"));
    // a plain part defining a name first takes it: the definition kept is the plain one
    expect(provenanceOf(mergeFragments({ ...plain, resources: [src] }, a))?.resources.has("src")).toBe(false);
  });

  test("provenance is never part of the data: not rendered, not compared, not spread, inputs untouched", () => {
    const parts = deepFreeze({ resources: [src], jobs: [job("unit")] });
    const withOrigin = pipeline(fragment(parts));
    const without = pipeline({ resource_types: [], ...parts });
    expect(provenanceOf(withOrigin)).toBeDefined();
    expect(provenanceOf(without)).toBeUndefined();
    expect(renderJson(withOrigin)).toBe(renderJson(without));
    expect(JSON.stringify(withOrigin)).not.toMatch(/fragment|provenance|stack/);
    expect(withOrigin).toEqual(without);
    expect(Object.keys(withOrigin)).toEqual(Object.keys(without));
    expect(provenanceOf({ ...withOrigin })).toBeUndefined();
  });
});
