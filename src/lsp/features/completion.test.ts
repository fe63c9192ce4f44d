import { describe, expect, test } from "vitest";
import { builtSchemaDocs, open } from "../../../test/helpers/lsp-document.ts";
import { CORE_RESOURCE_TYPES } from "../../validate/rules/lib/core-resource-types.ts";
import { completion } from "./completion.ts";

const docs = builtSchemaDocs();

/** The labels completion offers at the `|` of a text. */
function labelsAt(marked: string): string[] {
  const { text, document, cursor } = open(marked);
  return completion(text, document, docs, cursor).map((item) => item.label);
}

/** The items offered at the `|`, as label and detail. */
function detailsAt(marked: string): Record<string, string | undefined> {
  const { text, document, cursor } = open(marked);
  return Object.fromEntries(completion(text, document, docs, cursor).map((item) => [item.label, item.detail]));
}

const RESOURCES = `resource_types:
  - name: slack
    type: registry-image
    source: { repository: cfcommunity/slack-notification-resource }
resources:
  - name: repo
    type: git
    source: { uri: https://example.com/repo.git }
  - name: image
    type: registry-image
    source: { repository: alpine }
prototypes:
  - name: npm
    type: registry-image
    source: { repository: npm-prototype }
`;

describe("completion of names where a name is expected", () => {
  test.each([
    ["get:", `${RESOURCES}jobs:\n  - name: a\n    plan:\n      - get: |\n`],
    ["get: with a prefix typed", `${RESOURCES}jobs:\n  - name: a\n    plan:\n      - get: re|\n`],
    ["put:", `${RESOURCES}jobs:\n  - name: a\n    plan:\n      - put: |\n`],
    ["resource: of a get", `${RESOURCES}jobs:\n  - name: a\n    plan:\n      - get: src\n        resource: |\n`],
    ["get: nested in a do", `${RESOURCES}jobs:\n  - name: a\n    plan:\n      - do:\n          - get: |\n`],
  ])("%s offers the pipeline's resources", (_, text) => {
    expect(labelsAt(text)).toEqual(["repo", "image"]);
  });

  const jobs = `${RESOURCES}jobs:
  - name: unit
    plan: [{ get: repo }]
  - name: build
    plan: [{ get: repo }]
  - name: ship
    plan:
      - get: repo
`;
  test.each([
    ["passed: [", `${jobs}        passed: [|\n`],
    ["passed: [ after an entry", `${jobs}        passed: [unit, |]\n`],
    ["a passed list item", `${jobs}        passed:\n          - |\n`],
    ["a group's jobs: [", `${jobs}groups:\n  - name: all\n    jobs: [|]\n`],
    ["a group's jobs list item", `${jobs}groups:\n  - name: all\n    jobs:\n      - |\n`],
  ])("%s offers the pipeline's jobs", (_, text) => {
    expect(labelsAt(text)).toEqual(["unit", "build", "ship"]);
  });

  test("a group's resources list item offers the resources", () => {
    expect(labelsAt(`${jobs}groups:\n  - name: all\n    resources:\n      - |\n`)).toEqual(["repo", "image"]);
  });

  test("a resource's type offers the pipeline's resource types, then Concourse's own", () => {
    const labels = labelsAt(`${RESOURCES}  - name: new\n    type: |\njobs: []\n`);
    expect(labels[0]).toBe("slack");
    expect(labels.slice(1)).toEqual([...CORE_RESOURCE_TYPES]);
  });

  test("a run step's type offers the prototypes", () => {
    expect(labelsAt(`${RESOURCES}jobs:\n  - name: a\n    plan:\n      - run: test\n        type: |\n`)).toEqual([
      "npm",
    ]);
  });

  test("no names where a name is defined rather than referenced", () => {
    const labels = labelsAt(`${RESOURCES}jobs:\n  - name: |\n`);
    expect(labels).not.toContain("repo");
    expect(labels).not.toContain("a");
  });

  test("an item offers its kind of name: a job, resource or group kind each once", () => {
    const { text, document, cursor } = open(`${RESOURCES}jobs:\n  - name: a\n    plan:\n      - get: |\n`);
    const [item] = completion(text, document, docs, cursor);
    expect(item).toMatchObject({ label: "repo", detail: "resource" });
  });
});

