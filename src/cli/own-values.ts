import { isBuiltin } from "node:module";
import { dirname, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Message as EsbuildMessage, PartialMessage } from "esbuild";
import { realPathOf } from "./file-paths.ts";

/**
 * A bundled file's own values, as Node gives them to the file run directly (see {@link withOwnValues}): its
 * `import.meta`, and a CommonJS file's `__filename`, `__dirname` and `require`; and the tests of which files read them.
 */

/** What may separate `import`, `.` and `meta`: white space and comments. */
export const GAP = String.raw`(?:\s|\/\*[^]*?\*\/|\/\/[^\n]*\n)*`;
/** `import.meta`, however spaced (the test of which files {@link withOwnValues} compiles; no more than a test). */
const IMPORT_META = new RegExp(String.raw`\bimport${GAP}\.${GAP}meta\b`);

/** Whether the text of a file may read `import.meta` (it may also be in a string or a comment). */
export const readsImportMeta = (contents: Buffer): boolean =>
  contents.includes("meta") && IMPORT_META.test(contents.toString("utf8"));

/**
 * Whether the text of a file may read CommonJS's `__filename` or `__dirname` (also in a string or a comment, or as
 * part of a longer name: no more than a test of which files {@link withOwnValues} compiles).
 */
export const readsCommonJsPaths = (contents: Buffer): boolean =>
  contents.includes("__filename") || contents.includes("__dirname");

/**
 * `require` not called with a string literal, however spaced: `require(name)`, `require.resolve(...)` (a test, as
 * {@link IMPORT_META}).
 */
const REQUIRE_AT_RUN_TIME = new RegExp(String.raw`\brequire\b(?!${GAP}\(${GAP}(?:"[^"\n]*"|'[^'\n]*')${GAP}\))`);

/**
 * Whether the text of a file may use `require` at run time, other than to require a name it gives literally (which the
 * bundle resolves when it compiles); also in a string or a comment.
 */
export const readsRequireAtRunTime = (contents: Buffer): boolean =>
  contents.includes("require") && REQUIRE_AT_RUN_TIME.test(contents.toString("utf8"));

/** The name of a CommonJS file's own `require` in the compiled code (see {@link withOwnValues}). */
const OWN_REQUIRE = "__hangarRequireOwn";

/**
 * A call of {@link OWN_REQUIRE} with a literal (a string, or a template, which the bundle may take as a pattern of
 * files): given back to `require`, padded to the same length, so that the bundle resolves it as before and no column
 * of the line moves (see {@link withOwnValues}).
 */
const OWN_REQUIRE_LITERAL = new RegExp(String.raw`\b${OWN_REQUIRE}\((?=["'\x60])`, "g");
const REQUIRE_LITERAL = `require${" ".repeat(OWN_REQUIRE.length - "require".length)}(`;

/** `import.meta` not followed by one of the names {@link withOwnValues} replaces (a test, as {@link IMPORT_META}). */
const IMPORT_META_WHOLE = new RegExp(
  String.raw`\bimport${GAP}\.${GAP}meta\b(?!${GAP}\.${GAP}(?:url|dirname|filename|resolve)\b)`,
);

/** The name the compiled code gives `import.meta` in a file that reads it whole (see {@link withOwnValues}). */
const OWN_META = "__hangarImportMetaOwn";

/**
 * The name the compiled code gives `import.meta.resolve` in a file that reads its own `import.meta` (see
 * {@link withOwnValues}): a function of that file's, declared after its code.
 */
const OWN_RESOLVE = "__hangarImportMetaResolve";

/**
 * Where {@link OWN_RESOLVE} holds the packages its file names literally, as they resolve from the file (see
 * {@link withOwnValues}): written in once the file is compiled.
 */
const OWN_PACKAGES = "/* hangar: packages */ []";

/** A call of {@link OWN_RESOLVE} with a literal alone (a string, or a template of no `${}`), in the compiled code. */
const OWN_RESOLVE_LITERAL = new RegExp(String.raw`\b${OWN_RESOLVE}\((?:"([^"\\\n]*)"|\x60([^\x60\\$]*)\x60)\)`, "g");

