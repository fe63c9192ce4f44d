import { describe, expect, test } from "vitest";
import { validateText } from "../validate/validate-text.ts";
import { parsePipeline } from "./parse-pipeline.ts";
import { readYaml } from "./read-yaml.ts";
import { entriesAmong, type YamlNode } from "./yaml-tree.ts";

/** Each case must end in diagnostics with a position, quickly, without throwing. */
const summary = (text: string) =>
  parsePipeline(text, { file: "p.yml" }).diagnostics.map(
    (d) => `${d.loc?.line}:${d.loc?.col} ${d.ruleId} ${d.message}`,
  );

describe("bad input gives diagnostics, never a crash or a hang", () => {
  test("malformed YAML", () => {
    expect(summary("jobs:\n  - name: a\n   plan: [\n")).toEqual([
      "3:4 yaml/SYNTAX bad indentation of a sequence entry",
    ]);
    expect(summary("jobs:\n\t- name: a\n")).toEqual(["2:1 yaml/SYNTAX tab characters must not be used in indentation"]);
    expect(summary("jobs: [a, b\n")).toEqual(["2:1 yaml/SYNTAX unexpected end of the stream within a flow collection"]);
  });

  test("a bare `-` before a less indented entry is a null entry ending its list, as fly reads it, at its place", () => {
    // go-yaml (fly) reads job b as the second job, where js-yaml alone would read it as a third step of job a
    const jobs = (empty: string) =>
      `jobs:\n- name: a\n  plan:\n  - get: r\n  ${empty}\n  # b comes next\n\n- name: b\n  plan: [{ get: s }]\n`;
    const read = (text: string) => parsePipeline(text, { file: "p.yml" });
    const asWritten = read(jobs("- ~"));
    for (const empty of ["-", "-   # was a task"]) {
      expect(read(jobs(empty)).pipeline).toEqual(asWritten.pipeline);
      expect(asWritten.pipeline?.jobs?.map((j) => [j.name, j.plan?.length])).toEqual([
        ["a", 2],
        ["b", 1],
      ]);
      // at their places in the text as written: the null step at its dash, what follows it unmoved
      expect(summary(jobs(empty))).toEqual(["5:3 step-empty no step configured"]);
      const locate = read(jobs(empty)).locate;
      expect(locate(["jobs", 0, "plan", 1])).toEqual({ file: "p.yml", line: 5, col: 3, endLine: 5, endCol: 4 });
      expect(locate(["jobs", 1, "name"])).toEqual({ file: "p.yml", line: 8, col: 9, endLine: 8, endCol: 10 });
    }
    // an inner list indented under its key, bare entries one after another, and a list of lists
    const nested = "jobs:\n- name: a\n  plan:\n    - get: r\n    -\n    -\n- name: b\n  plan:\n  - - x\n    -\n  - z\n";
    expect(readYaml(nested)).toEqual({
      ok: true,
      value: {
        jobs: [
          { name: "a", plan: [{ get: "r" }, null, null] },
          { name: "b", plan: [["x", null], "z"] },
        ],
      },
    });
    expect(read(nested).locate(["jobs", 0, "plan", 2])).toMatchObject({ line: 6, col: 5 });
    expect(read(nested).locate(["jobs", 1, "plan", 0, 1])).toMatchObject({ line: 10, col: 5 });
    expect(read(nested).locate(["jobs", 1, "plan", 1])).toMatchObject({ line: 11, col: 5 });
    expect(summary("groups:\n- name: g\n  jobs:\n  -\n  - a\njobs: []\n")).toEqual([]);
    // the rules' findings too (resource s is the second resource, not an entry of r's list)
    const resources = "resources:\n- name: r\n  type: git\n  source:\n    l:\n    -\n- name: s\n  type: nope\n";
    const pipeline = `${resources}jobs:\n- name: a\n  plan: [{ get: r }, { get: s }]\n`;
    expect(
      validateText(pipeline, { file: "p.yml" }).diagnostics.map((d) => `${d.loc?.line}:${d.loc?.col} ${d.ruleId}`),
    ).toEqual(["8:9 resource-type-unknown"]);
    // a line of a block scalar that looks like a bare entry is none
    const script = "jobs:\n- name: a\n  plan:\n  - task: t\n    file: |\n      x\n      -\n- name: b\n  plan: []\n";
    expect(parsePipeline(script).pipeline?.jobs?.map((j) => j.name)).toEqual(["a", "b"]);
  });

  test("a bare `-` before a less indented entry in a text that is no YAML anyway gets the YAML error, as fly does", () => {
    // read where fly reads them, the entries leave a list entry after a mapping (line 3, and line 9 past two bare
    // entries): no YAML, whatever the bare entries hold
    expect(summary("a:\n  -\n- b\n")).toEqual([
      "3:1 yaml/SYNTAX end of the stream or a document separator is expected",
    ]);
    const twice = "jobs:\n- name: a\n  plan:\n  -\n- name: b\n  plan: []\nresources:\n  -\n- x\n";
    expect(summary(twice)).toEqual(["9:1 yaml/SYNTAX end of the stream or a document separator is expected"]);
  });

  test("many lines of block scalars that look like a bare `-` before a less indented one do not hang the reader", () => {
    // each scalar holds a bare dash followed by a less indented dash: a candidate the position tree rules out (a check
    // scanning every scalar per candidate took about 40 s on the 150,000 of this text; the work is counted below)
    const scalars = Array.from({ length: 150_000 }, () => "  - |\n    a\n      -\n    -\n").join("");
    const text = `jobs:\n- name: a\n  plan: []\n  x:\n${scalars}`;
    expect(summary(text)).toEqual([expect.stringMatching(/^4:3 unknown-field unknown field "x"/)]);
  });

  test("the bare `-` check looks each candidate up once among the scalars, not in each scalar (work counted)", () => {
    // the positions of the scalars read, counted: a few per scalar, where a scan of the scalars per candidate reads
    // them about once per candidate each (n * n / 2)
    const n = 2_000;
    let reads = 0;
    const counted: ProxyHandler<YamlNode> = {
      get: (node, key) => {
        if (key === "start" || key === "end") reads++;
        return Reflect.get(node, key);
      },
    };
    const items: YamlNode[] = Array.from(
      { length: n },
      (_, i): YamlNode => new Proxy({ kind: "scalar", start: 10 * i, end: 10 * i + 8 }, counted),
    );
    const root: YamlNode = { kind: "sequence", start: 0, end: 10 * n, items };
    // a dash in each scalar, and one past the last
    const candidates = [...items.map((_, i) => 10 * i + 4), 10 * n + 1];
    expect(entriesAmong("-".repeat(10 * n + 2), root, candidates)).toEqual([10 * n + 1]);
    expect(reads).toBeLessThan(16 * n);
  });

  test("a YAML alias bomb (billion laughs) is stopped", () => {
    let text = 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++)
      text += `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(",")}]\n`;
    text += "jobs: *l9\n";
    // expanded, the aliases would make 9^10 (3.5 billion) strings, which no heap holds: a reader that expanded them
    // (to read them or to count them) would run out of memory here, where go-yaml's count stops it
    expect(summary(text)).toEqual(["1:1 yaml/EXCESSIVE_ALIASING document contains excessive aliasing"]);
  });

  test("an alias inside the value it names is refused at the alias, in go-yaml's words", () => {
    const parsed = parsePipeline("jobs: &jobs\n- name: a\n  plan: *jobs\n", { file: "p.yml" });
    expect(parsed.diagnostics.map((d) => [`${d.loc?.line}:${d.loc?.col} ${d.ruleId} ${d.message}`, d.fly])).toEqual([
      [
        "3:9 yaml/RECURSIVE_ALIAS anchor 'jobs' value contains itself",
        "error parsing yaml before applying templates: yaml: anchor 'jobs' value contains itself",
      ],
    ]);
  });

  test("an alias inside the node its anchor names is go-yaml's error at the alias, not a value that holds itself", () => {
    const text = "resources:\n- name: r\n  type: git\n  source: &s {self: *s}\njobs: []\n";
    expect(summary(text)).toEqual(["4:21 yaml/RECURSIVE_ALIAS anchor 's' value contains itself"]);
  });

  test("a 50 MB file is refused up front", () => {
    // a text that is no YAML: read, it would give the reader's error too; refused unread, only its size is told
    const text = `jobs: [\n# ${"x".repeat(50 * 1024 * 1024)}\n`;
    expect(summary(text)).toEqual(["1:1 input/too-large pipeline is 52428811 characters; the limit is 33554432"]);
    // bytes: nothing of them is read but their length
    const read: (string | symbol)[] = [];
    const bytes = new Proxy(new Uint8Array(50 * 1024 * 1024), {
      get: (target, key) => {
        read.push(key);
        return Reflect.get(target, key);
      },
    });
    const parsed = parsePipeline(bytes, { file: "p.yml" });
    expect(parsed.diagnostics.map((d) => d.message)).toEqual(["pipeline is 52428800 bytes; the limit is 33554432"]);
    expect(new Set(read)).toEqual(new Set(["length"]));
  });

  test("binary junk", () => {
    const junk = String.fromCharCode(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe);
    // an ELF header: its first byte, DEL, go-yaml refuses as it does the C0 controls
    expect(summary(junk)).toEqual(["1:1 input/binary not a text file: control character U+007F"]);
    expect(summary("jobs: []\nname: \u0000\n")).toEqual(["2:7 input/binary not a text file: control character U+0000"]);
  });

  test("DEL, a C1 control (not NEL), U+FFFE or U+FFFF anywhere, in JSON or YAML, a comment too, is go-yaml's reader error", () => {
    const fly = "error parsing yaml before applying templates: yaml: control characters are not allowed";
    const cases: [string, string][] = [
      ['{"jobs": [{"name": "a\u007fb", "plan": []}]}', "1:22 input/binary not a text file: control character U+007F"],
      ['{"jobs": [{"name": "a\u009bb", "plan": []}]}', "1:22 input/binary not a text file: control character U+009B"],
      ["jobs: [{name: a, plan: []}]\n# x\u0080\n", "2:4 input/binary not a text file: control character U+0080"],
      ['jobs: [{name: a, plan: []}]\nx: "\ufffe"\n', "2:5 input/binary not a text file: non-character U+FFFE"],
      ["jobs: [{name: a, plan: []}]\n# \uffff\n", "2:3 input/binary not a text file: non-character U+FFFF"],
    ];
    for (const [text, finding] of cases) {
      expect(summary(text)).toEqual([finding]);
      expect(parsePipeline(text).diagnostics[0]?.fly).toBe(fly);
    }
    // NEL is a line break to go-yaml, and the other characters past U+009F are text
    expect(parsePipeline('{"jobs": [{"name": "a\u0085\u00a0\ufffd\u{1F600}", "plan": []}]}').diagnostics).toEqual([]);
  });

  test("deeply nested steps stop at the depth limit, with the path of the step", () => {
    let step = '{"get": "x"}';
    // 4,000 steps: 8,000 levels, within go-yaml's 10,000 (fly reads them)
    for (let i = 0; i < 4_000; i++) step = `{"do": [${step}]}`;
    const parsed = parsePipeline(`{"jobs": [{"name": "a", "plan": [${step}]}]}`);
    expect(parsed.wellFormed).toBe(false);
    expect(parsed.diagnostics.map((d) => [d.ruleId, d.message, d.path.length, d.loc?.line, d.loc?.col])).toEqual([
      ["input/too-deep", "steps are nested more than 64 levels deep", 4 + 64 * 2, 1, 34 + 64 * 8],
    ]);
  });

  test("deeply nested values (YAML flow, JSON, free-form params)", () => {
    const depth = 20_000;
    // YAML past hangar's reader's limit: said so, and that fly reads deeper, at the bracket past it
    expect(summary(`jobs: ${"[".repeat(1000)}${"]".repeat(1000)}\n`)).toEqual([
      "1:1006 input/too-deep the document is nested more than 1000 levels deep, the most hangar reads in YAML (fly reads up to 10000)",
    ]);
    expect(summary(`jobs: ${"[".repeat(depth)}${"]".repeat(depth)}\n`).map((s) => s.split(" ")[1])).toEqual([
      "input/too-deep",
    ]);
    // JSON within go-yaml's 10,000 levels is read as fly reads it; past them, it is go-yaml's error at the bracket past
    // the limit (the 10,001st open at once), where hangar read it
    const json = (n: number) => parsePipeline(`{"jobs": ${"[".repeat(n)}${"]".repeat(n)}}`, { file: "p.json" });
    expect(json(9_999).diagnostics.map((d) => d.ruleId)).toEqual(["type-mismatch"]);
    for (const text of [
      `{"jobs": ${"[".repeat(depth)}${"]".repeat(depth)}}`,
      `{"a": "[{", "jobs":\n ${"[".repeat(depth)}${"]".repeat(depth)}}`,
    ]) {
      const deep = parsePipeline(text, { file: "p.json" });
      const second = text.includes("\n");
      expect(deep.diagnostics.map((d) => [d.ruleId, d.message, d.loc?.line, d.loc?.col, d.fly])).toEqual([
        [
          "input/too-deep",
          "exceeded max depth of 10000",
          second ? 2 : 1,
          second ? 2 + 9_999 : 10 + 9_999,
          `error parsing yaml before applying templates: yaml: ${second ? "line 2: " : ""}exceeded max depth of 10000`,
        ],
      ]);
    }
    const params = `{"jobs": [{"name": "a", "plan": [{"get": "x", "params": ${'{"a":'.repeat(500)}1${"}".repeat(500)}}]}]}`;
    expect(parsePipeline(params).diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
      ["input/too-deep", "value is nested more than 100 levels deep"],
    ]);
  });

  test("__proto__ keys are plain keys: reported, never a polluted prototype", () => {
    const yamlText =
      "__proto__: { polluted: yes }\njobs:\n- name: a\n  __proto__: { polluted: yes }\n  plan:\n  - get: x\n    __proto__: { polluted: yes }\n";
    const jsonText =
      '{"__proto__": {"polluted": true}, "jobs": [{"name": "a", "plan": [], "__proto__": {"polluted": true}}]}';
    for (const text of [yamlText, jsonText]) {
      const strict = validateText(text, { strict: true });
      expect(strict.diagnostics.filter((d) => d.ruleId === "unknown-field").map((d) => d.message)).toEqual([
        'unknown field "__proto__"',
        'unknown field "__proto__"',
      ]);
      const plain = validateText(text).diagnostics.filter((d) => d.ruleId.startsWith("unknown-field"));
      expect(plain.map((d) => [d.ruleId, d.path])).toEqual([
        ["unknown-field-dropped", ["__proto__"]],
        ["unknown-field-rejected", ["jobs", 0, "__proto__"]],
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("polluted");
    }
  });

  test("a number where a list is expected, and other wrong types", () => {
    expect(summary("jobs: [{name: a, plan: [{get: x, passed: 3}], serial_groups: {a: 1}}]\n")).toEqual([
      "1:42 type-mismatch json: cannot unmarshal number into Go struct field GetStep.passed of type []string",
      "1:62 type-mismatch json: cannot unmarshal object into Go struct field JobConfig.jobs.serial_groups of type []string",
    ]);
  });
});
