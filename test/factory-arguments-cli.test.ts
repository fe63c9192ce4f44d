import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import { workFolder } from "./helpers/work-folder.ts";

// A pipeline module that calls a factory with a wrong argument (JavaScript, or TypeScript past the
// types) is a user mistake: `hangar render` says where it was called (file:line:column of the user's
// source) and which factory and option, in one line with no stack trace, exits 2 and writes nothing.

const repo = resolve(import.meta.dirname, "..");
const bin = join(repo, "bin/hangar.js");
// inside the repository, so that the modules' `import ... from "hangar"` resolves
const work = workFolder("factory-arguments");

const modules: [file: string, source: string, message: string][] = [
  [
    "wrong-kind.mjs",
    'import { gitRepo, pipeline } from "hangar";\n' +
      'const source = gitRepo({ name: "source", uri: 42 });\n' +
      'export default pipeline({ jobs: [{ name: "build", plan: [{ get: source }] }] });\n',
    "hangar render: wrong-kind.mjs:2:16: gitRepo(): option 'uri' must be a string, got a number (42)\n",
  ],
  [
    "no-options.ts",
    'import { pipeline, sshGitRepo } from "hangar";\n' +
      "const source = (sshGitRepo as (options?: unknown) => ReturnType<typeof sshGitRepo>)();\n" +
      'export default pipeline({ jobs: [{ name: "build", plan: [{ get: source }] }] });\n',
    "hangar render: no-options.ts:2:17: sshGitRepo(): options must be an object, got undefined\n",
  ],
  [
    "missing.ts",
    'import { notification, pipeline, slackNotification } from "hangar";\n' +
      'const slack = slackNotification({ name: "slack", url: "((slack.url))" });\n' +
      'const alert = notification({ resource: slack, title: "Build failed" } as never);\n' +
      'export default pipeline({ jobs: [{ name: "build", plan: [{ task: "t", file: "t.yml" }], on_failure: alert }] });\n',
    "hangar render: missing.ts:3:15: notification(): option 'body' must be a string, got undefined\n",
  ],
];

test.each(modules)(
  "hangar render %s: one line naming factory and option, exit 2, nothing written",
  (file, source, message) => {
    writeFileSync(join(work(), file), source);
    const before = readdirSync(work()).sort();
    const run = spawnSync(process.execPath, [bin, "render", file], { cwd: work(), encoding: "utf8" });
    expect(run.stderr).toBe(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(readdirSync(work()).sort()).toEqual(before);
  },
);

test("--debug adds the stack trace, which leads to the factory", () => {
  const [file, source, message] = modules[0] ?? ["", "", ""];
  writeFileSync(join(work(), file), source);
  const run = spawnSync(process.execPath, [bin, "render", file, "--debug"], { cwd: work(), encoding: "utf8" });
  expect(run.status).toBe(2);
  expect(run.stderr.startsWith(message)).toBe(true);
  expect(run.stderr).toMatch(/\n\s+at .*gitRepo/);
});
