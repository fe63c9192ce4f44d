import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { beforeEach, expect, test } from "vitest";
import { memoryIo } from "../../test/helpers/memory-io.ts";
import { EXIT } from "./define-command.ts";
import { expandReading } from "./expand-entries.ts";
import { runCli } from "./run-cli.ts";
import { watchRender } from "./watch.ts";

const repo = resolve(import.meta.dirname, "../..");

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(repo, "test/.tmp-watch-"));
  cpSync(join(repo, "test/fixtures/cli"), work, { recursive: true });
  return () => spawnSync("rm", ["-rf", work]);
});

const read = (path: string) => readFileSync(join(work, path), "utf8");
const edit = (path: string, from: string, to: string) => {
  const text = read(path);
  expect(text).toContain(from);
  writeFileSync(join(work, path), text.replace(from, to));
};

/** Waits until `done()` holds, checking every 50 ms, for at most 20 s. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 50) {
    if (waited > 20_000) throw new Error("timed out waiting for the watch");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("--watch renders again when the module or a file it imports changes, goes on after an error, and Ctrl-C ends it leaving nothing behind", async () => {
  const interrupt = new AbortController();
  const run = memoryIo(work);
  const watching = runCli(["render", "async-function.mts", "--watch"], {
    ...run.io,
    interrupted: () => ({ signal: interrupt.signal, stoppable: (work) => work() }),
  });
  const rounds = () => run.stderr.split(" for changes (Ctrl-C to stop)").length - 1;
  const definition = () => JSON.parse(read("definition.json"));

  await until(() => rounds() === 1);
  // the module, its helper and the tsconfig.json they compile with (the repository's, above the work folder)
  expect(run.stderr).toContain("watching 3 files for changes");
  expect(definition().jobs[0].name).toBe("hello");

  edit("async-function.mts", 'helperJob("hello")', 'helperJob("hi")');
  await until(() => rounds() === 2);
  expect(definition().jobs[0].name).toBe("hi");

  edit("lib/helper.ts", "args: [name]", 'args: [name, "again"]');
  await until(() => rounds() === 3);
  expect(definition().jobs[0].plan[0].config.run.args).toEqual(["hi", "again"]);

  writeFileSync(join(work, "async-function.mts"), "export default 42;\n");
  await until(() => rounds() === 4);
  expect(run.stderr).toContain("async-function.mts: the default export is not a pipeline");
  expect(definition().jobs[0].name).toBe("hi");

  // the fly command each time the pipeline was written
  expect(run.stdout.split("\n").filter(Boolean)).toEqual(
    Array(3).fill("fly -t ci set-pipeline -p from-function -c definition.json"),
  );
  interrupt.abort();
  // Ctrl-C ends the watch as asked: 0, though the last render failed to load (README: "0 on Ctrl-C")
  expect(await watching).toBe(0);
  expect(readdirSync(work).filter((name) => name.startsWith(".") || name.endsWith(".tmp"))).toEqual(
    readdirSync(join(repo, "test/fixtures/cli")).filter((name) => name.startsWith(".")),
  );
}, 120_000);

test.each([1, 2] as const)("Ctrl-C after a render that gave %d ends the watch with 0", async (last) => {
  const interrupt = new AbortController();
  const run = memoryIo(work);
  const render = async () => {
    // Ctrl-C during the render
    interrupt.abort();
    return last;
  };
  expect(await watchRender(["async-function.mts"], render, run.io, { signal: interrupt.signal })).toBe(0);
});

test("a save while a render runs renders again once it is done, not lost", async () => {
  const interrupt = new AbortController();
  const run = memoryIo(work);
  const seen: string[] = [];
  const render = async () => {
    seen.push(read("lib/helper.ts"));
    if (seen.length === 2) {
      // the second render is slow, and the file is saved again while it runs
      await new Promise((resolve) => setTimeout(resolve, 300));
      edit("lib/helper.ts", "args: [name]", 'args: [name, "during"]');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    if (seen.length === 3) interrupt.abort();
    return EXIT.ok;
  };
  const watching = watchRender(["async-function.mts"], render, run.io, { signal: interrupt.signal });
  await until(() => run.stderr.includes("watching 3 files"));
  edit("async-function.mts", 'helperJob("hello")', 'helperJob("hi")');
  await until(() => seen.length >= 2);
  // (the watch would wait for ever for another save: at most 10 s here)
  const ended = await Promise.race([watching, new Promise((resolve) => setTimeout(() => resolve("waiting"), 10_000))]);
  expect(ended).toBe(0);
  expect(seen).toHaveLength(3);
  expect(seen[2]).toContain('"during"');
}, 30_000);

// (./helpers.js is the ES module name of helpers.ts, as `hangar import --split` writes its imports)
test.each(["./helpers.ts", "./helpers.js"])(
  "a file an import of %s names that does not exist yet renders again once it is created, and when it changes",
  async (specifier) => {
    const interrupt = new AbortController();
    const run = memoryIo(work);
    writeFileSync(
      join(work, "needs-helpers.ts"),
      read("fragment-only.ts")
        .replace('"tock"', "jobName")
        .replace(
          'import { fragment } from "hangar";',
          `import { fragment } from "hangar";\nimport { jobName } from "${specifier}";`,
        ),
    );
    const watching = runCli(["render", "needs-helpers.ts", "--watch"], {
      ...run.io,
      interrupted: () => ({ signal: interrupt.signal, stoppable: (work) => work() }),
    });
    const rounds = () => run.stderr.split(" for changes (Ctrl-C to stop)").length - 1;
    await until(() => rounds() === 1);
    expect(run.stderr).toContain(`Could not resolve "${specifier}"`);
    writeFileSync(join(work, "helpers.ts"), 'export const jobName = "from-helpers";\n');
    try {
      await until(() => rounds() === 2);
      expect(JSON.parse(read("definition.json")).jobs[0].name).toBe("from-helpers");
      edit("helpers.ts", "from-helpers", "edited");
      await until(() => rounds() === 3);
      expect(JSON.parse(read("definition.json")).jobs[0].name).toBe("edited");
    } finally {
      interrupt.abort();
    }
    expect(await watching).toBe(0);
  },
  60_000,
);

test("a symbolic link given as the entry, repointed to another module, renders that module", async () => {
  const interrupt = new AbortController();
  const run = memoryIo(work);
  writeFileSync(join(work, "other.ts"), read("fragment-only.ts").replace('"tock"', '"other-job"'));
  symlinkSync("fragment-only.ts", join(work, "current.ts"));
  const watching = runCli(["render", "current.ts", "--watch"], {
    ...run.io,
    interrupted: () => ({ signal: interrupt.signal, stoppable: (work) => work() }),
  });
  const rounds = () => run.stderr.split(" for changes (Ctrl-C to stop)").length - 1;
  try {
    await until(() => rounds() === 1);
    expect(JSON.parse(read("definition.json")).jobs[0].name).toBe("tock");
    // repointed as `ln -sfn` does: a new link renamed over the old one
    symlinkSync("other.ts", join(work, "current.ts.new"));
    renameSync(join(work, "current.ts.new"), join(work, "current.ts"));
    await until(() => rounds() === 2);
    expect(JSON.parse(read("definition.json")).jobs[0].name).toBe("other-job");
  } finally {
    interrupt.abort();
  }
  expect(await watching).toBe(0);
}, 60_000);

test("a change in the module's tsconfig (where its paths map a name) renders again", async () => {
  const interrupt = new AbortController();
  const run = memoryIo(work);
  writeFileSync(join(work, "first.ts"), 'export const jobName = "first";\n');
  writeFileSync(join(work, "second.ts"), 'export const jobName = "second";\n');
  const mapTo = (file: string) =>
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@job": [file] } } }),
    );
  mapTo("./first.ts");
  writeFileSync(
    join(work, "mapped.ts"),
    read("fragment-only.ts")
      .replace('"tock"', "jobName")
      .replace(
        'import { fragment } from "hangar";',
        'import { fragment } from "hangar";\nimport { jobName } from "@job";',
      ),
  );
  const watching = runCli(["render", "mapped.ts", "--watch"], {
    ...run.io,
    interrupted: () => ({ signal: interrupt.signal, stoppable: (work) => work() }),
  });
  const rounds = () => run.stderr.split(" for changes (Ctrl-C to stop)").length - 1;
  try {
    await until(() => rounds() === 1);
    expect(JSON.parse(read("definition.json")).jobs[0].name).toBe("first");
    mapTo("./second.ts");
    await until(() => rounds() === 2);
    expect(JSON.parse(read("definition.json")).jobs[0].name).toBe("second");
  } finally {
    interrupt.abort();
  }
  expect(await watching).toBe(0);
}, 60_000);

test("a folder the module imports through a symbolic link, repointed, renders again", async () => {
  const interrupt = new AbortController();
  const run = memoryIo(work);
  for (const version of ["v1", "v2"]) {
    mkdirSync(join(work, version));
    writeFileSync(join(work, `${version}/job.ts`), `export const jobName = "${version}";\n`);
  }
  symlinkSync("v1", join(work, "jobs"));
  writeFileSync(
    join(work, "linked.ts"),
    read("fragment-only.ts")
      .replace('"tock"', "jobName")
      .replace(
        'import { fragment } from "hangar";',
        'import { fragment } from "hangar";\nimport { jobName } from "./jobs/job.ts";',
      ),
  );
  const watching = runCli(["render", "linked.ts", "--watch"], {
    ...run.io,
    interrupted: () => ({ signal: interrupt.signal, stoppable: (work) => work() }),
  });
  const rounds = () => run.stderr.split(" for changes (Ctrl-C to stop)").length - 1;
  try {
    await until(() => rounds() === 1);
    expect(JSON.parse(read("definition.json")).jobs[0].name).toBe("v1");
    // repointed as `ln -sfn v2 jobs` does: a new link renamed over the old one
    symlinkSync("v2", join(work, "jobs.new"));
    renameSync(join(work, "jobs.new"), join(work, "jobs"));
    await until(() => rounds() === 2);
    expect(JSON.parse(read("definition.json")).jobs[0].name).toBe("v2");
  } finally {
    interrupt.abort();
  }
  expect(await watching).toBe(0);
}, 60_000);

/** Writes `ci/<name>/pipeline.ts`, a module whose job is named `name`. */
const addModule = (name: string) => {
  mkdirSync(join(work, "ci", name), { recursive: true });
  writeFileSync(join(work, "ci", name, "pipeline.ts"), read("fragment-only.ts").replace('"tock"', `"${name}-job"`));
};

