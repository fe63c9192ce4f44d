/** What the running Node does that hangar's loading must follow; no imports, so that a cached render pays nothing for it. */

/** The options Node runs with: its command line's (`process.execArgv`) after `NODE_OPTIONS`'s. */
const nodeOptions = (): string[] => [...(process.env.NODE_OPTIONS ?? "").split(/\s+/), ...process.execArgv];

/**
 * Whether Node of `version`, run with `options`, loads a `.js` file a package.json with no `type` (or none) leaves to it
 * as an ES module when its code has ES module syntax (syntax detection): by default from Node 20.19 and 22.7, with
 * `--experimental-detect-module` from 20.10 and 21.1, never with `--no-experimental-detect-module`. The running Node by
 * default.
 */
export function detectsModuleSyntax(
  version = process.versions.node,
  options: readonly string[] = nodeOptions(),
): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const flag = options.findLast((option) => /^--(?:no-)?experimental-detect-module$/.test(option));
  if (flag !== undefined) return flag === "--experimental-detect-module";
  return major > 22 || (major === 22 && minor >= 7) || (major === 20 && minor >= 19);
}
