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

  test.each([
    ["!!int 1.5", "cannot decode !!float `1.5` as a !!int"],
    ["!!int 1e3", "cannot decode !!float `1e3` as a !!int"],
    ['!!int ""', "cannot decode !!null `` as a !!int"],
    ["!!float 1:20.5", "cannot decode !!str `1:20.5` as a !!float"],
    ["!!timestamp x", "cannot decode !!str `x` as a !!timestamp"],
    ["!!bool x", "cannot decode !!str `x` as a !!bool"],
  ])("a scalar its explicit tag does not fit (%s) is go-yaml's decoding error, with no line", (value, go) => {
    const [diagnostic] = parsePipeline(`jobs: []\nx: ${value}\n`).diagnostics;
    expect(diagnostic?.message).toBe(go);
    expect(diagnostic?.fly).toBe(`error parsing yaml before applying templates: yaml: ${go}`);
    // fly execute's read of a task config file (go-yaml v2) says the same
    const [task] = parsePipeline(`platform: linux\nrun: {path: x}\nx: ${value}\n`, { as: "task" }).diagnostics;
    expect(task?.fly).toBe(`yaml: ${go}`);
  });

  test("a scalar its explicit tag fits keeps its value: !!int of a quoted int, !!float of an int, a timestamp", () => {
    expect(
      parsePipeline('x: {a: !!int "1", b: !!float 2, c: !!timestamp 2001-01-02, d: !!int 0x1F}\n').pipeline,
    ).toEqual({
      x: { a: 1, b: 2, c: "2001-01-02", d: 31 },
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
  /** The message of a number that is no Go int, without fly's line. */
  const notInt = (at: string, n: string, field: string) =>
    `${at} error type-mismatch json: cannot unmarshal number ${n} into Go struct field ${field} of type int`;
  const messages = (t: string) => summary(t).map((line) => line.split(" || ")[0]);

  test("top level and jobs", () => {
    expect(summary("jobs: 5\n")).toEqual([
      "1:7 error type-mismatch json: cannot unmarshal number into Go struct field Config.jobs of type atc.JobConfigs || error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field Config.jobs of type atc.JobConfigs",
    ]);
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
    // past 64 bits go-yaml reads an int as a float64 (resolve.go: ParseInt, ParseUint, then ParseFloat), which json
    // writes in 'e' form from 1e21 up (encode.go floatEncoder.encode): fly names the number json wrote, not the digits
    expect(summary("jobs: [{name: a, plan: [], max_in_flight: 1000000000000000000000}]\n")[0]).toMatch(
      /^1:43 error type-mismatch json: cannot unmarshal number 1e\+21 into Go struct field JobConfig\.jobs\.max_in_flight of type int/,
    );
  });

  // go-yaml reads an integer of up to 64 bits exactly (ParseInt, then ParseUint), sigs.k8s.io/yaml hands json its
  // digits, and fly's messages print them all, where JavaScript holds a number past 2^53 rounded
  test("an integer past 2^53 is given with the digits written, as fly prints it, and judged by them", () => {
    const text = yaml`
      resources:
      - { name: 9007199254740993, type: git, source: {} }
      jobs:
      - name: a
        max_in_flight: &big 18446744073709551615
        build_log_retention: { builds: 9223372036854775808, days: 9223372036854775807 }
        plan:
        - { get: 9007199254740993, attempts: *big }
      - name: b
        <<: { max_in_flight: 0x8000000000000000 }
        plan: []
    `;
    expect(messages(text)).toEqual([
      notInt("5:23", "18446744073709551615", "JobConfig.jobs.max_in_flight"),
      notInt("6:34", "9223372036854775808", "BuildLogRetention.jobs.build_log_retention.builds"),
      "8:12 error type-mismatch json: cannot unmarshal number into Go struct field GetStep.get of type string",
      notInt("8:40", "18446744073709551615", "RetryStep.attempts"),
      // a merged key is placed where it is written, in the mapping merged in
      notInt("10:24", "9223372036854775808", "JobConfig.jobs.max_in_flight"),
    ]);
    // a number given for a string outside steps becomes its decimal digits (sigs.k8s.io/yaml's FormatInt/FormatUint)
    const names = (t: string) =>
      (parsePipeline(t).pipeline?.resources ?? []).map((r) => (r as unknown as { name: unknown }).name);
    expect(names("resources: [{ name: 9007199254740993 }, { name: 18446744073709551615 }]\n")).toEqual([
      "9007199254740993",
      "18446744073709551615",
    ]);
    // a JSON text is read as YAML by fly: the same digits
    expect(messages('{"jobs": [{"name": "a", "plan": [], "max_in_flight": 9223372036854775809}]}')).toEqual([
      notInt("1:54", "9223372036854775809", "JobConfig.jobs.max_in_flight"),
    ]);
    // an integer tagged as a float, or past 64 bits, is a float64 to go-yaml, whose shortest digits json writes
    for (const n of ["!!float 18446744073709551615", "18446744073709551616"]) {
      const at = `1:${43 + n.indexOf("1")}`;
      expect(messages(`jobs: [{name: a, plan: [], max_in_flight: ${n}}]\n`), n).toEqual([
        notInt(at, "18446744073709552000", "JobConfig.jobs.max_in_flight"),
      ]);
    }
  });

  // go-yaml reads `1e6`, `1000000.0` and `!!float 1000000` as a float64, which Go prints as one (`%v`, `%#v` and
  // FormatFloat 'g' give 1e+06 from 1e6 up), where JavaScript holds a whole number alike however it was written; below
  // 1e6 a whole float prints as the integer does (and fly's templating writes it back as one: `!!float 3` is 3)
  test("a whole number go-yaml reads as a float is printed and judged as the float64 it is", () => {
    const names = (t: string) =>
      (parsePipeline(t).pipeline?.resources ?? []).map((r) => (r as unknown as { tags: unknown }).tags);
    const tags = "[1e6, 1000000.0, !!float 1000000, &f 2.5e6, *f, !!float 3, 3.0, 1000000, 16777217.0]";
    expect(
      names(`resources: [{name: r, type: git, source: {}, tags: ${tags}}]
`),
    ).toEqual([["1e+06", "1e+06", "1e+06", "2.5e+06", "2.5e+06", "3", "3", "1000000", "1.6777216e+07"]]);
    // into an int: the digits json writes for the float, 2^63 for the largest int64 written as a float
    for (const n of ["!!float 9223372036854775807", "9.223372036854775807e18", "-9223372036854775808.0"]) {
      const at = `1:${43 + n.search(/[-\d]/)}`;
      const shown = n.startsWith("-") ? "-9223372036854776000" : "9223372036854776000";
      expect(messages(`jobs: [{name: a, plan: [], max_in_flight: ${n}}]\n`), n).toEqual([
        notInt(at, shown, "JobConfig.jobs.max_in_flight"),
      ]);
    }
    expect(messages("jobs: [{name: a, plan: [], max_in_flight: 9223372036854775807}]\n")).toEqual([]);
    expect(messages("jobs: [{name: a, plan: [], max_in_flight: !!float 9.2233720368547748e18}]\n")).toEqual([]);
    // a float key is named as sigs.k8s.io/yaml names it
    expect(messages("jobs:\n- name: a\n  plan: []\n  1e6: x\n  !!float 2000000: y\n")).toEqual([
      '4:3 warning unknown-field unknown field "1e+06"',
      '5:11 warning unknown-field unknown field "2e+06"',
    ]);
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

  // atc/steps.go prints the value json decoded into `any` (a float64, ints too) with %v: `the value %v of %s is not
  // a string`, `non-string put input: %v`, `wrong type for parallel config: %v`; Go's %v of a float64 is the
  // shortest %g, in exponent form from 1e6 up (fmt/print.go fmtFloat, strconv/ftoa.go formatDigits `eprec = 6`)
  test("a number in a custom decoder's message is Go's %v of a float64: 1e+06, not 1000000", () => {
    const text = yaml`
      jobs:
      - name: a
        plan:
        - { get: r, version: { ref: 1000000, build: 123456 } }
        - { put: r, inputs: [2500000, 0.00001] }
        - in_parallel: 1000000
    `;
    expect(summary(text).map((line) => line.split(" || ")[0])).toEqual([
      "4:31 error value-invalid the value 1e+06 of ref is not a string",
      "4:47 error value-invalid the value 123456 of build is not a string",
      "5:24 error value-invalid non-string put input: 2.5e+06",
      "5:33 error value-invalid non-string put input: 1e-05",
      "6:18 error value-invalid wrong type for parallel config: 1e+06",
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

describe("ints past 64 bits, as go-yaml v2 resolves them (resolve.go: ParseInt, ParseUint, then a float's syntax)", () => {
  // 2^64 in hex and binary (and an octal past it) is no ParseInt's nor ParseUint's, nor a float's syntax: a string
  const zeros = (n: number) => "0".repeat(n);
  test("in base 16, 8 or 2 it is a string: a container limit of one fails, one within uint64 (2^63) passes", () => {
    const limits = (cpu: string, memory: string) =>
      `jobs:\n- name: a\n  plan:\n  - { task: t, file: f, container_limits: { cpu: ${cpu}, memory: ${memory} } }\n`;
    expect(summary(limits("0x10000000000000000", `0b1${zeros(64)}`)).map((line) => line.split(" || ")[0])).toEqual([
      "4:50 error value-invalid cpu limit must be an integer",
      "4:79 error value-invalid could not parse container memory limit",
    ]);
    expect(summary(limits("0o2000000000000000000000", "+0x8000000000000000")).map((l) => l.split(" || ")[0])).toEqual([
      "4:50 error value-invalid cpu limit must be an integer",
      "4:84 error value-invalid could not parse container memory limit",
    ]);
    expect(summary(limits("0x8000000000000000", `0b1${zeros(63)}`))).toEqual([]);
    expect(summary(limits("18446744073709551616", `02${zeros(21)}`))).toEqual([]);
  });

  test("a name outside steps keeps the text, where a float's digits are coerced (sigs.k8s.io/yaml)", () => {
    const parsed = parsePipeline(
      `resources:\n- { name: 0x10000000000000000, type: git, source: {} }\n- { name: 18446744073709551616, type: git, source: {} }\n`,
    );
    expect(parsed.pipeline?.resources?.map((r) => r.name)).toEqual(["0x10000000000000000", "1.8446744e+19"]);
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

  // go-yaml reads a JSON text as a YAML one: a string's escapes and line breaks are YAML's double-quoted scalar's
  test.each([
    [
      "an escaped slash, which JSON allows",
      '{"jobs": [{"name": "a\\/b", "plan": []}]}',
      "found unknown escape character",
    ],
    [
      "a lone surrogate escape",
      '{"jobs": [{"name": "a\\ud800", "plan": []}]}',
      "found invalid Unicode character escape code",
    ],
    [
      "a surrogate pair's escapes, which go-yaml reads one by one",
      '{"jobs": [{"name": "a\\ud83d\\ude00", "plan": []}]}',
      "found invalid Unicode character escape code",
    ],
    [
      "an escape on a later line",
      '{\n  "jobs": [\n    {"name": "a", "plan": [], "serial_groups": ["x\\/y"]}\n  ]\n}\n',
      "line 3: found unknown escape character",
    ],
  ])("a JSON text with %s is go-yaml's error", (_, text, fly) => {
    const [finding, ...rest] = parsePipeline(text).diagnostics;
    expect(rest).toEqual([]);
    expect(finding?.fly).toBe(`error parsing yaml before applying templates: yaml: ${fly}`);
  });

  test("an escaped backslash before a slash, and a NEL, LS or PS in a string, are read as go-yaml reads them", () => {
    expect(parsePipeline('{"jobs": [{"name": "a\\\\/b", "plan": []}]}').pipeline).toEqual({
      jobs: [{ name: "a\\/b", plan: [] }],
    });
    // a NEL is a line break to go-yaml, which folds it to a space in a quoted scalar; an LS or PS there stays
    expect(parsePipeline('{"jobs": [{"name": "x\u0085y", "plan": []}]}').pipeline).toEqual({
      jobs: [{ name: "x y", plan: [] }],
    });
    expect(parsePipeline('{"jobs": [{"name": "x\u2028y\u2029", "plan": []}]}').pipeline).toEqual({
      jobs: [{ name: "x\u2028y\u2029", plan: [] }],
    });
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

describe("floats JSON cannot hold (.inf, .nan): sigs.k8s.io/yaml's json.Marshal fails on them", () => {
  const HINT =
    " (YAML reads .inf, -.inf and .nan as floats, which JSON cannot hold: quote the value for a string) || error converting YAML to JSON: json: unsupported value: ";
  const unsupported = (at: string, go: string) =>
    `${at} error yaml/UNSUPPORTED_VALUE json: unsupported value: ${go}${HINT}${go}`;

  test.each([
    [".inf", "+Inf"],
    [".Inf", "+Inf"],
    [".INF", "+Inf"],
    ["+.inf", "+Inf"],
    ["+.Inf", "+Inf"],
    ["+.INF", "+Inf"],
    ["-.inf", "-Inf"],
    ["-.Inf", "-Inf"],
    ["-.INF", "-Inf"],
    [".nan", "NaN"],
    [".NaN", "NaN"],
    [".NAN", "NaN"],
  ])("%s in a resource's source (an untyped map) is an error at the value", (spelling, go) => {
    const parsed = parsePipeline(`resources:\n- name: r\n  type: git\n  source: {depth: ${spelling}}\njobs: []\n`);
    expect(parsed.wellFormed).toBe(false);
    expect(summary(`resources:\n- name: r\n  type: git\n  source: {depth: ${spelling}}\njobs: []\n`)).toEqual([
      unsupported("4:19", go),
    ]);
  });

  test("quoted, or spelled as YAML 1.1 does not read a float, it is a string", () => {
    expect(summary('resources: [{name: r, type: git, source: {a: ".inf", b: inf, c: .infinity, d: +inf}}]\n')).toEqual(
      [],
    );
  });

  test("in a typed field (an int, a bool, inside a step) it is that error alone, not a type mismatch", () => {
    expect(
      summary("jobs: [{name: a, max_in_flight: .inf, plan: [{get: x, trigger: -.inf, attempts: .nan}]}]\n"),
    ).toEqual([unsupported("1:33", "+Inf"), unsupported("1:64", "-Inf"), unsupported("1:81", "NaN")]);
  });

  test("where a string is wanted, outside steps, it is the string sigs.k8s.io/yaml writes, as any float is", () => {
    const parsed = parsePipeline(
      "resources: [{name: .inf, type: git, source: {}, tags: [-.inf, .nan, 1.23456789012, 1e-7, 0.5]}]\njobs: []\n",
    );
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.pipeline?.resources?.[0]).toMatchObject({
      name: "+Inf",
      tags: ["-Inf", "NaN", "1.2345679", "1e-07", "0.5"],
    });
  });

  test("as a key it is a name, as sigs.k8s.io/yaml names float keys; positions still find the key", () => {
    const parsed = parsePipeline("jobs: [{name: a, plan: [{get: x, params: {.inf: 1, -.Inf: 2, .nan: 3, 0.1: 4}}]}]\n");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.pipeline?.jobs?.[0]?.plan[0]).toMatchObject({
      params: { ".inf": 1, "-.inf": 2, ".nan": 3, "0.1": 4 },
    });
    expect(parsed.locate(["jobs", 0, "plan", 0, "params", "-.inf"], "key")).toMatchObject({ line: 1, col: 52 });
    expect(summary("? .inf\n: 1\njobs: []\n")[0]).toMatch(/ warning unknown-field unknown field ".inf"/);
  });

  test("through an alias, and in a list large enough for the reader's fast path, it is found too", () => {
    expect(summary("user_data: {a: &x .inf, b: *x}\njobs: []\n")).toEqual([
      unsupported("1:19", "+Inf"),
      unsupported("1:28", "+Inf"),
    ]);
    // keys js-yaml takes for one where go-yaml does not (0x10 and 16): the document is read again, watched the same
    expect(summary("user_data: {0x10: a, 16: b, c: .inf}\njobs: []\n")).toEqual([unsupported("1:32", "+Inf")]);
    const list = Array.from({ length: 20_000 }, (_, i) => (i === 15_000 ? ".nan" : String(i))).join(", ");
    const parsed = parsePipeline(`user_data: [${list}]\njobs: []\n`);
    expect(parsed.diagnostics.map((d) => [d.ruleId, d.path, d.fly])).toEqual([
      ["yaml/UNSUPPORTED_VALUE", ["user_data", 15_000], "error converting YAML to JSON: json: unsupported value: NaN"],
    ]);
  });

  test("an anchored list given both for a list of strings and as untyped data: only the typed use is a string", () => {
    // go-yaml decodes each alias on its own: tags gets ["+Inf"], source.x keeps the float, which json.Marshal refuses
    for (const text of [
      "resources:\n- name: r\n  type: git\n  tags: &t [.inf]\n  source: {x: *t}\njobs: []\n",
      "resources:\n- name: r\n  type: git\n  source: {x: &t [.inf]}\n  tags: *t\njobs: []\n",
    ]) {
      const parsed = parsePipeline(text);
      expect(parsed.wellFormed).toBe(false);
      expect(parsed.diagnostics.map((d) => [d.ruleId, d.path])).toEqual([
        ["yaml/UNSUPPORTED_VALUE", ["resources", 0, "source", "x", 0]],
      ]);
    }
    // a number shared the same way stays a number where no string is wanted
    const parsed = parsePipeline("resources:\n- name: r\n  type: git\n  tags: &t [1.5]\n  source: {x: *t}\njobs: []\n");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.pipeline?.resources?.[0]).toMatchObject({ tags: ["1.5"], source: { x: [1.5] } });
  });

  test("a JSON number beyond float64's range is the string go-yaml keeps, not JSON.parse's Infinity", () => {
    const parsed = parsePipeline(
      '{"jobs": [{"name": "a", "plan": [], "max_in_flight": -1e400}], "user_data": [1E999]}',
    );
    expect(parsed.pipeline).toMatchObject({ user_data: ["1E999"] });
    expect(summary('{"jobs": [{"name": "a", "plan": [], "max_in_flight": -1e400}]}')).toEqual([
      "1:54 error type-mismatch json: cannot unmarshal string into Go struct field JobConfig.jobs.max_in_flight of type int || error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field JobConfig.jobs.max_in_flight of type int",
    ]);
  });
});

describe("keys sigs.k8s.io/yaml and go-yaml reject: null keys, lists and mappings as keys", () => {
  const NULL =
    'error yaml/NULL_KEY a null key (~, null or an empty key) cannot be converted to JSON, whose keys are strings: quote it ("null") for a key named null || error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: ';
  const step = (params: string) => `jobs: [{name: a, plan: [{get: x, params: ${params}}]}]\n`;

  test.each([
    ["{~: c}", "1:43", '"c"'],
    ["{null: c}", "1:43", '"c"'],
    ["{NULL: [1, ~]}", "1:43", "[]interface {}{1, interface {}(nil)}"],
    ["{: {k: 1.5}}", "1:43", 'map[interface {}]interface {}{"k":1.5}'],
    ["{? ~ : c}", "1:45", '"c"'],
  ])("%s is sigs.k8s.io/yaml's error at the key (%s), with the value in Go syntax", (params, at, value) => {
    expect(summary(step(params))).toEqual([`${at} ${NULL}${value}`]);
  });

  test("in block style, as an explicit `? ~` or `?` key, at the top level, and with an empty value", () => {
    const block = (lines: string) => `jobs:\n- name: a\n  plan:\n  - get: x\n    params:\n${lines}`;
    expect(summary(block("      ? ~\n      : c\n"))).toEqual([`6:9 ${NULL}"c"`]);
    expect(summary(block("      ?\n      : c\n"))).toEqual([`6:7 ${NULL}"c"`]);
    expect(summary(block("      ~:\n      b: 1\n"))).toEqual([`6:7 ${NULL}<nil>`]);
    expect(summary("~: 1\njobs: []\n")).toEqual([`1:1 ${NULL}1`]);
    // keys js-yaml takes for one where go-yaml does not (0x10 and 16): the document is read again, watched the same
    expect(summary(step("{0x10: a, 16: b, ~: c}"))).toEqual([`1:59 ${NULL}"c"`]);
  });

  test("an integer key past 2^53 is named by its digits (strconv.Itoa), and one go-yaml reads as a uint64 is no key", () => {
    const parsed = parsePipeline(step("{9007199254740993: a, 9007199254740992: b}"));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.pipeline?.jobs?.[0]?.plan[0]).toMatchObject({
      params: { "9007199254740993": "a", "9007199254740992": "b" },
    });
    expect(summary("jobs:\n- name: a\n  plan: []\n  9007199254740993: x\n")).toEqual([
      '4:3 warning unknown-field unknown field "9007199254740993" || error unmarshaling JSON: while decoding JSON: json: unknown field "9007199254740993"',
    ]);
    // convertToJSONableObject takes string, int, int64, float64 and bool keys: a uint64 is `unsupported map key`
    const uint =
      'error yaml/UINT64_KEY an integer key past 2^63 (18446744073709551615) cannot be converted to JSON: go-yaml reads it as a uint64, which sigs.k8s.io/yaml takes for no key: quote it ("18446744073709551615") for a key of those digits || error converting YAML to JSON: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: ';
    expect(summary(step("{18446744073709551615: [1]}"))).toEqual([`1:43 ${uint}[]interface {}{1}`]);
    expect(summary(step("{? 0xFFFFFFFFFFFFFFFF : 9007199254740993}"))).toEqual([`1:45 ${uint}9007199254740993`]);
  });

  test("an integer value past 2^53 is Go's %#v of what go-yaml read: an int's digits, a uint64 in hexadecimal", () => {
    expect(summary("~: 9007199254740993\njobs: []\n")).toEqual([`1:1 ${NULL}9007199254740993`]);
    // a whole float is a float64's: 1e+06 from 1e6 up
    expect(summary("~: 1e6\njobs: []\n")).toEqual([`1:1 ${NULL}1e+06`]);
    expect(summary("~: !!float 1000000\njobs: []\n")).toEqual([`1:1 ${NULL}1e+06`]);
    expect(summary("~: !!float 3\njobs: []\n")).toEqual([`1:1 ${NULL}3`]);
    expect(summary("~: &n !!int 18446744073709551615\njobs: []\n")).toEqual([`1:1 ${NULL}0xffffffffffffffff`]);
  });

  test("a string, int, float or bool key is a string key, as sigs.k8s.io/yaml makes it", () => {
    const parsed = parsePipeline(step(`{1: a, true: b, 1.5: c, null_: d, 'null': e, "~": f, "": g}`));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.pipeline?.jobs?.[0]?.plan[0]).toMatchObject({
      params: { "1": "a", true: "b", "1.5": "c", null_: "d", null: "e", "~": "f", "": "g" },
    });
  });

  const COMPLEX = "error yaml/COMPLEX_KEY a";
  const TAKES = "cannot be a mapping key: go-yaml takes only a string, number or boolean for one || ";
  const BEFORE = "error parsing yaml before applying templates: yaml: ";

  test("a list or mapping as a key below the top level is go-yaml v3's `invalid map key`, with Go's %#v of it", () => {
    expect(summary(step("{[a]: 1}"))).toEqual([
      `1:43 ${COMPLEX} list ${TAKES}${BEFORE}invalid map key: []interface {}{"a"}`,
    ]);
    expect(summary(step("{{a: 1}: 1}"))).toEqual([
      `1:43 ${COMPLEX} mapping ${TAKES}${BEFORE}invalid map key: map[string]interface {}{"a":1}`,
    ]);
    // js-yaml cannot name a list of lists: the key is still go-yaml's error, not a syntax error
    expect(summary(step("{[[a]]: 1}"))).toEqual([
      `1:43 ${COMPLEX} list ${TAKES}${BEFORE}invalid map key: []interface {}{[]interface {}{"a"}}`,
    ]);
    expect(summary("x: &k [a]\njobs: [{name: a, plan: [{get: x, params: {*k : 1}}]}]\n")).toEqual([
      `2:43 ${COMPLEX} list ${TAKES}${BEFORE}invalid map key: []interface {}{"a"}`,
    ]);
    const block = "jobs:\n- name: a\n  plan:\n  - get: x\n    params:\n      ? [a]\n      : c\n";
    expect(summary(block)).toEqual([`6:9 ${COMPLEX} list ${TAKES}${BEFORE}invalid map key: []interface {}{"a"}`]);
  });

  // as go-yaml reads a whole number in a key or a value (see "a whole number go-yaml reads as a float ..." above):
  // Go's %#v of a float64 from 1e6 up is 1e+06, of an int past 2^53 its digits
  test("a whole number in a list or mapping key, or in a null key's value, is Go's %#v of what go-yaml read", () => {
    const numbers = "1e6, !!float 2000000, 2.5e6, 1000000, 3.0, 9007199254740993";
    const shown = "1e+06, 2e+06, 2.5e+06, 1000000, 3, 9007199254740993";
    expect(summary(step(`{[${numbers}]: 1}`))).toEqual([
      `1:43 ${COMPLEX} list ${TAKES}${BEFORE}invalid map key: []interface {}{${shown}}`,
    ]);
    expect(summary(step("{{b: 1000000, a: 1e6}: 1}"))).toEqual([
      `1:43 ${COMPLEX} mapping ${TAKES}${BEFORE}invalid map key: map[string]interface {}{"a":1e+06, "b":1000000}`,
    ]);
    const block = "jobs:\n- name: a\n  plan:\n  - get: x\n    params:\n      ? - 1e6\n        - 1000000\n      : c\n";
    expect(summary(block)).toEqual([
      `6:9 ${COMPLEX} list ${TAKES}${BEFORE}invalid map key: []interface {}{1e+06, 1000000}`,
    ]);
    // an alias: the numbers where its anchor is
    expect(summary("x: &k [1000000, 1e6]\njobs: [{name: a, plan: [{get: x, params: {*k : 1}}]}]\n")).toEqual([
      `2:43 ${COMPLEX} list ${TAKES}${BEFORE}invalid map key: []interface {}{1000000, 1e+06}`,
    ]);
    expect(summary(step(`{~: [${numbers}]}`))).toEqual([`1:43 ${NULL}[]interface {}{${shown}}`]);
  });

  test("a whole number an alias names, standing alone as a null key's value or in a key, is Go's %#v of its anchor's", () => {
    const anchors = "n: &n 1e6\nbig: &big 9007199254740993\nint: &int 1000000\n";
    expect(summary(`${anchors}${step("{~: *n}")}`)).toEqual([`4:43 ${NULL}1e+06`]);
    expect(summary(`${anchors}${step("{~: *big}")}`)).toEqual([`4:43 ${NULL}9007199254740993`]);
    expect(summary(`${anchors}${step("{~: *int}")}`)).toEqual([`4:43 ${NULL}1000000`]);
    expect(summary(`${anchors}${step("{~: [*n, *big, *int]}")}`)).toEqual([
      `4:43 ${NULL}[]interface {}{1e+06, 9007199254740993, 1000000}`,
    ]);
    const block = `${anchors}jobs:\n- name: a\n  plan:\n  - get: x\n    params:\n      ~: *n   # a float\n`;
    expect(summary(block)).toEqual([`9:7 ${NULL}1e+06`]);
    expect(summary(`${anchors}${step("{[*n, *big]: 1}")}`)).toEqual([
      `4:43 ${COMPLEX} list ${TAKES}${BEFORE}invalid map key: []interface {}{1e+06, 9007199254740993}`,
    ]);
    // a name anchored again: the number anchored last before the alias
    expect(summary(`n: &n 1e6\nm: &n 2000000\n${step("{~: *n}")}`)).toEqual([`3:43 ${NULL}2000000`]);
  });

  test("in the top-level mapping it is go-yaml v3's type error (fly reads the file into a map[string]any)", () => {
    expect(summary("jobs: []\n[a]: 1\n")).toEqual([
      `2:1 ${COMPLEX} list ${TAKES}${BEFORE}unmarshal errors:\n  line 2: cannot unmarshal !!seq into string`,
    ]);
    expect(summary("jobs: []\n{a: 1}: 1\n")).toEqual([
      `2:1 ${COMPLEX} mapping ${TAKES}${BEFORE}unmarshal errors:\n  line 2: cannot unmarshal !!map into string`,
    ]);
    expect(summary("jobs: []\n!foo [a]: 1\n")[0]).toMatch(/line 2: cannot unmarshal !foo `` into string$/);
  });

  test("go-yaml's read comes first: with both, the list key alone is reported", () => {
    expect(summary(step("{~: c, [a]: 1}"))).toEqual([
      `1:49 ${COMPLEX} list ${TAKES}${BEFORE}invalid map key: []interface {}{"a"}`,
    ]);
  });
});

describe("a document that is a list or a scalar: go-yaml v3's error, fly's first read (into a map[string]any)", () => {
  const NOT = "error type-mismatch a pipeline is a mapping of its top-level keys (jobs, resources, ...), not a";
  const V3 = "error parsing yaml before applying templates: yaml: unmarshal errors:\n  line";
  const INTO = "into map[string]interface {}";

  test("a list, in YAML or JSON, at the line its node starts on", () => {
    expect(summary("- a\n")).toEqual([`1:1 ${NOT} list || ${V3} 1: cannot unmarshal !!seq ${INTO}`]);
    expect(summary("# pipeline\n---\n[a, b]\n")).toEqual([
      `3:1 ${NOT} list || ${V3} 3: cannot unmarshal !!seq ${INTO}`,
    ]);
    expect(summary('\n[{"name": "a"}]', { format: "json" })).toEqual([
      `2:1 ${NOT} list || ${V3} 2: cannot unmarshal !!seq ${INTO}`,
    ]);
  });

  test("a scalar: its tag as go-yaml v3 resolves it (YAML 1.2 booleans), its value cut past 10 bytes", () => {
    expect(summary("hello\n")).toEqual([`1:1 ${NOT} string || ${V3} 1: cannot unmarshal !!str \`hello\` ${INTO}`]);
    expect(summary("42\n")[0]).toBe(`1:1 ${NOT} number || ${V3} 1: cannot unmarshal !!int \`42\` ${INTO}`);
    expect(summary("yes\n")[0]).toBe(`1:1 ${NOT} boolean || ${V3} 1: cannot unmarshal !!str \`yes\` ${INTO}`);
    expect(summary("True\n")[0]).toBe(`1:1 ${NOT} boolean || ${V3} 1: cannot unmarshal !!bool \`True\` ${INTO}`);
    expect(summary("2024-01-02\n")[0]).toMatch(/cannot unmarshal !!timestamp `2024-01-02` into/);
    expect(summary(".inf\n")[0]).toMatch(/cannot unmarshal !!float `\.inf` into/);
    expect(summary('"a long string value"\n')[0]).toMatch(/cannot unmarshal !!str `a long \.\.\.` into/);
    expect(summary("héllo wörld\n")[0]).toMatch(/cannot unmarshal !!str `héllo \.\.\.` into/);
    expect(summary("--- !!str 42\n")[0]).toMatch(/line 1: cannot unmarshal !!str `42` into/);
    expect(summary("!foo [a]\n")[0]).toMatch(/line 1: cannot unmarshal !foo `` into/);
  });

  test("before vars are put in place, as fly reads the file before templating it", () => {
    const vars = { pairs: [{ path: ["p"], value: { jobs: [] } }], files: [] };
    expect(summary("((p))\n", { vars })[0]).toMatch(/line 1: cannot unmarshal !!str `\(\(p\)\)` into/);
  });

  test("an empty or null document is still an empty pipeline", () => {
    expect(summary("~\n")).toEqual([]);
    expect(summary("---\n")).toEqual([]);
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