describe("completion of keys valid at the cursor", () => {
  test("in a get step: the get step's fields and the modifiers, not those already written, no other step kind", () => {
    const labels = labelsAt(
      `${RESOURCES}jobs:\n  - name: a\n    plan:\n      - get: repo\n        trigger: true\n        |\n`,
    );
    expect(labels).toEqual(expect.arrayContaining(["passed", "params", "version", "resource", "attempts", "timeout"]));
    expect(labels).not.toContain("trigger");
    expect(labels).not.toContain("get");
    expect(labels).not.toContain("put");
    expect(labels).not.toContain("config");
  });

  test("in a task step: the task step's fields", () => {
    const labels = labelsAt(`jobs:\n  - name: a\n    plan:\n      - task: unit\n        |\n`);
    expect(labels).toEqual(expect.arrayContaining(["config", "file", "image", "input_mapping", "privileged"]));
    expect(labels).not.toContain("trigger");
  });

  test("in a job: the job's fields, with their documentation and which are required", () => {
    const { text, document, cursor } = open(`jobs:\n  - plan: []\n    |\n`);
    const items = completion(text, document, docs, cursor);
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["name", "serial", "max_in_flight", "on_failure", "ensure"]));
    expect(labels).not.toContain("plan");
    expect(items.find((i) => i.label === "name")).toMatchObject({ detail: "required", insertText: "name: " });
    // a job without a plan is valid (Concourse runs an empty one): offered, not required
    const withName = open(`jobs:\n  - name: a\n    |\n`);
    const plan = completion(withName.text, withName.document, docs, withName.cursor).find((i) => i.label === "plan");
    expect(plan).toMatchObject({ insertText: "plan: " });
    expect(plan?.detail).not.toBe("required");
    expect(items.find((i) => i.label === "serial")?.documentation).toEqual({
      kind: "markdown",
      value: "Run one build at a time (same as `max_in_flight: 1`).",
    });
  });

  test("in a resource: the resource's fields", () => {
    const labels = labelsAt(`resources:\n  - name: r\n    |\n`);
    expect(labels).toEqual(expect.arrayContaining(["type", "source", "check_every", "icon", "webhook_token"]));
    expect(labels).not.toContain("plan");
  });

  test("in a new list item of the plan: every step kind", () => {
    const labels = labelsAt(`jobs:\n  - name: a\n    plan:\n      - get: x\n      - |\n`);
    expect(labels).toEqual(expect.arrayContaining(["get", "put", "task", "set_pipeline", "load_var", "in_parallel"]));
  });

  test("a key half typed is completed from the same list", () => {
    const labels = labelsAt(`jobs:\n  - name: a\n    plan:\n      - get: x\n        pas|\n`);
    expect(labels).toContain("passed");
  });
});

