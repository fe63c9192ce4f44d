import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { memoryIo } from "../../test/helpers/memory-io.ts";
import { readContext, stdinTwice } from "./options.ts";
import { runCli } from "./run-cli.ts";

const PIPELINE = "jobs:\n- name: a\n  plan: []\n";

test("stdinTwice: standard input can be named once", () => {
  expect(stdinTwice(["-", "a.yml"])).toBeUndefined();
  expect(stdinTwice(["a.yml", "-", "b.yml", "-"])).toBe("standard input ('-') can be read only once: give - once");
});

test("readContext: -U is digits, where Number() read '' as 0 and '0x10' as 16", () => {
  expect([readContext("0"), readContext("12")]).toEqual([0, 12]);
  for (const value of ["", " ", "0x10", "1e3", "-1", "2.5", "x", "99999999999999999999"]) {
    expect(readContext(value)).toEqual({ usageError: `-U must be a whole number of lines, not '${value}'` });
  }
});

test.each(["diff", "apply"])("%s: -U '' is a usage error, not 0 lines of context", async (command) => {
  const m = memoryIo(tmpdir(), {}, PIPELINE);
  expect(await runCli([command, "-", "-", "--context="], m.io)).toBe(2);
  expect(m.stderr).toBe(
    `hangar ${command}: -U must be a whole number of lines, not ''\n(run \`hangar ${command} --help\` for usage)\n`,
  );
});

test.each(["validate", "import", "diff", "apply"])(
  "%s: - named twice is a usage error, where the second read found standard input empty",
  async (command) => {
    const m = memoryIo(tmpdir(), {}, PIPELINE);
    expect(await runCli([command, "-", "-"], m.io)).toBe(2);
    expect(m.stdout).toBe("");
    expect(m.stderr).toBe(
      `hangar ${command}: standard input ('-') can be read only once: give - once\n(run \`hangar ${command} --help\` for usage)\n`,
    );
  },
);

test("-o - is standard output for every command that takes -o: nothing is written to a file named -", async () => {
  const work = mkdtempSync(join(tmpdir(), "hangar-out-dash-"));
  try {
    writeFileSync(join(work, "pipeline.yml"), PIPELINE);
    writeFileSync(
      join(work, "pipeline.mjs"),
      'export default { name: "app", pipeline: { jobs: [{ name: "a", plan: [] }] } };\n',
    );
    const output = async (args: string[]) => {
      const run = memoryIo(work);
      expect(await runCli(args, run.io)).toBe(0);
      return run.stdout;
    };
    expect(JSON.parse(await output(["render", "pipeline.mjs", "-o", "-"]))).toEqual({
      jobs: [{ name: "a", plan: [] }],
    });
    expect(await output(["graph", "pipeline.yml", "-o", "-"])).toMatch(/^<\?xml [^\n]*\n<svg /);
    expect(await output(["import", "pipeline.yml", "-o", "-"])).toContain('name: "a"');
    expect(JSON.parse(await output(["schema", "-o", "-"]))).toHaveProperty("$schema");
    expect(readdirSync(work).sort()).toEqual(["pipeline.mjs", "pipeline.yml"]);
    // as --stdout, it cannot be checked against a file
    const check = memoryIo(work);
    expect(await runCli(["render", "pipeline.mjs", "-o", "-", "--check"], check.io)).toBe(2);
    expect(check.stderr).toMatch(/^hangar render: -o - and --check cannot be used together\n/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
