import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";

// Every option of every factory has a doc comment: the editor shows it on hover, and the API
// reference (`npm run docs`) is built from it. Read from the declarations that `pretest` built.
const root = join(import.meta.dirname, "..");
const factories = join(root, "dist/types/factories");

/** The members of each `...Options` declaration of a .d.ts file that have no doc comment just above. */
function undocumentedOptions(text: string): string[] {
  const lines = text.split("\n");
  const missing: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const declaration = /^export (?:interface|type) (\w+Options)\b/.exec(lines[i] ?? "");
    if (!declaration) continue;
    let depth = 0;
    for (let j = i; j < lines.length; j++) {
      const line = lines[j] ?? "";
      const member = /^\s*(?:readonly\s+)?(\w+)\??:/.exec(line);
      if (member && depth > 0 && !(lines[j - 1] ?? "").trimEnd().endsWith("*/")) {
        missing.push(`${declaration[1]}.${member[1]}`);
      }
      depth += (line.match(/[{(]/g) ?? []).length - (line.match(/[})]/g) ?? []).length;
      if (depth <= 0 && j > i && /[};]\s*$/.test(line)) break;
      if (depth <= 0 && j === i && line.trimEnd().endsWith(";")) break;
    }
  }
  return missing;
}

const declarationFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? declarationFiles(join(dir, entry.name))
      : entry.name.endsWith(".d.ts")
        ? [join(dir, entry.name)]
        : [],
  );

test("every factory option is documented", () => {
  const files = declarationFiles(factories);
  const declared = files.flatMap((file) => [
    ...readFileSync(file, "utf8").matchAll(/^export (?:interface|type) \w+Options\b/gm),
  ]);
  expect(declared.length).toBeGreaterThan(20);
  const missing = files.flatMap((file) =>
    undocumentedOptions(readFileSync(file, "utf8")).map((name) => `${relative(factories, file)}: ${name}`),
  );
  expect(missing).toEqual([]);
});

test("the reader finds an undocumented option and passes documented ones", () => {
  const text = [
    "export interface GitRepoOptions {",
    "    /** The name. */",
    "    readonly name: string;",
    "    branch?: string;",
    "}",
    "export type TaskOptions = Common & ({",
    "    /** Inline. */",
    "    config: TaskConfig;",
    "} | {",
    "    file: string;",
    "});",
  ].join("\n");
  expect(undocumentedOptions(text)).toEqual(["GitRepoOptions.branch", "TaskOptions.file"]);
});
