import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { deepFreeze } from "../../test/helpers/deep-freeze.ts";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import type { TemplateVars } from "../parse/vars.ts";
import type { Diagnostic } from "../source/diagnostic.ts";
import { defineRule } from "./define-rule.ts";
import unknownFieldRejected from "./rules/unknown-field-rejected.ts";
import { hasErrors, validateText, validateValue } from "./validate-text.ts";
import { validateData } from "./validate-value.ts";

const noPlan = defineRule({
  id: "example-job-empty",
  parity: "hangar",
  severity: "warning",
  docs: { description: "a job with an empty plan (test rule)" },
  messages: { empty: "job '{{job}}' has no steps" },
  check({ pipeline, report }) {
    pipeline.jobs?.forEach((job, i) => {
      if (job.plan?.length === 0) report({ path: ["jobs", i, "plan"], messageId: "empty", data: { job: job.name } });
    });
  },
});

describe("validateText", () => {
  test("parse findings and rule findings together, located and in source order", () => {
    const result = validateText("jobs:\n- name: a\n  plan: []\n  serail: true\n", {
      file: "p.yml",
      registry: [noPlan, unknownFieldRejected],
    });
    expect(result).toEqual({
      file: "p.yml",
      diagnostics: [
        {
          ruleId: "example-job-empty",
          severity: "warning",
          parity: "hangar",
          message: "job 'a' has no steps",
          path: ["jobs", 0, "plan"],
          messageId: "empty",
          data: { job: "a" },
          loc: { file: "p.yml", line: 3, col: 9, endLine: 3, endCol: 11 },
        },
        {
          ruleId: "unknown-field-rejected",
          severity: "error",
          parity: "hangar",
          message: "set-pipeline rejects this key (json: unknown field \"serail\"); did you mean 'serial'?",
          path: ["jobs", 0, "serail"],
          messageId: "rejected",
          data: { field: '"serail"', didYouMean: "serial" },
          loc: { file: "p.yml", line: 4, col: 3, endLine: 4, endCol: 9 },
        },
      ],
    });
    expect(hasErrors([result])).toBe(true);
  });

  test("--strict makes every warning an error and reports unknown keys as fly does; severity overrides apply", () => {
    const strict = validateText("jobs: [{name: a, plan: [], serail: true}]\n", {
      strict: true,
      registry: [noPlan, unknownFieldRejected],
    });
    expect(strict.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ["example-job-empty", "error"],
      ["unknown-field", "error"],
    ]);
    expect(hasErrors([strict])).toBe(true);
    const off = validateText("jobs: [{name: a, plan: []}]\n", {
      registry: [noPlan],
      rules: { "example-job-empty": "off" },
    });
    expect(off.diagnostics).toEqual([]);
  });

  test("rules do not run on a pipeline that did not decode (fly stops there too)", () => {
    const result = validateText("jobs: [{name: a, plan: [], max_in_flight: x}]\n", { registry: [noPlan] });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(["type-mismatch"]);
  });
});

describe("a finding at a key a merge key brings in is placed where that key is written", () => {
  /** Each finding as `line:col rule path`, the location of the key itself when it is about a key. */
  const placed = (text: string) =>
    validateText(text, { strict: true }).diagnostics.map(
      (d) => `${d.loc?.line}:${d.loc?.col} ${d.ruleId} ${JSON.stringify(d.path)}`,
    );

  test("rules: a merged get's unknown resource, and its name repeated, in the anchored mapping", () => {
    const text = [
      "base: &base",
      "  get: nope",
      "  trigger: true",
      "extra: &extra { attempts: 2 }",
      "jobs:",
      "- name: a",
      "  plan:",
      "  - <<: *base",
      "  - <<: [*extra, *base]",
      "    get: src",
      "  - { <<: *base }",
      "resources: [{ name: src, type: git, source: {} }]",
    ].join("\n");
    expect(placed(text)).toEqual([
      '1:1 unknown-field ["base"]',
      '2:8 get-unknown-resource ["jobs",0,"plan",0,"get"]',
      '2:8 get-name-repeated ["jobs",0,"plan",2,"get"]',
      '2:8 get-unknown-resource ["jobs",0,"plan",2,"get"]',
      '4:1 unknown-field ["extra"]',
    ]);
  });

  test("the shape check: a wrong type, and an unknown key (at the key), through one merge source or a list", () => {
    const text = [
      "a: &a { serial: 3, plan: [{ get: src, trigger: 7 }] }",
      "b: &b",
      "  public: yes",
      "  nme: x",
      "jobs:",
      "- name: j",
      "  <<: [*b, *a]",
      "- name: k",
      "  plan: []",
      "  <<: { build_log_retention: { days: x } }",
    ].join("\n");
    expect(placed(text)).toEqual([
      '1:1 unknown-field ["a"]',
      '1:17 type-mismatch ["jobs",0,"serial"]',
      '1:48 type-mismatch ["jobs",0,"plan",0,"trigger"]',
      '2:1 unknown-field ["b"]',
      '4:3 unknown-field ["jobs",0,"nme"]',
      '10:38 type-mismatch ["jobs",1,"build_log_retention","days"]',
    ]);
  });
});

