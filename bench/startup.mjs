// Whole-process wall time of hangar commands beside `node -e 0`, timed from this process with
// spawnSync (no external tool needed). Runs are paired: each round runs `node -e 0` and then every
// command once, so that load on the machine hits all of them alike; a command's figure is the median
// of its per-round difference to `node -e 0`.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { performance } from "node:perf_hooks";

function wall(args, cwd, okCodes) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = performance.now() - start;
  if (!okCodes.includes(result.status)) {
    throw new Error(`node ${args.join(" ")} exited with ${result.status}:\n${result.stderr}`);
  }
  return ms;
}

/**
 * Times each of `commands` ({ label, args, beforeEach?, okCodes? }: node arguments, run in `repo`)
 * and `node -e 0`, `warmups` rounds discarded, then `runs` rounds. Returns the samples in ms:
 * `{ node: [...], [label]: [...] }`, paired by index.
 */
export function measureProcesses({ repo, commands, runs = 10, warmups = 2 }) {
  const samples = { node: [] };
  for (const { label } of commands) samples[label] = [];
  for (let i = 0; i < warmups + runs; i++) {
    const z = wall(["-e", "0"], repo, [0]);
    const round = commands.map(({ args, beforeEach, okCodes = [0] }) => {
      beforeEach?.();
      return wall(args, repo, okCodes);
    });
    if (i < warmups) continue;
    samples.node.push(z);
    for (const [c, { label }] of commands.entries()) samples[label].push(round[c]);
  }
  return samples;
}

/**
 * Empties the compile cache of pipeline modules in `cacheDir` (and the validations kept beside them), keeping V8's
 * code of hangar's own CLI (the `code-*` files Node 20 keeps there): the cold row measures compiling the user's
 * module, which happens whenever it changes, not the first run of a new install, and the rows after it stay warm.
 */
function emptyCompileCache(cacheDir) {
  let names;
  try {
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  for (const name of names) if (!name.startsWith("code-")) rmSync(join(cacheDir, name), { force: true });
}

/**
 * Empties the validation cache in `cacheDir` (the `validation-*` entries), keeping the compiled modules and V8's
 * code: the row "validation re-run" is a cached render whose output was not validated before.
 */
function emptyValidationCache(cacheDir) {
  let names;
  try {
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith("validation-")) rmSync(join(cacheDir, name), { force: true });
}

/**
 * The commands of the whole-process rows: `--version`, `--help`, render (cached; cached with its validation run
 * again; cold), validate.
 */
export function startupCommands({ entry, cacheDir, largestYaml }) {
  const out = mkdtempSync(join(tmpdir(), "hangar-bench-"));
  const render = ["bin/hangar.js", "render", entry, "-o", join(out, "definition.json")];
  const commands = [
    { label: "hangar --version", args: ["bin/hangar.js", "--version"], goalMs: 15 },
    { label: "hangar --help", args: ["bin/hangar.js", "--help"], goalMs: 15 },
    { label: `hangar render ${entry} (cached)`, args: render, goalMs: 40 },
    {
      label: `hangar render ${entry} (cached, validation re-run)`,
      args: render,
      beforeEach: () => emptyValidationCache(cacheDir),
    },
    {
      label: `hangar render ${entry} (cold: empty compile cache)`,
      args: render,
      beforeEach: () => emptyCompileCache(cacheDir),
    },
  ];
  if (largestYaml !== undefined) {
    // exit 1: the corpus pipeline has findings; that is the work being timed
    commands.push({
      label: `hangar validate ${largestYaml.label}`,
      args: ["bin/hangar.js", "validate", largestYaml.path],
      okCodes: [0, 1],
    });
  }
  return { commands, cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

/**
 * `hangar render` of a pipeline module building the bench workload at `n` jobs (written under the repository's
 * node_modules/.cache, so that its compile cache is the repository's), whole process, compiled module cached:
 * with its validation run (the validation cache emptied before each) and with `--no-validate`. Render with
 * validation in the user's world: what the in-process rows of section 1b leave out (loading, the module's compile
 * cache, V8's code cache, the output and the validation entry written) is in both. Returns the samples.
 */
export function measureRenderAtScale({ repo, n, runs = 5, warmups = 1 }) {
  const dir = join(repo, "node_modules/.cache/hangar-bench");
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, `render-${n}.ts`);
  const workload = relative(dir, join(repo, "bench/workload.mjs")).split(sep).join("/");
  writeFileSync(
    entry,
    `import * as hangar from "hangar";\nimport { withHangar } from "${workload}";\nexport default withHangar(${n}, hangar);\n`,
  );
  const out = mkdtempSync(join(tmpdir(), "hangar-bench-"));
  const render = ["bin/hangar.js", "render", entry, "-o", join(out, "definition.json")];
  const cacheDir = join(repo, "node_modules/.cache/hangar");
  const commands = [
    { label: "validated", args: render, beforeEach: () => emptyValidationCache(cacheDir) },
    { label: "--no-validate", args: [...render, "--no-validate"] },
  ];
  try {
    return measureProcesses({ repo, commands, runs, warmups });
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(entry, { force: true });
  }
}
