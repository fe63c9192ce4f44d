import { describe, expect, test, vi } from "vitest";
import { ResponseError } from "vscode-languageserver";
import { builtSchemaDocs, open, URI } from "../../../test/helpers/lsp-document.ts";
import { validateText } from "../../validate/validate-text.ts";
import { schemaDocs } from "../schema-docs.ts";
import { completion } from "./completion.ts";
import { definition, MAX_REFERENCES, references } from "./definition.ts";
import { hover } from "./hover.ts";
import { rename } from "./rename.ts";
import { documentSymbols } from "./symbols.ts";

const PIPELINE = `resource_types:
  - name: slack
    type: registry-image
    source: { repository: slack }
resources:
  - name: repo
    type: git
    source: { uri: https://example.com/repo.git }
  - name: notify
    type: slack
    source: { url: https://hooks.example.com }
jobs:
  - name: unit
    serial: true
    plan:
      - get: repo
        trigger: true
  - name: ship
    plan:
      - get: repo
        passed: [unit]
      - put: notify
        params: { text: shipped }
groups:
  - name: all
    jobs: [unit, ship]
`;
const opened = open(PIPELINE);
const { text, document } = opened;
const docs = builtSchemaDocs();
/** The markdown a hover shows, if any. */
const shown = (found: ReturnType<typeof hover>): string | undefined =>
  (found?.contents as { value: string } | undefined)?.value;
const rangeAt = (needle: string, delta: number, length: number, n = 1) => {
  const start = opened.at(needle, delta, n);
  return { start, end: { line: start.line, character: start.character + length } };
};

describe("go to definition", () => {
  test("from a get to the resource", () => {
    expect(definition(text, document, opened.at("get: repo", "get: r".length))).toEqual({
      uri: URI,
      range: rangeAt("name: repo", "name: ".length, 4),
    });
  });

  test("from `passed` and from a group's jobs to the job", () => {
    const unit = { uri: URI, range: rangeAt("name: unit", "name: ".length, 4) };
    expect(definition(text, document, opened.at("passed: [unit]", "passed: [u".length))).toEqual(unit);
    expect(definition(text, document, opened.at("jobs: [unit", "jobs: [".length))).toEqual(unit);
  });

  test("from a resource's type to the resource type; a type of Concourse's own has none", () => {
    expect(definition(text, document, opened.at("type: slack", "type: ".length))).toEqual({
      uri: URI,
      range: rangeAt("name: slack", "name: ".length, 5),
    });
    expect(definition(text, document, opened.at("type: git", "type: ".length))).toBeNull();
  });

  test("nothing where there is no name", () => {
    expect(definition(text, document, opened.at("trigger: true", 2))).toBeNull();
  });
});

describe("find references", () => {
  test("every get of a resource, with or without its definition", () => {
    const at = opened.at("name: repo", "name: r".length);
    const gets = [rangeAt("get: repo", "get: ".length, 4), rangeAt("get: repo", "get: ".length, 4, 2)];
    expect(references(text, document, at, false).map((l) => l.range)).toEqual(gets);
    expect(references(text, document, at, true).map((l) => l.range)).toEqual([
      rangeAt("name: repo", "name: ".length, 4),
      ...gets,
    ]);
  });

  test("a job's references: `passed` and group entries", () => {
    const found = references(text, document, opened.at("name: ship", "name: ".length), false);
    expect(found.map((l) => l.range)).toEqual([rangeAt("ship]", 0, 4)]);
    expect(references(text, document, opened.at("name: unit", "name: ".length), false)).toHaveLength(2);
  });

  test("none where there is no name", () => {
    expect(references(text, document, opened.at("serial", 1), true)).toEqual([]);
  });

  test("a name written more often than that: the first places in the text, where every one was sent", () => {
    const n = MAX_REFERENCES + 10;
    const many = open(
      `resources:\n  - name: r|epo\n    type: git\njobs:\n  - name: j\n    plan:\n${"      - get: repo\n".repeat(n)}`,
    );
    const found = references(many.text, many.document, many.cursor, true);
    expect(found).toHaveLength(MAX_REFERENCES);
    expect(found[0]?.range.start).toEqual({ line: 1, character: 10 });
    expect(found.slice(1).map((l) => l.range.start.line)).toEqual(
      Array.from({ length: MAX_REFERENCES - 1 }, (_, i) => 6 + i),
    );
    expect(references(many.text, many.document, many.cursor, false)[0]?.range.start).toEqual({
      line: 6,
      character: 13,
    });
  });
});

