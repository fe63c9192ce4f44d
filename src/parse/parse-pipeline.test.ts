import { describe, expect, test } from "vitest";
import { dedent } from "../validate/rule-tester.ts";
import { validateText } from "../validate/validate-text.ts";
import { parsePipeline, parsePipelineText } from "./parse-pipeline.ts";

const yaml = (strings: TemplateStringsArray) => dedent(strings.join(""));

/** The diagnostics in a compact, whole form: `line:col rule message` (+ fly when present). */
const summary = (text: string, options = {}) =>
  parsePipeline(text, options).diagnostics.map(
    (d) => `${d.loc?.line}:${d.loc?.col} ${d.severity} ${d.ruleId} ${d.message}${d.fly ? ` || ${d.fly}` : ""}`,
  );

describe("YAML is read as Concourse reads it (YAML 1.1)", () => {
  test("yes/on/off are booleans, 0755 is octal, timestamps stay strings, merge keys merge", () => {
    const parsed = parsePipeline(yaml`
      base: &base { serial: on }
      jobs:
      - <<: *base
        name: a
        public: yes
        disable_manual_trigger: off
        max_in_flight: 010
        plan:
        - get: src
          params: { mode: 0755, date: 2024-01-02 }
    `);
    expect(parsed.pipeline?.jobs).toEqual([
      {
        serial: true,
        name: "a",
        public: true,
        disable_manual_trigger: false,
        max_in_flight: 8,
        plan: [{ get: "src", params: { mode: 493, date: "2024-01-02" } }],
      },
    ]);
    expect(parsed.wellFormed).toBe(true);
  });

  test("a duplicate key is an error in go-yaml's words, at the duplicate", () => {
    expect(
      summary(yaml`
        jobs:
        - name: a
          plan: []
          name: b
      `),
    ).toEqual([
      '4:3 error yaml/DUPLICATE_KEY mapping key "name" already defined at line 2 || error parsing yaml before applying templates: yaml: unmarshal errors:\n  line 4: mapping key "name" already defined at line 2',
    ]);
  });

  test("numbers and booleans become strings where Concourse expects one, outside steps", () => {
    const parsed = parsePipeline(
      "resources: [{name: 123, type: git, source: {}, tags: [1, yes], version: {ref: 7}}]\njobs: []",
    );
    expect(parsed.pipeline?.resources).toEqual([
      { name: "123", type: "git", source: {}, tags: ["1", "true"], version: { ref: "7" } },
    ]);
    expect(parsed.diagnostics).toEqual([]);
  });

  test("numbers are go-yaml v2's: Go integer prefixes, no sexagesimal, no bare dot", () => {
    const parsed = parsePipeline(
      "user_data: [1:20, ., 0o17, 0x1F, 1_000, 0b101, .5, 1e3, +1, 08, 012, -0x10, .inf, 12:30:00, 1.5.3]\njobs: []",
    );
    expect(parsed.pipeline).toEqual({
      user_data: [
        "1:20",
        ".",
        15,
        31,
        1000,
        5,
        0.5,
        1000,
        1,
        8,
        10,
        -16,
        Number.POSITIVE_INFINITY,
        "12:30:00",
        "1.5.3",
      ],
      jobs: [],
    });
  });

  test("explicit YAML 1.1 tags give plain values: !!binary is its decoded text, !!set a map", () => {
    expect(parsePipeline("user_data: { b: !!binary aGVsbG8=, s: !!set { a, b } }\njobs: []\n").pipeline).toEqual({
      user_data: { b: "hello", s: { a: null, b: null } },
      jobs: [],
    });
  });

  test("a ((var)) standing for a bool, list or map is a decoding error, as in fly without -v/-y", () => {
    expect(summary("jobs: [{name: a, plan: [{get: x, trigger: ((trigger))}]}]\n")).toEqual([
      "1:43 error type-mismatch json: cannot unmarshal string into Go struct field GetStep.trigger of type bool; the var ((trigger)) has no value: pass it with -y trigger=<yaml>, -v trigger=<string> or -l <vars file> || error unmarshaling JSON: while decoding JSON: malformed get step: json: cannot unmarshal string into Go struct field GetStep.trigger of type bool",
    ]);
  });

  test("an empty document is an empty pipeline", () => {
    expect(parsePipeline("# nothing here\n")).toMatchObject({ pipeline: {}, wellFormed: true, diagnostics: [] });
  });
});