describe("completion of top-level keys at column 0", () => {
  const TOP = ["jobs", "resources", "resource_types", "prototypes", "var_sources", "groups", "display", "user_data"];

  test("in an empty file: every top-level key", () => {
    expect(labelsAt("|")).toEqual(expect.arrayContaining(TOP));
  });

  test("after a section: the keys not yet written", () => {
    const labels = labelsAt(`${RESOURCES}jobs:\n  - name: a\n    plan: []\n|\n`);
    expect(labels).toEqual(expect.arrayContaining(["groups", "var_sources", "display"]));
    for (const written of ["jobs", "resources", "resource_types", "prototypes"]) expect(labels).not.toContain(written);
  });

  test("a top-level key half typed at column 0, after a section", () => {
    const labels = labelsAt(`jobs:\n  - name: a\n    plan: []\ngr|\n`);
    expect(labels).toEqual(expect.arrayContaining(["groups", "resources", "display"]));
    expect(labels).not.toContain("jobs");
  });

  test("between two sections", () => {
    const labels = labelsAt(`jobs:\n  - name: a\n    plan: []\n|\nresources: []\n`);
    expect(labels).toEqual(expect.arrayContaining(["groups", "display", "resource_types"]));
    expect(labels).not.toContain("jobs");
    expect(labels).not.toContain("resources");
  });

  const TASK = ["platform", "image_resource", "inputs", "outputs", "caches", "params", "run", "container_limits"];

  test.each([
    ["an empty file", "|"],
    ["a file of comments only", "# the unit tests\n\n|"],
    ["a first key half written", "pla|"],
    ["a first key half written after a comment", "# tests\nru|"],
  ])("%s, neither kind yet: the keys of a pipeline and of a task config, each saying which", (_, marked) => {
    const offered = detailsAt(marked);
    expect(Object.keys(offered)).toEqual(expect.arrayContaining([...TOP, ...TASK]));
    expect(offered.resources).toBe("pipeline");
    expect(offered.jobs).toBe("pipeline, required");
    expect(offered.inputs).toBe("task config");
    expect(offered.platform).toBe("task config, required");
  });

  test("a mapping of neither's markers (inputs: alone) is neither kind yet: both, but the keys written", () => {
    const offered = detailsAt("inputs: [{ name: src }]\n|");
    expect(Object.keys(offered)).toEqual(expect.arrayContaining(["jobs", "platform", "run", "outputs"]));
    expect(offered).not.toHaveProperty("inputs");
  });

  test("once plainly a task config (run or platform, no pipeline key): its keys only", () => {
    const offered = detailsAt("platform: linux\n|");
    expect(Object.keys(offered)).toEqual(expect.arrayContaining(["run", "inputs", "image_resource"]));
    for (const key of [...TOP, "platform"]) expect(offered).not.toHaveProperty(key);
    expect(offered.run).toBeUndefined();
  });

  test("once plainly a pipeline (a pipeline key): its keys only", () => {
    const offered = detailsAt("resources: []\n|");
    expect(Object.keys(offered)).toEqual(expect.arrayContaining(["jobs", "groups"]));
    for (const key of [...TASK, "resources"]) expect(offered).not.toHaveProperty(key);
    expect(offered.groups).toBeUndefined();
    expect(offered.jobs).toBe("required");
  });

  test("before the first section", () => {
    const labels = labelsAt(`|\njobs: []\n`);
    expect(labels).toEqual(expect.arrayContaining(["resources", "groups"]));
    expect(labels).not.toContain("jobs");
  });
});

// a document with no pipeline key and neither `run` nor `platform` is not yet plainly either kind (plainKindOf): under a
// key of one kind (a task config's `image_resource:`), that kind's keys
describe("completion under a key of a document not yet plainly a pipeline or a task config", () => {
  test.each([
    ["image_resource:", "image_resource:\n  |\n", ["type", "source", "params", "version"], []],
    ["image_resource: with a key written", "image_resource:\n  type: registry-image\n  |\n", ["source"], ["type"]],
    ["container_limits:", "inputs: []\ncontainer_limits:\n  |\n", ["cpu", "memory"], []],
    ["an input", "inputs:\n  - name: src\n    |\n", ["path", "optional"], ["name"]],
  ])(
    "under a task config's key (%s), neither kind yet: the task config's keys, saying so",
    (_, marked, offered, written) => {
      const details = detailsAt(marked);
      expect(Object.keys(details)).toEqual(expect.arrayContaining(offered));
      for (const key of offered) expect(details[key]).toMatch(/^task config(, required)?$/);
      for (const key of [...written, "jobs", "resources", "platform", "run", "outputs"])
        expect(details).not.toHaveProperty(key);
    },
  );
});

describe("completion below a long line", () => {
  // a line of 6,000,000 `- ` in a block scalar, between the cursor and the key above it: a pattern that could read a
  // dash as a key's first character read it again from each dash (100,000 took 33 s, 66 s for an item of args); one that
  // could not still looped over them, and overflowed its backtracking stack (RangeError) at 5,000,000
  const dashes = `${"- ".repeat(6_000_000)}a:b`;
  const below = (cursor: string) =>
    `jobs:\n  - name: a\n    plan:\n      - task: t\n        config:\n          platform: linux\n          run:\n            path: sh\n            args:\n              - >\n                ${dashes}\n${cursor}\n`;

  test.each([
    ["a key of the task config", "          |", ["inputs", "outputs", "params"]],
    ["an item of args", "              - |", []],
  ])("%s: the dashes read once, by hand", (_, cursor, offered) => {
    const { text, document, cursor: at } = open(below(cursor));
    const labels = completion(text, document, docs, at).map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(offered));
    expect(labels).not.toContain("run");
  });
});