/**
 * The scheme of a specifier {@link RESOLVE_FROM_HOOKS} resolves from a module other than the one whose
 * `import.meta.resolve` is given it: followed by the URI-encoded JSON of the name and that module's URL.
 */
const RESOLVE_FROM = "hangar-resolve-from:";

/**
 * Loader hooks (Node's `module.register`, from Node 20.6) that resolve a {@link RESOLVE_FROM} specifier with Node's own
 * resolver, from the module it names: the URL `import.meta.resolve` of that name gives in that module, or Node's error
 * (`Cannot find package 'x' imported from <file>`). Node 20 has no other way to resolve a name as an ES module from a
 * module other than the one running (`import.meta.resolve`'s second argument needs `--experimental-import-meta-resolve`).
 * Any other specifier is passed on as it came. Registered by the first call that needs them (see
 * {@link withOwnValues}): they run on a thread of their own, from then on for every import of the process.
 */
const RESOLVE_FROM_HOOKS = `data:text/javascript,${encodeURIComponent(
  [
    "export function resolve(specifier, context, next) {",
    `  if (!specifier.startsWith(${JSON.stringify(RESOLVE_FROM)})) return next(specifier, context);`,
    `  const [name, parentURL] = JSON.parse(decodeURIComponent(specifier.slice(${RESOLVE_FROM.length})));`,
    "  return next(name, { ...context, parentURL });",
    "}",
  ].join("\n"),
)}`;

/** Whether `specifier` names a package (or `#name`) rather than a path (`/`, `./`, `../`, `.`, `..`) or a URL. */
const namesPackage = (specifier: string): boolean =>
  !/^(?:\/|\.\.?(?:\/|$)|[a-z][a-z\d+.-]*:)/i.test(specifier) && !isBuiltin(specifier);

/**
 * A bundled file that reads `import.meta`, compiled on its own (esbuild, the file's tsconfig applied as in the
 * bundle) so that `import.meta.url`, `import.meta.dirname` and `import.meta.filename` are the file's own, the values
 * Node gives the file run directly (its real path), and not the compiled copy's in the cache folder: a module reading
 * a file beside it (`new URL("./build.sh", import.meta.url)`) reads the same file under `hangar render` as under
 * `node` or `tsx`, and so does a helper file it imports. They are replaced where the code reads them (esbuild's
 * `define`), never in strings or comments; a file that reads `import.meta` itself (`const { url } = import.meta`, `const
 * meta = import.meta`) is given an object of the same names, the rest of it copied from the compiled copy's. `import.meta.resolve` resolves a path (`./x`, `../x`, `/x`) from the file
 * too: as the URL it names, resolved by Node (from the compiled copy, which changes nothing for a URL); a package (or
 * `#name`) the file names literally (`import.meta.resolve("yaml")`) is resolved from the file when it is compiled, as
 * the bundle resolves an import of it (`resolvePackage`), and the URL it leads to is what the call gives; any other
 * package (a name known only at run time, one not found then, one the file's `import.meta` read whole resolves) is
 * resolved when the call runs, by Node, from the file (see {@link RESOLVE_FROM_HOOKS}), found or Node's error as
 * under `node`; a URL or a builtin, which resolves the same from any module, from the compiled copy. The rest of
 * `import.meta` is the compiled copy's (an ES module's; a module reading it has no script form).
 *
 * A CommonJS file (`.cts`, `.cjs`) is never given these: it reads no `import.meta` (see {@link importMetaInCommonJs}).
 * A file Node loads as CommonJS (see `moduleFormatOf` in src/cli/module-type.ts: `.cts`, `.cjs`, or `.js` or `.ts`
 * under a package.json without `"type": "module"`, as tsx loads it, but for a `.js` file of ES module syntax that Node
 * loads as an ES module under one with no `"type"`) is given its own `__filename` and `__dirname` so, where it reads
 * them (`with.commonJsPaths`): Node's values for the file (its real path and folder), which an ES module, as the
 * compiled copy is, would not have at all; and a `require` of its own where it uses one at run time (`with.ownRequire`:
 * `require(name)`, `require.resolve`), which resolves from its folder as Node's does, where the compiled code's
 * `require` is the module's (see `REQUIRE` in src/cli/compile-bundle.ts) or, in the script form, its runner's, which
 * has none. A `require` of a literal stays the bundle's, which resolves it when it compiles (esbuild's `define` replaces
 * every `require`; the calls of a literal are given back after, see {@link OWN_REQUIRE_LITERAL}). A file that declares
 * such a name itself keeps it.
 *
 * The code comes back with a source map, which the bundle follows, so that stack traces and errors still name the
 * file's own lines, and with esbuild's warnings of it, at their places in the file (see `sourceWarnings` in
 * src/cli/compile-warnings.ts). It is handed to the bundle as TypeScript when the file was (a type re-exported without
 * `type`, which one file compiled alone keeps, is then left out as the bundle leaves it out of a TypeScript file).
 * Undefined when the file does not compile: the bundle then reports the error at its place.
 */
