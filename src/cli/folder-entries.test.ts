import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { workFolder } from "../../test/helpers/work-folder.ts";
import { expandEntries } from "./expand-entries.ts";
import { collectInputs } from "./import-files.ts";
import { nodeIo } from "./io.ts";
import { expandInputs } from "./validate-inputs.ts";

// A FIFO waits for a writer when opened: one taken from a folder or a glob held the command for ever. The files a
// folder or a glob stands for are regular files and symbolic links to them; a FIFO named as an argument is still read.
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

describe("the files a folder or a glob stands for", () => {
  const dir = workFolder("folder-entries", { tmp: true });
  const setUp = (): string => {
    const root = dir();
    writeFileSync(join(root, "a.yml"), "jobs: []\n");
    writeFileSync(join(root, "p.ts"), "export default {};\n");
    symlinkSync(join(root, "a.yml"), join(root, "link.yml"));
    symlinkSync(join(root, "p.ts"), join(root, "link.ts"));
    symlinkSync(join(root, "gone.yml"), join(root, "dangling.yml"));
    mkdirSync(join(root, "folder.yml"));
    for (const fifo of ["fifo.yml", "fifo.ts"]) expect(spawnSync("mkfifo", [join(root, fifo)]).status).toBe(0);
    return root;
  };

  // skipped (and said so by vitest) where there is no mkfifo to make one
  test.skipIf(!hasMkfifo)("are its regular files and links to them, never a FIFO", async () => {
    const root = setUp();
    expect(expandInputs(["."], root).files).toEqual(["a.yml", "link.yml"]);
    expect(expandInputs([root], root).files).toEqual([join(root, "a.yml"), join(root, "link.yml")]);
    expect(expandEntries(["*.ts"], root).files).toEqual(["link.ts", "p.ts"]);
    expect(expandEntries(["./fifo.t[s]"], root).unmatched).toEqual(["./fifo.t[s]"]);
    const io = { ...nodeIo(process), cwd: () => root };
    expect(await collectInputs(["."], io)).toEqual({
      ok: true,
      files: ["a.yml", "link.yml"],
      found: new Set(["a.yml", "link.yml"]),
    });
    // named as an argument, a FIFO is kept, to be read (`hangar validate <(make-pipeline)`)
    expect(expandInputs(["fifo.yml"], root).files).toEqual(["fifo.yml"]);
  });
});
