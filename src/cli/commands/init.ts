// node:fs's synchronous calls, not node:fs/promises: command files are loaded by every command (for `--help`), and
// loading node:fs/promises cost `hangar --version` about 2 ms (profiles)
import { existsSync, mkdirSync, unlinkSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { defineCommand, EXIT } from "../define-command.ts";

/** An npm package name made from a folder's name (lowercase, URL-safe), or `pipelines`. */
function packageNameOf(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|-+$/g, "");
  return name === "" ? "pipelines" : name;
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
      description: "hangar's version range in package.json, or a tarball or folder (file:...) to install it from",
    },
  ],
  async run({ positionals: [dirArg = "."], values }, io) {
    const [{ checkIdentifier }, { shellQuote }, { scaffold }, { VERSION }] = await Promise.all([
      import("../../concourse/go-identifier.ts"),
      import("../../render/fly-command.ts"),
      import("../scaffold.ts"),
      import("../version.ts"),
    ]);
    const pipelineName = typeof values.name === "string" ? values.name : "app";
    const problem = checkIdentifier(pipelineName);
    if (problem !== undefined) {
      const reason = problem.kind === "empty" ? "it is empty" : problem.reason;
      io.stderr(`hangar: --name '${pipelineName}' is not a valid pipeline name: ${reason}\n`);
      return EXIT.failure;
    }
    const dir = resolve(io.cwd(), dirArg);
    const shown = (file: string) => relative(io.cwd(), join(dir, file)) || file;
    const files = scaffold({
      packageName: packageNameOf(dir),
      pipelineName,
      target: typeof values.target === "string" ? values.target : "ci",
      hangarSpec: typeof values.hangarSpec === "string" ? values.hangarSpec : `^${VERSION}`,
    });

    const existing = Object.keys(files).filter((file) => existsSync(join(dir, file)));
    if (existing.length > 0) {
      io.stderr(
        `hangar: init would overwrite ${existing.length === 1 ? "a file" : "files"} (nothing was written):\n${existing.map((file) => `  ${shown(file)}\n`).join("")}`,
      );
      return EXIT.failure;
    }

    // All or nothing: a failure removes the files written before it.
    const written: string[] = [];
    try {
      for (const [file, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        await io.writeFile(join(dir, file), content);
        written.push(file);
      }
    } catch (error) {
      for (const file of written) {
        try {
          unlinkSync(join(dir, file));
        } catch {}
      }
      io.stderr(
        `hangar: cannot write ${shown(Object.keys(files)[written.length] ?? ".")}: ${(error as Error).message}\n`,
      );
      return EXIT.failure;
    }
    for (const file of written) io.stderr(`created ${shown(file)}\n`);
    const cd = relative(io.cwd(), dir);
    io.stderr(`\nnext: ${cd === "" ? "" : `cd ${shellQuote(cd)} && `}npm install && npm run render\n`);
    return EXIT.ok;
  },
});
