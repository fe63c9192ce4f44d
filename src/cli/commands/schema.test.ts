import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { memoryIo } from "../../../test/helpers/memory-io.ts";
import { workFolder } from "../../../test/helpers/work-folder.ts";
import { schemaFile } from "../../schema/schema-file.ts";
import { runCli } from "../run-cli.ts";

const work = workFolder("schema", { tmp: true });
afterEach(() => rmSync(join(work(), "out"), { recursive: true, force: true }));

describe("hangar schema", () => {
  test("prints the package's schema.json on stdout", async () => {
    const run = memoryIo(work());
    expect(await runCli(["schema"], run.io)).toBe(0);
    const printed = JSON.parse(run.stdout) as { $schema: string; definitions: Record<string, unknown> };
    expect(printed.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(Object.keys(printed.definitions)).toContain("GetStep");
    expect(run.stdout).toBe(readFileSync(schemaFile() as string, "utf8"));
  });

  test("--task prints the schema of a task config file, the task config part of the pipeline's", async () => {
    const run = memoryIo(work());
    expect(await runCli(["schema", "--task"], run.io)).toBe(0);
    expect(run.stdout).toBe(readFileSync(schemaFile(undefined, "task-schema.json") as string, "utf8"));
    const task = JSON.parse(run.stdout) as { title: string; $ref: string; definitions: Record<string, unknown> };
    const pipeline = JSON.parse(readFileSync(schemaFile() as string, "utf8")) as typeof task;
    expect([task.title, task.$ref]).toEqual(["Concourse task config", "#/definitions/TaskConfigFile"]);
    expect(Object.keys(task.definitions)).not.toContain("Pipeline");
    for (const [name, definition] of Object.entries(task.definitions)) {
      expect(definition).toEqual(pipeline.definitions[name]);
    }
  });

  test("-o writes it to a file", async () => {
    const run = memoryIo(work());
    expect(await runCli(["schema", "-o", "out/pipeline.schema.json"], run.io).catch(() => -1)).toBe(2);
    expect(run.stderr).toMatch(/cannot write out\/pipeline\.schema\.json/);
    const ok = memoryIo(work());
    expect(await runCli(["schema", "-o", "schema.json"], ok.io)).toBe(0);
    expect(ok.stdout).toBe("");
    expect(JSON.parse(readFileSync(join(work(), "schema.json"), "utf8")).title).toBe(
      "Concourse pipeline or task config",
    );
  });
});
