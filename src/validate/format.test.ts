import { describe, expect, test } from "vitest";
import { yamlSafeJson } from "../render/yaml.ts";
import { formatResults, toJson, unlistedByFly } from "./format.ts";
import { type FileValidation, validateText } from "./validate-text.ts";

const result: FileValidation = {
  file: "p.ts",
  diagnostics: [
    {
      ruleId: "dataflow-example",
      severity: "warning",
      parity: "hangar",
      message: "input 'x' is not produced",
      path: ["jobs", 0, "plan", 1, "task"],
    },
    {
      ruleId: "resource-unused",
      severity: "error",
      parity: "concourse",
      message: "resource 'r' is not used",
      path: ["resources", 0, "name"],
      loc: { file: "p.yml", line: 2, col: 9 },
    },
  ],
};

describe("formatResults", () => {
  test("json: hangar's own findings have fly null; no location gives null line and col", () => {
    expect(toJson([result])).toEqual([
      {
        file: "p.ts",
        errors: [
          {
            rule: "resource-unused",
            severity: "error",
            message: "resource 'r' is not used",
            path: "resources[0].name",
            file: "p.yml",
            line: 2,
            col: 9,
            fly: "resource 'r' is not used",
          },
        ],
        warnings: [
          {
            rule: "dataflow-example",
            severity: "warning",
            message: "input 'x' is not produced",
            path: "jobs[0].plan[1].task",
            file: "p.ts",
            line: null,
            col: null,
            fly: null,
          },
        ],
      },
    ]);
  });

  test("text falls back to the path when there is no location", () => {
    expect(formatResults([result], "text")).toBe(
      "p.ts:jobs[0].plan[1].task warning dataflow-example input 'x' is not produced\n" +
        "p.yml:2:9 error resource-unused resource 'r' is not used\n",
    );
  });

  test("text: a finding with neither a location nor a path (a file that cannot be read) is placed at the file alone", () => {
    const unreadable: FileValidation = {
      file: "nope.yml",
      diagnostics: [
        { ruleId: "input/unreadable", severity: "error", parity: "hangar", message: "cannot read", path: [] },
      ],
    };
    expect(formatResults([unreadable], "text")).toBe("nope.yml: error input/unreadable cannot read\n");
  });

  test("fly leaves hangar's own findings out", () => {
    expect(formatResults([result], "fly")).toBe(
      "p.ts:\n\nWARNING:\nError loading existing config:\n  - invalid resources:\n\tresource 'r' is not used\n\n\nerror: configuration invalid\n",
    );
  });

  test("fly: a file too large to read is its error alone; a hangar-only error is not `looks good`", () => {
    const tooLarge: FileValidation = {
      file: "big.yml",
      diagnostics: [
        {
          ruleId: "input/too-large",
          severity: "error",
          parity: "hangar",
          message: "pipeline is 9 bytes; the limit is 8",
          path: [],
        },
      ],
    };
    expect(formatResults([tooLarge], "fly")).toBe("big.yml:\nerror: pipeline is 9 bytes; the limit is 8\n");
    const own: FileValidation = {
      file: "p.yml",
      diagnostics: [{ ruleId: "unknown-field-rejected", severity: "error", parity: "hangar", message: "x", path: [] }],
    };
    expect(formatResults([own], "fly")).toBe("p.yml:\nerror: configuration invalid\n");
    expect(formatResults([{ file: "p.yml", diagnostics: [] }], "fly")).toBe("p.yml:\nlooks good\n");
  });

  test("fly: a reading error (the YAML's conversion to JSON) stops fly before a decoding error placed earlier", () => {
    const parsed = validateText("jobs: 5\nresources: [{name: r, type: git, source: {depth: .inf}}]\n", {
      file: "p.yml",
    });
    expect(formatResults([parsed], "fly")).toBe(
      "p.yml:\nerror: error converting YAML to JSON: json: unsupported value: +Inf\n",
    );
  });

  test("fly: of several floats JSON cannot hold, the one json.Marshal meets first (keys in sorted order)", () => {
    const fly = (text: string) => formatResults([validateText(text, { file: "p.yml" })], "fly");
    const line = (go: string) => `p.yml:\nerror: error converting YAML to JSON: json: unsupported value: ${go}\n`;
    // jobs sorts before resources, plan before public, a before b: NaN each time, though written after the other
    expect(fly("resources: [{name: r, type: git, source: {x: .inf}}]\njobs: [{name: j, plan: [], user: .nan}]\n")).toBe(
      line("NaN"),
    );
    expect(fly("jobs:\n- name: j\n  public: -.inf\n  plan:\n  - get: r\n    params: {b: .inf, a: .nan}\n")).toBe(
      line("NaN"),
    );
    // a list's items in their order; keys compared as Go compares strings (UTF-8 bytes: U+FF61 before U+1F600)
    expect(fly("user_data: [[0, -.inf], .nan]\njobs: []\n")).toBe(line("-Inf"));
    expect(fly('user_data: {"\\U0001F600": .inf, "\\uFF61": .nan}\njobs: []\n')).toBe(line("NaN"));
  });
});

