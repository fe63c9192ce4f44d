// Builds hangar-vscode-<version>.vsix: copies hangar's generated schema beside the extension, installs
// the client library, and runs `vsce package` (fetched by npx; publishing is not part of this script).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const extension = join(dirname(fileURLToPath(import.meta.url)), "..");
const schema = join(extension, "../../dist/schema.json");
if (!existsSync(schema)) {
  console.error("dist/schema.json is missing: run `npm run build` at the repository root first");
  process.exit(2);
}
copyFileSync(schema, join(extension, "schema.json"));
const run = (args) => execFileSync("npx", args, { cwd: extension, stdio: "inherit" });
execFileSync("npm", ["install", "--omit=dev", "--no-package-lock"], { cwd: extension, stdio: "inherit" });
run(["--yes", "@vscode/vsce@3", "package", "--allow-missing-repository", "--skip-license"]);
