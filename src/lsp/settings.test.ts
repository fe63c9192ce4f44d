import { describe, expect, test } from "vitest";
import { varSettingsOf, workspaceRoot } from "./settings.ts";

describe("varSettingsOf", () => {
  test.each([
    ["no settings", undefined, { varsFiles: [], yamlVars: [] }],
    ["no hangar section", { yaml: { schemas: {} } }, { varsFiles: [], yamlVars: [] }],
    ["a section without vars", { hangar: { strict: true } }, { varsFiles: [], yamlVars: [] }],
    [
      "files and vars: each var a -y pair, its value as JSON",
      { hangar: { varsFiles: ["ci/a.yml", "ci/b.yml"], vars: { auto: true, v: "1.0", n: 2, m: { a: [1] }, z: null } } },
      {
        varsFiles: ["ci/a.yml", "ci/b.yml"],
        yamlVars: ["auto=true", 'v="1.0"', "n=2", 'm={"a":[1]}', "z=null"],
      },
    ],
  ])("%s", (_, settings, expected) => {
    expect(varSettingsOf(settings)).toEqual(expected);
  });

  test.each([
    [{ hangar: { varsFiles: "ci/vars.yml" } }, "hangar.varsFiles must be a list of file names"],
    [{ hangar: { varsFiles: [1] } }, "hangar.varsFiles must be a list of file names"],
    [{ hangar: { vars: ["auto=true"] } }, "hangar.vars must be a mapping of var names to values"],
  ])("settings it cannot read: %j", (settings, problem) => {
    expect(varSettingsOf(settings)).toEqual({ problem });
  });
});

describe("workspaceRoot", () => {
  test.each([
    [{ rootUri: "file:///work/repo", rootPath: "/elsewhere" }, "/work/repo"],
    [{ rootUri: null, workspaceFolders: [{ uri: "file:///work/a", name: "a" }] }, "/work/a"],
    [{ rootUri: null, rootPath: "/work/b" }, "/work/b"],
    [{ rootUri: "untitled:x" }, undefined],
    [{ rootUri: null, workspaceFolders: null }, undefined],
    [undefined, undefined],
  ])("%j", (params, root) => {
    expect(workspaceRoot(params)).toBe(root);
  });
});