describe("validateValue", () => {
  test("checks a copy: the value is not touched, and there are no locations", () => {
    const value = deepFreeze({ resources: [{ name: 1, type: "git", source: {} }], jobs: [{ name: "a", plan: [] }] });
    const result = validateValue(value, { file: "p.ts", registry: [noPlan] });
    expect(result.diagnostics.map((d) => [d.ruleId, d.path, d.loc])).toEqual([
      ["example-job-empty", ["jobs", 0, "plan"], undefined],
    ]);
    expect(value.resources[0]?.name).toBe(1);
  });

  test("a value that is not plain data is a diagnostic", () => {
    const cyclic: Record<string, unknown> = { jobs: [] };
    cyclic.self = cyclic;
    expect(validateValue(cyclic).diagnostics.map((d) => d.ruleId)).toEqual(["input/not-data"]);
  });
});

describe("a null entry in a named section is a zero struct, as Go decodes JSON null", () => {
  const base = "resources:\n- name: r\n  type: git\n  source: {uri: x}\njobs:\n- name: j\n  plan: [{get: r}]\n";
  const withEntry = (section: string, entry: string) =>
    section === "resources" || section === "jobs"
      ? base.replace(`${section}:\n`, `${section}:\n${entry}\n`)
      : `${base}${section}:\n${entry}\n`;
  const found = (text: string) =>
    validateText(text).diagnostics.map((d) => `${d.ruleId} ${d.path.join(".")} ${d.message}`);

  test("jobs and resources: the messages of fly's configvalidate for the second entry", () => {
    const jobs = found(`${base}-\n`);
    expect(jobs).toContain("identifier-empty jobs.1.name jobs[1]: identifier cannot be an empty string");
    expect(jobs).toContain("job-no-name jobs.1.name jobs[1] has no name");
    const resources = found(base.replace("jobs:", "-\njobs:"));
    expect(resources).toContain("resource-no-name resources.1.name resources[1] has no name");
    expect(resources).toContain("resource-no-type resources.1.type resources[1] has no type");
  });

  test.each(["groups", "resources", "resource_types", "prototypes", "var_sources", "jobs"])(
    "%s: `-` and `~` give what `{}` gives",
    (section) => {
      const empty = found(withEntry(section, "- {}"));
      expect(empty).toContain(`identifier-empty ${section}.0.name ${section}[0]: identifier cannot be an empty string`);
      expect(found(withEntry(section, "-"))).toEqual(empty);
      expect(found(withEntry(section, "- ~"))).toEqual(empty);
    },
  );

  test("an entry of another type is still the shape check's error, not a zero struct", () => {
    const messages = found(base.replace("jobs:\n", "jobs:\n- oops\n"));
    expect(messages.some((m) => m.startsWith("type-mismatch jobs.0"))).toBe(true);
    expect(messages.some((m) => m.startsWith("job-no-name"))).toBe(false);
  });
});

