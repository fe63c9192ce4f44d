import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadPipelineModule } from "../src/cli/load-pipeline.ts";
import { renderJson } from "../src/render/render.ts";

// The migration guide's worked example is a module of its own (it imports only hangar) and renders
// exactly what examples/docker-baseline/pipeline.ts renders.
const root = join(import.meta.dirname, "..");
const guide = readFileSync(join(root, "docs/migrating-from-python.md"), "utf8");
const after = guide.slice(guide.indexOf("### After"));
const module = /```ts\n([\s\S]*?)```/.exec(after)?.[1] ?? "";

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(root, "test/.tmp-docs-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("the worked example imports hangar and nothing else", () => {
  const imports = [...module.matchAll(/^import [\s\S]*? from "([^"]+)";/gm)].map(([, from]) => from);
  expect(imports).toEqual(["hangar", "hangar/script"]);
});

test("the worked example renders what the docker-baseline example renders", async () => {
  writeFileSync(join(work, "pipeline.ts"), module);
  const [fromGuide, fromExample] = await Promise.all([
    loadPipelineModule("pipeline.ts", work, { cacheDir: false }),
    loadPipelineModule("examples/docker-baseline/pipeline.ts", root, { cacheDir: false }),
  ]);
  expect(fromGuide.name).toBe("packer-docker-baseline");
  expect(renderJson(fromGuide.pipeline)).toBe(renderJson(fromExample.pipeline));
});
