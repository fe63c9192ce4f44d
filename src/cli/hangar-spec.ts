import { readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

/**
 * The spec of hangar as package.json in `dir` needs it: a relative path (`file:x.tgz`, `./x.tgz`) is read from `cwd`,
 * where init runs, as `npm install <path>` reads it, and written from `dir`, where npm reads package.json's; anything
 * else (a version range, an absolute path) as given.
 */
export function specIn(dir: string, spec: string, cwd: string): string {
  const path = spec.startsWith("file:") ? spec.slice("file:".length) : /^\.\.?[/\\]/.test(spec) ? spec : undefined;
  if (path === undefined || path === "" || isAbsolute(path) || path.startsWith("~")) return spec;
  return `file:${relative(dir, resolve(cwd, path)).split(sep).join("/") || "."}`;
}

/** The spec of hangar for a new project, and whether it is a guess (see {@link defaultHangarSpec}). */
export interface DefaultSpec {
  readonly spec: string;
  /**
   * Set when where the hangar that runs came from is not known (a global install, a project that does not name it):
   * the spec is then the registry's range of its version, which is wrong for a hangar installed from a tarball.
   */
  readonly guessed: boolean;
}

/**
 * The spec of hangar for a project in `dir` when none is given: where the hangar that runs (the package in `root`)
 * came from, so that `npm install` there installs the same one.
 * - Installed in a project's `node_modules`: the spec that project's package.json gives it, a relative path read from
 *   that project (a tarball installed with `npm install ../hangar-0.1.0.tgz`), a version range as `^version`.
 * - Run from a folder of its own (a clone, or a folder installed as a link): that folder.
 * - Otherwise (a global install, a project that does not name it): `^version`, from the npm registry, `guessed`
 *   (npm keeps no record of where a global package came from).
 */
export function defaultHangarSpec(root: string | undefined, dir: string, version: string): DefaultSpec {
  const guess: DefaultSpec = { spec: `^${version}`, guessed: true };
  if (root === undefined) return guess;
  if (basename(dirname(root)) !== "node_modules")
    return { spec: `file:${relative(dir, root).split(sep).join("/") || "."}`, guessed: false };
  const project = dirname(dirname(root));
  const spec = dependencySpec(join(project, "package.json"));
  if (spec === undefined) return guess;
  return { spec: isRange(spec) ? guess.spec : specIn(dir, spec, project), guessed: false };
}

/** The spec of hangar among the dependencies of the package.json at `manifest`, if it names one. */
function dependencySpec(manifest: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(manifest, "utf8"));
  } catch {
    return undefined;
  }
  for (const field of ["dependencies", "devDependencies", "optionalDependencies"]) {
    const deps = (parsed as Record<string, unknown> | null)?.[field];
    const spec = typeof deps === "object" && deps !== null ? (deps as Record<string, unknown>).hangar : undefined;
    if (typeof spec === "string" && spec !== "") return spec;
  }
  return undefined;
}

/** Whether npm reads `spec` as a version, a range or a tag of the registry (`^0.1.0`, `0.x`, `latest`, `*`). */
const isRange = (spec: string): boolean =>
  !spec.includes(":") && !spec.includes("/") && !spec.startsWith(".") && !spec.endsWith(".tgz");