describe("var names Concourse refuses, with no vars given (fly reads every name before the pipeline)", () => {
  const fixture = resolve(import.meta.dirname, "../../test/fixtures/var-names/bad-names.yml");
  const text = readFileSync(fixture, "utf8");
  const noVars: TemplateVars = { pairs: [], files: [] };
  const found = (ds: readonly Diagnostic[]) =>
    ds.map(({ ruleId, severity, parity, message, path, loc, fly }) => ({
      ruleId,
      severity,
      parity,
      message,
      path,
      loc,
      fly,
    }));
  const refused = (message: string, path: (string | number)[], line: number, col: number) => ({
    ruleId: "vars/interpolation",
    severity: "error",
    parity: "concourse",
    message,
    path,
    loc: expect.objectContaining({ file: "p.yml", line, col }),
    fly: message,
  });

  test("each string holding one is an error at the string, as when vars are given, and nothing else is reported", () => {
    const expected = [
      refused(`invalid var 'repo."branch': contains unclosed quotes`, ["resources", 0, "source", "branch"], 7, 15),
      refused("invalid var 'release..tag': empty field", ["jobs", 0, "plan", 2, "params", "tag"], 18, 16),
    ];
    expect(found(validateText(text, { file: "p.yml" }).diagnostics)).toEqual(expected);
    expect(found(validateText(text, { file: "p.yml", vars: noVars }).diagnostics)).toEqual(expected);
  });

  test("the same pipeline as data (a module's), and with the names mended, nothing", () => {
    const data = parsePipeline(text).pipeline;
    // in the order of their paths (the vars path leaves them in the document's)
    const messages = (ds: readonly Diagnostic[]) => ds.map((d) => [d.ruleId, d.path.join("/"), d.fly]).sort();
    const expected = [
      ["vars/interpolation", "jobs/0/plan/2/params/tag", "invalid var 'release..tag': empty field"],
      ["vars/interpolation", "resources/0/source/branch", `invalid var 'repo."branch': contains unclosed quotes`],
    ];
    expect(messages(validateData(data).diagnostics)).toEqual(expected);
    expect(messages(validateData(data, { vars: noVars }).diagnostics)).toEqual(expected);
    expect(messages(validateValue(data).diagnostics)).toEqual(expected);
    const mended = text.replace('repo."branch', "repo.branch").replace("release..tag", "release.tag");
    expect(validateText(mended).diagnostics).toEqual([]);
  });

  test("a name a var's value brings in is no var (fly reads names once)", () => {
    const pipeline =
      "jobs:\n- name: j\n  plan:\n  - put: x\n    params: {a: ((v)), b: ((w))}\nresources: [{name: x, type: git}]\n";
    const vars: TemplateVars = { pairs: [{ path: ["v"], value: "((a..b))" }], files: [] };
    expect(validateText(pipeline, { vars }).diagnostics).toEqual([]);
    expect(validateData(parsePipeline(pipeline).pipeline, { vars }).diagnostics).toEqual([]);
  });
});

describe("var names Concourse refuses in mapping keys (fly's templating reads every key as it reads values)", () => {
  const fixture = resolve(import.meta.dirname, "../../test/fixtures/var-names/bad-keys.yml");
  const text = readFileSync(fixture, "utf8");
  const noVars: TemplateVars = { pairs: [], files: [] };
  const where = (ds: readonly Diagnostic[]) =>
    ds.map((d) => [d.ruleId, d.path.join("/"), d.fly, d.loc === undefined ? "" : `${d.loc.line}:${d.loc.col}`]);
  const expected = [
    ["vars/interpolation", "resources/0/source/((creds..user))", "invalid var 'creds..user': empty field"],
    [
      "vars/interpolation",
      'jobs/0/plan/1/params/labels/((release."tag))',
      `invalid var 'release."tag': contains unclosed quotes`,
    ],
  ];

  test("each key holding one is an error at that key's path, as when vars are given, and nothing else is reported", () => {
    const withVars = where(validateText(text, { vars: noVars }).diagnostics);
    expect(withVars.map((d) => d.slice(0, 3))).toEqual(expected);
    expect(where(validateText(text).diagnostics)).toEqual(withVars);
  });

  test("each is located at the key itself, not at the value under it (with vars given or not)", () => {
    const at = ["8:7", "17:13"];
    expect(where(validateText(text).diagnostics).map((d) => d[3])).toEqual(at);
    expect(where(validateText(text, { vars: noVars }).diagnostics).map((d) => d[3])).toEqual(at);
  });

  test("the same pipeline as data, and a module's; with the names mended, nothing", () => {
    const data = parsePipeline(text).pipeline;
    const messages = (ds: readonly Diagnostic[]) => ds.map((d) => [d.ruleId, d.path.join("/"), d.fly]).sort();
    const sorted = [...expected].sort();
    expect(messages(validateData(data).diagnostics)).toEqual(sorted);
    expect(messages(validateData(data, { vars: noVars }).diagnostics)).toEqual(sorted);
    expect(messages(validateValue(data).diagnostics)).toEqual(sorted);
    const mended = text.replace("creds..user", "creds.user").replace('release."tag', "release.tag");
    expect(validateText(mended).diagnostics).toEqual([]);
  });
});

