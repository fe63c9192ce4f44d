import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { CST, Parser, parse } from "yaml";
import { corpusDir } from "../../test/helpers/corpus.ts";
import { TASK_CONFIG_FIELDS } from "../concourse/step-fields.ts";
import { isObject } from "../model/common.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { STEP_KINDS } from "../model/step.ts";
import { PIPELINE_MARKERS, readingOf, TASK_MARKERS } from "../parse/document-kind.ts";
import { validateText } from "../validate/validate-text.ts";
import { walkPipelineSteps } from "../walk/walk-steps.ts";
import { loadSchema } from "./schema-file.ts";

const schema = loadSchema();
if (schema === undefined) throw new Error("dist/schema.json is missing: run `npm run build` first");
const check: ValidateFunction = new Ajv({ strict: true, allErrors: true }).compile(schema);
/** Reads YAML as the editor's YAML extension and check-jsonschema do: YAML 1.2 with merge keys. */
const read = (text: string): unknown => parse(text, { merge: true, maxAliasCount: -1 });
const errorsOf = (text: string) => (check(read(text)) ? [] : (check.errors ?? []));

const corpus = corpusDir("pipelines");
const corpusFiles = corpus === undefined ? [] : readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f));
const corpusText = (file: string): string => readFileSync(join(corpus ?? "", file), "utf8");
/** Findings about the shape of values (types, unknown keys, steps), which the schema must catch too. */
const SHAPE_RULES = new Set([
  "type-mismatch",
  "value-invalid",
  "unknown-field",
  "unknown-field-rejected",
  "step-unknown-fields",
  "task-config-unknown-fields",
  "step-no-core-type",
  "step-empty",
]);
/** hangar validate's errors, the file read as `hangar validate` reads it by default (`--as auto`), as the schema does. */
const hangarErrors = (text: string) =>
  validateText(text, { file: "pipeline.yml", as: "auto" }).diagnostics.filter((d) => d.severity === "error");

describe.skipIf(corpusFiles.length === 0)(
  "a corpus pipeline passes the schema when hangar validate accepts it, and fails it for a shape error hangar finds",
  () => {
    const checked: string[] = [];
    afterAll(() => {
      // most of the corpus is valid: the test must not pass by skipping it
      expect(checked.length).toBeGreaterThan(corpusFiles.length / 2);
    });
    test.each(corpusFiles)("%s", (file) => {
      const text = corpusText(file);
      const errors = hangarErrors(text);
      if (errors.length === 0) {
        checked.push(file);
        expect(errorsOf(text)).toEqual([]);
      } else if (errorsOf(text).length > 0) {
        // what the schema refuses is a mistake of shape, which hangar validate reports as one
        expect(errors.filter((d) => SHAPE_RULES.has(d.ruleId))).not.toEqual([]);
      }
    });
  },
);

/**
 * A text with its plain ints, floats and booleans written as go-yaml v2 reads them and a YAML 1.2 reader does not: an
 * int of two digits or more with a `_` after its first (`1_2`), one of a digit in binary (`0b1`), a float with a `_`
 * after its first digit (`1_.5`), `true` and `false` as `yes` and `no`. Concourse reads the text as it read the
 * original; `count` is how many scalars were written anew.
 */
function respelled(text: string): { text: string; count: number } {
  const edits: { offset: number; length: number; source: string }[] = [];
  const respell = (source: string): string | undefined => {
    if (/^-?[1-9][0-9]+(?:\.[0-9]+)?$|^-?[0-9]\.[0-9]+$/.test(source)) return source.replace(/[0-9]/, "$&_");
    if (/^[0-9]$/.test(source)) return `0b${Number(source).toString(2)}`;
    return source === "true" ? "yes" : source === "false" ? "no" : undefined;
  };
  for (const token of new Parser().parse(text)) {
    if (token.type !== "document") continue;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (node?.type !== "scalar") continue;
        const source = respell(node.source);
        if (source !== undefined) edits.push({ offset: node.offset, length: node.source.length, source });
      }
    });
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, edit.offset) + edit.source + out.slice(edit.offset + edit.length);
  }
  return { text: out, count: edits.length };
}

describe.skipIf(corpusFiles.length === 0)(
  "a corpus pipeline hangar validate accepts, its numbers and booleans written as go-yaml reads them and YAML 1.2 does not, passes both",
  () => {
    const counts: number[] = [];
    afterAll(() => {
      expect(counts.length).toBeGreaterThan(corpusFiles.length / 2);
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    });
    test.each(corpusFiles)("%s", (file) => {
      const original = corpusText(file);
      if (hangarErrors(original).length > 0) return;
      const { text, count } = respelled(original);
      counts.push(count);
      expect(hangarErrors(text)).toEqual([]);
      expect(errorsOf(text)).toEqual([]);
    });
  },
);

test("respelled writes ints, floats and booleans as go-yaml reads them and YAML 1.2 does not, nothing else", () => {
  const { text, count } = respelled(
    "a: 12\nb: [7, -1.5, true]\nc: { false: x, d: '12', e: 0755, f: 1e3, g: v1 }\nh: |\n  12\n",
  );
  expect(text).toBe("a: 1_2\nb: [0b111, -1_.5, yes]\nc: { no: x, d: '12', e: 0755, f: 1e3, g: v1 }\nh: |\n  12\n");
  expect(count).toBe(5);
});

/**
 * The inline task configs of the corpus's pipelines, each as the task config file it could be (JSON, which YAML 1.1
 * and 1.2 read alike): the schema reads a file as hangar validate does, so it takes those as task configs.
 */
const corpusTaskConfigs = corpusFiles.flatMap((file) => {
  const pipeline = read(corpusText(file));
  if (!isObject(pipeline)) return [];
  return [...walkPipelineSteps(pipeline as unknown as Pipeline)].flatMap(({ step, path }) => {
    const config = (step as { config?: unknown }).config;
    return "task" in step && isObject(config) ? [[`${file} ${path.join(".")}`, JSON.stringify(config)] as const] : [];
  });
});
describe.skipIf(corpusTaskConfigs.length === 0)(
  "a corpus task config, as a file, that hangar validate accepts passes the schema, read as a task config",
  () => {
    const checked: string[] = [];
    afterAll(() => {
      expect(checked.length).toBeGreaterThan(corpusTaskConfigs.length / 2);
    });
    test.each(corpusTaskConfigs)("%s", (name, text) => {
      const validated = validateText(text, { file: "task.json", as: "auto" });
      if (validated.readAs !== "task" || validated.diagnostics.some((d) => d.severity === "error")) return;
      checked.push(name);
      expect(errorsOf(text)).toEqual([]);
    });
  },
);
if (corpusFiles.length === 0) test.skip("corpus pipelines (../shared/corpus/pipelines is absent)", () => {});

const ONE_JOB = "jobs:\n  - name: a\n    plan: [{ task: t, file: x/t.yml }]\n";
const pipelineWith = (step: string) => `
resources:
  - name: src
    type: git
    source: { uri: "https://git.example.com/src.git" }
jobs:
  - name: build
    plan:
${step
  .trim()
  .split("\n")
  .map((l) => `      ${l}`)
  .join("\n")}
`;

