/**
 * Whether `warning` is the one Node prints when it loads ES module syntax as CommonJS (a `.cjs` pipeline module with
 * `export default`, or a `.js` one under a package.json without `"type": "module"`): `To load an ES module, set
 * "type": "module" in the package.json or use the .mjs extension.` The load then fails, and hangar says why in one
 * sentence naming the file and what to change (see module-type.ts): Node's lines before it only repeat it, less
 * precisely.
 */
export const isEsSyntaxAsCommonJsWarning = (warning: Error): boolean =>
  warning.name === "Warning" &&
  (warning as { code?: unknown }).code === undefined &&
  warning.message.startsWith('To load an ES module, set "type": "module"');

/**
 * Keeps the warning of {@link isEsSyntaxAsCommonJsWarning} from Node's printer: the `warning` listeners Node sets up
 * before any code runs (none with `--no-warnings`) are given every other warning, the user's code's own included, as
 * they were.
 */
export function quietEsSyntaxAsCommonJsWarning(
  proc: Pick<NodeJS.Process, "listeners" | "removeListener" | "on">,
): void {
  const printers = proc.listeners("warning");
  if (printers.length === 0) return;
  for (const printer of printers) proc.removeListener("warning", printer);
  proc.on("warning", (warning) => {
    if (!isEsSyntaxAsCommonJsWarning(warning)) for (const printer of printers) printer(warning);
  });
}
