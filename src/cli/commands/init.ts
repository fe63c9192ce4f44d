// node:fs's synchronous calls, not node:fs/promises: command files are loaded by every command (for `--help`), and
// loading node:fs/promises cost `hangar --version` about 2 ms (profiles)
import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { defineCommand, EXIT, reportError, usageError } from "../define-command.ts";

/** An npm package name made from a folder's name (lowercase, URL-safe), or `pipelines`. */
function packageNameOf(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|-+$/g, "");
  return name === "" ? "pipelines" : name;
}

/** The nearest of `path` and the folders above it that exists, when it is not a folder (a file in the way); else undefined. */
function notAFolder(path: string): string | undefined {
  for (let at = path; ; at = dirname(at)) {
    try {
      return statSync(at).isDirectory() ? undefined : at;
    } catch {
      if (dirname(at) === at) return undefined;
    }
  }
}

/**
 * Files of a project that init adds its lines to rather than refusing to overwrite: a fresh clone of a new repository
 * often has a `.gitignore` already.
 */
const AMENDED: readonly string[] = [".gitignore"];

/** `existing` with the lines of `wanted` it lacks added at its end; undefined when it has them all. */
function amended(existing: string, wanted: string): string | undefined {
  const has = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  const missing = wanted.split("\n").filter((line) => line !== "" && !has.has(line));
  if (missing.length === 0) return undefined;
  const end = existing === "" || existing.endsWith("\n") ? "" : "\n";
  return `${existing}${end}${missing.join("\n")}\n`;
}

/** The text of the file at `path`, or undefined when it is not a file that can be read (a folder, say). */
function readIfFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The folders above `file` (deepest first) that do not exist yet. */
function missingFolders(file: string): string[] {
  const missing: string[] = [];
  for (let at = dirname(file); !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.push(at);
  return missing;
}

export default defineCommand({
  name: "init",
  summary: "Start a pipeline project: package.json, tsconfig.json, a pipeline, its rendered YAML and a test",
  arguments: "[dir]",
  options: [
    { flags: "--name <name>", description: "the pipeline's name and its folder under pipelines/", default: "app" },
    { flags: "-t, --target <target>", description: "the fly target in the pipeline module", default: "ci" },
    {
      flags: "--hangar-spec <spec>",
      description:
        "hangar's version range in package.json, or a tarball or folder (file:...) to install it from (a relative path is from here); default: where the hangar that runs came from",
    },
  ],
  async run({ positionals: [dirArg = "."], values }, io) {
    const [
      { checkIdentifier },
      { shellQuote },
      { scaffold },
      { VERSION },
      { defaultHangarSpec, specIn },
      { hangarPackageRoot },
    ] = await Promise.all([
      import("../../concourse/go-identifier.ts"),
      import("../../render/fly-command.ts"),
      import("../scaffold.ts"),
      import("../version.ts"),
      import("../hangar-spec.ts"),
      import("../../schema/schema-file.ts"),
    ]);
    const pipelineName = typeof values.name === "string" ? values.name : "app";
    const problem = checkIdentifier(pipelineName);
    if (problem !== undefined) {
      const reason = problem.kind === "empty" ? "it is empty" : problem.reason;
      return usageError(io, "init", `--name '${pipelineName}' is not a valid pipeline name: ${reason}`);
    }
    const target = typeof values.target === "string" ? values.target : "ci";
    // fly names a target in ~/.flyrc by any word, but an empty one, or one with white space, selects none
    const targetProblem = target === "" ? "it is empty" : /\s/.test(target) ? "it contains white space" : undefined;
    if (targetProblem !== undefined)
      return usageError(io, "init", `-t ${shellQuote(target)} is not a valid fly target: ${targetProblem}`);
    const dir = resolve(io.cwd(), dirArg);
    const shown = (file: string) => relative(io.cwd(), join(dir, file)) || file;
    const blockingDir = notAFolder(dir);
    if (blockingDir !== undefined) {
      const where = relative(io.cwd(), blockingDir) || blockingDir;
      return usageError(io, "init", `${where} is not a folder (nothing was written)`);
    }
    const hangarSpec =
      typeof values.hangarSpec === "string"
        ? { spec: specIn(dir, values.hangarSpec, io.cwd()), guessed: false }
        : defaultHangarSpec(hangarPackageRoot(), dir, VERSION);
    const files = scaffold({ packageName: packageNameOf(dir), pipelineName, target, hangarSpec: hangarSpec.spec });

    // what is in the way: a file init would write, or a file where it makes a folder (`test`, say); a file it
    // amends is read now, and written with its lines added (or left alone when it has them)
    const existing = new Set<string>();
    const toWrite = new Map(Object.entries(files));
    const originals = new Map<string, string>();
    for (const file of Object.keys(files)) {
      const blocking = notAFolder(dirname(join(dir, file)));
      if (blocking !== undefined) existing.add(`${relative(io.cwd(), blocking)} (a file where init makes a folder)`);
      else if (existsSync(join(dir, file))) {
        const original = AMENDED.includes(file) ? readIfFile(join(dir, file)) : undefined;
        if (original === undefined) {
          existing.add(shown(file));
          continue;
        }
        originals.set(file, original);
        const content = amended(original, files[file] as string);
        if (content === undefined) toWrite.delete(file);
        else toWrite.set(file, content);
      }
    }
    if (existing.size > 0) {
      reportError(
        io,
        "init",
        `would overwrite ${existing.size === 1 ? "a file" : "files"} (nothing was written):${[...existing].map((line) => `\n  ${line}`).join("")}`,
      );
      return EXIT.failure;
    }

    // All or nothing: a failure removes the files written before it, and the folders made for them; a file init
    // amends is put back as it was, the one whose write failed too (an io that is not atomic may have written it)
    const written: string[] = [];
    const made: string[] = [];
    try {
      for (const [file, content] of toWrite) {
        made.push(...missingFolders(join(dir, file)).reverse());
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        await io.writeFile(join(dir, file), content);
        written.push(file);
      }
    } catch (error) {
      const failed = [...toWrite.keys()][written.length];
      const touched = failed !== undefined && originals.has(failed) ? [...written, failed] : written;
      for (const file of touched) {
        const original = originals.get(file);
        try {
          if (original === undefined) unlinkSync(join(dir, file));
          else await io.writeFile(join(dir, file), original);
        } catch {}
      }
      // deepest first; a folder that is not empty (someone else's file came meanwhile) stays
      for (const folder of made.reverse()) {
        try {
          rmdirSync(folder);
        } catch {}
      }
      const { fileProblem } = await import("../file-problem.ts");
      reportError(io, "init", `cannot write ${shown(failed ?? ".")}: ${fileProblem(error, "write")}`);
      return EXIT.failure;
    }
    for (const file of written) io.stderr(`${originals.has(file) ? "added lines to" : "created"} ${shown(file)}\n`);
    if (hangarSpec.guessed) {
      // a global install: npm keeps no record of a tarball it came from, and the registry may not have this version
      io.stderr(
        `\nnote: package.json installs hangar ${hangarSpec.spec} from the npm registry; if this hangar came from a tarball or a folder, run init again with --hangar-spec <it>, or change that line\n`,
      );
    }
    const cd = relative(io.cwd(), dir);
    io.stderr(`\nnext: ${cd === "" ? "" : `cd ${shellQuote(cd)} && `}npm install && npm run render\n`);
    return EXIT.ok;
  },
});