describe("shape errors fail the schema, as they fail hangar", () => {
  test.each([
    ["an unknown job key", "jobs:\n  - name: a\n    plan: []\n    seriall: true\n"],
    ["an unknown resource key", `resources:\n  - name: a\n    type: git\n    chek_every: 1m\n${ONE_JOB}`],
    ["a step with no core key", pipelineWith("- trigger: true")],
    ["an unknown step key", pipelineWith("- get: src\n  triger: true")],
    ["get and put in one step: the put wins and get is unknown", pipelineWith("- put: src\n  get: src")],
    ["a task and a get: the task wins", pipelineWith("- get: src\n  task: t\n  file: src/t.yml")],
    ["attempts that is not a number", pipelineWith("- get: src\n  attempts: many")],
    ["a string where a list is expected", pipelineWith("- get: src\n  passed: build")],
    [
      "an unknown key of a task's inline config",
      pipelineWith("- task: t\n  config:\n    platform: linux\n    run: { path: ls }\n    ouputs: []"),
    ],
    ["a group that is not a mapping", `${ONE_JOB}groups: [one]\n`],
    ["trigger that is not a boolean", pipelineWith("- get: src\n  trigger: sometimes")],
  ])("%s", (_, text) => {
    expect(hangarErrors(text).filter((d) => SHAPE_RULES.has(d.ruleId)).length).toBeGreaterThan(0);
    expect(errorsOf(text).length).toBeGreaterThan(0);
  });

  test("an unknown top-level key, which set-pipeline drops, may hold anything (YAML anchors)", () => {
    const text = `x-config:\n  repo: &repo { uri: https://example.com/r.git }\n  n: [1, { a: b }]\nanchors: 3\n${ONE_JOB}`;
    expect(hangarErrors(text)).toEqual([]);
    expect(validateText(text).diagnostics.map((d) => d.ruleId)).toEqual([
      "unknown-field-dropped",
      "unknown-field-dropped",
    ]);
    expect(errorsOf(text)).toEqual([]);
  });

  test("a ((var)) is accepted where a number, boolean, list or step is expected", () => {
    const text = pipelineWith("- get: src\n  attempts: ((n))\n  trigger: ((t))\n  passed: ((jobs))\n- ((a-step))");
    expect(errorsOf(text)).toEqual([]);
    expect(errorsOf(pipelineWith("- get: src\n  attempts: (n)")).length).toBeGreaterThan(0);
  });

  test.each([
    ["no var to fly (a space in its name)", "((a b))"],
    ["two vars, which fly puts into a string", "((a))((b))"],
    ["a var and more", "x((n))"],
    ["a var of a var source, which fly leaves for the credential manager", "((vault:n))"],
    ["a name fly cannot read (an empty field)", "((a..b))"],
  ])("a string fly puts no value in place of, whole, fails both where a number is expected: %s", (_, value) => {
    const text = pipelineWith(`- get: src\n  attempts: ${value}`);
    expect(hangarErrors(text).length).toBeGreaterThan(0);
    expect(errorsOf(text).length).toBeGreaterThan(0);
  });

  test("user_data, which Concourse keeps without reading (also with --strict), may hold anything", () => {
    const text = `${ONE_JOB}user_data:\n  anchors:\n    - &repo { uri: https://example.com/r.git }\n  n: 1\n`;
    expect(validateText(text, { strict: true }).diagnostics).toEqual([]);
    expect(errorsOf(text)).toEqual([]);
  });

  test.each([
    ["a job with no plan (an empty do)", "jobs:\n  - name: a\n"],
    ["a job with plan: null", "jobs:\n  - name: a\n    plan:\n"],
    [
      "a resource type and a prototype with no source",
      "resource_types:\n  - name: rt\n    type: registry-image\nprototypes:\n  - name: p\n    type: registry-image\n" +
        "resources:\n  - name: r\n    type: rt\njobs:\n  - name: a\n    plan: [{ get: r }]\n",
    ],
  ])("what Concourse does not require, the schema does not either: %s", (_, text) => {
    expect(validateText(text, { strict: true }).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(errorsOf(text)).toEqual([]);
  });

  test("a task step's inline config with no run (or a run with no path) is valid: the image's ENTRYPOINT runs", () => {
    for (const config of [
      "{ platform: linux }",
      "{ platform: linux, run: { args: [x] } }",
      "{ platform: linux, run: }",
    ]) {
      const text = pipelineWith(`- get: src\n- task: t\n  config: ${config}`);
      expect([config, hangarErrors(text)]).toEqual([config, []]);
      expect([config, errorsOf(text)]).toEqual([config, []]);
    }
    // what Concourse does ask of it: a platform
    const noPlatform = pipelineWith("- get: src\n- task: t\n  config: { run: { path: ls } }");
    expect(hangarErrors(noPlatform).map((d) => d.ruleId)).toEqual(["task-config-no-platform"]);
    expect(errorsOf(noPlatform).map((e) => e.params)).toContainEqual({ missingProperty: "platform" });
  });

  test("what Concourse requires, the schema requires: a job's and a resource type's name and type", () => {
    for (const text of ["jobs:\n  - plan: []\n", `resource_types:\n  - name: rt\n${ONE_JOB}`]) {
      expect(hangarErrors(text).length).toBeGreaterThan(0);
      expect(errorsOf(text).map((e) => e.params)).toContainEqual({
        missingProperty: text.startsWith("jobs") ? "name" : "type",
      });
    }
  });

  const JOB_WITH = (fields: string) => `jobs:\n  - name: a\n${fields}    plan: []\n`;
  test.each([
    ["a step's attempts", pipelineWith("- get: src\n  attempts: 2.5")],
    ["attempts of a task step", pipelineWith("- get: src\n- task: t\n  file: src/t.yml\n  attempts: 2.5")],
    ["a job's max_in_flight", JOB_WITH("    max_in_flight: 1.5\n")],
    ["build_logs_to_retain", JOB_WITH("    build_logs_to_retain: 2.5\n")],
    ["build_log_retention.builds", JOB_WITH("    build_log_retention: { builds: 2.5 }\n")],
    ["build_log_retention.days", JOB_WITH("    build_log_retention: { days: 0.5 }\n")],
    [
      "build_log_retention.minimum_succeeded_builds",
      JOB_WITH("    build_log_retention: { minimum_succeeded_builds: 1.5 }\n"),
    ],
    ["in_parallel's limit", pipelineWith("- in_parallel: { limit: 1.5, steps: [{ get: src }] }")],
    [
      "an across var's max_in_flight",
      pipelineWith("- get: src\n  across: [{ var: v, values: [1], max_in_flight: 1.5 }]"),
    ],
    ["attempts of a step in a job's hook", `${JOB_WITH("    on_failure: { do: [], attempts: 2.5 }\n")}`],
  ])("a fraction where Concourse decodes a Go int fails both: %s", (_, text) => {
    expect(hangarErrors(text).map((d) => d.message)).toEqual([
      expect.stringMatching(/^json: cannot unmarshal number .* of type int$/),
    ]);
    expect(errorsOf(text).map((e) => e.params)).toContainEqual({ type: "integer" });
    const whole = text.replace(/\b\d\.5\b/, "2");
    expect(hangarErrors(whole)).toEqual([]);
    expect(errorsOf(whole)).toEqual([]);
    const variable = text.replace(/\b\d\.5\b/, "((n))");
    expect(errorsOf(variable)).toEqual([]);
  });

  test("a number where Concourse reads a float stays a number: a task's cpu limit", () => {
    const text = pipelineWith("- get: src\n- task: t\n  file: src/t.yml\n  container_limits: { cpu: 1.5 }");
    expect(hangarErrors(text)).toEqual([]);
    expect(errorsOf(text)).toEqual([]);
  });

  test("a YAML 1.1 boolean (yes, on, N), which a YAML 1.2 reader leaves a string, is a boolean, as Concourse reads it", () => {
    const text = `resources:
  - name: src
    type: git
    source: { uri: "https://git.example.com/src.git" }
    public: yes
jobs:
  - name: build
    serial: on
    interruptible: NO
    plan:
      - get: src
        trigger: Y
      - put: src
        no_get: off
`;
    expect(validateText(text, { strict: true }).diagnostics).toEqual([]);
    expect(errorsOf(text)).toEqual([]);
    // a word no YAML reads as a boolean, and "true" quoted, which Concourse refuses to decode into a bool
    for (const value of ["yess", '"true"']) {
      const wrong = pipelineWith(`- get: src\n  trigger: ${value}`);
      expect(hangarErrors(wrong).map((d) => d.ruleId)).toEqual(["type-mismatch"]);
      expect(errorsOf(wrong).length).toBeGreaterThan(0);
    }
  });

  test("a number or boolean for a string outside steps is a string, as sigs.k8s.io/yaml makes it; in a step it fails both", () => {
    const text = `resources:
  - name: 2024
    type: git
    source: { uri: "https://git.example.com/src.git" }
    version: { ref: 12 }
    tags: [1]
    webhook_token: 123456
    check_timeout: 5
jobs:
  - name: 7
    old_name: 6
    serial_groups: [5, true]
    plan:
      - get: "2024"
        tags: [t]
groups:
  - name: 1.5
    jobs: [7]
    resources: ["2024"]
`;
    expect(hangarErrors(text)).toEqual([]);
    expect(errorsOf(text)).toEqual([]);
    // steps are decoded strictly: the same numbers there (in Tags and Version, which resources use too) fail
    for (const step of ["- get: 2024", '- get: "2024"\n  tags: [1]', '- get: "2024"\n  version: { ref: 12 }']) {
      const wrong = text.replace(/ {6}- get: "2024"\n {8}tags: \[t\]\n/, `${step.replace(/^/gm, "      ")}\n`);
      expect(wrong).not.toBe(text);
      expect(hangarErrors(wrong).length).toBeGreaterThan(0);
      expect(errorsOf(wrong).length).toBeGreaterThan(0);
    }
  });

  // Step.UnmarshalJSON decodes a step again from JSON: no string is made of a boolean or number go-yaml reads
  test.each([
    ["a YAML 1.1 boolean for a get", "yes", "- get: yes"],
    ["a YAML 1.1 boolean for a put", "on", "- put: on"],
    ["an int with _ for a get", "1_000", "- get: 1_000"],
    ["a hex int with 0X for a task", "0X1F", "- task: 0X1F\n  file: x/t.yml"],
    ["a float with _ for a set_pipeline's file", "1_0.5", "- set_pipeline: p\n  file: 1_0.5"],
    ["a uint64 for a load_var", `0b1${"0".repeat(63)}`, `- load_var: v\n  file: 0b1${"0".repeat(63)}`],
    ["a YAML 1.1 boolean among a step's tags", "Y", "- get: src\n  tags: [Y]"],
    ["an int with _ in a get's version", "1_000", "- get: src\n  version: { ref: 1_000 }"],
    [
      "a YAML 1.1 boolean for an inline config's platform",
      "on",
      "- task: t\n  config: { platform: on, run: { path: ls } }",
    ],
    [
      "an int with _ among an inline config's args",
      "1_0",
      "- task: t\n  config: { platform: linux, run: { path: ls, args: [1_0] } }",
    ],
  ])("%s, which YAML 1.2 leaves a string, fails both", (_, word, step) => {
    const text = pipelineWith(step);
    expect(hangarErrors(text).filter((d) => d.ruleId === "type-mismatch" || d.ruleId === "value-invalid")).not.toEqual(
      [],
    );
    expect(errorsOf(text).length).toBeGreaterThan(0);
    // the same words outside steps are strings to Concourse (sigs.k8s.io/yaml makes them so)
    expect(step).toContain(word);
    const outside =
      `resources:\n  - name: src\n    type: git\n    source: {}\n    tags: [${word}]\n    webhook_token: ${word}\n` +
      `jobs:\n  - name: ${word}\n    old_name: ${word}\n    plan: [{ get: src }]\n`;
    expect(hangarErrors(outside)).toEqual([]);
    expect(errorsOf(outside)).toEqual([]);
  });

  test.each([
    ["a platform", "platform: yes\nrun: { path: ls }\n"],
    ["a run's path", "platform: linux\nrun: { path: 1_000 }\n"],
  ])("a task config file takes no boolean or number for a string either: %s", (_, text) => {
    expect(hangarErrors(text).map((d) => d.ruleId)).toEqual(["type-mismatch"]);
    expect(errorsOf(text).length).toBeGreaterThan(0);
  });

  test('a quoted "yes" or "1_000" in a step, a string to Concourse, reads in YAML 1.2 as the plain one: the schema fails it', () => {
    for (const step of ['- get: "yes"', "- get: '1_000'"]) {
      const text = `resources:\n  - name: ${step.slice(7)}\n    type: git\n    source: {}\n${pipelineWith(step).replace(/^\s*resources:[\s\S]*?jobs:/, "jobs:")}`;
      expect(hangarErrors(text)).toEqual([]);
      expect(errorsOf(text).length).toBeGreaterThan(0);
    }
  });

  test.each([".inf", "-.inf", ".nan", "1e400"])(
    "%s for a string outside steps, no JSON number to a YAML 1.2 reader, is a string to Concourse: both pass",
    (value) => {
      const text =
        "resources:\n  - name: src\n    type: git\n    source: {}\n" +
        `    webhook_token: ${value}\njobs:\n  - name: a\n    old_name: ${value}\n    plan: [{ get: src }]\n`;
      expect(hangarErrors(text)).toEqual([]);
      expect(errorsOf(text)).toEqual([]);
    },
  );

  test("optional fields may be null, as Go's decoder leaves them unset", () => {
    expect(errorsOf(pipelineWith("- get: src\n  params:\n  trigger:"))).toEqual([]);
  });

  test("steps follow Concourse's precedence, in the model's order", () => {
    const step = (schema.definitions as Record<string, Record<string, unknown>>).Step;
    const order: string[] = [];
    for (let node = step; node?.if !== undefined; node = node.else as Record<string, unknown>) {
      order.push(((node.if as { required: string[] }).required as string[])[0] as string);
    }
    expect(order).toEqual([...STEP_KINDS]);
  });

  test("descriptions come from the model's doc comments", () => {
    const defs = schema.definitions as Record<
      string,
      { description?: string; properties?: Record<string, { description?: string }> }
    >;
    expect(defs.Job?.properties?.serial?.description).toBe("Run one build at a time (same as `max_in_flight: 1`).");
    expect(defs.GetStep?.description).toMatch(/^Fetch a version of a resource/);
  });
});

describe("what Concourse parses when the pipeline is set, the schema checks too", () => {
  const RESOURCE = (checkEvery: string) =>
    `resources:\n  - name: src\n    type: git\n    source: {}\n    check_every: ${checkEvery}\n` +
    "jobs:\n  - name: a\n    plan: [{ get: src }]\n";
  test.each(["1m", "1h30m", "1.5h", ".5s", "-1m", '"0"', "never", '""', ""])("check_every: %s is valid", (value) => {
    expect(hangarErrors(RESOURCE(value))).toEqual([]);
    expect(errorsOf(RESOURCE(value))).toEqual([]);
  });
  test("check_every: ((every)), which fly fills in, passes the schema", () => {
    expect(errorsOf(RESOURCE("((every))"))).toEqual([]);
  });
  test.each(["1d", "10", "0", "5 minutes", '"1m "', "Never", "1hm", "((every)"])(
    "check_every: %s is invalid",
    (value) => {
      expect(hangarErrors(RESOURCE(value)).map((d) => d.ruleId)).toEqual(["value-invalid"]);
      expect(errorsOf(RESOURCE(value)).length).toBeGreaterThan(0);
    },
  );
  test("check_every of a resource type and a prototype", () => {
    for (const key of ["resource_types", "prototypes"]) {
      const text = `${key}:\n  - name: t\n    type: registry-image\n    check_every: 1d\n${ONE_JOB}`;
      expect(hangarErrors(text).map((d) => d.ruleId)).toEqual(["value-invalid"]);
      expect(errorsOf(text).length).toBeGreaterThan(0);
      expect(errorsOf(text.replace("1d", "24h"))).toEqual([]);
    }
  });

  const WRAPPED = [
    "- do: [{ put: src }]",
    "- try: { put: src }",
    "- in_parallel: [{ put: src }]",
    "- set_pipeline: p\n  file: src/p.yml",
    "- load_var: v\n  file: src/v.txt",
  ];
  test.each(WRAPPED)("a timeout that wraps the step is a Go duration: %s", (step) => {
    const valid = pipelineWith(`- get: src\n${step}\n  timeout: 1h30m`);
    expect(hangarErrors(valid)).toEqual([]);
    expect(errorsOf(valid)).toEqual([]);
    for (const value of ["1d", "soon", '""', ""]) {
      const text = valid.replace("1h30m", value);
      expect(hangarErrors(text).map((d) => d.ruleId)).toEqual(["timeout-invalid-duration"]);
      expect(errorsOf(text).length).toBeGreaterThan(0);
    }
  });
  test.each(["- get: src\n  resource: src", "- put: src", "- task: t\n  file: src/t.yml"])(
    "the timeout of get, put and task is theirs, a Go duration parsed when the step runs (MaybeTimeout): %s",
    (step) => {
      const valid = pipelineWith(`- get: in\n  resource: src\n${step}\n  timeout: 1h30m`);
      for (const value of ["1h30m", "-1s", '""', "", "((t))"]) {
        expect(hangarErrors(valid.replace("1h30m", value))).toEqual([]);
        expect([value, errorsOf(valid.replace("1h30m", value))]).toEqual([value, []]);
      }
      // fly sets the pipeline (the step's own field is not checked then), and the build fails when the step runs:
      // hangar validate warns of it
      for (const value of ["1d", "soon", '"10"', '"1m "']) {
        const text = valid.replace("1h30m", value);
        expect(hangarErrors(text)).toEqual([]);
        expect(validateText(text).diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
          ["step-timeout-invalid", "warning"],
        ]);
        expect([value, errorsOf(text).length > 0]).toEqual([value, true]);
      }
    },
  );
  test("the timeout of a run step, which Concourse never reads, may be any string", () => {
    const text =
      "prototypes:\n  - name: p\n    type: registry-image\njobs:\n  - name: a\n    plan:\n" +
      "      - run: go\n        type: p\n        timeout: 1d\n";
    expect(errorsOf(text)).toEqual([]);
  });

  test.each([
    ["neither file nor config", "- task: t", "neither"],
    ["an empty file and no config", '- task: t\n  file: ""', "neither"],
    ["a null config and no file", "- task: t\n  config:", "neither"],
    ["both file and config", "- task: t\n  file: src/t.yml\n  config: { platform: linux, run: { path: ls } }", "both"],
  ])("a task step needs one of file and config: %s", (_, step, messageId) => {
    const text = pipelineWith(`- get: src\n${step}`);
    expect(hangarErrors(text).map((d) => [d.ruleId, d.message])).toEqual([
      [
        "task-config-or-file",
        messageId === "neither" ? expect.stringMatching(/either/) : expect.stringMatching(/both/),
      ],
    ]);
    expect(errorsOf(text).length).toBeGreaterThan(0);
  });
  test.each([
    ["a file", "- task: t\n  file: src/t.yml"],
    ["a config", "- task: t\n  config: { platform: linux, run: { path: ls } }"],
    ["a file and a null config", "- task: t\n  file: src/t.yml\n  config:"],
    ["an empty file and a config", '- task: t\n  file: ""\n  config: { platform: linux, run: { path: ls } }'],
  ])("a task step with one of file and config is valid: %s", (_, step) => {
    const text = pipelineWith(`- get: src\n${step}`);
    expect(hangarErrors(text)).toEqual([]);
    expect(errorsOf(text)).toEqual([]);
  });
  test("a ((var)) config, which fly fills in, passes the schema", () => {
    expect(errorsOf(pipelineWith("- get: src\n- task: t\n  config: ((task-config))"))).toEqual([]);
  });
});