describe("hover", () => {
  test("on a key: the field's documentation, marked required where it is", () => {
    expect(hover(text, document, docs, opened.at("serial: true", 2))?.contents).toEqual({
      kind: "markdown",
      value: "**serial**\n\nRun one build at a time (same as `max_in_flight: 1`).",
    });
    expect(shown(hover(text, document, docs, opened.at("name: unit", 1)))).toMatch(/^\*\*name\*\* \(required\)\n\n/);
    expect(shown(hover(text, document, docs, opened.at("plan:", 1)))).toMatch(/^\*\*plan\*\*\n\n/);
  });

  test("on a resource name: its definition, dedented, with the name's range", () => {
    const found = hover(text, document, docs, opened.at("get: repo", "get: r".length));
    expect(found).toEqual({
      contents: {
        kind: "markdown",
        value:
          "**resource** `repo`\n\n```yaml\nname: repo\ntype: git\nsource: { uri: https://example.com/repo.git }\n```",
      },
      range: rangeAt("get: repo", "get: ".length, 4),
    });
  });

  test("on a job name in `passed`: the job's definition", () => {
    const value = shown(hover(text, document, docs, opened.at("[unit]", 1)));
    expect(value).toBe(
      "**job** `unit`\n\n```yaml\nname: unit\nserial: true\nplan:\n  - get: repo\n    trigger: true\n```",
    );
  });

  test("on a type of Concourse's own, and on a name defined nowhere", () => {
    const core = hover(text, document, docs, opened.at("type: git", "type: g".length));
    expect(shown(core)).toBe(
      "**resource type** `git`\n\na resource type of Concourse's own (not defined in this pipeline)",
    );
    const missing = open("jobs:\n  - name: a\n    plan:\n      - get: nowh|ere\n");
    expect(shown(hover(missing.text, missing.document, docs, missing.cursor))).toBe(
      "**resource** `nowhere`\n\nnot defined in this pipeline",
    );
  });

  test("a long definition is cut", () => {
    const long = open(
      `jobs:\n  - name: a\n    plan:\n${"      - get: x\n".repeat(30)}  - name: b\n    plan:\n      - get: x\n        passed: [|a]\n`,
    );
    const value = shown(hover(long.text, long.document, docs, long.cursor)) ?? "";
    expect(value.split("\n").filter((l) => l.startsWith("  - get: x"))).toHaveLength(18);
    expect(value).toMatch(/\n# \.\.\.\n```$/);
  });

  test("a long line of a definition is cut at 200 characters, where a line of megabytes was shown whole", () => {
    const items = "x, ".repeat(1_000_000);
    const wide = open(
      `jobs:\n  - name: a\n    plan: [${items}]\n  - name: b\n    plan:\n      - get: x\n        passed: [|a]\n`,
    );
    expect(shown(hover(wide.text, wide.document, docs, wide.cursor))).toBe(
      `**job** \`a\`\n\n\`\`\`yaml\nname: a\nplan: [${items.slice(0, 193)}…\n\`\`\``,
    );
  });

  test("a definition with a long run of blanks in it: no pattern reads the definition, where /\\s+$/ searched for its end from each blank", () => {
    const blanks = " ".repeat(100_000);
    const spaced = open(
      `jobs:\n  - name: a\n    plan: [${blanks}]\n  - name: b\n    plan:\n      - get: x\n        passed: [|a]\n`,
    );
    // the characters given to regular expressions while the hover is made (a search for the end of the blanks from
    // each of them took 33 s): only what the hover shows, at most, may be
    const read = { characters: 0 };
    const methods = [
      Symbol.replace,
      Symbol.split,
      Symbol.match,
      Symbol.matchAll,
      Symbol.search,
      "exec",
      "test",
    ] as const;
    const regExps = RegExp.prototype as unknown as Record<PropertyKey, (input: string) => unknown>;
    const spies = methods.map((method) => vi.spyOn(regExps, method));
    const value = (() => {
      try {
        return shown(hover(spaced.text, spaced.document, docs, spaced.cursor));
      } finally {
        for (const spy of spies) {
          for (const [input] of spy.mock.calls) read.characters += String(input).length;
          spy.mockRestore();
        }
      }
    })();
    expect(read.characters).toBeLessThan(1_000);
    // its line cut at 200 characters
    expect(value).toBe(`**job** \`a\`\n\n\`\`\`yaml\nname: a\nplan: [${" ".repeat(193)}…\n\`\`\``);
  });

  test("on a value: its field's documentation", () => {
    const found = hover(text, document, docs, opened.at("trigger: true", "trigger: t".length));
    expect(shown(found)).toMatch(/^\*\*trigger\*\*\n\n/);
  });

  test("nothing inside free-form data, or on a key without the schema", () => {
    expect(hover(text, document, docs, opened.at("shipped", 2))).toBeNull();
    expect(hover(text, document, undefined, opened.at("serial: true", 2))).toBeNull();
  });
});

// a document with no pipeline key and neither `run` nor `platform` is not yet plainly either kind (plainKindOf):
// the server reads it as a pipeline, and a key at its top, or under a key of one kind, is documented in each kind that
// has it
describe("hover in a document not yet plainly a pipeline or a task config", () => {
  const hoverAt = (marked: string, with_ = docs) => {
    const { text, document, cursor } = open(marked);
    return shown(hover(text, document, with_, cursor));
  };
  const taskDoc = (key: string) => docs.fieldAt([key], undefined, "task")?.description;

  test.each([
    ["inputs alone", "in|puts: [{ name: src }]\n", "inputs"],
    ["image_resource beside caches", "caches: []\nimage_res|ource: { type: registry-image }\n", "image_resource"],
    ["params, before a key of neither", "par|ams: { A: b }\nnotes: x\n", "params"],
    ["rootfs_uri, on its value", "rootfs_uri: docker:///alp|ine\ncontainer_limits: { cpu: 1 }\n", "rootfs_uri"],
  ])("a task config's key (%s): the task config's documentation, saying so", (_, marked, key) => {
    expect(taskDoc(key)).toEqual(expect.any(String));
    expect(hoverAt(marked)).toBe(`**${key}** (task config)\n\n${taskDoc(key)}`);
  });

  test.each([
    ["image_resource's type", "image_resource:\n  ty|pe: registry-image\n", ["image_resource", "type"]],
    ["an input's name", "inputs:\n  - na|me: src\n", ["inputs", 0, "name"]],
    ["container_limits' cpu, on its value", "container_limits:\n  cpu: 1|0\n", ["container_limits", "cpu"]],
  ])("under a task config's key (%s): the task config's documentation, saying so", (_, marked, path) => {
    const field = docs.fieldAt(path, undefined, "task");
    expect(field?.description).toEqual(expect.any(String));
    const note = field?.required === true ? "task config, required" : "task config";
    expect(hoverAt(marked)).toBe(`**${field?.key}** (${note})\n\n${field?.description}`);
  });

  test("once plainly one kind, its own documentation only, not saying the kind", () => {
    expect(hoverAt("platform: linux\nin|puts: []\n")).toBe(`**inputs**\n\n${taskDoc("inputs")}`);
    expect(hoverAt("jobs: []\nin|puts: []\n")).toBeUndefined();
    expect(hoverAt("inputs: []\njo|bs: []\n")).toMatch(/^\*\*jobs\*\* \(required\)\n\n/);
  });

  test("a key of neither kind: nothing", () => {
    expect(hoverAt("no|tes: x\n")).toBeUndefined();
  });

  test("a key of both kinds: both, briefly (a first paragraph each), each saying its kind", () => {
    // no key is in both of today's vocabularies: a schema where `params` is in both
    const both = schemaDocs({
      definitions: {
        Pipeline: {
          type: "object",
          properties: { jobs: { description: "The jobs." }, params: { description: "A pipeline's.\n\nAt length." } },
          required: ["jobs", "params"],
        },
        TaskConfig: {
          type: "object",
          properties: { run: { description: "The command." }, params: { description: "A task's.\n\nAt length." } },
          required: ["run"],
        },
      },
    });
    expect(hoverAt("par|ams: {}\n", both)).toBe(
      "**params** (pipeline, required)\n\nA pipeline's.\n\n---\n\n**params** (task config)\n\nA task's.",
    );
    // one kind's: whole
    expect(hoverAt("jobs: []\npar|ams: {}\n", both)).toBe("**params** (required)\n\nA pipeline's.\n\nAt length.");
  });
});

// fly refuses a text with a key written twice in a mapping (`mapping key "jobs" already defined`) and reads neither
// copy; the editor reads the last, and, at a place under another copy, the text as if that copy were the one written
describe("under the first of two `jobs:`", () => {
  const TWICE = `resources:
  - name: repo
    type: git
jobs:
  - name: unit
    plan:
      - get: repo
      - get: repo
        passed: [unit]
jobs:
  - name: ship
    plan:
      - get: repo
        passed: [unit]
`;
  const twice = open(TWICE);
  const at = (needle: string, delta: number, n = 1) => twice.at(needle, delta, n);
  const range = (needle: string, delta: number, length: number, n = 1) => {
    const start = at(needle, delta, n);
    return { uri: URI, range: { start, end: { line: start.line, character: start.character + length } } };
  };

  test("the validator reports the second `jobs:`", () => {
    expect(validateText(TWICE).diagnostics.map((d) => `${d.loc?.line}:${d.loc?.col} ${d.message}`)).toEqual([
      '10:1 mapping key "jobs" already defined at line 4',
    ]);
  });

  test("hover on a job's name and on a resource got there: their definitions", () => {
    expect(shown(hover(twice.text, twice.document, docs, at("name: unit", "name: u".length)))).toBe(
      "**job** `unit`\n\n```yaml\nname: unit\nplan:\n  - get: repo\n  - get: repo\n    passed: [unit]\n```",
    );
    expect(shown(hover(twice.text, twice.document, docs, at("get: repo", "get: r".length)))).toBe(
      "**resource** `repo`\n\n```yaml\nname: repo\ntype: git\n```",
    );
  });

  test("go to definition from a get and from `passed`", () => {
    expect(definition(twice.text, twice.document, at("get: repo", "get: r".length))).toEqual(
      range("name: repo", "name: ".length, 4),
    );
    expect(definition(twice.text, twice.document, at("[unit]", 1))).toEqual(range("name: unit", "name: ".length, 4));
  });

  // fly reads neither copy; the editor counts a name defined under any copy as defined (the duplicate key stays the
  // one error, and a rename is still refused)
  test("under the last one, a job defined only under the first: its definition there, for hover and go to definition", () => {
    expect(shown(hover(twice.text, twice.document, docs, at("[unit]", 1, 2)))).toBe(
      "**job** `unit`\n\n```yaml\nname: unit\nplan:\n  - get: repo\n  - get: repo\n    passed: [unit]\n```",
    );
    expect(definition(twice.text, twice.document, at("[unit]", 1, 2))).toEqual(range("name: unit", "name: ".length, 4));
    expect(definition(twice.text, twice.document, at("get: repo", "get: r".length, 3))).toEqual(
      range("name: repo", "name: ".length, 4),
    );
  });

  test("the references of a job are those under each copy, from either one", () => {
    const both = [range("[unit]", 1, 4), range("[unit]", 1, 4, 2)];
    expect(references(twice.text, twice.document, at("name: unit", "name: u".length), false)).toEqual(both);
    expect(references(twice.text, twice.document, at("[unit]", 1, 2), true)).toEqual([
      range("name: unit", "name: ".length, 4),
      ...both,
    ]);
  });

  test("the outline has the jobs under each copy; a job's name under the last copy is offered there", () => {
    expect(documentSymbols(twice.text, twice.document).map((s) => [s.name, s.detail])).toEqual([
      ["repo", "resource"],
      ["unit", "job"],
      ["ship", "job"],
    ]);
    const typing = open(TWICE.replace(/passed: \[unit\]\n$/, "passed: [|]\n"));
    expect(completion(typing.text, typing.document, docs, typing.cursor).map((c) => c.label)).toEqual(["ship", "unit"]);
  });

  test("a rename of the job is still refused (it is written under a copy that is not read), and so is one to its name", () => {
    expect(rename(twice.text, twice.document, at("[unit]", 1, 2), "test")).toBeInstanceOf(ResponseError);
    const toUnit = rename(twice.text, twice.document, at("name: ship", "name: s".length), "unit");
    expect(toUnit).toBeInstanceOf(ResponseError);
    expect((toUnit as ResponseError<unknown>).message).toBe("there is already a job named 'unit'");
  });
});

describe("document symbols", () => {
  test("resource types, resources, jobs and groups, in text order, with their item's and name's ranges", () => {
    const symbols = documentSymbols(text, document);
    expect(symbols.map((s) => [s.name, s.detail])).toEqual([
      ["slack", "resource type"],
      ["repo", "resource"],
      ["notify", "resource"],
      ["unit", "job"],
      ["ship", "job"],
      ["all", "group"],
    ]);
    const repo = symbols[1];
    expect(repo?.selectionRange).toEqual(rangeAt("name: repo", "name: ".length, 4));
    expect(repo?.range.start).toEqual(opened.at("name: repo"));
    expect(repo?.range.end).toEqual(opened.at("  - name: notify"));
  });

  test("a text that does not parse has an outline of what could be read, and never throws", () => {
    expect(documentSymbols(open("jobs: [\n").text, open("jobs: [\n").document)).toEqual([]);
  });
});

describe("names written through YAML aliases and merge keys", () => {
  /** `build` is named through an alias of a group entry; `merged` takes its name from a merge key. */
  const ALIASED = `base_job: &base_job
  name: merged
  plan:
    - get: repo
groups:
  - name: all
    jobs:
      - &build-name build
      - deploy
      - merged
resources:
  - name: repo
    type: git
    source: { uri: https://example.com/repo.git }
jobs:
  - name: *build-name
    plan:
      - get: repo
  - <<: *base_job
    plan:
      - get: repo
        passed: [build]
  - name: deploy
    plan:
      - get: repo
        passed: [build, merged]
`;
  const aliased = open(ALIASED);
  const at = (needle: string, delta = 0, n = 1) => aliased.at(needle, delta, n);
  const range = (needle: string, length: number, n = 1) => {
    const start = at(needle, 0, n);
    return { start, end: { line: start.line, character: start.character + length } };
  };

  test("the validator reads both jobs: no errors, and each job's `passed` is satisfied", () => {
    const errors = validateText(ALIASED).diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.ruleId} ${d.message}`)).toEqual([]);
  });

  test("both jobs are in the outline, their names' ranges on the alias written in the job", () => {
    const jobs = documentSymbols(aliased.text, aliased.document).filter((s) => s.detail === "job");
    expect(jobs.map((s) => [s.name, s.selectionRange])).toEqual([
      ["build", range("*build-name", "*build-name".length)],
      ["merged", range("*base_job", "*base_job".length)],
      ["deploy", range("deploy", "deploy".length, 2)],
    ]);
    for (const s of jobs) expect(s.range.start.line).toBeLessThanOrEqual(s.selectionRange.start.line);
  });

  test("`passed` goes to the job, and the hover shows the job, not 'not defined'", () => {
    const toBuild = definition(aliased.text, aliased.document, at("passed: [build, merged]", "passed: [b".length));
    expect(toBuild).toEqual({ uri: URI, range: range("*build-name", "*build-name".length) });
    const toMerged = definition(aliased.text, aliased.document, at("merged]", 1));
    expect(toMerged).toEqual({ uri: URI, range: range("*base_job", "*base_job".length) });
    expect(shown(hover(aliased.text, aliased.document, docs, at("[build]", 1)))).toBe(
      "**job** `build`\n\n```yaml\nname: *build-name\nplan:\n  - get: repo\n```",
    );
    expect(shown(hover(aliased.text, aliased.document, docs, at("merged]", 1)))).toMatch(
      /^\*\*job\*\* `merged`\n\n```yaml\n<<: \*base_job\n/,
    );
  });
});
