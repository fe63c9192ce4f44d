import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { open } from "../../test/helpers/lsp-document.ts";
import { parsePipelineText } from "../parse/parse-pipeline.ts";
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

describe("one parse for the validator and the editor", () => {
  test("a document read from a parse takes its value and the position tree its locator reads", () => {
    const read = parsePipelineText(PIPELINE);
    const document = readDocument(PIPELINE, read);
    expect(document.value).toBe(read.parsed.pipeline);
    expect(document.tree).toBe(read.yamlTree());
    expect(document.names).toEqual(readDocument(PIPELINE).names);
  });
});

describe("a bare `-` before a less indented entry (go-yaml ends its list there)", () => {
  /** The names of a text, each as `kind name "as written"` (at its offsets). */
  const named = (text: string) =>
    readDocument(text).names.map((s) => `${s.kind} ${s.name} ${JSON.stringify(text.slice(s.start, s.end))}`);

  test("the entries after it are the outer list's, their names at their places in the text", () => {
    // parsed: resource s is the second resource, not an item of r's list; a null step: read the editor's way
    const resources = "resources:\n- name: r\n  type: git\n  source:\n    l:\n    -   # none\n- name: s\n  type: git\n";
    for (const step of ["- get: s", "-"]) {
      const text = `${resources}jobs:\n- name: a\n  plan:\n  - get: r\n  ${step}\n- name: b\n  plan: [{ get: s }]\n`;
      expect(named(text)).toEqual([
        'resource r "r"',
        'resource_type git "git"',
        'resource s "s"',
        'resource_type git "git"',
        'job a "a"',
        'resource r "r"',
        ...(step === "-" ? [] : ['resource s "s"']),
        'job b "b"',
        'resource s "s"',
      ]);
      const document = readDocument(text);
      expect(placeAt(document, text.indexOf("name: b") + 6).path).toEqual(["jobs", 1, "name"]);
      expect(definitionOf(document, "resource", "s")?.start).toBe(text.indexOf("name: s") + 6);
    }
  });
});

