import { tmpdir } from "node:os";
import { expect, test } from "vitest";
import { memoryIo } from "../../test/helpers/memory-io.ts";
import { stdinTwice } from "./options.ts";
import { runCli } from "./run-cli.ts";

const PIPELINE = "jobs:\n- name: a\n  plan: []\n";

test("stdinTwice: standard input can be named once", () => {
  expect(stdinTwice(["-", "a.yml"])).toBeUndefined();
  expect(stdinTwice(["a.yml", "-", "b.yml", "-"])).toBe("standard input ('-') can be read only once: give - once");
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
