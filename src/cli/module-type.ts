import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { compileFunction } from "node:vm";
import { readIfPresent } from "./cache-dir.ts";
import { detectsModuleSyntax } from "./node-features.ts";

/**
 * The package.json that decides how Node loads `file`: the nearest one above it; `absent`, the ones looked for
 * before it (or up to the root) and not there.
 */
function nearestPackageJson(file: string): { found?: string; absent: string[] } {
  const absent: string[] = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) return { found: candidate, absent };
    absent.push(candidate);
    if (dirname(dir) === dir) return { absent };
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

/** How Node (and tsx) load a file: as CommonJS or as an ES module, and what decided it. */
export interface ModuleFormat {
  readonly commonJs: boolean;
  /**
   * The package.json whose `type` decided it (the nearest one above the file); none when the extension did (`.cjs`,
   * `.mjs`, `.cts`, `.mts`) or no package.json is above the file (CommonJS).
   */
  readonly packageJson?: string;
  /** The package.json files looked for nearer the file than `packageJson` and not there: one written would decide. */
  readonly absent: readonly string[];
  /**
   * The file is an ES module by its code (ES module syntax, which CommonJS does not compile) where its package.json
   * (one with no `type`, or none) would make it CommonJS: Node's syntax detection (see {@link detectsModuleSyntax}).
   */
  readonly detected?: boolean;
}

/**
 * How Node loads `path` (an absolute path): `.cjs` and `.cts` as CommonJS, `.mjs` and `.mts` as ES modules, any other
 * file as the nearest package.json's `type` says, CommonJS when it says nothing (tsx loads `.ts` so too). Given the
 * file's `code`, a `.js` file (or one of no extension) that a package.json with no `type` (or none) leaves to Node is
 * an ES module when its code does not compile as CommonJS and this Node detects it (see {@link detectsModuleSyntax}),
 * as Node loads it; not for `"type": "commonjs"`, which Node takes at its word.
 */
export function moduleFormatOf(path: string, code?: string): ModuleFormat {
  const ext = extname(path);
  if (ext === ".mjs" || ext === ".mts") return { commonJs: false, absent: [] };
  if (ext === ".cjs" || ext === ".cts") return { commonJs: true, absent: [] };
  const { found, absent } = nearestPackageJson(path);
  const type = found === undefined ? undefined : packageType(found);
  const format = { ...(found !== undefined && { packageJson: found }), absent };
  if (type === "module") return { commonJs: false, ...format };
  const ambiguous = type === undefined && (ext === ".js" || ext === "") && code !== undefined;
  if (ambiguous && detectsModuleSyntax() && !compilesAsCommonJs(code, path)) {
    return { commonJs: false, detected: true, ...format };
  }
  return { commonJs: true, ...format };
}

/**
 * One sentence telling what to change when Node would load the pipeline module `file` as CommonJS
 * (hangar and pipeline modules are ES modules), or undefined when it is an ES module.
 */
export function commonJsAdvice(file: string, cwd: string): string | undefined {
  const path = resolve(cwd, file);
  const { commonJs, packageJson } = moduleFormatOf(path);
  if (!commonJs) return undefined;
  const ext = extname(path);
  const shown = relative(cwd, path) || file;
  if (ext === ".cjs" || ext === ".cts") {
    return `${shown} is a CommonJS module, but hangar pipelines are ES modules: rename it to ${ext === ".cjs" ? ".mjs" : ".mts"} and use import instead of require()`;
  }
  if (packageJson === undefined) {
    return `${shown} has no package.json above it, so Node loads it as CommonJS, but hangar pipelines are ES modules: add a package.json with "type": "module"`;
  }
  return `${relative(cwd, packageJson) || "package.json"} has no "type": "module", so Node loads ${shown} as CommonJS, but hangar pipelines are ES modules: add "type": "module" to it`;
}

/** The names Node's CommonJS loader compiles a file's code with: the parameters of the function it wraps it in. */
const COMMON_JS_WRAPPER = ["exports", "require", "module", "__filename", "__dirname"];

/**
 * Whether `code` (of the file at `path`) compiles as Node's CommonJS loader compiles it: not when it has ES module
 * syntax (`import`, `export`, `import.meta`, a top-level `await`, a top-level `const require`), nor when it has another
 * syntax error.
 */
function compilesAsCommonJs(code: string, path: string): boolean {
  try {
    compileFunction(code, COMMON_JS_WRAPPER, { filename: path });
    return true;
  } catch {
    return false;
  }
}

/**
 * The note for a pipeline module that loaded, when what {@link commonJsAdvice} says still holds for it, else undefined.
 * A `.cjs` module is loaded by Node itself, as `node` runs it: one that loaded runs as it is (from Node 20.19 its
 * `require("hangar")` loads hangar's ES modules; before, that `require()` fails and the module does not load), and
 * needs no other name. A `.cts` module, which hangar compiles as an ES module, tsx runs as CommonJS: its
 * `require("hangar")` fails there on Node 20, 20.19 and later too (tsx's loader hooks: `ERR_VM_MODULE_LINK_FAILURE`).
 * A `.js` module, too, is loaded by Node itself: one its package.json (or none) makes CommonJS that loaded though its
 * code is no CommonJS (`export default`) was loaded as an ES module, by Node's syntax detection (from Node 20.19
 * and 22.7; Node before it, or run with `--no-experimental-detect-module`, fails to load it), after a first parse as
 * CommonJS, and warns of it when there is a package.json (`MODULE_TYPELESS_PACKAGE_JSON`).
 */
export function commonJsNote(file: string, cwd: string): string | undefined {
  const path = resolve(cwd, file);
  const ext = extname(path);
  if (ext === ".cjs") return undefined;
  const { detected, packageJson } = moduleFormatOf(
    path,
    ext === ".js" ? readIfPresent(path)?.toString("utf8") : undefined,
  );
  if (detected !== true) return commonJsAdvice(file, cwd);
  const shown = relative(cwd, path) || file;
  const again = "as CommonJS first and, finding ES module syntax, again as an ES module";
  if (packageJson === undefined) {
    return `${shown} has no package.json above it, so Node parses it ${again}: add a package.json with "type": "module"`;
  }
  return `${relative(cwd, packageJson) || "package.json"} has no "type", so Node parses ${shown} ${again} (with a warning): add "type": "module" to it`;
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
