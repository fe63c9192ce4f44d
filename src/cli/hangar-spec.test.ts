import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { defaultHangarSpec } from "./hangar-spec.ts";

const work = mkdtempSync(join(tmpdir(), "hangar-spec-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A project at `work/<name>` whose package.json has `manifest`, with hangar installed in its node_modules. */
function installedIn(name: string, manifest: unknown): string {
  const root = join(work, name, "node_modules/hangar");
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "hangar", version: "0.1.0" }));
  if (manifest !== undefined) writeFileSync(join(work, name, "package.json"), JSON.stringify(manifest));
  return root;
}

describe("the spec of hangar init writes when none is given", () => {
  test("installed from a tarball: that tarball, its path read from the project that installed it", () => {
    const root = installedIn("from-tarball", { dependencies: { hangar: "file:../hangar-0.1.0.tgz" } });
    const { spec, guessed } = defaultHangarSpec(root, join(work, "from-tarball/ci"), "0.1.0");
    expect({ spec, guessed }).toEqual({ spec: "file:../../hangar-0.1.0.tgz", guessed: false });
    // npm reads it from the new project's folder: the same tarball
    expect(resolve(work, "from-tarball/ci", spec.slice("file:".length))).toBe(join(work, "hangar-0.1.0.tgz"));
  });

  test.each([
    ["a version range of the registry", { dependencies: { hangar: "^0.1.0" } }, "^0.2.0", false],
    ["a tag", { devDependencies: { hangar: "latest" } }, "^0.2.0", false],
    [
      "a git URL, as given",
      { devDependencies: { hangar: "git+https://example.test/hangar.git" } },
      "git+https://example.test/hangar.git",
      false,
    ],
    [
      "an absolute tarball, as given",
      { dependencies: { hangar: "file:/opt/hangar.tgz" } },
      "file:/opt/hangar.tgz",
      false,
    ],
    // where it came from is not known: the registry's range, said to be a guess
    ["no hangar among its dependencies (a global install)", { dependencies: { yaml: "^2" } }, "^0.2.0", true],
    ["no package.json", undefined, "^0.2.0", true],
  ])("installed by a project naming %s", (_, manifest, spec, guessed) => {
    const root = installedIn(`named-${spec.length}-${JSON.stringify(manifest ?? null).length}`, manifest);
    expect(defaultHangarSpec(root, join(work, "new"), "0.2.0")).toEqual({ spec, guessed });
  });

  test("run from a folder of its own (a clone): that folder, from the new project", () => {
    expect(defaultHangarSpec(join(work, "clone"), join(work, "projects/ci"), "0.1.0")).toEqual({
      spec: "file:../../clone",
      guessed: false,
    });
  });

  test("its own folder unknown: the registry's range of this version", () => {
    expect(defaultHangarSpec(undefined, join(work, "ci"), "0.1.0")).toEqual({ spec: "^0.1.0", guessed: true });
  });
});