describe("wrong types are reported with Go's text, path and position", () => {
  test("top level and jobs", () => {
    expect(summary("jobs: 5\n")).toEqual([
      "1:7 error type-mismatch json: cannot unmarshal number into Go struct field Config.jobs of type atc.JobConfigs || error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Config.jobs of type atc.JobConfigs",
    ]);
    expect(summary("- a\n")[0]).toBe(
      "1:1 error type-mismatch json: cannot unmarshal array into Go value of type atc.Config || error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type atc.Config",
    );
    expect(summary("jobs: [{name: a, plan: {get: x}, max_in_flight: 1.5}]\n")).toEqual([
      "1:24 error type-mismatch json: cannot unmarshal object into Go struct field JobConfig.jobs.plan of type []atc.Step || error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go struct field JobConfig.jobs.plan of type []atc.Step",
      "1:49 error type-mismatch json: cannot unmarshal number 1.5 into Go struct field JobConfig.jobs.max_in_flight of type int || error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number 1.5 into Go struct field JobConfig.jobs.max_in_flight of type int",
    ]);
  });

  test("an int is Go's: whole and within 64 bits, past JavaScript's safe integers too", () => {
    for (const n of ["9007199254740993", "9223372036854775807", "-9223372036854775808", "1e3"]) {
      expect(summary(`jobs: [{name: a, plan: [], max_in_flight: ${n}}]\n`), n).toEqual([]);
    }
    expect(summary("jobs: [{name: a, plan: [], max_in_flight: 1e19}]\n")[0]).toMatch(
      /^1:43 error type-mismatch json: cannot unmarshal number \S+ into Go struct field JobConfig\.jobs\.max_in_flight of type int/,
    );
  });

  test("inside steps: no coercion, and Concourse's `malformed x step` chain in the fly line", () => {
    const text = yaml`
      jobs:
      - name: a
        plan:
        - do:
          - get: 5
            trigger: "true"
          - task: t
            config: { platform: linux, run: { path: [x] } }
    `;
    expect(summary(text)).toEqual([
      "5:12 error type-mismatch json: cannot unmarshal number into Go struct field GetStep.get of type string || error unmarshaling JSON: while decoding JSON: malformed do step: malformed get step: json: cannot unmarshal number into Go struct field GetStep.get of type string",
      "6:16 error type-mismatch json: cannot unmarshal string into Go struct field GetStep.trigger of type bool || error unmarshaling JSON: while decoding JSON: malformed do step: malformed get step: json: cannot unmarshal string into Go struct field GetStep.trigger of type bool",
      "8:47 error type-mismatch json: cannot unmarshal array into Go struct field TaskStep.config.run.path of type string || error unmarshaling JSON: while decoding JSON: malformed do step: malformed task step: json: cannot unmarshal array into Go struct field TaskStep.config.run.path of type string",
    ]);
  });

  test("custom decoders: version, inputs, in_parallel, across, check_every, limits, cache ttl", () => {
    const text = yaml`
      resources:
      - { name: r, type: git, source: {}, check_every: 5x }
      jobs:
      - name: a
        plan:
        - { get: r, version: { ref: 1 } }
        - { put: r, inputs: [1] }
        - in_parallel: 3
        - in_parallel: { steps: [{ get: r }], limit: many }
        - { load_var: v, file: f, across: [{ var: x, values: [1], max_in_flight: some, bogus: 1 }] }
        - { task: t, file: f, container_limits: { cpu: x, memory: 12Q } }
        - { task: t, config: { platform: linux, run: { path: x }, caches: [{ path: c, ttl: 10ms }] } }
    `;
    expect(summary(text)).toEqual([
      '2:50 error value-invalid time: unknown unit "x" in duration "5x" || error unmarshaling JSON: while decoding JSON: time: unknown unit "x" in duration "5x"',
      "6:31 error value-invalid the value 1 of ref is not a string || error unmarshaling JSON: while decoding JSON: malformed get step: the value 1 of ref is not a string",
      "7:24 error value-invalid non-string put input: 1 || error unmarshaling JSON: while decoding JSON: malformed put step: non-string put input: 1",
      "8:18 error value-invalid wrong type for parallel config: 3 || error unmarshaling JSON: while decoding JSON: malformed in_parallel step: wrong type for parallel config: 3",
      "9:48 error type-mismatch json: cannot unmarshal string into Go struct field target.limit of type int || error unmarshaling JSON: while decoding JSON: malformed in_parallel step: failed to unmarshal parallel config: json: cannot unmarshal string into Go struct field target.limit of type int",
      '10:76 error value-invalid invalid max_in_flight "some" || error unmarshaling JSON: while decoding JSON: malformed across step: invalid max_in_flight "some"',
      '10:89 error value-invalid json: unknown field "bogus" || error unmarshaling JSON: while decoding JSON: malformed across step: json: unknown field "bogus"',
      "11:50 error value-invalid cpu limit must be an integer || error unmarshaling JSON: while decoding JSON: malformed task step: cpu limit must be an integer",
      "11:61 error value-invalid could not parse container memory limit || error unmarshaling JSON: while decoding JSON: malformed task step: could not parse container memory limit",
      "12:86 error value-invalid cache ttl must be at least 1s, got '10ms' || error unmarshaling JSON: while decoding JSON: malformed task step: cache ttl must be at least 1s, got '10ms'",
    ]);
  });
});

