import { describe, expect, test } from "vitest";
import { open } from "../../test/helpers/lsp-document.ts";
import { definedNames, definitionOf, nameAt, namesOf, placeAt, readDocument, sitesOf } from "./documents.ts";

const PIPELINE = `resource_types:
  - name: slack
    type: registry-image
resources:
  - name: repo
    type: git
  - name: "quoted"
    type: slack
prototypes:
  - name: npm
jobs:
  - name: unit
    plan:
      - get: repo
      - get: src
        resource: quoted
        passed: [unit, "build-*"]
      - in_parallel:
          - put: repo
      - run: test
        type: npm
groups:
  - name: all
    jobs: [unit]
    resources: [repo]
`;

describe("where names are written", () => {
  const { document, text } = open(PIPELINE);
  const sliceOf = (s: { start: number; end: number }) => text.getText().slice(s.start, s.end);

  test("every definition and reference, in text order, with the offsets of its scalar", () => {
    expect(document.names.map((s) => [s.kind, s.role, sliceOf(s)])).toEqual([
      ["resource_type", "definition", "slack"],
      ["resource_type", "reference", "registry-image"],
      ["resource", "definition", "repo"],
      ["resource_type", "reference", "git"],
      ["resource", "definition", '"quoted"'],
      ["resource_type", "reference", "slack"],
      ["prototype", "definition", "npm"],
      ["job", "definition", "unit"],
      ["resource", "reference", "repo"],
      ["resource", "reference", "quoted"],
      ["job", "reference", "unit"],
      ["resource", "reference", "repo"],
      ["prototype", "reference", "npm"],
      ["job", "reference", "unit"],
      ["resource", "reference", "repo"],
    ]);
  });

  test("`get: src` with `resource:` refers through `resource:`; a glob in `passed` refers to no one job", () => {
    expect(document.names.some((s) => s.name === "src" || s.name === "build-*")).toBe(false);
  });

  test("a definition knows the range of its whole item", () => {
    const repo = definitionOf(document, "resource", "repo");
    expect(repo?.item && text.getText().slice(repo.item.start, repo.item.end)).toBe("name: repo\n    type: git\n");
  });

  test("the name at an offset, at its first and its last character; nothing beside a name", () => {
    const start = text.getText().indexOf("get: repo") + "get: ".length;
    expect(nameAt(document, start)?.name).toBe("repo");
    expect(nameAt(document, start + 4)?.name).toBe("repo");
    expect(nameAt(document, start - 2)).toBeUndefined();
  });

  test("all the sites of a name, of one kind only", () => {
    expect(sitesOf(document, "resource", "repo").map((s) => s.role)).toEqual([
      "definition",
      "reference",
      "reference",
      "reference",
    ]);
    expect(sitesOf(document, "job", "repo")).toEqual([]);
  });

  test("the names defined, per kind, from the parsed value", () => {
    expect(namesOf(document, "resource")).toEqual(["repo", "quoted"]);
    expect(namesOf(document, "job")).toEqual(["unit"]);
    expect(definedNames({ jobs: [{ name: "a" }, { name: "a" }, { plan: [] }, "b", { name: 3 }] }, "job")).toEqual([
      "a",
    ]);
    expect(definedNames(undefined, "job")).toEqual([]);
    expect(definedNames({ jobs: "not a list" }, "job")).toEqual([]);
  });

  test("a text that does not parse, or is not a mapping, has no names (and reading it does not throw)", () => {
    expect(readDocument("jobs: [\n").names).toEqual([]);
    expect(readDocument("- a\n- b\n").names).toEqual([]);
    expect(readDocument("").value).toBeUndefined();
  });
});

describe("what is at an offset", () => {
  const { document, text } = open(PIPELINE);
  const offsetOf = (needle: string, delta = 0) => text.getText().indexOf(needle) + delta;

  test("on a key: its path, on the key", () => {
    expect(placeAt(document, offsetOf("passed", 2))).toEqual({ path: ["jobs", 0, "plan", 1, "passed"], onKey: true });
  });

  test("on a value: the path of the value", () => {
    expect(placeAt(document, offsetOf("type: npm", "type: n".length))).toEqual({
      path: ["jobs", 0, "plan", 3, "type"],
      onKey: false,
    });
  });

  test("inside a flow list: the item's index", () => {
    expect(placeAt(document, offsetOf('"build-*"', 1))).toEqual({
      path: ["jobs", 0, "plan", 1, "passed", 1],
      onKey: false,
    });
  });

  test("at the first key after a block section: that key, not the section before", () => {
    expect(placeAt(document, offsetOf("jobs:"))).toEqual({ path: ["jobs"], onKey: true });
    expect(placeAt(document, offsetOf("groups:"))).toEqual({ path: ["groups"], onKey: true });
  });

  test("at the second item of a block list, at its start", () => {
    expect(placeAt(document, offsetOf("- get: src", 2)).path.slice(0, 4)).toEqual(["jobs", 0, "plan", 1]);
  });
});
