import { describe, expect, test } from "vitest";
import { dedent } from "../validate/rule-tester.ts";
import { validateText } from "../validate/validate-text.ts";
import { parsePipeline } from "./parse-pipeline.ts";

const yaml = (strings: TemplateStringsArray) => dedent(strings.join(""));

/** The diagnostics as `line:col severity rule message`. */
const summary = (text: string) =>
  parsePipeline(text).diagnostics.map((d) => `${d.loc?.line}:${d.loc?.col} ${d.severity} ${d.ruleId} ${d.message}`);

const pipelineOf = (text: string) => parsePipeline(text).pipeline as unknown as Record<string, unknown>;
const jobsOf = (text: string) => pipelineOf(text).jobs as Record<string, unknown>[];

describe("keys in another case are their field's, as encoding/json reads them", () => {
  test("at the top level, in jobs, resources, resource types, groups, var sources and display: no unknown key", () => {
    const text = yaml`
      RESOURCES:
      - Name: repo
        TYPE: git
        Source: {uri: x}
        Check_Every: 1h
      Resource_Types:
      - NAME: t
        type: registry-image
      Var_Sources:
      - Name: v
        Type: dummy
        Config: {}
      Groups:
      - Name: all
        Jobs: [build]
      Display:
        Background_Image: x
      Jobs:
      - Name: build
        Serial: true
        Build_Log_Retention: {Builds: 3}
        Plan:
        - get: repo
    `;
    expect(summary(text)).toEqual([]);
    const pipeline = pipelineOf(text);
    expect(Object.keys(pipeline)).toEqual(["resources", "resource_types", "var_sources", "groups", "display", "jobs"]);
    expect(pipeline.resources).toEqual([{ name: "repo", type: "git", source: { uri: "x" }, check_every: "1h" }]);
    expect(pipeline.jobs).toEqual([
      { name: "build", serial: true, build_log_retention: { builds: 3 }, plan: [{ get: "repo" }] },
    ]);
    expect(pipeline.display).toEqual({ background_image: "x" });
  });

  test("the long s, the Kelvin sign and the dotted and dotless i fold to s, k and i; other letters do not", () => {
    const text =
      "resources:\n- {name: r, type: git, chec\u212A_every: 1h}\n" +
      "jobs:\n- name: a\n  \u017ferial: true\n  plan: []\n  publ\u0131c: true\n  D\u0130sable_reruns: true\n";
    expect(summary(text)).toEqual([]);
    expect(pipelineOf(text)).toEqual({
      resources: [{ name: "r", type: "git", check_every: "1h" }],
      jobs: [{ name: "a", serial: true, plan: [], public: true, disable_reruns: true }],
    });
    expect(summary("jobs:\n- name: a\n  plan: []\n  s\u00e9rial: true\n")).toEqual([
      '4:3 warning unknown-field unknown field "s\u00e9rial"',
    ]);
  });

  test("a value is checked and coerced as its field's; a wrong type names the field", () => {
    expect(jobsOf("jobs:\n- Name: 12\n  plan: []\n")).toEqual([{ name: "12", plan: [] }]);
    expect(summary("jobs:\n- name: a\n  plan: []\n  Max_In_Flight: x\n")).toEqual([
      "4:18 error type-mismatch json: cannot unmarshal string into Go struct field JobConfig.jobs.max_in_flight of type int",
    ]);
  });

  test("keys of one field decode in byte order, whatever order they are written in: `name` over `Name`", () => {
    for (const text of [
      "jobs:\n- name: a\n  Name: b\n  plan: []\n",
      "jobs:\n- Name: b\n  name: a\n  plan: []\n",
      // `nAme` sorts after `NAME` and `Name`
      "jobs:\n- NAME: c\n  nAme: a\n  Name: b\n  plan: []\n",
    ]) {
      expect(jobsOf(text), text).toEqual([{ name: "a", plan: [] }]);
    }
    // the long s sorts after every ASCII letter
    expect(jobsOf("jobs:\n- name: a\n  plan: []\n  tags: [p]\n  tag\u017f: [q]\n")).toEqual([
      { name: "a", plan: [], tags: ["q"] },
    ]);
  });

  test("null leaves a string, bool or int as it is, and empties a list, map or struct", () => {
    expect(jobsOf("jobs:\n- Name: b\n  name: null\n  plan: []\n")).toEqual([{ name: "b", plan: [] }]);
    expect(jobsOf("jobs:\n- name: a\n  plan: []\n  Tags: [x]\n  tags: null\n")).toEqual([
      { name: "a", plan: [], tags: null },
    ]);
    expect(
      jobsOf("jobs:\n- name: a\n  plan: []\n  Build_Log_Retention: {builds: 1}\n  build_log_retention:\n"),
    ).toEqual([{ name: "a", plan: [], build_log_retention: null }]);
  });

  test("a map keeps its entries, a struct its fields; a list decodes into the entries it holds", () => {
    const resources = pipelineOf(yaml`
      resources:
      - name: r
        type: git
        source: {b: 2, c: {q: 2}}
        Source: {a: 1, c: {p: 1}}
    `).resources;
    expect(resources).toEqual([{ name: "r", type: "git", source: { a: 1, c: { q: 2 }, b: 2 } }]);
    expect(
      jobsOf("jobs:\n- name: a\n  plan: []\n  Build_Log_Retention: {builds: 1}\n  build_log_retention: {days: 2}\n"),
    ).toEqual([{ name: "a", plan: [], build_log_retention: { builds: 1, days: 2 } }]);
    // `Jobs` first: its first job takes `jobs`' first job's fields over its own, its second goes
    expect(
      jobsOf("Jobs:\n- {name: b, serial: true, plan: []}\n- {name: c, plan: []}\njobs:\n- {name: a, plan: []}\n"),
    ).toEqual([{ name: "a", serial: true, plan: [] }]);
  });

  test("a step decoded over a step keeps its config (Step.UnmarshalJSON sets a config only when it has none)", () => {
    const text = yaml`
      resources:
      - {name: a, type: git}
      - {name: b, type: git}
      - {name: c, type: git}
      jobs:
      - name: j
        Plan: [{get: a}]
        plan: [{get: b}, {get: c}]
    `;
    expect(jobsOf(text)).toEqual([{ name: "j", plan: [{ get: "a" }, { get: "c" }] }]);
  });

  test("user_data, any value, is replaced", () => {
    expect(pipelineOf("jobs: []\nUser_Data: {a: 1}\nuser_data: {b: 2}\n").user_data).toEqual({ b: 2 });
  });

  test("a finding about a field written in another case is located at the key written", () => {
    const text = yaml`
      Jobs:
      - Name: build
        Plan:
        - get: missing
    `;
    const found = validateText(text).diagnostics.map((d) => `${d.loc?.line}:${d.loc?.col} ${d.message}`);
    expect(found).toContainEqual(expect.stringMatching(/^4:\d+ .*missing/));
  });
});