describe("steps are read by Concourse's precedence", () => {
  test("no core step, an empty step and a null step", () => {
    const text = yaml`
      jobs:
      - name: a
        plan:
        - attempts: 2
        - {}
        - try: ~
        - aggregate: [{ get: x }]
    `;
    expect(summary(text)).toEqual([
      "4:5 error step-no-core-type no core step type declared (e.g. get, put, task, etc.) || error unmarshaling JSON: while decoding JSON: no core step type declared (e.g. get, put, task, etc.)",
      "5:5 error step-empty no step configured || error unmarshaling JSON: while decoding JSON: no step configured",
      "6:10 error step-empty no step configured || error unmarshaling JSON: while decoding JSON: malformed try step: no step configured",
      "7:5 error step-empty no step configured (`aggregate` was removed in Concourse 7: use `in_parallel`) || error unmarshaling JSON: while decoding JSON: no step configured",
    ]);
  });

  test("a job's hooks may be null; unknown step keys are left to the step-unknown-fields rule", () => {
    const parsed = parsePipeline("jobs: [{name: a, plan: [{get: x, put: z, bogus: 1}], on_success: ~}]\n");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.wellFormed).toBe(true);
  });
});

describe("unknown keys", () => {
  test("outside steps they are warnings (fly --strict rejects them); where Concourse ignores them, hangar says so", () => {
    const text = yaml`
      jobs:
      - name: a
        plan:
        - task: t
          config: { platform: linux, run: { path: x }, image_resource: { type: registry-image, source: {}, sorce: {} } }
        serail: true
      bogus: 1
    `;
    expect(summary(text)).toEqual([
      '5:102 warning unknown-field-ignored unknown field "sorce" (Concourse ignores it)',
      '6:3 warning unknown-field unknown field "serail" || error unmarshaling JSON: while decoding JSON: json: unknown field "serail"',
      '7:1 warning unknown-field unknown field "bogus" || error unmarshaling JSON: while decoding JSON: json: unknown field "bogus"',
    ]);
  });
});

