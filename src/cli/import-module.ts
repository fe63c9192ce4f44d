/**
 * Imports an ES module (a pipeline module) by URL. This is the one dynamic `import()` of a module chosen at run
 * time, kept in a file of its own because the CLI's CommonJS bundle (dist/cli.cjs) replaces it: on Node 20 that
 * bundle runs in a `vm.Script` with a V8 code cache, where `import()` cannot work, so bin/hangar.js hands it an
 * importer made in a real module (see scripts/build.mjs).
 */
export const importModule = (url: string): Promise<unknown> => import(url);