test("with --out-dir, a module the glob comes to match (in a new folder too) is rendered from then on", async () => {
  const interrupt = new AbortController();
  const run = memoryIo(work);
  addModule("a");
  const watching = runCli(["render", "ci/**/pipeline.ts", "--out-dir", "out", "--watch"], {
    ...run.io,
    interrupted: () => ({ signal: interrupt.signal, stoppable: (work) => work() }),
  });
  const rounds = () => run.stderr.split(" for changes (Ctrl-C to stop)").length - 1;
  try {
    await until(() => rounds() === 1);
    expect(readdirSync(join(work, "out"))).toEqual(["a.json"]);
    addModule("b");
    await until(() => rounds() === 2);
    expect(run.stderr).toContain("ci/b/pipeline.ts: a new module, rendered from now on\n");
    expect(JSON.parse(read("out/b.json")).jobs[0].name).toBe("b-job");
    // two folders deep, in folders that did not exist
    mkdirSync(join(work, "ci/c/deep"), { recursive: true });
    writeFileSync(join(work, "ci/c/deep/pipeline.ts"), read("ci/a/pipeline.ts").replace('"a-job"', '"deep-job"'));
    await until(() => rounds() === 3);
    expect(JSON.parse(read("out/deep.json")).jobs[0].name).toBe("deep-job");
    // the new module's own files are watched as the others are
    edit("ci/b/pipeline.ts", '"b-job"', '"b-edited"');
    await until(() => rounds() === 4);
    expect(JSON.parse(read("out/b.json")).jobs[0].name).toBe("b-edited");
    expect(run.stderr.split("a new module")).toHaveLength(3);
  } finally {
    interrupt.abort();
  }
  expect(await watching).toBe(0);
}, 90_000);