describe("an int go-yaml reads and YAML 1.2 does not, where Concourse decodes an int", () => {
  const ATTEMPTS = (value: string) => pipelineWith(`- get: src\n  attempts: ${value}`);
  test.each(["1_000", "0b11", "0X1F", "+0x1F", "+0b1", "0o1_7", "1_0.0", "1_000.", "0_8", "01_9"])(
    "%s is an int",
    (value) => {
      expect(typeof read(ATTEMPTS(value))).toBe("object");
      expect(JSON.stringify(read(ATTEMPTS(value)))).toContain(`"attempts":"${value}"`);
      expect(hangarErrors(ATTEMPTS(value))).toEqual([]);
      expect(errorsOf(ATTEMPTS(value))).toEqual([]);
    },
  );
  test("also in a choice of an int and a word, in a job and in a build_log_retention", () => {
    const text =
      "jobs:\n  - name: a\n    max_in_flight: 1_0\n    build_log_retention: { builds: 0b101 }\n    plan:\n" +
      "      - do: []\n        across: [{ var: v, values: [1], max_in_flight: 0X2 }]\n";
    expect(hangarErrors(text)).toEqual([]);
    expect(errorsOf(text)).toEqual([]);
  });
  test.each([
    ["a word", "many"],
    ["a YAML 1.2 int quoted, which Concourse reads as a string", '"12"'],
    ["a YAML 1.2 hex int quoted", '"0x1F"'],
    ["a float with underscores", "1_0.5"],
    ["a digit octal has not", "0_8x"],
  ])("a string that is no int fails both: %s", (_, value) => {
    expect(hangarErrors(ATTEMPTS(value)).map((d) => d.ruleId)).toEqual(["type-mismatch"]);
    expect(errorsOf(ATTEMPTS(value)).length).toBeGreaterThan(0);
  });
  test.each([
    ["past 64 bits", "99999999999999999999"],
    ["past 64 bits, negative", "-99999999999999999999"],
    ["a float past 64 bits", "1e20"],
    ["a hex int past 64 bits", "0x10000000000000000"],
  ])("a number Go's int cannot hold fails both: %s", (_, value) => {
    expect(hangarErrors(ATTEMPTS(value)).map((d) => d.ruleId)).toEqual(["type-mismatch"]);
    expect(errorsOf(ATTEMPTS(value)).length).toBeGreaterThan(0);
  });
  test.each([
    ["with underscores, past 64 bits", "99_999_999_999_999_999_999"],
    ["with underscores, 2^63 (a uint64 to go-yaml)", "9_223_372_036_854_775_808"],
    ["with underscores, below -2^63", "-9_223_372_036_854_775_809"],
    ["in hexadecimal with underscores, 2^63", "0x8000_0000_0000_0000"],
    ["in binary, 2^63", `0b1${"0".repeat(63)}`],
    ["in octal, 2^63", "0o1_000_000_000_000_000_000_000"],
  ])("an int go-yaml reads and YAML 1.2 does not, beyond Go's int, fails both: %s", (_, value) => {
    expect(hangarErrors(ATTEMPTS(value)).map((d) => d.ruleId)).toEqual(["type-mismatch"]);
    expect(errorsOf(ATTEMPTS(value)).length).toBeGreaterThan(0);
  });
  test.each([
    ["2^63 - 1 with underscores", "9_223_372_036_854_775_807"],
    ["19 digits below it", "9_223_372_036_854_775_799"],
    ["2^63 - 1 in hexadecimal", "0x7FFF_FFFF_FFFF_FFFF"],
    ["2^63 - 1 in binary", `0b${"1".repeat(63)}`],
    ["2^63 - 1 in octal", "0o777_777_777_777_777_777_777"],
    ["leading zeros", "0x0000_0000_0000_0000_0001"],
  ])("an int go-yaml reads and YAML 1.2 does not, within Go's int, passes both: %s", (_, value) => {
    expect(hangarErrors(ATTEMPTS(value))).toEqual([]);
    expect(errorsOf(ATTEMPTS(value))).toEqual([]);
  });
  test("-2^63 written with underscores is a Go int to both (attempts then is not positive, which only hangar checks)", () => {
    expect(hangarErrors(ATTEMPTS("-9_223_372_036_854_775_808")).map((d) => d.ruleId)).toEqual([
      "attempts-not-positive",
    ]);
    expect(errorsOf(ATTEMPTS("-9_223_372_036_854_775_808"))).toEqual([]);
  });
  // outside steps too: sigs.k8s.io/yaml makes a string of a number for a Go string, never a number of a string for an
  // int, and encoding/json refuses a string for an int (cannot unmarshal string into Go struct field ... of type int)
  test.each(['"5"', '"017"', '"0x10"', "'2'"])("a digit string quoted, %s, fails both in a job's ints", (value) => {
    const text = `jobs:\n  - name: a\n    max_in_flight: ${value}\n    build_log_retention: { builds: ${value} }\n    plan: []\n`;
    expect(hangarErrors(text).map((d) => d.ruleId)).toEqual(["type-mismatch", "type-mismatch"]);
    expect(errorsOf(text).some((e) => e.instancePath.endsWith("/max_in_flight"))).toBe(true);
    expect(errorsOf(text).some((e) => e.instancePath.endsWith("/build_log_retention/builds"))).toBe(true);
  });
  test("a quoted '1_000', a string to Concourse, reads in YAML 1.2 as the plain 1_000 does: the schema cannot fail it", () => {
    for (const quoted of ['"1_000"', "'1_000'", '"1_0.0"']) {
      expect(read(ATTEMPTS(quoted))).toEqual(read(ATTEMPTS(quoted.slice(1, -1))));
      expect(hangarErrors(ATTEMPTS(quoted)).map((d) => d.ruleId)).toEqual(["type-mismatch"]);
      expect(errorsOf(ATTEMPTS(quoted))).toEqual([]);
    }
  });
  test("the largest int64 passes both, and the range holds in every int field", () => {
    expect(hangarErrors(ATTEMPTS("9223372036854775807"))).toEqual([]);
    expect(errorsOf(ATTEMPTS("9223372036854775807"))).toEqual([]);
    const text =
      "jobs:\n  - name: a\n    max_in_flight: 1\n    build_log_retention: { builds: 1 }\n    plan:\n" +
      "      - do: []\n        across: [{ var: v, values: [1], max_in_flight: 1 }]\n";
    for (const field of ["max_in_flight: 1", "builds: 1", "max_in_flight: 1 }"]) {
      const past = text.replace(field, field.replace("1", "1e20"));
      expect([field, hangarErrors(past).map((d) => d.ruleId)]).toEqual([field, ["type-mismatch"]]);
      expect([field, errorsOf(past).length > 0]).toEqual([field, true]);
    }
  });
});