export async function withOwnValues(
  { path, contents, loader }: { path: string; contents: Buffer; loader: "js" | "jsx" | "ts" | "tsx" },
  cwd: string,
  own: { readonly importMeta: boolean; readonly commonJsPaths: boolean; readonly ownRequire: boolean },
  resolvePackage: (specifier: string) => Promise<string | undefined>,
): Promise<{ contents: string; loader: "js" | "ts"; warnings: readonly EsbuildMessage[] } | undefined> {
  const { build } = await import("esbuild");
  const real = realPathOf(path);
  const url = pathToFileURL(real).href;
  // `import.meta` read other than as `import.meta.url` and the like (`const { url } = import.meta`)
  const whole = own.importMeta && IMPORT_META_WHOLE.test(contents.toString("utf8"));
  // Node's test of a path rather than a package (`/`, `./`, `../`, `.`, `..`), and of a URL
  const resolver = [
    `function ${OWN_RESOLVE}(specifier, ...rest) {`,
    "  const meta = import.meta;",
    `  const packages = new Map(${OWN_PACKAGES});`,
    "  if (rest.length === 0 && packages.has(specifier)) return packages.get(specifier);",
    String.raw`  const path = typeof specifier === "string" && /^(?:\/|\.\.?(?:\/|$))/.test(specifier);`,
    `  if (path) return meta.resolve(new URL(specifier, ${JSON.stringify(url)}).href, ...rest);`,
    '  const { isBuiltin, register } = require("node:module");',
    String.raw`  const absolute = typeof specifier === "string" && /^[a-z][a-z\d+.-]*:/i.test(specifier);`,
    '  const named = rest.length === 0 && typeof specifier === "string" && !absolute && !isBuiltin(specifier);',
    '  if (!named || typeof register !== "function") return meta.resolve(specifier, ...rest);',
    '  const hooks = Symbol.for("hangar.resolveFrom");',
    "  if (globalThis[hooks] !== true) {",
    `    register(${JSON.stringify(RESOLVE_FROM_HOOKS)});`,
    "    globalThis[hooks] = true;",
    "  }",
    `  return meta.resolve(${JSON.stringify(RESOLVE_FROM)} + encodeURIComponent(JSON.stringify([specifier, ${JSON.stringify(url)}])));`,
    "}",
  ].join("\n");
  try {
    const result = await build({
      entryPoints: [path],
      bundle: false,
      platform: "node",
      target: "node20",
      write: false,
      // (its source map names the file relative to this name's folder, the file's: the bundle reads it from there)
      outfile: join(dirname(path), "out.js"),
      sourcemap: "inline",
      sourcesContent: false,
      logLevel: "silent",
      absWorkingDir: cwd,
      define: {
        ...(own.importMeta && {
          "import.meta.url": JSON.stringify(url),
          "import.meta.dirname": JSON.stringify(dirname(real)),
          "import.meta.filename": JSON.stringify(real),
          "import.meta.resolve": OWN_RESOLVE,
        }),
        ...(whole && { "import.meta": OWN_META }),
        ...(own.commonJsPaths && { __filename: JSON.stringify(real), __dirname: JSON.stringify(dirname(real)) }),
        ...(own.ownRequire && { require: OWN_REQUIRE }),
      },
      // after the code, so that no line moves; left out of the bundle when the file never calls it
      ...(own.importMeta && { footer: { js: resolver } }),
      // the object itself, when the code reads it whole, and the file's own require (a line before the code: the
      // source map moves it back)
      ...((whole || own.ownRequire) && {
        banner: {
          js: [
            whole &&
              `const ${OWN_META} = { ...import.meta, url: ${JSON.stringify(url)}, dirname: ${JSON.stringify(dirname(real))}, filename: ${JSON.stringify(real)}, resolve: ${OWN_RESOLVE} };`,
            own.ownRequire && `const ${OWN_REQUIRE} = require("node:module").createRequire(${JSON.stringify(real)});`,
          ]
            .filter((line) => line !== false)
            .join(" "),
        },
      }),
      plugins: [
        {
          name: "contents-read",
          // the bytes the bundle's stamp is of, not the file as it may be now
          setup: (b) => b.onLoad({ filter: /.*/ }, () => ({ contents, loader })),
        },
      ],
    });
    const output = result.outputFiles[0]?.text;
    if (output === undefined) return undefined;
    const required = own.ownRequire ? output.replace(OWN_REQUIRE_LITERAL, REQUIRE_LITERAL) : output;
    const code = own.importMeta ? await withPackagesResolved(required, resolvePackage) : required;
    return { contents: code, loader: loader === "ts" || loader === "tsx" ? "ts" : "js", warnings: result.warnings };
  } catch {
    return undefined;
  }
}

