import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";

// An input without end (a device such as /dev/zero, a pipe that never closes) is refused once it passes the most
// hangar reads of one input, by every command that reads pipelines, rather than read until the memory is full.

const repo = resolve(import.meta.dirname, "..");
const REFUSAL = "larger than 64 MiB, the most hangar reads of one input";

/** Runs hangar with `args` (a shell line, for its pipes) and returns its output, exit code. */
const run = (line: string) => {
  const hangar = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(repo, "bin/hangar.js"))}`;
  const child = spawnSync("bash", ["-c", line.replaceAll("hangar", hangar)], { encoding: "utf8", timeout: 60_000 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
};

test.skipIf(!existsSync("/dev/zero"))("a device without end: each command refuses it, exit 2", () => {
  expect(run("hangar validate /dev/zero")).toMatchObject({
    code: 2,
    stdout: `/dev/zero: error input/unreadable cannot read: ${REFUSAL}\n`,
  });
  for (const command of ["graph /dev/zero", "import /dev/zero", "diff /dev/zero /dev/zero"]) {
    const name = command.split(" ")[0];
    expect(run(`hangar ${command}`)).toMatchObject({
      code: 2,
      stderr: `hangar ${name}: cannot read /dev/zero: ${REFUSAL}\n`,
    });
  }
  expect(run("hangar validate - < /dev/zero")).toMatchObject({
    code: 2,
    stdout: `<stdin>: error input/unreadable cannot read: ${REFUSAL}\n`,
  });
});