describe("a var name Concourse refuses in a pipeline that is not well formed (fly reads names before it decodes)", () => {
  const fixture = resolve(import.meta.dirname, "../../test/fixtures/var-names/bad-names-shape.yml");
  const text = readFileSync(fixture, "utf8");
  const where = (ds: readonly Diagnostic[]) =>
    ds.map((d) => [d.ruleId, d.path.join("/"), d.loc === undefined ? "" : `${d.loc.line}:${d.loc.col}`]);
  const shapeErrors = [
    ["yaml/UNSUPPORTED_VALUE", "resources/0/source/depth", "7:14"],
    ["type-mismatch", "jobs/0/plan/0/trigger", "14:18"],
  ];

  const names = [
    ["vars/interpolation", "resources/0/source/((repo..key))", "9:7"],
    ["vars/interpolation", "jobs/0/plan/1/params/tag", "17:16"],
  ];

  test("each bad name (in a value, in a key) is reported alone, as fly stops at it; once mended, the shape errors", () => {
    expect(where(validateText(text).diagnostics)).toEqual(names);
    const mended = text.replace("repo..key", "repo.key").replace('release."tag', "release.tag");
    expect(where(validateText(mended).diagnostics)).toEqual(shapeErrors);
  });

  test("with vars given, the names were read as they were put in place: the same findings, once", () => {
    const vars: TemplateVars = { pairs: [], files: [] };
    expect(where(validateText(text, { vars }).diagnostics)).toEqual(names);
  });

  test("on a well-formed pipeline too: with --strict, an unknown key is left out beside a bad name, a note of reading kept", () => {
    // fly --strict decodes the pipeline strictly after its templating, which stops at the name first
    const pipeline =
      "resources: [{name: r, type: git, colour: x, source: {a: ((a..b))}}]\njobs: [{name: j, plan: [{get: r}]}]\n";
    const ids = (t: string) => validateText(t, { strict: true }).diagnostics.map((d) => d.ruleId);
    expect(ids(pipeline)).toEqual(["vars/interpolation"]);
    expect(ids(`${pipeline}---\nx: 1\n`)).toEqual(["vars/interpolation", "yaml/more-documents"]);
    expect(ids(pipeline.replace("a..b", "a.b"))).toEqual(["unknown-field"]);
    const data = parsePipeline(pipeline).pipeline;
    expect(validateData(data, { strict: true }).diagnostics.map((d) => d.ruleId)).toEqual(["vars/interpolation"]);
    expect(validateValue(data, { strict: true }).diagnostics.map((d) => d.ruleId)).toEqual(["vars/interpolation"]);
  });

  test("the data path gives the text path's findings (a module's value, rendered data; vars given or not)", () => {
    // a value of the wrong type and the bad names (JSON cannot hold the .inf: data would be refused for it)
    const malformed = text.replace("depth: .inf", "depth: 1");
    const data = parsePipeline(malformed).pipeline;
    const noVars: TemplateVars = { pairs: [], files: [] };
    const found = (ds: readonly Diagnostic[]) => ds.map((d) => [d.ruleId, d.path.join("/"), d.message]).sort();
    const expected = found(validateText(malformed).diagnostics);
    expect(expected.map((d) => d[0])).toEqual(["vars/interpolation", "vars/interpolation"]);
    expect(found(validateText(malformed, { vars: noVars }).diagnostics)).toEqual(expected);
    expect(found(validateData(data).diagnostics)).toEqual(expected);
    expect(found(validateData(data, { vars: noVars }).diagnostics)).toEqual(expected);
    expect(found(validateValue(data).diagnostics)).toEqual(expected);
    expect(found(validateValue(data, { vars: noVars }).diagnostics)).toEqual(expected);
  });
});

describe("a secret the vars given put in place (fly set-pipeline -l vars.yml stores it in the pipeline's config)", () => {
  const pipeline =
    "resources:\n- name: src\n  type: git\n  source: {uri: 'https://x/a.git', private_key: ((git-key))}\n" +
    "jobs:\n- name: j\n  plan:\n  - get: src\n";
  const vars: TemplateVars = { pairs: [{ path: ["git-key"], value: "k3y-material-1" }], files: [] };
  const secrets = (diagnostics: readonly Diagnostic[]) =>
    diagnostics.filter((d) => d.ruleId === "secret-literal").map((d) => `${d.loc?.line}:${d.loc?.col} ${d.message}`);
  const FROM_VARS =
    "'private_key' gets its secret from a var given, ((git-key)), and fly set-pipeline stores the values of vars " +
    "given with -v, -y, -l or -i in the pipeline's config; leave ((git-key)) to a credential manager instead";

  test("is reported naming the var the vars given filled, where it told to use a ((var)) when the file holds one", () => {
    expect(secrets(validateText(pipeline, { vars }).diagnostics)).toEqual([`4:49 ${FROM_VARS}`]);
    const data = parsePipeline(pipeline).pipeline;
    expect(validateData(data, { vars }).diagnostics.map((d) => d.message)).toEqual([FROM_VARS]);
    expect(validateValue(data, { vars }).diagnostics.map((d) => d.message)).toEqual([FROM_VARS]);
  });

  test("a secret written in the file is told as before, vars given or not", () => {
    const written = pipeline.replace("((git-key))", "k3y-material-1");
    const told =
      "4:49 'private_key' has a literal value; use a ((var)) from a credential manager instead of writing the secret here";
    expect(secrets(validateText(written).diagnostics)).toEqual([told]);
    expect(secrets(validateText(written, { vars }).diagnostics)).toEqual([told]);
  });
});
