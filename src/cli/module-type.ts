import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";

/** The package.json that decides how Node loads `file`: the nearest one above it. */
function nearestPackageJson(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The `type` field of a package.json, or undefined when it has none or cannot be read. */
function packageType(packageJson: string): unknown {
  try {
    return (JSON.parse(readFileSync(packageJson, "utf8")) as { type?: unknown }).type;
  } catch {
    return undefined;
  }
}

/**
 * One sentence telling what to change when Node would load the pipeline module `file` as CommonJS
 * (hangar and pipeline modules are ES modules), or undefined when it is an ES module.
 */
export function commonJsAdvice(file: string, cwd: string): string | undefined {
  const path = resolve(cwd, file);
  const ext = extname(path);
  if (ext === ".mjs" || ext === ".mts") return undefined;
  const shown = relative(cwd, path) || file;
  if (ext === ".cjs" || ext === ".cts") {
    return `${shown} is a CommonJS module, but hangar pipelines are ES modules: rename it to ${ext === ".cjs" ? ".mjs" : ".mts"} and use import instead of require()`;
  }
  const packageJson = nearestPackageJson(path);
  if (packageJson === undefined) {
    return `${shown} has no package.json above it, so Node loads it as CommonJS, but hangar pipelines are ES modules: add a package.json with "type": "module"`;
  }
  if (packageType(packageJson) === "module") return undefined;
  return `${relative(cwd, packageJson) || "package.json"} has no "type": "module", so Node loads ${shown} as CommonJS, but hangar pipelines are ES modules: add "type": "module" to it`;
}

/** Whether `error` is Node failing to load an ES module (or ES syntax) as CommonJS. */
export function isCommonJsLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as { code?: unknown }).code === "ERR_REQUIRE_ESM") return true;
  return (
    error instanceof SyntaxError &&
    /Cannot use import statement outside a module|Unexpected token 'export'/.test(error.message)
  );
}