describe("a text being typed, which parse cannot read, is read the editor's way", () => {
  /** The names of a text, each as `kind name "as written"`. */
  const named = (text: string) =>
    readDocument(text).names.map((s) => `${s.kind} ${s.name} ${JSON.stringify(text.slice(s.start, s.end))}`);
  const JOBS = "resources:\n  - name: repo\n    type: git\njobs:\n  - name: unit\n    plan:\n      - get: repo\n";

  test("an unclosed `[` at the end: the names before it, and the key it follows", () => {
    const text = `${JOBS}        passed: [\n`;
    expect(named(text)).toEqual([
      'resource repo "repo"',
      'resource_type git "git"',
      'job unit "unit"',
      'resource repo "repo"',
    ]);
    expect(placeAt(readDocument(text), text.indexOf("passed") + 1)).toEqual({
      path: ["jobs", 0, "plan", 0, "passed"],
      onKey: true,
    });
  });

  test.each([
    ["an unclosed `[`", "        passed: [un\n", "passed"],
    ["an unclosed `{`", "        params: {a: \n", "params"],
    ["an unclosed quote", '        version: "abc\n', "version"],
  ])("%s in the middle of the text: every name, and the key it follows", (_, typed, key) => {
    const text = `${JOBS}${typed}  - name: ship\n    plan:\n      - get: repo\n`;
    expect(named(text)).toEqual([
      'resource repo "repo"',
      'resource_type git "git"',
      'job unit "unit"',
      'resource repo "repo"',
      'job ship "ship"',
      'resource repo "repo"',
    ]);
    expect(placeAt(readDocument(text), text.indexOf(key) + 1)).toEqual({
      path: ["jobs", 0, "plan", 0, key],
      onKey: true,
    });
  });

  test.each([
    [
      "a key typed at the wrong indentation, with an unclosed `[`, in a plan",
      "    bad: [\n        trigger: true\n      - get: repo\n        trigger: true\n      - task: t\n        file: repo/t.yml\n",
    ],
    ["a colon missing in an item's first key", "  - name ship\n    plan: []\n    serial: true\n    public: true\n"],
  ])("%s, whose errors are found on the lines after it: the names around it", (_, typed) => {
    const text = `${JOBS}${typed}  - name: last\n    plan:\n      - get: repo\n        passed: [unit]\n`;
    const names = named(text);
    expect(names.slice(0, 4)).toEqual([
      'resource repo "repo"',
      'resource_type git "git"',
      'job unit "unit"',
      'resource repo "repo"',
    ]);
    expect(names.slice(-3)).toEqual(['job last "last"', 'resource repo "repo"', 'job unit "unit"']);
  });

  test("a value broken by a line break (its end at the start of the next line): the names around it", () => {
    const text = `${JOBS}        trigger: true\n      - get: re\npo\n        passed: [unit]\n  - name: ship\n    plan:\n      - get: repo\n`;
    expect(named(text)).toEqual([
      'resource repo "repo"',
      'resource_type git "git"',
      'job unit "unit"',
      'resource repo "repo"',
      'resource re "re"',
      'job unit "unit"',
      'job ship "ship"',
      'resource repo "repo"',
    ]);
  });

  test("a top-level key half typed (no colon yet) at the end: every name before it", () => {
    expect(named(`${JOBS}gro`)).toEqual([
      'resource repo "repo"',
      'resource_type git "git"',
      'job unit "unit"',
      'resource repo "repo"',
    ]);
  });

  test("a key half typed (no colon yet) between two jobs: both jobs' names", () => {
    expect(named(`${JOBS}    seri\n  - name: ship\n    plan: []\n`)).toContain('job ship "ship"');
  });

  test.each([
    ["a null key", "        params: {~: c}\n"],
    ["a complex key", "        params: {[a]: 1}\n"],
  ])("%s, which fly cannot convert to JSON: every other name", (_, typed) => {
    expect(named(`${JOBS}${typed}  - name: ship\n    plan: []\n`)).toEqual([
      'resource repo "repo"',
      'resource_type git "git"',
      'job unit "unit"',
      'resource repo "repo"',
      'job ship "ship"',
    ]);
  });

  test.each([
    ['"', "in the middle of the text", true],
    ['"', "at its end", false],
    ["'", "in the middle of the text", true],
  ])(
    "the name being typed in quotes (%s), the closing one not yet typed, %s: that name as typed so far, and every other name",
    (quote, _, more) => {
      const before = `${JOBS}        passed: ["unit"]\n  - name: `;
      const after = more
        ? `\n    plan:\n      - get: repo\n        passed: ['unit']\n  - name: ship\n    plan: []\n`
        : "\n";
      const text = `${before}${quote}my-jo${after}`;
      expect(named(text)).toEqual([
        'resource repo "repo"',
        'resource_type git "git"',
        'job unit "unit"',
        'resource repo "repo"',
        'job unit "\\"unit\\""',
        'job my-jo "my-jo"',
        ...(more ? ['resource repo "repo"', "job unit \"'unit'\"", 'job ship "ship"'] : []),
      ]);
      expect(readDocument(text).names.find((s) => s.name === "my-jo")?.start).toBe(before.length + 1);
    },
  );

  test.each([
    ["a tag typed at the left margin, before a key", "  - name: ship\n!   serial: true\n    plan: []\n"],
    [
      "a line broken at the left margin, in a list",
      "  - name: ship\n    plan:\n      - get: repo\n        tags: [a, b]\n      - tas\nk: t\n        file: repo/t.yml\n",
    ],
  ])("%s (the error found on a line after it): every name", (_, typed) => {
    const text = `${JOBS}${typed}  - name: last\n    plan:\n      - get: repo\n        passed: [unit]\n`;
    const names = named(text);
    expect(names.slice(0, 4)).toEqual([
      'resource repo "repo"',
      'resource_type git "git"',
      'job unit "unit"',
      'resource repo "repo"',
    ]);
    expect(names).toContain('job ship "ship"');
    expect(names.slice(-3)).toEqual(['job last "last"', 'resource repo "repo"', 'job unit "unit"']);
  });

  test("a comment joined with the key after it (the key's list left at the top): the names of the other sections", () => {
    const text = `# the release pipeline\nresource_types:\n  - name: slack\n    type: registry-image\n${JOBS}`;
    expect(named(text.replace("pipeline\n", "pipeline "))).toEqual(named(JOBS));
  });

  test("an anchor being renamed: the aliases to it (one per job) read as nothing, and every name is kept", () => {
    const job = (i: number) =>
      `  - name: j${i}\n    <<: *base-job\n    plan:\n      - get: repo\n        passed: [unit]\n`;
    const text = `base: &base-job\n  serial: true\n${JOBS}${[1, 2, 3, 4, 5, 6].map(job).join("")}`;
    const names = named(text);
    expect(names).toHaveLength(4 + 6 * 3);
    expect(named(text.replace("&base-job", "&base-jo"))).toEqual(names);
  });

  test("a key written twice: read, the last one winning", () => {
    const text = "resources:\n  - name: old\n    type: git\n    name: repo\n";
    expect(named(text)).toEqual(['resource_type git "git"', 'resource repo "repo"']);
  });

  test("a text no mending makes readable has no names, and reading it does not throw", () => {
    expect(readDocument(`jobs:\n  - name: a\n    plan: [\n${"  - [\n".repeat(12)}`).names).toEqual([]);
  });

  test("a text with several broken lines, each of them a reading or more: the names around them", () => {
    expect(named("jobs:\n  - name: a\n    plan: [\n  - name: b\n  - {\n  - [\n  - [\n  - [\n")).toEqual([
      'job a "a"',
      'job b "b"',
    ]);
  });

  test("a text that starts with a byte order mark: offsets in the text as given", () => {
    const text = `\uFEFF${JOBS}`;
    expect(named(text)).toEqual(named(JOBS));
    expect(readDocument(text).names.map((s) => s.start)).toEqual(readDocument(JOBS).names.map((s) => s.start + 1));
  });

  test("JSON", () => {
    expect(named('{"resources": [{"name": "repo", "type": "git"}]}')).toEqual([
      'resource repo "\\"repo\\""',
      'resource_type git "\\"git\\""',
    ]);
  });
});

describe("a pipeline being typed: one character inserted or deleted anywhere", () => {
  const RELEASE = readFileSync(join(import.meta.dirname, "../../test/fixtures/lsp/release-pipeline.yml"), "utf8");
  /** Characters typed: YAML's indicators, blanks, a line break, letters and digits. */
  const TYPED = [..." \n\t-:\"'[]{}#&*!|>,?%@`.", ..."abz019"];
  const edit = fc.record({
    at: fc.nat({ max: RELEASE.length - 1 }),
    typed: fc.option(fc.constantFrom(...TYPED), { nil: undefined }),
  });

  test("600 edits (seeded): none takes every job and resource name away", () => {
    const lost = fc.sample(edit, { seed: 27, numRuns: 600 }).flatMap(({ at, typed }) => {
      const text = RELEASE.slice(0, at) + (typed ?? "") + RELEASE.slice(typed === undefined ? at + 1 : at);
      const named = readDocument(text).names.some((s) => s.role === "definition");
      return named ? [] : [`${typed === undefined ? "delete" : `insert ${JSON.stringify(typed)}`} at ${at}`];
    });
    expect(lost).toEqual([]);
  });
});