describe("JSON input", () => {
  test("is read with JSON.parse and located lazily", () => {
    const text = '{\n  "jobs": [\n    { "name": "a", "plan": [ { "get": 1 } ] }\n  ]\n}\n';
    const parsed = parsePipeline(text, { file: "p.json" });
    expect(parsed.diagnostics.map((d) => [d.ruleId, d.loc])).toEqual([
      ["type-mismatch", { file: "p.json", line: 3, col: 39, endLine: 3, endCol: 40 }],
    ]);
    expect(parsed.locate(["jobs", 0, "plan", 0])).toEqual({ file: "p.json", line: 3, col: 30, endLine: 3, endCol: 42 });
    expect(parsed.locate(["jobs", 0, "plan"], "key")).toEqual({
      file: "p.json",
      line: 3,
      col: 20,
      endLine: 3,
      endCol: 26,
    });
    expect(parsed.locate(["jobs", 0, "missing", 3])).toEqual({
      file: "p.json",
      line: 3,
      col: 5,
      endLine: 3,
      endCol: 46,
    });
  });

  test("text that is not strict JSON is read as YAML, as Concourse does", () => {
    const parsed = parsePipeline('{"jobs": [{"name": "a", "plan": [],},],}');
    expect(parsed.wellFormed).toBe(true);
    expect(parsed.pipeline).toEqual({ jobs: [{ name: "a", plan: [] }] });
  });
});

describe("a string that starts with a byte order mark", () => {
  const BOM = "\uFEFF";
  /** Each finding's location as `line:col-endLine:endCol rule`, through the validator as the API runs it. */
  const located = (text: string) =>
    validateText(text).diagnostics.map(
      ({ loc, ruleId }) => `${loc?.line}:${loc?.col}-${loc?.endLine}:${loc?.endCol} ${ruleId}`,
    );

  test("one line: the finding is on its name, one column on past the BOM, not the whole document", () => {
    const text = "jobs: [{name: j, plan: [{get: nope}]}]\n";
    expect(located(text)).toEqual(["1:31-1:35 get-unknown-resource"]);
    expect(located(BOM + text)).toEqual(["1:32-1:36 get-unknown-resource"]);
  });

  test("several lines: the lines after the first are as without it", () => {
    const text = "jobs:\n- name: j\n  plan:\n  - get: nope\n";
    expect(located(text)).toEqual(["4:10-4:14 get-unknown-resource"]);
    expect(located(BOM + text)).toEqual(located(text));
  });

  test("a syntax error and the parse's own findings are placed as in the text without it", () => {
    expect(summary(`${BOM}jobs: [\n`)).toEqual(
      summary("jobs: [\n").map((s) => s.replace(/^1:(\d+)/, (_, c) => `1:${Number(c) + 1}`)),
    );
    const typed = "jobs:\n- name: j\n  serial: [1]\n  plan: []\n";
    expect(summary(BOM + typed)).toEqual(summary(typed));
    expect(summary(BOM + typed)).not.toEqual([]);
  });

  test("JSON after a BOM is read, its findings placed", () => {
    const json = '{"jobs": [{"name": "j", "plan": [{"get": "nope"}]}]}';
    expect(located(BOM + json)).toEqual(["1:43-1:49 get-unknown-resource"]);
  });
});

