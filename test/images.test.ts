import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { NODE_IMAGE } from "../src/factories/jobs/hangar-meta-pipeline.ts";

// images/hangar/Dockerfile cannot be built here (no registry but npm's); its instructions are read
// and held to the rules a Dockerfile linter would apply, and to what the meta pipeline expects.
const root = join(import.meta.dirname, "..");
const dockerfile = readFileSync(join(root, "images/hangar/Dockerfile"), "utf8");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };

/** The instructions, continuation lines joined and comments dropped: [keyword, arguments]. */
function instructions(text: string): [string, string][] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [keyword = "", ...rest] = line.split(/\s+/);
      return [keyword.toUpperCase(), rest.join(" ")];
    });
}

const parsed = instructions(dockerfile);
const args = (keyword: string) => parsed.filter(([k]) => k === keyword).map(([, a]) => a);

test("every line is a Dockerfile instruction", () => {
  const known = new Set(["FROM", "ARG", "RUN", "ENV", "WORKDIR", "CMD", "ENTRYPOINT", "USER", "LABEL", "COPY"]);
  expect(parsed.filter(([keyword]) => !known.has(keyword))).toEqual([]);
});

test("one base image: the official Node image the meta pipeline uses by default, a pinned tag", () => {
  expect(args("FROM")).toEqual([`node:${NODE_IMAGE.source.tag}`]);
  expect(NODE_IMAGE.source.repository).toBe("node");
  expect(args("FROM")[0]).not.toMatch(/:latest$|^[^:]+$/);
});

test("installs this version of hangar globally and checks that the CLI starts", () => {
  expect(args("ARG")).toEqual([`HANGAR_VERSION=${version}`]);
  const [run = ""] = args("RUN");
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's shell expands ${HANGAR_VERSION}, not JavaScript
  expect(run).toContain('npm install --global --no-audit --no-fund "hangar@${HANGAR_VERSION}"');
  expect(run).toContain("npm cache clean --force");
  expect(run).toMatch(/&& hangar --version$/);
});

test("lint rules: no ADD, no sudo, no cd in RUN (WORKDIR instead), exec form for CMD", () => {
  expect(args("ADD")).toEqual([]);
  expect(args("RUN").filter((run) => /\bsudo\b|(^|&&\s*)cd\s/.test(run))).toEqual([]);
  expect(args("CMD").every((cmd) => cmd.startsWith("["))).toBe(true);
});

test("the reader joins continued lines and skips comments", () => {
  expect(instructions("# c\nFROM a:1\nRUN x \\\n  && y\n")).toEqual([
    ["FROM", "a:1"],
    ["RUN", "x && y"],
  ]);
});
