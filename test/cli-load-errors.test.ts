import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";

// How the built CLI reports a JavaScript pipeline module that fails to load: run as a user runs it, since Node's
// own loader (not vitest's) is what rejects the module.

const repo = resolve(import.meta.dirname, "..");

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "hangar-load-errors-"));
  writeFileSync(join(work, "package.json"), '{ "type": "module" }\n');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const hangar = (...args: string[]) =>
  spawnSync(process.execPath, [join(repo, "bin/hangar.js"), ...args], { cwd: work, encoding: "utf8" });

test("a syntax error in a .js or .mjs module names its line and column, as in a .ts module", () => {
  writeFileSync(join(work, "pipeline.js"), 'export default {\n  name: "x",,\n};\n');
  writeFileSync(join(work, "tabbed.mjs"), 'export default {\n\tname: "x",,\n};\n');
  for (const [command, file, at] of [
    ["render", "pipeline.js", "2:13"],
    ["validate", "pipeline.js", "2:13"],
    ["render", "tabbed.mjs", "2:12"],
  ] as const) {
    const run = hangar(command, file);
    expect(run.stderr).toMatch(
      new RegExp(`^hangar ${command}: ${file.replace(".", "\\.")}:${at}: SyntaxError: Unexpected token ','$`, "m"),
    );
    expect(run.status).toBe(2);
  }
  // the error is in a module it imports: that one is not placed in the module given
  writeFileSync(join(work, "imports.mjs"), 'import bad from "./tabbed.mjs";\nexport default bad;\n');
  expect(hangar("render", "imports.mjs").stderr).toBe(
    "hangar render: imports.mjs: SyntaxError: Unexpected token ','\n",
  );
});