describe("in a step, a key in another case is read into its field and still an unknown field", () => {
  /** The findings of validation as `line:col rule message`. */
  const findings = (text: string) =>
    validateText(text).diagnostics.map((d) => `${d.loc?.line}:${d.loc?.col} ${d.ruleId} ${d.message}`);
  const planOf = (text: string) => (jobsOf(text)[0] as Record<string, unknown>).plan;

  test("a step's kind is found by its exact key: `Get:` alone is no step", () => {
    expect(findings("jobs:\n- name: j\n  plan:\n  - Get: r\n")).toEqual(["4:5 step-empty no step configured"]);
  });

  test("the StepConfig is decoded by encoding/json: `Resource:` is the get's resource, and left unknown", () => {
    const text = yaml`
      resources:
      - {name: repo, type: git}
      jobs:
      - name: j
        plan:
        - get: src
          Resource: repo
          Trigger: true
    `;
    expect(planOf(text)).toEqual([{ get: "src", resource: "repo", trigger: true, Resource: "repo", Trigger: true }]);
    // no unknown resource 'src': the get reads 'repo'
    expect(findings(text)).toEqual([
      '6:5 step-unknown-fields unknown fields ["Resource" "Trigger"]; did you mean \'resource\' for "Resource", \'trigger\' for "Trigger"?',
    ]);
  });

  test("a task's `Config:` is its config", () => {
    const text = yaml`
      jobs:
      - name: j
        plan:
        - task: t
          Config: {platform: linux, run: {path: x}}
    `;
    expect(findings(text)).toEqual(["4:5 step-unknown-fields unknown fields [\"Config\"]; did you mean 'config'?"]);
  });

  test("inside in_parallel, across vars, task configs and their image resources", () => {
    const text = yaml`
      resources:
      - {name: repo, type: git}
      jobs:
      - name: j
        plan:
        - in_parallel:
          - get: src
            Resource: repo
        - in_parallel:
            steps:
            - get: src2
              Resource: repo
        - across:
          - Var: v
            values: [a]
          do: []
        - task: t
          config:
            Platform: linux
            image_resource: {type: registry-image, Source: {repository: x}}
            run: {path: x}
    `;
    expect(planOf(text)).toEqual([
      { in_parallel: [{ get: "src", resource: "repo", Resource: "repo" }] },
      { in_parallel: { steps: [{ get: "src2", resource: "repo", Resource: "repo" }] } },
      { across: [{ var: "v", values: ["a"] }], do: [] },
      {
        task: "t",
        config: {
          platform: "linux",
          Platform: "linux",
          image_resource: { type: "registry-image", source: { repository: "x" } },
          run: { path: "x" },
        },
      },
    ]);
    // across vars are decoded strictly, where `Var` is var's; a task config keeps `Platform` as an unknown field
    expect(findings(text)).toEqual([
      "7:7 step-unknown-fields unknown fields [\"Resource\"]; did you mean 'resource'?",
      "11:9 step-unknown-fields unknown fields [\"Resource\"]; did you mean 'resource'?",
      "19:7 task-config-unknown-fields unknown fields [\"Platform\"]; did you mean 'platform'?",
    ]);
  });
});

test("a task cache's ttl in another case (`TTL:`) is checked as its ttl", () => {
  const text = yaml`
    jobs:
    - name: j
      plan:
      - task: t
        config:
          platform: linux
          run: {path: x}
          caches: [{path: c, TTL: 10ms}]
  `;
  expect(summary(text)).toEqual(["8:31 error value-invalid cache ttl must be at least 1s, got '10ms'"]);
});
