import { readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, posix, resolve } from "node:path";
import { isObject } from "../model/common.ts";
import { isFile, realPathOf } from "./file-paths.ts";

/**
 * The files a tsconfig.json (or jsconfig.json) extends, directly or through the files it extends, found as esbuild
 * finds them (its resolver's `extends`), and the package.json files that decided where a package's config is. esbuild
 * reads each of them: what they set in `compilerOptions` (`paths`, `baseUrl`, `jsx`, `experimentalDecorators`,
 * `useDefineForClassFields`, ...) decides how a module compiles, so the compile cache records them beside the
 * tsconfig itself.
 *
 * `extends` is a path (relative to the file that names it; `.json` may be left out; `.` and `..` name the
 * tsconfig.json in that folder), or a package's config found in a node_modules folder (`@tsconfig/node20/tsconfig.json`,
 * `@tsconfig/node20`, or where the package's `tsconfig` field or `exports` points), and since TypeScript 5.0 a list
 * of them. A file that comes round again (a cycle) is not read again. A base that cannot be found is left out:
 * esbuild compiles without it.
 */
export function extendedConfigs(tsconfig: string): string[] {
  return configChain(tsconfig).configs;
}

/**
 * The files of {@link extendedConfigs}, and the files looked for and not there on the way (`absent`): a base not
 * found (`./base.json` not written yet, with `./base` as esbuild tries them; a package not installed, in each
 * node_modules folder it was looked for in), or one found further away than a place looked at first. One of them
 * created changes the settings the module compiles with. `linked`: the bases found through a symbolic link, as
 * named (read through the link, one repointed reads as changed).
 */
export function configChain(tsconfig: string): { configs: string[]; absent: string[]; linked: string[] } {
  const start = realPathOf(tsconfig);
  const configs = new Set<string>();
  const manifests = new Set<string>();
  const absent = new Set<string>();
  const linked = new Set<string>();
  const visit = (file: string): void => {
    for (const name of extendsOf(file)) {
      const found = findBase(name, dirname(file), manifests, absent);
      if (found === undefined) continue;
      const base = realPathOf(found);
      if (base !== found) linked.add(found);
      if (base === start || configs.has(base)) continue;
      configs.add(base);
      visit(base);
    }
  };
  visit(start);
  return { configs: [...configs, ...manifests], absent: [...absent], linked: [...linked] };
}