describe("strict JSON is checked for repeated keys, as fly's YAML parser checks it", () => {
  test("a repeated key, at the top or nested, is go-yaml's error at the repeat", () => {
    expect(summary('{"jobs":[{"name":"j","plan":[],"public":true,"public":false}]}', { format: "json" })).toEqual([
      '1:46 error yaml/DUPLICATE_KEY mapping key "public" already defined at line 1 || error parsing yaml before applying templates: yaml: unmarshal errors:\n  line 1: mapping key "public" already defined at line 1',
    ]);
    const nested = '{\n  "jobs": [{"name": "j", "plan": [{"get": "r", "params": {"a": 1,\n    "a" : 2}}]}]\n}\n';
    expect(summary(nested)).toEqual([
      '3:5 error yaml/DUPLICATE_KEY mapping key "a" already defined at line 2 || error parsing yaml before applying templates: yaml: unmarshal errors:\n  line 3: mapping key "a" already defined at line 2',
    ]);
  });

  test("text that only looks like a key (a quote and a colon inside a string) is no repeat", () => {
    const text = '{"jobs": [{"name": "j", "plan": [], "old_name": "a\\": \\"b\\\\"}], "resources": []}';
    const parsed = parsePipeline(text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.pipeline?.jobs?.[0]?.old_name).toBe('a": "b\\');
  });
});

describe("a stream of several documents: the first is read, as go-yaml's Unmarshal reads it", () => {
  test("the rest is ignored, with a warning at the second document's marker; positions are the first's", () => {
    expect(summary("jobs:\n- name: j\n  plan: []\n---\nanything: else\n")).toEqual([
      "4:1 warning yaml/more-documents the file holds more than one document: fly reads the first one only, and so does hangar",
    ]);
    const parsed = parsePipeline("--- # first\njobs:\n- name: j\n  plan: [{get: r}]\n...\n---\n[: not read\n");
    expect(parsed.pipeline).toEqual({ jobs: [{ name: "j", plan: [{ get: "r" }] }] });
    expect(parsed.locate(["jobs", 0, "plan", 0, "get"])).toMatchObject({ line: 4, col: 16 });
    expect(summary("---\n---\njobs: []\n")[0]).toMatch(/^2:1 warning yaml\/more-documents/);
  });
});

describe("parsePipelineText: the parse, and the position tree its locator reads", () => {
  const TEXT = "jobs:\n- name: j\n  plan: [{get: r}]\nresources: []\n";

  test("the parse is parsePipeline's", () => {
    const { parsed } = parsePipelineText(TEXT, { file: "p.yml" });
    const alone = parsePipeline(TEXT, { file: "p.yml" });
    expect(parsed.pipeline).toEqual(alone.pipeline);
    expect(parsed.diagnostics).toEqual(alone.diagnostics);
    expect(parsed.locate(["jobs", 0, "plan", 0, "get"])).toEqual(alone.locate(["jobs", 0, "plan", 0, "get"]));
  });

  test("the tree is read once, when first asked, and has every node with its offsets", () => {
    const { yamlTree } = parsePipelineText(TEXT);
    const tree = yamlTree();
    expect(yamlTree()).toBe(tree);
    const root = tree?.root;
    expect(root?.kind === "mapping" && root.pairs.map((p) => [p.name, TEXT.slice(p.key.start, p.value?.end)])).toEqual([
      ["jobs", "jobs:\n- name: j\n  plan: [{get: r}]"],
      ["resources", "resources: []"],
    ]);
  });

  test("of the first document of a stream", () => {
    const text = "jobs: []\n---\nresources: []\n";
    const root = parsePipelineText(text).yamlTree()?.root;
    expect(root?.kind === "mapping" && root.pairs.map((p) => p.name)).toEqual(["jobs"]);
  });

  test("none for JSON read by JSON.parse, a text that cannot be read, or a text after a byte order mark", () => {
    expect(parsePipelineText('{"jobs": []}').yamlTree()).toBeUndefined();
    expect(parsePipelineText("jobs: [\n").yamlTree()).toBeUndefined();
    const bom = parsePipelineText("\uFEFFjobs: 3\n");
    expect(bom.yamlTree()).toBeUndefined();
    // its findings are placed in the text as given, BOM included
    expect(bom.parsed.diagnostics.map((d) => `${d.loc?.line}:${d.loc?.col}`)).toEqual(["1:8"]);
  });
});