describe("ES module syntax that Node loads as CommonJS: hangar's one sentence, without Node's warning before it", () => {
  const pipeline = 'export default { jobs: [{ name: "build", plan: [] }] };\n';

  test.each(["render", "validate"])("a .cjs module with export default (%s)", (command) => {
    writeFileSync(join(work, "pipeline.cjs"), pipeline);
    const run = hangar(command, "pipeline.cjs");
    expect(run.stderr).not.toMatch(/\(node:\d+\)|--trace-warnings|To load an ES module/);
    expect(run.stderr.split("\n")[0]).toBe(
      `hangar ${command}: pipeline.cjs is a CommonJS module, but hangar pipelines are ES modules: rename it to .mjs and use import instead of require()`,
    );
    expect(run.status).toBe(2);
  });

  test("a .js module with export default under a package.json without a type, loaded as CommonJS", () => {
    mkdirSync(join(work, "app"));
    writeFileSync(join(work, "app/package.json"), '{ "name": "app" }\n');
    writeFileSync(join(work, "app/pipeline.js"), pipeline);
    // as Node loads it before ES syntax is detected in a .js file (Node 20.19 and 22.12 detect it, and load it so)
    const flags = ["--no-experimental-detect-module", "--no-experimental-require-module"].filter((flag) =>
      process.allowedNodeEnvironmentFlags.has(flag),
    );
    const bin = join(repo, "bin/hangar.js");
    const run = spawnSync(process.execPath, [...flags, bin, "render", "app/pipeline.js"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(run.stderr).toBe(
      `hangar render: ${join("app", "package.json")} has no "type": "module", so Node loads ${join("app", "pipeline.js")} as CommonJS, but hangar pipelines are ES modules: add "type": "module" to it\n`,
    );
    expect(run.status).toBe(2);
  });

  // (Node 20.19 and later, and 22.12: ES syntax in a .js file is detected, the file loaded as an ES module)
  test.skipIf(!process.features.require_module)(
    "a .js module with export default under a package.json without a type loads as the Node here loads it: the note says so",
    () => {
      mkdirSync(join(work, "app"));
      writeFileSync(join(work, "app/package.json"), '{ "name": "app" }\n');
      writeFileSync(join(work, "app/pipeline.js"), pipeline);
      for (const command of ["render", "validate"]) {
        const run = hangar(command, "app/pipeline.js");
        const lines = run.stderr.split("\n");
        expect(lines).toContain(
          `note: ${join("app", "package.json")} has no "type", so Node parses ${join("app", "pipeline.js")} as CommonJS first and, finding ES module syntax, again as an ES module (with a warning): add "type": "module" to it`,
        );
        // Node's own warning, of the same
        expect(run.stderr).toMatch(
          /\[MODULE_TYPELESS_PACKAGE_JSON\] Warning: Module type of file:.*pipeline\.js is not specified/,
        );
        expect(run.status).toBe(0);
      }
    },
  );

  /** A .cjs pipeline module of `source` (which has `jobs`) gets no note, from either command, and runs under Node. */
  const loadsWithoutNote = (source: string) => {
    const task = '{ task: "t", config: { platform: "linux", run: { path: "true" } } }';
    writeFileSync(join(work, "pipeline.cjs"), `const jobs = [{ name: "build", plan: [${task}] }];\n${source}\n`);
    for (const args of [["render", "--stdout"], ["validate"]]) {
      const run = hangar(...args, "pipeline.cjs");
      expect(run.stderr).toBe(args[0] === "validate" ? "0 errors, 0 warnings in 1 file\n" : "");
      expect(run.status).toBe(0);
    }
    expect(spawnSync(process.execPath, [join(work, "pipeline.cjs")]).status).toBe(0);
  };

  test("a .cjs module that loads gets no note: Node runs it as it is", () => {
    loadsWithoutNote("module.exports = { jobs };");
  });

  // (Node 20.19 and later; before, the require() fails, and so does the load, with the advice)
  test.skipIf(!process.features.require_module)("a .cjs module that requires hangar gets no note", () => {
    const index = JSON.stringify(join(repo, "dist/index.js"));
    loadsWithoutNote(`const { pipeline } = require(${index});\nmodule.exports = pipeline({ jobs });`);
  });

  test("the warnings a module emits itself are printed as Node prints them", () => {
    writeFileSync(join(work, "lib.cjs"), pipeline);
    writeFileSync(
      join(work, "pipeline.mjs"),
      'process.emitWarning("setFoo() goes in v2", "DeprecationWarning");\nprocess.emitWarning("To load an ES module, set \\"type\\": \\"module\\" (mine)", { code: "MINE" });\nexport default (await import("./lib.cjs")).default;\n',
    );
    const run = hangar("render", "pipeline.mjs", "--stdout");
    expect(run.stderr).toMatch(/^\(node:\d+\) DeprecationWarning: setFoo\(\) goes in v2$/m);
    expect(run.stderr).toMatch(/^\(node:\d+\) \[MINE\] Warning: To load an ES module, set "type": "module" \(mine\)$/m);
    // Node's own, for lib.cjs, is not
    expect(run.stderr).not.toMatch(/use the \.mjs extension/);
    expect(run.stderr).toMatch(/^hangar render: pipeline\.mjs: SyntaxError: Unexpected token 'export'$/m);
    expect(run.status).toBe(2);
  });
});

describe("what a module throws is one printable line", () => {
  test.each(["render", "validate"])("a thrown string or message with control characters, escaped (%s)", (command) => {
    writeFileSync(join(work, "string.mjs"), 'throw "bad\\x1b[31m\\nnext\\u202e";\n');
    writeFileSync(join(work, "message.ts"), 'throw { message: "red\\x1b[2J\\r\\u2028line" };\n');
    writeFileSync(join(work, "error.ts"), 'throw new Error("bad\\x1b[31m\\nnext");\n');
    for (const [file, said] of [
      ["string.mjs", "string.mjs: thrown: bad\\x1b[31m\\nnext\\u202e"],
      ["message.ts", "message.ts: thrown: red\\x1b[2J\\r\\u2028line"],
      ["error.ts", "error.ts:1:7: Error: bad\\x1b[31m\\nnext"],
    ] as const) {
      const run = hangar(command, file);
      expect(run.stderr).toBe(`hangar ${command}: ${said}\n`);
      expect(run.status).toBe(2);
    }
    // with --debug, the stack's lines too
    const debug = hangar(command, "error.ts", "--debug");
    expect(debug.stderr).toMatch(
      new RegExp(
        `^hangar ${command}: error\\.ts:1:7: Error: bad\\\\x1b\\[31m\\\\nnext\nError: bad\\\\x1b\\[31m\nnext\n\\s+at `,
      ),
    );
    expect(debug.stderr).not.toContain("\x1b");
  });

  test("an object JSON cannot write (a cycle, a BigInt) is shown as util.inspect shows it, cut short", () => {
    writeFileSync(join(work, "cycle.mjs"), "const o = { code: 1 };\no.self = o;\nthrow o;\n");
    writeFileSync(join(work, "big.mjs"), "throw { big: 10n, when: new Date(0) };\n");
    writeFileSync(join(work, "long.mjs"), 'const o = { text: "x".repeat(300) };\no.self = o;\nthrow o;\n');
    for (const [file, said] of [
      ["cycle.mjs", "thrown: <ref *1> { code: 1, self: [Circular *1] }"],
      ["big.mjs", "thrown: { big: 10n, when: 1970-01-01T00:00:00.000Z }"],
      ["long.mjs", `thrown: <ref *1> { text: '${"x".repeat(181)}…`],
    ] as const) {
      const run = hangar("render", file);
      expect(run.stderr).toBe(`hangar render: ${file}: ${said}\n`);
      expect(run.status).toBe(2);
    }
  });
});

test("hangar validate of modules that fail to load: each failure's line, and a summary only of the files validated", () => {
  writeFileSync(join(work, "broken.ts"), 'throw new Error("cannot reach the vault");\n');
  writeFileSync(join(work, "broken.mjs"), 'throw "no vault";\n');
  writeFileSync(join(work, "good.yml"), "jobs:\n- name: build\n  plan: []\n");
  const failed = hangar("validate", "broken.ts", "broken.mjs");
  expect(failed.stderr).toBe(
    "hangar validate: broken.ts:1:7: Error: cannot reach the vault\nhangar validate: broken.mjs: thrown: no vault\n",
  );
  expect(failed.stdout).toBe("");
  expect(failed.status).toBe(2);
  // beside a file validated, that file is counted, as before
  const mixed = hangar("validate", "broken.ts", "good.yml");
  expect(mixed.stderr).toBe(
    "hangar validate: broken.ts:1:7: Error: cannot reach the vault\n0 errors, 0 warnings in 1 file\n",
  );
  expect(mixed.status).toBe(2);
});

describe("a module that calls process.exit while hangar waits for its pipeline", () => {
  const pipeline = 'export default { jobs: [{ name: "a", plan: [] }] };\n';

  test.each([
    ["process.exit(0);\n", "exit.ts:1:9: the module called process.exit(0)"],
    ["process.exit(1);\n", "exit.ts:1:9: the module called process.exit(1)"],
    ["process.exitCode = 3;\nprocess.exit();\n", "exit.ts:2:9: the module called process.exit() (process.exitCode 3)"],
    // caught, the exit is still the module's failure: it asked hangar to end before giving a pipeline
    ["try {\n  process.exit(4);\n} catch {}\n", "exit.ts:2:11: the module called process.exit(4)"],
  ])("%j fails the load at the call, exit 2, nothing on stdout or written", (code, said) => {
    writeFileSync(join(work, "exit.ts"), code + pipeline);
    for (const args of [["--stdout"], ["-o", "out.json"]]) {
      const run = hangar("render", "exit.ts", ...args);
      expect(run.stderr).toBe(`hangar render: ${said} before giving its pipeline\n`);
      expect(run.stdout).toBe("");
      expect(run.status).toBe(2);
    }
    expect(existsSync(join(work, "out.json"))).toBe(false);
  });

  test("from a timer that fires while an async default export runs: the load fails at the call", () => {
    writeFileSync(
      join(work, "later.ts"),
      "export default async () => {\n  setTimeout(() => process.exit(0), 1);\n  await new Promise((r) => setTimeout(r, 500));\n  return { jobs: [] };\n};\n",
    );
    const run = hangar("render", "later.ts", "--stdout");
    expect(run.stderr).toBe(
      "hangar render: later.ts:2:28: the module called process.exit(0) before giving its pipeline\n",
    );
    expect(run.status).toBe(2);
  });

  test("an exception a timer leaves uncaught while hangar waits is the module's error, not Node's stack", () => {
    writeFileSync(
      join(work, "timer.ts"),
      'export default async () => {\n  setTimeout(() => {\n    throw new Error("late");\n  }, 1);\n  await new Promise((r) => setTimeout(r, 500));\n  return { jobs: [] };\n};\n',
    );
    const run = hangar("render", "timer.ts", "--stdout");
    expect(run.stderr).toBe("hangar render: timer.ts:3:11: Error: late\n");
    expect(run.status).toBe(2);
  });

  test("process.exit is Node's again after the load: a batch renders the next modules, and hangar exits with its code", () => {
    writeFileSync(join(work, "exit.ts"), `process.exit(0);\n${pipeline}`);
    writeFileSync(join(work, "after.ts"), pipeline);
    const run = hangar("render", "exit.ts", "after.ts", "--out-dir", "out");
    expect(run.stderr).toMatch(/^hangar render: exit\.ts:1:9: the module called process\.exit\(0\)/);
    expect(run.stderr).toMatch(/^rendered 1 of 2 pipelines into out; failed: exit\.ts$/m);
    expect(existsSync(join(work, "out/after.json"))).toBe(true);
    expect(run.status).toBe(2);
  });

  test("a call from a callback that runs after the pipeline was given, before hangar is done: said, exit 2", () => {
    // the callback runs at the first turn of the event loop after the load: during the write of the file
    writeFileSync(
      join(work, "soon.ts"),
      'export default () => {\n  setImmediate(() => process.exit(0));\n  return { jobs: [{ name: "a", plan: [] }] };\n};\n',
    );
    const run = hangar("render", "soon.ts", "-o", "soon.json");
    expect(run.stderr).toMatch(
      /^hangar: did not finish: the process was ended by process\.exit\(0\) while hangar worked/,
    );
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
    // written whole or not at all
    if (existsSync(join(work, "soon.json"))) {
      expect(JSON.parse(readFileSync(join(work, "soon.json"), "utf8"))).toEqual({ jobs: [{ name: "a", plan: [] }] });
    }
  });

  test("a call from a timer that fires after the pipeline was given is Node's own: what was written stays", () => {
    writeFileSync(join(work, "late.ts"), `setTimeout(() => process.exit(5), 300);\n${pipeline}`);
    const run = hangar("render", "late.ts", "--stdout");
    expect(JSON.parse(run.stdout)).toEqual({ jobs: [{ name: "a", plan: [] }] });
    expect(run.status).toBe(0);
  });
});

test.each([
  ['export default Promise.reject(new Error("nope"));\n', "rejected.ts:1:31: Error: nope"],
  ['export default () => Promise.reject(new Error("nope"));\n', "rejected.ts:1:37: Error: nope"],
  ['export default async () => {\n  throw new Error("nope");\n};\n', "rejected.ts:2:9: Error: nope"],
  ['export default Promise.reject("nope");\n', "rejected.ts: thrown: nope"],
])("a default export that is (or gives) a rejected promise is the module's error, not hangar's: %j", (code, said) => {
  writeFileSync(join(work, "rejected.ts"), code);
  const run = hangar("render", "rejected.ts", "--stdout");
  expect(run.stderr).toBe(`hangar render: ${said}\n`);
  expect(run.status).toBe(2);
});

test("what a module writes to process.stdout while it loads goes to stderr: stdout holds the product only", () => {
  writeFileSync(
    join(work, "noisy.ts"),
    'process.stdout.write("noise\\n");\nconsole.log("logged");\nexport default { jobs: [{ name: "a", plan: [] }] };\n',
  );
  const rendered = hangar("render", "noisy.ts", "--stdout");
  expect(JSON.parse(rendered.stdout)).toEqual({ jobs: [{ name: "a", plan: [] }] });
  expect(rendered.stderr).toBe("noise\nlogged\n");
  // the fly command render prints, and diff's JSON, are products too
  const written = hangar("render", "noisy.ts", "-o", "out.json", "--target", "ci");
  expect(written.stdout).toBe("fly -t ci set-pipeline -p noisy -c out.json\n");
  expect(written.stderr).toMatch(/^noise\nlogged\nwrote out\.json/);
  const diff = hangar("diff", "out.json", "noisy.ts", "--format", "json");
  expect(JSON.parse(diff.stdout)).toMatchObject({ equal: true });
});

test("what a module writes to descriptor 1 through node:fs goes to stderr, as a script and as an ES module", () => {
  writeFileSync(
    join(work, "fd.ts"),
    [
      'import { writeSync, writeFileSync } from "node:fs";',
      'import fs from "node:fs";',
      'writeSync(1, "written\\n");',
      'writeFileSync(process.stdout.fd, "whole\\n");',
      'fs.appendFileSync(1, "appended\\n");',
      'export default async () => { await new Promise((done) => fs.write(1, "later\\n", () => done(undefined))); return { jobs: [{ name: "a", plan: [] }] }; };',
      "",
    ].join("\n"),
  );
  // (--debug: the ES module, whose imports of node:fs are Node's ES module of it)
  for (const debug of [[], ["--debug"]]) {
    const rendered = hangar("render", "fd.ts", "--stdout", "--format", "json", ...debug);
    expect(JSON.parse(rendered.stdout)).toEqual({ jobs: [{ name: "a", plan: [] }] });
    expect(rendered.stderr).toBe("written\nwhole\nappended\nlater\n");
    const graph = hangar("graph", "fd.ts", "--format", "dot", ...debug);
    expect(graph.stdout).toMatch(/^digraph "fd\.ts" \{\n/);
  }
});

test("an error the module's own code throws while hangar reads its value (a getter on Object.prototype) is the module's", () => {
  writeFileSync(
    join(work, "getter.ts"),
    'Object.defineProperty(Object.prototype, "jobs", {\n  get() {\n    throw new Error("boom");\n  },\n});\nexport default {};\n',
  );
  const run = hangar("render", "getter.ts", "--stdout");
  expect(run.stderr).toBe("hangar render: getter.ts:3:11: Error: boom\n");
  expect(run.status).toBe(2);
  // an error whose stack names none of the module's files is not taken for the module's: reported as before
  writeFileSync(
    join(work, "elsewhere.ts"),
    'const error = new Error("boom");\nerror.stack = "Error: boom\\n    at read (/opt/hangar/dist/cli.cjs:1:1)";\nObject.defineProperty(Object.prototype, "jobs", {\n  get() {\n    throw error;\n  },\n});\nexport default {};\n',
  );
  expect(hangar("render", "elsewhere.ts", "--stdout").stderr).toBe("hangar render: internal error: boom\n");
});
