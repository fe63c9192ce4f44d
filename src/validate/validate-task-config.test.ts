import { describe, expect, test } from "vitest";
import { deepFreeze } from "../../test/helpers/deep-freeze.ts";
import type { Diagnostic } from "../source/diagnostic.ts";
import { validateTaskConfig } from "./validate-task-config.ts";
import { validateText } from "./validate-text.ts";

/** What a reader of the output sees of each finding: rule, severity, message, fly's line and line:col. */
const seen = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((d) => ({
    rule: d.ruleId,
    severity: d.severity,
    message: d.message,
    fly: d.fly ?? null,
    at: d.loc === undefined ? null : `${d.loc.line}:${d.loc.col}`,
  }));

const task = (text: string, options: Parameters<typeof validateText>[1] = {}) =>
  validateText(text, { file: "task.yml", as: "task", ...options });

describe("a task config file, read as atc.NewTaskConfig reads it", () => {
  test("a config Concourse runs has no finding, and says it was read as a task config", () => {
    const text = [
      "platform: linux",
      "image_resource:",
      "  type: registry-image",
      "  source: { repository: example/builder }",
      "inputs: [{ name: code }, { name: cache, optional: true }]",
      "outputs: [{ name: dist, path: out }]",
      "caches: [{ path: .cache, ttl: 2h }]",
      "params: { LEVEL: 3, DEBUG: true }",
      "container_limits: { cpu: 2, memory: 1GB }",
      "run: { path: make, args: [all], dir: code, user: builder }",
      "",
    ].join("\n");
    expect(task(text)).toEqual({ file: "task.yml", diagnostics: [], readAs: "task" });
  });

  test("unknown keys end the read, as NewTaskConfig does before Validate: one error at the first of them", () => {
    // no platform either: Concourse never gets to say so
    const result = task("run: { path: make }\nouputs: [{ name: dist }]\ncahces: []\n");
    expect(seen(result.diagnostics)).toEqual([
      {
        rule: "task-config-unknown-fields",
        severity: "error",
        message: "unknown fields: [cahces ouputs]; did you mean 'caches' for \"cahces\", 'outputs' for \"ouputs\"?",
        fly: "unknown fields: [cahces ouputs]",
        at: "2:1",
      },
    ]);
  });

  test("an unknown key that is the float -0.0, named -0 as sigs.k8s.io/yaml names it, is at its place", () => {
    const result = task("platform: linux\nrun: { path: make }\n-0.0: x\n");
    expect(seen(result.diagnostics)).toMatchObject([
      { rule: "task-config-unknown-fields", fly: "unknown fields: [-0]", at: "3:1" },
    ]);
  });

  test("TaskConfig.Validate's errors, each at its place, in fly's words", () => {
    const result = task("run: { path: make }\ninputs:\n- name: code\n- path: elsewhere\noutputs:\n- ~\n");
    expect(seen(result.diagnostics)).toEqual([
      {
        rule: "task-config-no-platform",
        severity: "error",
        message: "missing 'platform'",
        fly: "missing 'platform'",
        at: "1:1",
      },
      {
        rule: "task-config-io-no-name",
        severity: "error",
        message: "  input in position 1 is missing a name",
        fly: "  input in position 1 is missing a name",
        at: "4:3",
      },
      {
        rule: "task-config-io-no-name",
        severity: "error",
        message: "  output in position 0 is missing a name",
        fly: "  output in position 0 is missing a name",
        at: "6:3",
      },
    ]);
  });

  test("an empty platform is reported at it; an empty file is a config with no platform", () => {
    expect(seen(task('platform: ""\nrun: { path: make }\n').diagnostics).map((d) => [d.message, d.at])).toEqual([
      ["missing 'platform'", "1:11"],
    ]);
    expect(seen(task("# nothing yet\n").diagnostics).map((d) => d.message)).toEqual(["missing 'platform'"]);
  });

  test("no scalar is made a string (TaskConfig has its own UnmarshalJSON); type errors name Go's structs", () => {
    const text = [
      "platform: 1",
      "run: { path: make, args: [-j, 4] }",
      "caches: [{ path: .cache, ttl: 60 }]",
      "inputs: [{ name: code, optional: maybe }]",
      "params: [A]",
      "",
    ].join("\n");
    const prefix = "error unmarshaling JSON: while decoding JSON: ";
    const errors = [
      ["json: cannot unmarshal number into Go struct field taskConfigAlias.platform of type string", "1:11"],
      ["json: cannot unmarshal number into Go struct field TaskRunConfig.run.args of type string", "2:31"],
      // decoded by TaskCacheConfig's own UnmarshalJSON, inside the decode of taskConfigAlias, which names it
      ["json: cannot unmarshal number into Go struct field taskConfigAlias.caches.ttl of type string", "3:31"],
      ["json: cannot unmarshal string into Go struct field TaskInputConfig.inputs.optional of type bool", "4:34"],
      [
        "json: cannot unmarshal array into Go struct field taskConfigAlias.params of type map[string]atc.CoercedString",
        "5:9",
      ],
    ];
    expect(seen(task(text).diagnostics)).toEqual(
      errors.map(([message, at]) => ({ rule: "type-mismatch", severity: "error", message, fly: prefix + message, at })),
    );
  });

  test("values params coerce, and a cache ttl Concourse refuses", () => {
    expect(task("platform: linux\nrun: { path: make }\nparams: { N: 3, ON: true, L: [a] }\n").diagnostics).toEqual([]);
    expect(seen(task("platform: linux\nrun: { path: make }\ncaches: [{ path: c, ttl: 10ms }]\n").diagnostics)).toEqual([
      {
        rule: "value-invalid",
        severity: "error",
        message: "cache ttl must be at least 1s, got '10ms'",
        fly: "error unmarshaling JSON: while decoding JSON: cache ttl must be at least 1s, got '10ms'",
        at: "3:26",
      },
    ]);
  });

  test("keys Concourse ignores inside run, inputs and the rest are hangar's warnings, errors with --strict", () => {
    const text = "platform: linux\nrun: { path: make, agrs: [x] }\n";
    expect(seen(task(text).diagnostics).map((d) => [d.rule, d.severity, d.at])).toEqual([
      ["unknown-field-ignored", "warning", "2:20"],
    ]);
    expect(seen(task(text, { strict: true }).diagnostics).map((d) => [d.rule, d.severity])).toEqual([
      ["unknown-field-ignored", "error"],
    ]);
  });

  test("a repeated key is no error to go-yaml v2, which keeps the last: a warning, and the last one is read", () => {
    const result = task("platform: linux\nrun: { path: make }\nplatform: ''\n");
    expect(seen(result.diagnostics)).toEqual([
      {
        rule: "yaml/DUPLICATE_KEY",
        severity: "warning",
        message:
          'mapping key "platform" already defined at line 1: Concourse reads a task config file with the last one',
        fly: null,
        at: "3:1",
      },
      {
        rule: "task-config-no-platform",
        severity: "error",
        message: "missing 'platform'",
        fly: "missing 'platform'",
        at: "3:11",
      },
    ]);
  });

  test("a file that is no mapping: hangar's words, and the error json gives", () => {
    expect(seen(task("- platform: linux\n").diagnostics)).toEqual([
      {
        rule: "type-mismatch",
        severity: "error",
        message: "a task config is a mapping of its keys (platform, run, ...), not a list",
        fly: "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]*json.RawMessage",
        at: "1:1",
      },
    ]);
  });

  test("YAML errors in fly execute's words: go-yaml's own, with no first strict pass before them", () => {
    const [syntax] = task("platform: linux\nrun: [\n").diagnostics;
    expect(syntax?.ruleId).toBe("yaml/SYNTAX");
    expect(syntax?.fly).toMatch(/^yaml: line \d+: /);
    // the same text read as a pipeline names fly validate-pipeline's first read
    const [asPipeline] = validateText("platform: linux\nrun: [\n").diagnostics;
    expect(asPipeline?.fly).toMatch(/^error parsing yaml before applying templates: yaml: line \d+: /);
  });

  test("vars are put in place first, as fly execute -v does", () => {
    const text = "platform: ((os))\nrun: { path: make }\n";
    expect(task(text, { vars: { pairs: [{ path: ["os"], value: "linux" }], files: [] } }).diagnostics).toEqual([]);
  });

  test("a var name Concourse refuses is fly execute's error with no vars given, as with vars, and alone (in a key too)", () => {
    // fly execute puts its vars in place before NewTaskConfig (templatehelpers Evaluate), and a task step its build's
    // when it runs (InterpolateTemplateConfigSource): the name is read either way
    const text = [
      "run: { path: ((tools..make)) }", // no platform: Validate's error, never reached
      "image_resource:",
      "  type: registry-image",
      '  source: { repository: x, ((creds."user)): admin }',
      "",
    ].join("\n");
    const expected = [
      {
        rule: "vars/interpolation",
        severity: "error",
        message: "invalid var 'tools..make': empty field",
        fly: "invalid var 'tools..make': empty field",
        at: "1:14",
      },
      {
        rule: "vars/interpolation",
        severity: "error",
        message: `invalid var 'creds."user': contains unclosed quotes`,
        fly: `invalid var 'creds."user': contains unclosed quotes`,
        at: "4:28",
      },
    ];
    expect(seen(task(text).diagnostics)).toEqual(expected);
    expect(seen(task(text, { vars: { pairs: [], files: [] } }).diagnostics)).toEqual(expected);
    expect(seen(task(text, { as: "auto" }).diagnostics)).toEqual(expected);
    // of a config of the wrong shape too, read before it is decoded
    expect(seen(task(`platform: [linux]\n${text}`).diagnostics).map((d) => d.rule)).toEqual([
      "vars/interpolation",
      "vars/interpolation",
    ]);
    const mended = text.replace("tools..make", "tools.make").replace('creds."user', "creds.user");
    expect(seen(task(mended).diagnostics).map((d) => d.rule)).toEqual(["task-config-no-platform"]);
  });

  test("JSON reads the same", () => {
    expect(seen(task('{"run": {"path": "make"}, "ouputs": []}').diagnostics).map((d) => d.message)).toEqual([
      "unknown fields: [ouputs]; did you mean 'outputs'?",
    ]);
  });
});

describe("validateTaskConfig", () => {
  test("rule settings apply: an unknown key made a warning no longer ends the read", () => {
    const config = deepFreeze({ run: { path: "make" }, ouputs: [] });
    const found = validateTaskConfig(config as never, { rules: { "task-config-unknown-fields": "warn" } });
    expect(found.map((d) => [d.ruleId, d.severity, d.path])).toEqual([
      ["task-config-no-platform", "error", []],
      ["task-config-unknown-fields", "warning", ["ouputs"]],
    ]);
    expect(validateTaskConfig(config as never, { rules: { "task-config-unknown-fields": "off" } })).toHaveLength(1);
  });
});
