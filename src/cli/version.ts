/** hangar's version (kept equal to package.json's by a test); printed by `--version`, part of cache keys. */
export const VERSION = "0.1.0";