test("with --out-dir, a module removed is no longer rendered, which is said once, and its output is left", async () => {
  const interrupt = new AbortController();
  const run = memoryIo(work);
  addModule("a");
  addModule("b");
  const watching = runCli(["render", "ci/*/pipeline.ts", "--out-dir", "out", "--watch"], {
    ...run.io,
    interrupted: () => ({ signal: interrupt.signal, stoppable: (work) => work() }),
  });
  const rounds = () => run.stderr.split(" for changes (Ctrl-C to stop)").length - 1;
  try {
    await until(() => rounds() === 1);
    expect(run.stderr).toContain("rendered 2 of 2 pipelines into out\n");
    spawnSync("rm", ["-r", join(work, "ci/b")]);
    await until(() => rounds() === 2);
    expect(run.stderr).toContain(
      "ci/b/pipeline.ts: no longer matches the entries, no longer rendered (its output is left in place)\n",
    );
    expect(run.stderr.split("\n").at(-3)).toBe("rendered 1 of 1 pipelines into out");
    edit("ci/a/pipeline.ts", '"a-job"', '"a-edited"');
    await until(() => rounds() === 3);
    expect(JSON.parse(read("out/a.json")).jobs[0].name).toBe("a-edited");
    expect(run.stderr.split("no longer matches")).toHaveLength(2);
    expect(run.stderr).not.toContain("hangar render: ");
    expect(readdirSync(join(work, "out")).sort()).toEqual(["a.json", "b.json"]);
  } finally {
    interrupt.abort();
  }
  expect(await watching).toBe(0);
}, 90_000);

test("a file that appears beside a module but matches no entry (an editor's) expands the globs again, and renders nothing", async () => {
  const interrupt = new AbortController();
  const run = memoryIo(work);
  addModule("a");
  let expansions = 0;
  const expand = () => {
    expansions += 1;
    return expandReading(["ci/*/pipeline.ts"], work);
  };
  const rendered: (readonly string[])[] = [];
  const render = async (modules: readonly string[]) => {
    rendered.push(modules);
    return EXIT.ok;
  };
  const watching = watchRender(["ci/a/pipeline.ts"], render, run.io, { signal: interrupt.signal, expand });
  try {
    await until(() => run.stderr.includes("for changes"));
    const before = expansions;
    writeFileSync(join(work, "ci/a/.pipeline.ts.swp"), "");
    // (a render would follow the expansion at once, without waiting)
    await until(() => expansions > before);
    expect(rendered).toHaveLength(1);
    edit("ci/a/pipeline.ts", '"a-job"', '"a-edited"');
    await until(() => rendered.length === 2);
    expect(rendered).toEqual([["ci/a/pipeline.ts"], ["ci/a/pipeline.ts"]]);
  } finally {
    interrupt.abort();
  }
  expect(await watching).toBe(0);
}, 60_000);
