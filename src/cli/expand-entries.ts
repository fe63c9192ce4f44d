import { type Dirent, readdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { goPathMatch, isLiteralPathPattern } from "../concourse/go-path-match.ts";
import { isFileEntry } from "./file-paths.ts";

/** The files named by entry arguments, and the patterns that named none. */
export interface ExpandedEntries {
  /** Each file once, as given (or relative to `cwd` for a glob's matches), in argument order, a glob's matches sorted. */
  readonly files: readonly string[];
  readonly unmatched: readonly string[];
}

/**
 * Expands entry arguments that are globs (for shells that pass them quoted, and for Windows):
 * `*`, `?` and `[...]` match within one path segment (Go's `path.Match`), `**` matches any number of
 * folders. Folders named `node_modules` and hidden ones are not searched by `**`. A plain path is kept
 * as given, whether it exists or not, so that loading it reports the missing file. Folders are read with `read`.
 */
export function expandEntries(patterns: readonly string[], cwd: string, read = entriesOf): ExpandedEntries {
  const files: string[] = [];
  const unmatched: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = resolve(cwd, file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const pattern of patterns) {
    if (isLiteralPathPattern(pattern)) {
      add(pattern);
      continue;
    }
    const segments = pattern.split(/[/\\]/);
    const root = isAbsolute(pattern) ? (segments.shift() ?? "") || sep : ".";
    const matches = matchSegments(resolve(cwd, root), segments, read).sort();
    if (matches.length === 0) unmatched.push(pattern);
    for (const match of matches) add(isAbsolute(pattern) ? match : relative(cwd, match));
  }
  return { files, unmatched };
}

/**
 * {@link expandEntries}, and the folders whose entries the globs' matches were read from (`--watch` watches them: a
 * module added or removed there changes the matches). A folder that could not be read is listed too (it may appear).
 */
export function expandReading(
  patterns: readonly string[],
  cwd: string,
): ExpandedEntries & { readonly folders: readonly string[] } {
  const folders = new Set<string>();
  const expanded = expandEntries(patterns, cwd, (dir) => {
    folders.add(dir);
    return entriesOf(dir);
  });
  return { ...expanded, folders: [...folders] };
}

/**
 * The entries of `dir` (none when it cannot be read). Read synchronously, as the rest of a command's start: the promise
 * API of `fs` is a module of its own, which a render of a plain path would load (about 3 ms) only to import this one.
 */
function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The files under `dir` matching the remaining pattern segments, the entries of a folder read with `read`. */
function matchSegments(dir: string, segments: readonly string[], read: (dir: string) => Dirent[]): string[] {
  const [segment, ...rest] = segments;
  if (segment === undefined) return [];
  if (segment === "" || segment === ".") return matchSegments(dir, rest, read);
  if (segment === "**") {
    const here = matchSegments(dir, rest, read);
    const below = read(dir)
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules")
      .flatMap((e) => matchSegments(join(dir, e.name), segments, read));
    return [...here, ...below];
  }
  if (isLiteralPathPattern(segment)) {
    const path = join(dir, segment);
    if (rest.length > 0) return matchSegments(path, rest, read);
    const found = read(dir).some((e) => e.name === segment && isFileEntry(e, dir));
    return found ? [path] : [];
  }
  const matching = read(dir).filter(
    (e) => goPathMatch(segment, e.name) && (segment.startsWith(".") || !e.name.startsWith(".")),
  );
  if (rest.length === 0) return matching.filter((e) => isFileEntry(e, dir)).map((e) => join(dir, e.name));
  return matching.filter((e) => e.isDirectory()).flatMap((e) => matchSegments(join(dir, e.name), rest, read));
}