describe("names holding terminal controls", () => {
  // ESC sequences (clear the screen, set the window title), a C1 CSI, a BEL, a line break, LS and an RTL override
  const hostile = yamlSafeJson({
    resources: [{ name: "r\u001b[2J\u009b1m\u202e", type: "git\u001b]0;t\u0007", source: {} }],
    jobs: [{ name: "j\u001b[31m\nfake.yml:1:1 error x\u2028", plan: [{ get: "nope\u001b[2J" }] }],
  });
  const validated = validateText(hostile, { file: "p\u001b[1m.json" });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not be found
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  test("text: each finding is one line, with the name's controls and line breaks as escapes", () => {
    const text = formatResults([validated], "text");
    expect(text).not.toMatch(RAW);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(validated.diagnostics.length);
    for (const line of lines) expect(line).toMatch(/^p\\x1b\[1m\.json:\d+:\d+ (error|warning) /);
    expect(text).toContain("unknown resource 'nope\\x1b[2J'");
    expect(text).toContain("'j\\x1b[31m\\nfake.yml:1:1 error x\\u2028'");
  });

  test("fly: the name's controls are escapes; fly's own lines and tabs are kept", () => {
    const fly = formatResults([validated], "fly");
    expect(fly.replace(/^\t/gm, "")).not.toMatch(RAW);
    expect(fly).toContain("\tjobs.j\\x1b[31m\n");
    expect(fly).toContain("unknown resource 'nope\\x1b[2J'");
  });

  test("json: valid JSON that reads back to the messages, with no control character but as an escape", () => {
    const json = formatResults([validated], "json");
    expect(json).not.toMatch(RAW);
    const messages = (JSON.parse(json) as { errors: { message: string }[] }[])[0]?.errors.map((e) => e.message);
    expect(messages).toEqual(validated.diagnostics.filter((d) => d.severity === "error").map((d) => d.message));
    expect(messages?.join()).toContain("nope\u001b[2J");
  });
});

describe("--format fly of a task config file", () => {
  const fly = (text: string, strict = false) =>
    formatResults([validateText(text, { file: "t.yml", as: "task", strict })], "fly");

  test("Validate's errors in its order (the platform first), wherever they are in the file", () => {
    const text = "inputs: [{ path: a }]\noutputs: [~]\nplatform: ''\nrun: { path: make }\n";
    expect(fly(text)).toBe(
      [
        "t.yml:",
        "error: invalid task configuration:",
        "missing 'platform'",
        "  input in position 0 is missing a name",
        "  output in position 0 is missing a name",
        "",
      ].join("\n"),
    );
  });

  test("a type error stops the read, in sigs.k8s.io/yaml's words; hangar's own errors are no `looks good`", () => {
    expect(fly("platform: linux\nrun: { path: 7 }\n")).toBe(
      "t.yml:\nerror: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field TaskRunConfig.run.path of type string\n",
    );
    expect(fly("platform: linux\nrun: { path: make, dri: x }\n")).toBe("t.yml:\nlooks good\n");
    expect(fly("platform: linux\nrun: { path: make, dri: x }\n", true)).toBe("t.yml:\nerror: configuration invalid\n");
  });
});

describe("unlistedByFly: the errors --format fly leaves out", () => {
  const read = (text: string, options: Parameters<typeof validateText>[1] = {}) =>
    unlistedByFly(validateText(text, { file: "p.yml", as: "auto", ...options }));
  const pipeline = (resource: string) =>
    `resources:\n- {name: src, type: git, source: {uri: x}${resource}}\njobs:\n- name: a\n  plan: [{get: src}]\n`;

  test("hangar's own errors, when no error that stops fly is printed", () => {
    expect(read(pipeline(", pubic: true"))).toBe(1);
    expect(read(pipeline(""))).toBe(0);
    // a warning of hangar's own fails nothing; with --strict it does
    expect(read("platform: linux\nrun: { path: make, dri: x }\n")).toBe(0);
    expect(read("platform: linux\nrun: { path: make, dri: x }\n", { strict: true })).toBe(1);
  });

  test("none when fly stops at an error of its own (a decoding error, YAML it cannot read), which it prints", () => {
    expect(read(`${pipeline(", pubic: true")}x: [\n`)).toBe(0);
    expect(read(pipeline(", pubic: true, check_every: 7"))).toBe(0);
  });
});