test("ajv's strict mode compiles the schema, with no allowUnionTypes (a list of types is an anyOf)", () => {
  expect(() => new Ajv({ strict: true }).compile(schema)).not.toThrow();
  expect(JSON.stringify(schema)).not.toMatch(/"type":\[/);
});

test("the package exports the built schemas as hangar/schema.json and hangar/task-schema.json", async () => {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as {
    exports: Record<string, unknown>;
  };
  expect(manifest.exports["./schema.json"]).toBe("./dist/schema.json");
  expect(manifest.exports["./task-schema.json"]).toBe("./dist/task-schema.json");
  const exported = JSON.parse(readFileSync(join(import.meta.dirname, "../..", "dist/schema.json"), "utf8"));
  expect(exported).toEqual(schema);
});

describe("the schema of a task config file (hangar/task-schema.json)", () => {
  const taskSchema = loadSchema("task-schema.json");
  if (taskSchema === undefined) throw new Error("dist/task-schema.json is missing: run `npm run build` first");
  const checkTask = new Ajv({ strict: true, allErrors: true }).compile(taskSchema);
  const taskErrors = (text: string) =>
    checkTask(read(text)) ? [] : (checkTask.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  /** hangar validate's errors for the text, read as a task config file. */
  const validatedErrors = (text: string) =>
    validateText(text, { as: "task" })
      .diagnostics.filter((d) => d.severity === "error")
      .map((d) => d.ruleId);

  test.each([
    [
      "a whole config",
      "platform: linux\nimage_resource: { type: registry-image, source: { repository: x } }\ninputs: [{ name: a, optional: yes }]\noutputs: [{ name: b }]\ncaches: [{ path: c, ttl: 1h }]\nparams: { N: 1 }\ncontainer_limits: { cpu: 2, memory: 1GB }\nrun: { path: make, args: [all] }\n",
    ],
    [
      "no run: the image's ENTRYPOINT/CMD runs",
      "platform: linux\nimage_resource: { type: registry-image, source: { repository: x } }\n",
    ],
    ["a run with no path", "platform: linux\nrun: { args: [--verbose] }\n"],
  ])("%s passes, as hangar validate --as task accepts it", (_name, text) => {
    expect(validatedErrors(text)).toEqual([]);
    expect(taskErrors(text)).toEqual([]);
  });

  // a task step decodes the file it names before it puts any var in place (atc/exec/task_config_source.go), and fly
  // execute -c without -y leaves a var a string: a var stands only where Concourse reads a string
  test.each([
    ["a run", "platform: linux\nrun: ((run))\n", "type-mismatch"],
    ["inputs", "platform: linux\nrun: { path: make }\ninputs: ((inputs))\n", "type-mismatch"],
    [
      "an input's optional",
      "platform: linux\nrun: { path: make }\ninputs: [{ name: a, optional: ((o)) }]\n",
      "type-mismatch",
    ],
    ["a cpu limit", "platform: linux\nrun: { path: make }\ncontainer_limits: { cpu: ((cpu)) }\n", "value-invalid"],
    ["a memory limit", "platform: linux\nrun: { path: make }\ncontainer_limits: { memory: ((m)) }\n", "value-invalid"],
    [
      "an image's source",
      "platform: linux\nimage_resource: { type: registry-image, source: ((src)) }\n",
      "type-mismatch",
    ],
  ])(
    "a ((var)) for a value that is no string fails a task config file, as hangar validate refuses it: %s",
    (_, text, rule) => {
      expect(validatedErrors(text)).toEqual([rule]);
      expect(taskErrors(text)).not.toEqual([]);
      // schema.json reads the file as a task config too
      expect(errorsOf(text)).not.toEqual([]);
      // with the var given as fly execute -y gives it, hangar validate takes the file
      const name = /\(\(([a-z]+)\)\)/.exec(text)?.[1] as string;
      const given = {
        run: { path: "make" },
        inputs: [{ name: "a" }],
        o: true,
        cpu: 2,
        m: "1GB",
        src: { repository: "x" },
      };
      const value = given[name as keyof typeof given];
      const withVar = validateText(text, { as: "task", vars: { pairs: [{ path: [name], value }], files: [] } });
      expect(withVar.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    },
  );

  test("a ((var)) for a string passes a task config file, left for the task step's vars or a credential manager", () => {
    const text =
      "platform: ((platform))\nimage_resource: { type: registry-image, source: { repository: ((repo)) } }\n" +
      "params: { TOKEN: ((token)) }\nrun: { path: ((script)), args: [((arg))] }\ninputs: [{ name: ((in)) }]\n";
    expect(validatedErrors(text)).toEqual([]);
    expect(taskErrors(text)).toEqual([]);
    expect(errorsOf(text)).toEqual([]);
  });

  test("a task step's inline config takes a ((var)) for a value that is no string, which fly fills before Concourse reads the pipeline", () => {
    const text = pipelineWith(
      "- get: src\n- task: t\n  config:\n    platform: linux\n    run: ((run))\n    container_limits: { cpu: ((cpu)) }",
    );
    expect(errorsOf(text)).toEqual([]);
  });

  test.each([
    ["an unknown key", "platform: linux\nrun: { path: make }\nouputs: []\n", "task-config-unknown-fields"],
    ["a number for a string", "platform: linux\nrun: { path: make, args: [-j, 4] }\n", "type-mismatch"],
    ["no platform", "run: { path: make }\n", "task-config-no-platform"],
  ])("%s fails, as hangar validate --as task refuses it", (_name, text, rule) => {
    expect(validatedErrors(text)).toEqual([rule]);
    expect(taskErrors(text)).not.toEqual([]);
  });
});

// atc/container_limits.go: CPULimit decodes a JSON number (float64), a string never; MemoryLimit a number, or a size
// that ParseMemoryLimit reads (digits, then K, M or G, an i and a B optional, in any case)
describe("container_limits, as Concourse decodes them, in a task config file and in a task step's config", () => {
  const LIMITS = (cpu: string, memory: string) =>
    `platform: linux\nrun: { path: make }\ncontainer_limits: { cpu: ${cpu}, memory: ${memory} }\n`;
  const IN_A_STEP = (cpu: string, memory: string) =>
    pipelineWith(
      `- get: src\n- task: t\n  config:\n    platform: linux\n    run: { path: make }\n    container_limits: { cpu: ${cpu}, memory: ${memory} }`,
    );
  test.each([
    ["numbers", "512", "1073741824"],
    ["a float cpu", "1.5", "0"],
    ["sizes", "2", '"1GB"'],
    ["a size in any case, i and B optional", "2", "512mi"],
    ["a memory of digits, quoted", "2", '"017"'],
    ["ints go-yaml reads and YAML 1.2 does not", "1_024", "0b1_0000"],
    ["ints YAML 1.2 reads too", "0x10", "0o17"],
    ["floats go-yaml reads with their _ dropped, which YAML 1.2 leaves strings", "1_0.5", "-1_0e3"],
    ["floats that start with ., a _ between digits", ".5_0", "+_.5"],
    [
      "uint64s past 2^63 in hex and binary, which YAML 1.2 leaves strings",
      "0X8000000000000000",
      `0b1${"0".repeat(63)}`,
    ],
    ["uint64s past 2^63 written with _ and in octal", "0x8000_0000_0000_0000", "0O1777777777777777777777"],
    ["2^63 in hex, a number to YAML 1.2 too", "0x8000000000000000", "0xFFFFFFFFFFFFFFFF"],
  ])("%s pass both", (_, cpu, memory) => {
    for (const text of [LIMITS(cpu, memory), IN_A_STEP(cpu, memory)]) {
      expect(hangarErrors(text)).toEqual([]);
      expect(errorsOf(text)).toEqual([]);
    }
  });
  test.each([
    ["digits, quoted", '"5"'],
    ["a hex int, quoted", '"0x10"'],
    ["an octal int, quoted", '"017"'],
    ["a float, quoted", '"1.5"'],
    ["a size", "1GB"],
    ["a word", "lots"],
    ["a float that starts with ., its _ not between digits (go-yaml keeps it a string)", ".5__0"],
    ["2^64 in binary (go-yaml keeps it a string)", `0b1${"0".repeat(64)}`],
    ["2^64 in hex, with _ (go-yaml keeps it a string)", "0X1_0000_0000_0000_0000"],
    ["2^63 in hex with a sign, which ParseUint refuses (go-yaml keeps it a string)", "+0X8000000000000000"],
  ])("a string for cpu fails both (cpu limit must be an integer): %s", (_, cpu) => {
    for (const text of [LIMITS(cpu, "1GB"), IN_A_STEP(cpu, "1GB")]) {
      expect(hangarErrors(text).map((d) => d.message)).toEqual(["cpu limit must be an integer"]);
      expect(errorsOf(text).length).toBeGreaterThan(0);
    }
  });
  test.each([
    ["a hex int, quoted", '"0x10"'],
    ["a decimal size", "1.5GB"],
    ["a space before the unit", '"1 GB"'],
    ["a unit Concourse has not", "1TB"],
    ["a word", "lots"],
    ["2^64 in binary (go-yaml keeps it a string)", `0b1${"0".repeat(64)}`],
  ])("a memory that is no size fails both (could not parse container memory limit): %s", (_, memory) => {
    for (const text of [LIMITS("2", memory), IN_A_STEP("2", memory)]) {
      expect(hangarErrors(text).map((d) => d.message)).toEqual(["could not parse container memory limit"]);
      expect(errorsOf(text).length).toBeGreaterThan(0);
    }
  });
  test.each([
    ["a boolean", "true"],
    ["a YAML 1.1 boolean", "yes"],
    ["a list", "[1]"],
    ["a mapping", "{ gb: 1 }"],
  ])(
    "a memory that is no number nor string passes both, as MemoryLimit takes it without a word, as no limit: %s",
    (_, memory) => {
      for (const text of [LIMITS("2", memory), IN_A_STEP("2", memory)]) {
        expect(hangarErrors(text)).toEqual([]);
        expect(errorsOf(text)).toEqual([]);
      }
    },
  );
  test.each([
    ["2^64 bytes", '"18446744073709551616"', "18446744073709551616"],
    ["a count of GB past 64 bits", "99999999999999999999GB", "99999999999999999999"],
    ["past 64 bits after leading zeros, which ParseUint names", '"0018446744073709551616k"', "0018446744073709551616"],
  ])(
    "a size whose count is past 64 bits fails both (strconv.ParseUint: value out of range): %s",
    (_, memory, count) => {
      for (const text of [LIMITS("2", memory), IN_A_STEP("2", memory)]) {
        expect(hangarErrors(text).map((d) => d.message)).toEqual([
          `strconv.ParseUint: parsing "${count}": value out of range`,
        ]);
        expect(errorsOf(text).length).toBeGreaterThan(0);
      }
      // the largest uint64 is a count ParseUint reads
      const largest = memory.replace(count, "18446744073709551615");
      for (const text of [LIMITS("2", largest), IN_A_STEP("2", largest)]) {
        expect(hangarErrors(text)).toEqual([]);
        expect(errorsOf(text)).toEqual([]);
      }
    },
  );
  // go-yaml v2 reads an int in base 16 or 8 past 2^64 - 1 as neither int64 nor uint64, and not as a float (its float
  // syntax has no 0x or 0o): a string, which CPULimit and MemoryLimit refuse; the same digits in base 10 it reads as a
  // float, which they take
  test.each([
    ["2^64 in hex", "0x10000000000000000"],
    ["2^64 in octal after 0o", "0o2000000000000000000000"],
    ["past 2^64 in hex", "0x100000000000000000000"],
  ])(
    "a limit past 64 bits in plain %s: Concourse refuses it and the schema passes it, which reads the number a decimal Concourse takes reads as",
    (_, limit) => {
      for (const text of [LIMITS(limit, "1GB"), IN_A_STEP(limit, "1GB")]) {
        expect(hangarErrors(text).map((d) => d.message)).toEqual(["cpu limit must be an integer"]);
        expect(errorsOf(text)).toEqual([]);
      }
      for (const text of [LIMITS("2", limit), IN_A_STEP("2", limit)]) {
        expect(hangarErrors(text).map((d) => d.message)).toEqual(["could not parse container memory limit"]);
        expect(errorsOf(text)).toEqual([]);
      }
      // the same value, to a YAML 1.2 reader, as the decimal digits Concourse takes; refusing it would refuse them,
      // and, as a float64, the largest uint64 too (2^64 - 1 in hex and in decimal are 2^64 to a JavaScript reader)
      const decimal = String(BigInt(limit));
      expect(read(LIMITS(limit, limit))).toEqual(read(LIMITS(decimal, decimal)));
      expect(hangarErrors(LIMITS(decimal, decimal))).toEqual([]);
      if (BigInt(limit) === 2n ** 64n) {
        expect(read(LIMITS(limit, limit))).toEqual(read(LIMITS("0xFFFFFFFFFFFFFFFF", "18446744073709551615")));
      }
    },
  );
  // atc/container_limits.go reads a quoted number as the string it is: CPULimit refuses any string, MemoryLimit reads
  // a count of bytes up to the largest uint64, as plain numbers are read
  test("the largest uint64, quoted, passes both as a memory and fails both as a cpu; plain, it passes both as either", () => {
    const max = "18446744073709551615";
    for (const text of [LIMITS(max, max), IN_A_STEP(max, max), LIMITS("2", `"${max}"`), IN_A_STEP("2", `"${max}"`)]) {
      expect(hangarErrors(text)).toEqual([]);
      expect(errorsOf(text)).toEqual([]);
    }
    for (const text of [LIMITS(`"${max}"`, "1GB"), IN_A_STEP(`"${max}"`, "1GB")]) {
      expect(hangarErrors(text).map((d) => d.message)).toEqual(["cpu limit must be an integer"]);
      expect(errorsOf(text).length).toBeGreaterThan(0);
    }
  });
});

// atc/task.go TaskCacheConfig.UnmarshalJSON: a ttl, when set, is a Go duration of at least 1s, checked as the config is
// decoded (when the pipeline is set, or a task step reads its file)
describe("a task cache's ttl, in a task config file and in a task step's config", () => {
  const CACHE = (ttl: string) => `platform: linux\nrun: { path: make }\ncaches: [{ path: c, ttl: ${ttl} }]\n`;
  const IN_A_STEP = (ttl: string) =>
    pipelineWith(
      `- get: src\n- task: t\n  config:\n    platform: linux\n    run: { path: make }\n    caches: [{ path: c, ttl: ${ttl} }]`,
    );
  test.each(["1s", "72h", "1.5s", "1h30m", "+1m", '""', "", "1000ms", "0.5m", "250ms1s"])("%s passes both", (ttl) => {
    for (const text of [CACHE(ttl), IN_A_STEP(ttl)]) {
      expect([ttl, hangarErrors(text)]).toEqual([ttl, []]);
      expect([ttl, errorsOf(text)]).toEqual([ttl, []]);
    }
  });
  test.each(["1d", "5 minutes", "-1h", '"0"', "0s", "0.0h", "5", "500ms", "999ms", "0.5s", "-1s", "0.01m"])(
    "%s fails both",
    (ttl) => {
      for (const text of [CACHE(ttl), IN_A_STEP(ttl)]) {
        expect([ttl, hangarErrors(text).map((d) => d.ruleId)]).toEqual([
          ttl,
          [ttl === "5" ? "type-mismatch" : "value-invalid"],
        ]);
        expect([ttl, errorsOf(text).length > 0]).toEqual([ttl, true]);
      }
    },
  );
  test.each(["500ms500ms", "999ms1ms", "0.5s0.5s", "+250ms750ms"])(
    "parts each under a second that add up to one or more pass both: %s",
    (ttl) => {
      for (const text of [CACHE(ttl), IN_A_STEP(ttl)]) {
        expect([ttl, hangarErrors(text)]).toEqual([ttl, []]);
        expect([ttl, errorsOf(text)]).toEqual([ttl, []]);
      }
    },
  );
  test("parts that add up to under a second pass the schema, which cannot add them up and takes every sum, and fail hangar validate, which adds them up as Go does", () => {
    for (const text of [CACHE("1ms1ms"), IN_A_STEP("1ms1ms")]) {
      expect(hangarErrors(text).map((d) => d.message)).toEqual(["cache ttl must be at least 1s, got '1ms1ms'"]);
      expect(errorsOf(text)).toEqual([]);
    }
    // parts that are all zero are no sum the schema must take
    for (const text of [CACHE("0s0ms"), IN_A_STEP("0s0ms")]) {
      expect(hangarErrors(text).map((d) => d.message)).toEqual(["cache ttl must be at least 1s, got '0s0ms'"]);
      expect(errorsOf(text).length).toBeGreaterThan(0);
    }
  });
  test("a fraction of 16 digits or more that Go's float64 rounds up to 1s passes hangar validate, and fails the schema, which reads its exact value", () => {
    for (const text of [CACHE("0.99999999999999999s"), IN_A_STEP("0.99999999999999999s")]) {
      expect(hangarErrors(text)).toEqual([]);
      expect(errorsOf(text).length).toBeGreaterThan(0);
    }
  });
  test("a ((var)) ttl passes in a task step's config, which fly fills, and fails a task config file", () => {
    expect(errorsOf(IN_A_STEP("((ttl))"))).toEqual([]);
    expect(hangarErrors(CACHE("((ttl))")).map((d) => d.ruleId)).toEqual(["value-invalid"]);
    expect(errorsOf(CACHE("((ttl))")).length).toBeGreaterThan(0);
  });
});

describe("one schema for the folders where pipelines and task config files live (ci/**)", () => {
  const fixtures = join(import.meta.dirname, "../../test/fixtures/schema/ci");
  /** A file as hangar validate reads it by default, and as the schema reads it: its kind, its errors' rule ids. */
  const verdicts = (file: string) => {
    const text = readFileSync(join(fixtures, file), "utf8");
    const validated = validateText(text, { file, as: "auto" });
    const errors = errorsOf(text);
    return {
      hangar: {
        kind: validated.readAs ?? "pipeline",
        errors: validated.diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId),
      },
      schema: {
        // ajv names the branch of the document's if that failed: `then` is the task config's, `else` the pipeline's
        failed: errors.flatMap((e) =>
          e.keyword === "if" && e.instancePath === "" ? [e.params.failingKeyword as string] : [],
        ),
        at: [...new Set(errors.filter((e) => e.keyword !== "if").map((e) => e.instancePath))],
      },
    };
  };

  test.each([
    ["tasks/build.yml", "task"],
    ["tasks/entrypoint.yml", "task"],
    ["pipeline.yml", "pipeline"],
    ["pipeline-task-keys.yml", "pipeline"],
  ])("%s passes, read as a %s, as hangar validate accepts it", (file, kind) => {
    expect(verdicts(file)).toEqual({ hangar: { kind, errors: [] }, schema: { failed: [], at: [] } });
  });

  test("a task config file fails on its own mistake, as a task config, not as a pipeline with no jobs", () => {
    expect(verdicts("tasks/typo.yml")).toEqual({
      hangar: { kind: "task", errors: ["task-config-unknown-fields"] },
      schema: { failed: ["then"], at: [""] },
    });
    const text = readFileSync(join(fixtures, "tasks/typo.yml"), "utf8");
    expect(errorsOf(text).map((e) => e.params)).toContainEqual({ additionalProperty: "ouputs" });
    expect(errorsOf(text).map((e) => e.params)).not.toContainEqual({ missingProperty: "jobs" });
  });

  test("a task config file with a pipeline's key is a pipeline to both, which fail it as one (no jobs)", () => {
    expect(verdicts("tasks/stray-pipeline-key.yml")).toEqual({
      hangar: { kind: "pipeline", errors: ["job-none", "resource-unused"] },
      schema: { failed: ["else"], at: [""] },
    });
  });

  test("a pipeline fails on a mistake in a task step's inline config, as a pipeline", () => {
    const { hangar, schema: read } = verdicts("pipeline-bad-config.yml");
    expect(hangar).toEqual({ kind: "pipeline", errors: ["type-mismatch"] });
    expect(read.failed).toEqual(["else"]);
    expect(read.at).toContain("/jobs/0/plan/1/config/run/args/1");
  });

  test("each branch has its kind's title and description, which the YAML extension shows for a document taking it", () => {
    // the hover's heading over a field's documentation, and the completion that inserts a document's required keys
    const taskSchema = loadSchema("task-schema.json");
    expect(schema.then).toEqual({
      title: taskSchema?.title,
      description: taskSchema?.description,
      $ref: "#/definitions/TaskConfigFile",
    });
    expect(schema.else).toEqual({
      title: "Concourse pipeline",
      description: expect.stringMatching(/^A Concourse pipeline config, as `fly set-pipeline` reads it/),
      $ref: "#/definitions/Pipeline",
    });
  });

  test("the schema's reading is readingOf's: a mapping with run or platform and no pipeline key is a task config", () => {
    const isTask = new Ajv({ strict: true }).compile(schema.if as object);
    const keys = [...new Set([...TASK_MARKERS, ...PIPELINE_MARKERS, ...TASK_CONFIG_FIELDS, "x-config", "anchors"])];
    const document = fc.oneof(
      fc.dictionary(
        fc.constantFrom(...keys),
        fc.oneof(fc.constant(null), fc.string(), fc.dictionary(fc.string(), fc.nat())),
      ),
      fc.constantFrom(null, "run", 1, [{ run: {} }], [], {}),
    );
    fc.assert(
      fc.property(document, (value) => {
        expect(isTask(value)).toBe(readingOf(value).kind === "task");
      }),
      { seed: 28, numRuns: 2000 },
    );
  });
});