/**
 * The code of a file compiled by {@link withOwnValues} with the `file:` URL of each package its {@link OWN_RESOLVE}
 * calls name literally written into it, as `resolvePackage` finds it (one not found is left out).
 */
async function withPackagesResolved(
  code: string,
  resolvePackage: (specifier: string) => Promise<string | undefined>,
): Promise<string> {
  const named = new Set(
    [...code.matchAll(OWN_RESOLVE_LITERAL)].map(([, quoted, template]) => quoted ?? template ?? ""),
  );
  const packages: [string, string][] = [];
  for (const specifier of [...named].filter(namesPackage)) {
    const found = await resolvePackage(specifier);
    if (found !== undefined) packages.push([specifier, found]);
  }
  // (after the code: no line of it moves)
  return code.replace(OWN_PACKAGES, () => JSON.stringify(packages));
}

/** The files Node runs as CommonJS whatever their syntax or package.json: `.cjs`, and `.cts` (compiled to `.cjs`). */
export const COMMON_JS = /\.c[jt]s$/;

/**
 * Where a CommonJS file (see {@link COMMON_JS}) reads `import.meta`, as an error at its first place: Node refuses
 * it there (`SyntaxError: Cannot use 'import.meta' outside a module`; tsc: "The 'import.meta' meta-property is not
 * allowed in files which will build into CommonJS output"), and hangar gives such a file no values of its own
 * making. Undefined when the file reads none (`import.meta` in a string or a comment), or does not compile (the
 * bundle then reports the error at its place).
 */
export async function importMetaInCommonJs(
  path: string,
  contents: Buffer,
  loader: "js" | "jsx" | "ts" | "tsx",
): Promise<PartialMessage | undefined> {
  const { transform } = await import("esbuild");
  try {
    // esbuild compiling the file as CommonJS warns at each `import.meta` it reads (and leaves empty)
    const { warnings } = await transform(contents, { loader, format: "cjs", sourcefile: path, logLevel: "silent" });
    const found = warnings.find((warning) => warning.id === "empty-import-meta");
    if (found === undefined) return undefined;
    const rename = path.endsWith(".cts") ? ".mts" : ".mjs";
    return {
      text: `Cannot use 'import.meta' outside a module (a ${extname(path)} file is CommonJS, which has no import.meta: rename it to ${rename})`,
      location: found.location,
    };
  } catch {
    return undefined;
  }
}
