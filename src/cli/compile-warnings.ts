import type { SourceMapping } from "node:module";
import { relative, resolve, sep } from "node:path";
import type { Message as EsbuildMessage } from "esbuild";
import { inlineSourceMap } from "./inline-source-map.ts";

/**
 * What esbuild warns of when it compiles a pipeline module (src/cli/compile-bundle.ts), as far as hangar shows it: the
 * tsconfig settings it leaves out, which fail the load, and its warnings of the tsconfigs and of the user's own
 * files, which are shown and kept with the compiled module.
 */

/**
 * esbuild's warnings of a tsconfig setting it leaves out (by how they start), which tsc reports as errors, with what
 * to do: a load error (see `compile` in src/cli/compile-bundle.ts).
 */
export const DROPPED_SETTINGS: readonly (readonly [text: string, hint: string | undefined])[] = [
  ["Cannot find base config file", 'install it, or correct the path in "extends"'],
  // (`Base config file "./a.json" forms cycle`, at the `extends` that closes it)
  [
    "Base config file",
    'tsc: "Circularity detected while resolving configuration"; take one "extends" of the cycle out',
  ],
  ["Non-relative path", undefined],
];

/**
 * esbuild's warnings of a tsconfig it compiled with but not the ones {@link DROPPED_SETTINGS} makes errors: what it
 * files as a tsconfig's (a `paths` pattern with two `*`, a `target` it does not know) and any other placed in one of
 * `configs` (a key given twice), their files made absolute (an entry is used from any working folder). The module
 * still compiles; the user is told, naming the file and place, as tsc would report them.
 */
export function tsconfigWarnings(
  warnings: readonly EsbuildMessage[],
  configs: readonly string[],
  cwd: string,
): Message[] {
  const files = new Set(configs);
  return warnings.flatMap((warning): Message[] => {
    const file = warning.location ? resolve(cwd, warning.location.file) : undefined;
    if (warning.id !== "tsconfig.json" && (file === undefined || !files.has(file))) return [];
    const { location, text } = warning;
    return [{ text, location: location && file ? { file, line: location.line, column: location.column } : null }];
  });
}

/**
 * The ids of esbuild's warnings of the user's code that are shown: code that does not do what it says when it runs (a
 * comparison always false, a key or a case given twice whose first is never used, an import that is always undefined,
 * a call or an assignment that throws, `module` or `exports` in an ES module, an import path in another case than the
 * file's, which fails on a case-sensitive file system). Not shown: what is about how esbuild bundles (direct `eval`,
 * a `require` of a name known only at run time, an `import()` pattern that matches no file yet), code that does as
 * Node does it (top-level `this` in an ES module), and what is about hangar's own compile options (its `define`s).
 */
const SHOWN_WARNINGS: ReadonlySet<string> = new Set([
  "assign-to-constant",
  "assign-to-import",
  "call-import-namespace",
  "class-name-will-throw",
  "commonjs-variable-in-esm",
  "delete-super-property",
  "different-path-case",
  "duplicate-case",
  "duplicate-class-member",
  "duplicate-object-key",
  "equals-nan",
  "equals-negative-zero",
  "equals-new-object",
  "impossible-typeof",
  "import-is-undefined",
  "private-name-will-throw",
  "semicolon-after-return",
  "suspicious-boolean-not",
  "suspicious-logical-operator",
  "suspicious-nullish-coalescing",
]);

/**
 * Of {@link SHOWN_WARNINGS}, those only a bundle finds (of one file's imports): the others of a file compiled on its own
 * are that compile's, at their places in the file.
 */
const BUNDLE_WARNINGS: ReadonlySet<string> = new Set(["different-path-case", "import-is-undefined"]);

/**
 * Whether `warning` is esbuild's that a name imported from a file of `standIns` (see `unparsedStandIn` in
 * src/cli/compile-plugin.ts), which exports nothing, will always be undefined (`import { x } from "../helper.ts"` in a
 * file a pattern took in): the import throws the error of the file it stands for before the name is read, as under
 * tsx, which warns of nothing.
 */
export function ofStandIn(warning: EsbuildMessage, standIns: Iterable<string>, cwd: string): boolean {
  if (warning.id !== "import-is-undefined") return false;
  // (esbuild names the file relative to the working folder, with forward slashes)
  const named = (file: string) => JSON.stringify(relative(cwd, file).split(sep).join("/"));
  return [...standIns].some((file) => warning.text.endsWith(`because the file ${named(file)} has no exports`));
}

/**
 * esbuild's warnings of the user's `own` files (see {@link SHOWN_WARNINGS}), their files absolute, in order of file
 * and place. A file compiled on its own (`transformed`, see `withOwnValues` in src/cli/own-values.ts) was bundled as
 * the code of that compile: its warnings are that compile's, and the bundle's of its imports are placed back in the
 * file through the compile's source map.
 */
export function sourceWarnings(
  warnings: readonly EsbuildMessage[],
  {
    own,
    transformed,
    cwd,
  }: {
    own: readonly string[];
    transformed: ReadonlyMap<string, { contents: string; warnings: readonly EsbuildMessage[] }>;
    cwd: string;
  },
): Message[] {
  const files = new Set(own);
  const placed = (warning: EsbuildMessage): Message | undefined => {
    if (!SHOWN_WARNINGS.has(warning.id) || !warning.location) return undefined;
    const { text, location } = warning;
    const file = resolve(cwd, location.file);
    return files.has(file) ? { text, location: { file, line: location.line, column: location.column } } : undefined;
  };
  const shown: Message[] = [];
  for (const warning of warnings) {
    const message = placed(warning);
    const location = message?.location;
    if (message === undefined || !location) continue;
    const alone = transformed.get(location.file);
    if (alone === undefined) shown.push(message);
    else if (BUNDLE_WARNINGS.has(warning.id)) {
      const found = inlineSourceMap(alone.contents)?.findEntry(location.line - 1, location.column) as
        | Partial<SourceMapping>
        | undefined;
      if (found?.originalLine === undefined || found.originalColumn === undefined) continue;
      shown.push({ ...message, location: { ...location, line: found.originalLine + 1, column: found.originalColumn } });
    }
  }
  for (const { warnings } of transformed.values()) {
    for (const warning of warnings) {
      const message = placed(warning);
      if (message !== undefined) shown.push(message);
    }
  }
  const at = (message: Message) => message.location ?? { file: "", line: 0, column: 0 };
  return shown.sort((a, b) => {
    const [x, y] = [at(a), at(b)];
    return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column;
  });
}

/** One of esbuild's errors or warnings, as far as it is shown. */
export interface Message {
  readonly text: string;
  readonly location?: { readonly file: string; readonly line: number; readonly column: number } | null;
}

/** Where `message` is, as `file:line:col` relative to `cwd`; `shown` (the module) when it has no place. */
export const where = ({ location }: Message, cwd: string, shown: string): string =>
  location ? `${relative(cwd, resolve(cwd, location.file))}:${location.line}:${location.column + 1}` : shown;