/** What the tsconfig at `file` extends: its `extends`, a string or a list of them; none when it cannot be read. */
function extendsOf(file: string): string[] {
  const config = readJsonc(file);
  const value = isObject(config) ? config.extends : undefined;
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** Whether `name` names a package's file rather than a path (as esbuild tells them apart). */
const isPackagePath = (name: string): boolean =>
  !/^(?:\/|\.\.?\/)/.test(name) && name !== "." && name !== ".." && !isAbsolute(name);

/** The file `extends: name` in a tsconfig in `dir` stands for, when there is one. */
function findBase(name: string, dir: string, manifests: Set<string>, absent: Set<string>): string | undefined {
  if (isPackagePath(name)) return findPackageConfig(name, dir, manifests, absent);
  const file = resolve(dir, name === "." || name === ".." ? `${name}/tsconfig.json` : name);
  if (isFile(file)) return file;
  absent.add(file);
  if (file.endsWith(".json")) return undefined;
  if (isFile(`${file}.json`)) return `${file}.json`;
  absent.add(`${file}.json`);
  return undefined;
}

/**
 * The config `name` (`<package>[/<subpath>]`) stands for in the nearest node_modules folder above `dir` that has it:
 * what the package's `exports` gives for the subpath, else `<name>/tsconfig.json`, `<name>` or `<name>.json`, `<name>`
 * standing for the package's `tsconfig` field when it has one. The package.json files read go in `manifests`, the files looked for and not found in `absent`.
 */
function findPackageConfig(name: string, dir: string, manifests: Set<string>, absent: Set<string>): string | undefined {
  const pkg = packageName(name);
  for (let at = dir; ; at = dirname(at)) {
    if (basename(at) !== "node_modules") {
      let config = join(at, "node_modules", name);
      const pkgDir = pkg === undefined ? undefined : join(at, "node_modules", pkg.name);
      const manifestFile = pkgDir === undefined ? undefined : join(pkgDir, "package.json");
      if (manifestFile !== undefined && !isFile(manifestFile)) absent.add(manifestFile);
      if (pkg !== undefined && pkgDir !== undefined && manifestFile !== undefined && isFile(manifestFile)) {
        manifests.add(manifestFile);
        const manifest = readJsonc(manifestFile);
        if (isObject(manifest)) {
          if (typeof manifest.tsconfig === "string" && manifest.tsconfig !== "") {
            config = resolve(pkgDir, manifest.tsconfig);
          }
          if (manifest.exports !== undefined) {
            const target = exportsTarget(manifest.exports, pkg.subpath);
            if (target !== undefined && isFile(join(pkgDir, target))) return join(pkgDir, target);
          }
        }
      }
      for (const candidate of [join(config, "tsconfig.json"), config, `${config}.json`]) {
        if (isFile(candidate)) return candidate;
        absent.add(candidate);
      }
    }
    if (dirname(at) === at) return undefined;
  }
}

/** A package specifier's package name and subpath (`.` or `./<rest>`); undefined when it names no package. */
function packageName(specifier: string): { name: string; subpath: string } | undefined {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? (parts.length < 2 ? undefined : `${parts[0]}/${parts[1]}`) : parts[0];
  if (name === undefined || name === "" || name.startsWith(".") || /[\\%]/.test(name)) return undefined;
  return { name, subpath: `.${specifier.slice(name.length)}` };
}

/** The conditions a tsconfig's package `extends` is resolved with: a `require` (as TypeScript does), on Node. */
const CONDITIONS: ReadonlySet<string> = new Set(["require", "node", "default"]);

/**
 * Where a package's `exports` sends `subpath` (a path relative to the package's folder), for the subpaths a config
 * is found by: the package's main export, a subpath named exactly, or one matched by a `*` pattern (the longest
 * prefix first). Undefined when it sends it nowhere.
 */
function exportsTarget(exports: unknown, subpath: string): string | undefined {
  const keys = isObject(exports) ? Object.keys(exports) : [];
  const bySubpath = isObject(exports) && keys[0]?.startsWith(".") === true;
  if (subpath === ".") return targetOf(bySubpath ? (exports as Record<string, unknown>)["."] : exports, "", false);
  if (!isObject(exports) || !bySubpath) return undefined;
  if (!subpath.endsWith("/") && !subpath.includes("*") && Object.hasOwn(exports, subpath)) {
    return targetOf(exports[subpath], "", false);
  }
  const patterns = keys
    .filter((key) => key.split("*").length === 2)
    .sort((a, b) => b.indexOf("*") - a.indexOf("*") || b.length - a.length);
  for (const key of patterns) {
    const [base = "", trailer = ""] = key.split("*");
    if (subpath.startsWith(base) && (trailer === "" || (subpath.endsWith(trailer) && subpath.length >= key.length))) {
      return targetOf(exports[key], subpath.slice(base.length, subpath.length - trailer.length), true);
    }
  }
  return undefined;
}

/** An `exports` target (a path, a list of them, or conditions) for `match` (what a pattern's `*` matched). */
function targetOf(target: unknown, match: string, pattern: boolean): string | undefined {
  if (typeof target === "string") {
    if (!target.startsWith("./") || (!pattern && match !== "")) return undefined;
    const invalid = (path: string) =>
      path.split(/[/\\]/).some((part) => part === "." || part === ".." || part === "node_modules");
    if (invalid(target.slice(2)) || invalid(match)) return undefined;
    return posix.join(".", pattern ? target.replaceAll("*", match) : target);
  }
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = targetOf(item, match, pattern);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(target)) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (!CONDITIONS.has(condition)) continue;
    const found = targetOf(value, match, pattern);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The JSON in `file` as a tsconfig is written (comments, trailing commas), undefined when it cannot be read or
 * parsed.
 */
function readJsonc(file: string): unknown {
  try {
    return JSON.parse(jsoncToJson(readFileSync(file, "utf8").replace(/^\uFEFF/, "")));
  } catch {
    return undefined;
  }
}

/**
 * `text`, JSON as a tsconfig is written, as JSON: its `//` and `/* *\/` comments outside strings made spaces, and no
 * comma before a closing `}` or `]` (past white space and comments).
 */
function jsoncToJson(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const char = text[i] as string;
    const end = char === '"' ? stringEnd(text, i) : commentEnd(text, i);
    if (end !== undefined) {
      out += char === '"' ? text.slice(i, end) : " ";
      i = end;
      continue;
    }
    const next = char === "," ? text[significantFrom(text, i + 1)] : undefined;
    if (next !== "}" && next !== "]") out += char;
    i++;
  }
  return out;
}

/** The index just after the comment that starts at `start`, or undefined when none starts there. */
function commentEnd(text: string, start: number): number | undefined {
  if (text[start] !== "/") return undefined;
  if (text[start + 1] === "/") {
    const end = text.indexOf("\n", start);
    return end < 0 ? text.length : end;
  }
  if (text[start + 1] !== "*") return undefined;
  const end = text.indexOf("*/", start + 2);
  return end < 0 ? text.length : end + 2;
}

/** The index of the first character from `start` that is neither white space nor in a comment. */
function significantFrom(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) i++;
    else {
      const end = commentEnd(text, i);
      if (end === undefined) return i;
      i = end;
    }
  }
  return i;
}

/** The index just after the JSON string that starts at `start` (a `"`), or the text's end. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
