import { describe, expect, test } from "vitest";
import { parsePipeline } from "./parse-pipeline.ts";
import { parseVarFlag, parseVarsFile } from "./var-flags.ts";
import { interpolate, MAX_INTERPOLATED_TEXT, parseReference, type TemplateVars, VarsError } from "./vars.ts";

const vars = (flags: [string, boolean][], files: string[] = []): TemplateVars => ({
  pairs: flags.map(([flag, yaml]) => parseVarFlag(flag, yaml)),
  files: files.map((text, i) => parseVarsFile(text, `vars-${i}.yml`)),
});

describe("interpolation, as fly's vars package does it", () => {
  test("a whole ((var)) takes the value with its type; inside a string, its text", () => {
    const doc = { a: "((flag))", b: "x-((n))-((s))", c: ["((list))"], d: { "((key))": 1 } };
    const given = vars([
      ["flag=true", true],
      ["n=42", true],
      ["s=text", false],
      ["list=[1, two]", true],
      ["key=renamed", false],
    ]);
    expect(interpolate(doc, given)).toMatchObject({
      value: { a: true, b: "x-42-text", c: [[1, "two"]], d: { renamed: 1 } },
      problems: [],
    });
    expect(doc.a).toBe("((flag))");
  });

  test("zero: a -y float -0 is json's -0 inside a string, an int -0 is 0; a -l float key -0.0 is named -0", () => {
    // sigs.k8s.io/yaml: go-yaml v2 reads -0.0 as the float -0, json writes it -0; -0 is the int 0
    const doc = { s: "x=((v))", w: "((v))" };
    expect(interpolate(doc, vars([["v=-0.0", true]])).value).toEqual({ s: "x=-0", w: -0 });
    expect(interpolate(doc, vars([["v=-.0", true]])).value).toEqual({ s: "x=-0", w: -0 });
    expect(interpolate(doc, vars([["v=-0", true]])).value).toEqual({ s: "x=0", w: 0 });
    // a float key is named by FormatFloat: -0 for -0.0; the int -0 is 0
    expect(parseVarsFile("-0.0: a\n-0: b\n", "v.yml")).toEqual({ "-0": "a", "0": "b" });
    expect(parseVarsFile(".0: c\n", "v.yml")).toEqual({ "0": "c" });
    // the numbers of a -y value under such a key are read back from its place, as under any other key
    const big = parseVarFlag("v={-0.0: 123456789012345678901, a: 123456789012345678901}", true);
    expect(big.numbers).toEqual({ '["-0"]': "float", '["a"]': "float" });
  });

  test("a key that is a whole ((var)) of null, a list or a mapping is an error; a number key is named as fly names it", () => {
    const doc = { params: { "((k))": 1 } };
    const at = ["params", "((k))"];
    // go-yaml writes the nil key as null, which sigs.k8s.io/yaml then refuses
    const nil = "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1";
    expect(interpolate(doc, vars([["k=~", true]])).problems).toEqual([{ path: at, message: nil, onKey: true }]);
    // fly's interpolation cannot hash a list or a map as a key (it crashes)
    for (const [flag, kind] of [
      ["k=[a]", "a list"],
      ["k={a: 1}", "a mapping"],
    ]) {
      expect(interpolate(doc, vars([[flag as string, true]])).problems).toEqual([
        {
          path: at,
          message: `the key ((k)) is ${kind}: a var used as a key must be a string, a number or a boolean`,
          onKey: true,
        },
      ]);
    }
    expect(interpolate(doc, vars([["k=1.23456789", true]])).value).toEqual({ params: { "1.2345679": 1 } });
    expect(interpolate(doc, vars([["k=true", true]])).value).toEqual({ params: { true: 1 } });
  });

  test("a key a var makes replaces the key of that name written so, whichever comes first; two vars making one key are an error", () => {
    const given = vars([
      ["k=uri", false],
      ["x=same", false],
      ["y=same", false],
    ]);
    // fly's templating sets each key of the map in turn: the value of ((k)) is the one uri keeps, in either order
    expect(interpolate({ s: { "((k))": "b", uri: "a" }, t: { uri: "a", "((k))": "b" } }, given)).toMatchObject({
      value: { s: { uri: "b" }, t: { uri: "b" } },
      problems: [],
    });
    // of two keys that vars make alike, which value fly keeps falls as the order of its map does
    expect(interpolate({ p: { "((x))": 1, "((y))": 2 } }, given).problems).toEqual([
      {
        path: ["p", "((y))"],
        message:
          "the keys ((x)) and ((y)) both become 'same': fly keeps the value of one of them, either, as the order of its map falls",
        onKey: true,
      },
    ]);
  });

  test("the value of a key a var makes null is Go's %#v of what fly holds: a float from 1e6 up 1e+06", () => {
    const message = (text: string, given: TemplateVars) =>
      parsePipeline(`jobs: [{name: a, plan: [{get: x, params: {((k)): ${text}}}]}]\n`, { vars: given }).diagnostics.map(
        (d) => d.message.replace(/^.*value: /, ""),
      );
    const nil = vars([["k=~", true]]);
    // numbers of the document, as go-yaml read them (fly's templating writes a float back as a float)
    expect(message("1e6", nil)).toEqual(["1e+06"]);
    expect(message("[1e6, 1000000, 9007199254740993]", nil)).toEqual([
      "[]interface {}{1e+06, 1000000, 9007199254740993}",
    ]);
    // numbers vars put in place: a -l file's are float64, a -y integer is its digits
    expect(message("((num))", vars([["k=~", true]], ["num: 1000000\n"]))).toEqual(["1e+06"]);
    expect(
      message(
        "{a: ((num))}",
        vars([
          ["k=~", true],
          ["num=9007199254740993", true],
        ]),
      ),
    ).toEqual(['map[interface {}]interface {}{"a":9007199254740993}']);
  });

  test("vars without a value, and vars with a source, stay for run time", () => {
    const doc = { a: "((missing))", b: "((vault:secret))", c: "((.:local))" };
    expect(interpolate(doc, vars([["vault=x", false]])).value).toEqual(doc);
  });

  test("dotted paths read fields; a later flag wins; flags win over files; a later file wins", () => {
    const given = vars(
      [
        ["deploy.auto=false", true],
        ["deploy.auto=true", true],
        ["deploy.region=eu", false],
      ],
      ["deploy: { auto: no }\nbranch: a\nonly: file\n", "branch: b\n"],
    );
    expect(
      interpolate({ x: "((deploy.auto))", r: "((deploy.region))", b: "((branch))", o: "((only))" }, given).value,
    ).toEqual({
      x: true,
      r: "eu",
      b: "b",
      o: "file",
    });
  });

  test("instance vars come after -v and -y, expanded and then flattened to their leaves, as fly takes them", () => {
    const given = (flags: [string, boolean][], instance: string[]): TemplateVars => ({
      ...vars(flags),
      instance: instance.map((flag) => parseVarFlag(flag, true)),
    });
    const doc = { c: "((a.c))", b: "((a.b))", k: "((k))", e: "((e))", n: "n((big.id))" };
    // a mapping adds its fields to a -y mapping of the same name; an instance var wins over -v; an empty one is no var
    const merged = given(
      [
        ["a={c: 1}", true],
        ["k=from -v", false],
      ],
      ["a={b: 2}", "k=from -i", "e={}", "big={id: 9007199254740993}"],
    );
    expect(interpolate(doc, merged)).toMatchObject({
      value: { c: 1, b: 2, k: "from -i", e: "((e))", n: "n9007199254740993" },
      problems: [],
    });
    // among instance vars, a later mapping replaces an earlier one before they are flattened
    const replaced = interpolate({ b: "((a.b))", c: "((a.c))" }, given([], ["a={b: 2}", "a={c: 3}"]));
    expect(replaced.problems).toEqual([{ path: ["b"], message: "missing field 'b' in var: a.b" }]);
    // the pairs given are not changed by a later pair setting a field in their mapping
    const pairs = given(
      [
        ["a={c: 1}", true],
        ["a.d=2", false],
      ],
      ["a.b=2"],
    );
    expect(interpolate({ a: "((a))" }, pairs).value).toEqual({ a: { c: 1, d: "2", b: 2 } });
    expect(pairs.pairs[0]?.value).toEqual({ c: 1 });
  });

  test("vars that would put more than hangar makes in a document are an error at the place that passes it, not a crash or minutes", () => {
    const mib = "z".repeat(1024 * 1024);
    const given: TemplateVars = {
      pairs: [
        { path: ["a"], value: mib },
        { path: ["m"], value: { big: mib } },
      ],
      files: [],
    };
    const message = (name: string, size: number, times = "") =>
      `cannot interpolate var: ${name}: its value (${size} characters${times}) would make what vars put in this document more than ${MAX_INTERPOLATED_TEXT} characters, the most hangar makes`;
    // 2,000 times in one string: two thousand megabytes, past the longest string JavaScript holds
    const one = interpolate({ jobs: [{ name: "((a))".repeat(2000) }] }, given);
    expect(one.problems).toEqual([
      { path: ["jobs", 0, "name"], message: message("a", 1048576, ", 2000 times in this string") },
    ]);
    // once in each of 100 strings: refused at the string that passes the most (64 MiB of them), and only there
    const many = interpolate({ s: Array.from({ length: 100 }, () => "x((a))") }, given);
    expect(many.problems).toEqual([{ path: ["s", 63], message: message("a", 1048576) }]);
    // a whole ((var)) counts its value as JSON, a mapping of a megabyte in 100 places as 100 megabytes
    const whole = interpolate({ s: Array.from({ length: 100 }, () => "((m))") }, given);
    expect(whole.problems).toEqual([{ path: ["s", 63], message: message("m", 1048585) }]);
    // within the most, a whole ((var)) puts its value in place as it is (the same value, not a copy)
    const fits = interpolate({ s: Array.from({ length: 64 }, () => "((a))") }, given);
    expect(fits).toMatchObject({ problems: [], value: { s: Array.from({ length: 64 }, () => mib) } });
  });

  test("a map, list or bool inside a longer string, and a missing field, are fly's errors", () => {
    const given = vars([["m={a: 1}", true]], ["port: 8080\n"]);
    expect(interpolate({ a: "x ((m)) y", b: ["((m.b))"], c: "host:((port))" }, given).problems).toEqual([
      { path: ["a"], message: "cannot interpolate non-primitive value (map[string]interface {}) from var: m" },
      { path: ["b", 0], message: "missing field 'b' in var: m.b" },
      { path: ["c"], message: "cannot interpolate non-primitive value (float64) from var: port" },
    ]);
  });

  test("malformed flags and files", () => {
    expect(() => parseVarFlag("novalue", false)).toThrow(
      new VarsError("invalid variable pair 'novalue' (must be name=value)"),
    );
    expect(() => parseVarFlag("a..b=1", false)).toThrow("invalid var 'a..b': empty field");
    // where in a value of several lines (-y "config=$(cat config.yml)")
    expect(() => parseVarFlag("cfg=a: 1\nb: c: 2\nd: 3", true)).toThrow(
      "invalid YAML value in 'cfg=a: 1\\nb: c: 2\\nd: 3' at 2:5 of the value: bad indentation of a mapping entry",
    );
    // the flag quoted cut short, its control characters shown: a megabyte given is not a megabyte printed
    const long = `n=${"[".repeat(100_000)}`;
    expect(() => parseVarFlag(long, true)).toThrow(/^invalid YAML value in 'n=\[{58}…' at 1:1000 of the value: /);
    expect(() => parseVarFlag(`x${"y".repeat(100)}`, false)).toThrow(
      /^invalid variable pair 'xy{59}…' \(must be name=value\)$/,
    );
    expect(() => parseVarFlag("a\u001b[2J", false)).toThrow("invalid variable pair 'a\\x1b[2J' (must be name=value)");
    expect(() => parseVarsFile("- a\n", "v.yml")).toThrow(/could not unmarshal template variables \(v\.yml\)/);
  });

  test("a vars file that is not YAML is an error at its place", () => {
    expect(() => parseVarsFile('a: "b"\n  c: d\n', "v.yml")).toThrow(
      new VarsError("could not unmarshal template variables (v.yml:2:3): bad indentation of a mapping entry"),
    );
  });

  // fly reads a -l file with sigs.k8s.io/yaml, go-yaml v2 underneath: its line is that of the place the error was
  // found when past the first line, else of the construct in error (0-based)
  test("a vars file go-yaml cannot read is fly's error for it, go-yaml v2's words and line, at hangar's place", () => {
    const error = (at: string, line: string) =>
      new VarsError(
        `could not unmarshal template variables (v.yml:${at}): error converting YAML to JSON: yaml: ${line}`,
      );
    expect(() => parseVarsFile('a: 1\nb: "x\n', "v.yml")).toThrow(
      error("3:1", "line 3: found unexpected end of stream"),
    );
    expect(() => parseVarsFile("a: 1\nb: [1,\n  2\n", "v.yml")).toThrow(
      error("4:1", "line 3: did not find expected ',' or ']'"),
    );
    expect(() => parseVarsFile("a: 1\nb\nc: 2\n", "v.yml")).toThrow(
      error("3:2", "line 3: could not find expected ':'"),
    );
    expect(() => parseVarsFile("a: &x.y 1\n", "v.yml")).toThrow(
      error("1:4", "did not find expected alphabetic or numeric character"),
    );
    expect(() => parseVarsFile('a: "\\/"\n', "v.yml")).toThrow(error("1:5", "found unknown escape character"));
  });

  test("a key repeated in a vars file or a -y or -i value is read, the last one winning, as fly reads it", () => {
    // sigs.k8s.io/yaml reads them with go-yaml v2 unstrict: each repeat sets the key again
    expect(parseVarsFile("a: 1\nb: {c: 1, c: 2}\na: {d: x}\n", "v.yml")).toEqual({ a: { d: "x" }, b: { c: 2 } });
    expect(parseVarFlag("v={c: 1, d: 2, c: [3]}", true)).toEqual({ path: ["v"], value: { c: [3], d: 2 } });
    expect(parseVarFlag("v=a: 1\na: 2", true)).toEqual({ path: ["v"], value: { a: 2 } });
  });

  test("an alias inside the node its anchor names is go-yaml's error, in a vars file as in a -y value (it hung)", () => {
    expect(() => parseVarsFile("a: 1\nb: &x {c: *x}\n", "v.yml")).toThrow(
      new VarsError("could not unmarshal template variables (v.yml:2:11): anchor 'x' value contains itself"),
    );
    expect(() => parseVarFlag("b=&x {c: *x}", true)).toThrow(
      new VarsError("invalid YAML value in 'b=&x {c: *x}' at 1:8 of the value: anchor 'x' value contains itself"),
    );
  });

  test("a float JSON cannot hold (.inf, .nan) is sigs.k8s.io/yaml's error, in a -y value as in a vars file", () => {
    expect(() => parseVarFlag("n=.inf", true)).toThrow(
      new VarsError("invalid YAML value in 'n=.inf': error converting YAML to JSON: json: unsupported value: +Inf"),
    );
    expect(() => parseVarsFile("a: 1\nb: [-.Inf]\n", "v.yml")).toThrow(
      new VarsError(
        "could not unmarshal template variables (v.yml): error converting YAML to JSON: json: unsupported value: -Inf",
      ),
    );
    expect(parseVarFlag("n=.inf", false)).toEqual({ path: ["n"], value: ".inf" });
    expect(parseVarsFile(".nan: x\n", "v.yml")).toEqual({ ".nan": "x" });
  });

  test("a vars file that is a list or a scalar is sigs.k8s.io/yaml's unmarshaling error, as fly prints it", () => {
    const error = (kind: string) =>
      `could not unmarshal template variables (v.yml): error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type vars.StaticVariables`;
    for (const [text, kind] of [
      ["- a\n", "array"],
      ["hello\n", "string"],
      ["12\n", "number"],
      ["yes\n", "bool"],
    ]) {
      expect(() => parseVarsFile(text as string, "v.yml")).toThrow(error(kind as string));
    }
  });

  test("a null key or a list as a key is an error in a -y value as in a vars file (sigs.k8s.io/yaml rejects both)", () => {
    expect(() => parseVarFlag("m={~: 1}", true)).toThrow(
      /^invalid YAML value in 'm=\{~: 1\}' at 1:2 of the value: a null key/,
    );
  });

  // fly reads a vars file with sigs.k8s.io/yaml's Unmarshal: go-yaml v2 refuses a list or mapping as a key at any
  // level, and the conversion to JSON a null key, each wrapped as `error converting YAML to JSON: ...`
  test("a null or uint64 key, or a list or mapping as a key, in a vars file is sigs.k8s.io/yaml's error, as fly prints it", () => {
    const error = (line: string) => new VarsError(`could not unmarshal template variables (v.yml): ${line}`);
    const nullKey = "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: ";
    expect(() => parseVarsFile("a: x\n~: 1\n", "v.yml")).toThrow(error(`${nullKey}1`));
    expect(() => parseVarsFile("a:\n  b: {null: [x, {c: 1.5}]}\n", "v.yml")).toThrow(
      error(`${nullKey}[]interface {}{"x", map[interface {}]interface {}{"c":1.5}}`),
    );
    expect(() => parseVarsFile("a: 1\n? ~\n", "v.yml")).toThrow(error(`${nullKey}<nil>`));
    expect(() => parseVarsFile("18446744073709551615: 1\n", "v.yml")).toThrow(
      error("error converting YAML to JSON: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: 1"),
    );
    const invalidKey = "error converting YAML to JSON: yaml: invalid map key: ";
    expect(() => parseVarsFile("m:\n  [a]: 1\n", "v.yml")).toThrow(error(`${invalidKey}[]interface {}{"a"}`));
    expect(() => parseVarsFile("m:\n  [1e6, 1000000]: 1\n", "v.yml")).toThrow(
      error(`${invalidKey}[]interface {}{1e+06, 1000000}`),
    );
    expect(() => parseVarsFile("{a: 1}: x\n", "v.yml")).toThrow(
      error(`${invalidKey}map[interface {}]interface {}{"a":1}`),
    );
  });

  // sigs.k8s.io/yaml reads the file with go-yaml v2 and converts it to JSON before json decodes it into the vars'
  // map: a key either rejects is its error, whatever the file's root; only then is a list no map of vars
  test("a key sigs.k8s.io/yaml rejects in a vars file that is a list is its error, before the list's", () => {
    const error = (line: string) => new VarsError(`could not unmarshal template variables (v.yml): ${line}`);
    const nullKey = "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: ";
    expect(() => parseVarsFile("- a\n- {b: {~: 2}}\n", "v.yml")).toThrow(error(`${nullKey}2`));
    expect(() => parseVarsFile("[{~: .inf}]", "v.yml")).toThrow(error(`${nullKey}+Inf`));
    // the conversion comes before json.Marshal, which refuses the infinity
    expect(() => parseVarsFile("- .inf\n- {~: 1}\n", "v.yml")).toThrow(error(`${nullKey}1`));
    expect(() => parseVarsFile("- {18446744073709551615: 1}\n", "v.yml")).toThrow(
      error("error converting YAML to JSON: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: 1"),
    );
    expect(() => parseVarsFile("- {? [a]: 1}\n", "v.yml")).toThrow(
      error('error converting YAML to JSON: yaml: invalid map key: []interface {}{"a"}'),
    );
    // a -y value is read the same way
    expect(() => parseVarFlag("m=[{~: 1}]", true)).toThrow(
      /^invalid YAML value in 'm=\[\{~: 1\}\]' at 1:3 of the value: a null key/,
    );
  });
});

describe("a var's name, read as Concourse reads it (vars/reference.go ParseReference)", () => {
  test.each([
    ["deploy", { source: undefined, path: ["deploy"] }],
    ["vault:ci/deploy.key", { source: "vault", path: ["ci/deploy", "key"] }],
    // each field is cleaned as a path: slashes doubled or at the end, `.` and `..` elements
    ["tools//app/", { source: undefined, path: ["tools/app"] }],
    ['"tools/../app"."./key/"', { source: undefined, path: ["app", "key"] }],
    ['"../../app"', { source: undefined, path: ["app"] }],
    ['/root/"../"etc', { source: undefined, path: ["/etc"] }],
    // a quoted source, its quotes dropped and its spaces trimmed; quotes around the whole name make it a path
    ['"my-source":app.key', { source: "my-source", path: ["app", "key"] }],
    ['" my-source ":app', { source: "my-source", path: ["app"] }],
    ['"my-source:app"', { source: undefined, path: ["my-source:app"] }],
    // a source that is empty is none
    [":app", { source: undefined, path: ["app"] }],
    ['"":app', { source: undefined, path: ["app"] }],
  ])("%s", (name, expected) => {
    expect(parseReference(name)).toEqual(expected);
  });

  test.each([
    ['app."key', "contains unclosed quotes"],
    ['"my-source:app', "contains unclosed quotes"],
    ['a"b"c"', "contains unclosed quotes"],
    ['"."', "empty field"],
    ['app/".."', "empty field"],
    ['app."../key/.."', "empty field"],
  ])("%s is refused: %s", (name, problem) => {
    expect(() => parseReference(name)).toThrow(new VarsError(`invalid var '${name}': ${problem}`));
  });

  test("fly's vars fill a name as it reads it; a quoted or empty source is read, not refused", () => {
    const given = vars([
      ["app/=one", false],
      ["conf.port=8080", false],
    ]);
    const doc = {
      a: "((app))",
      b: '(("tools/../app"))',
      c: "((conf//.port/))",
      d: '(("my-source":app))',
      e: "((:app))",
    };
    expect(interpolate(doc, given)).toEqual({
      value: { a: "one", b: "one", c: "8080", d: '(("my-source":app))', e: "one" },
      problems: [],
      numbers: expect.any(Function),
    });
    expect(() => parseVarFlag('"app=1', false)).toThrow(new VarsError(`invalid var '"app': contains unclosed quotes`));
  });

  test("a name Concourse refuses is an error at the file and place of the string that uses it", () => {
    const text = ["jobs:", "- name: j", "  plan:", '  - get: ((repo."name))', "  - get: x-((repo/..))", ""].join("\n");
    const parsed = parsePipeline(text, { file: "ci.yml", vars: vars([["repo=r", false]]) });
    expect(parsed.diagnostics.map((d) => [d.loc?.file, d.loc?.line, d.loc?.col, d.message])).toEqual([
      ["ci.yml", 4, 10, `invalid var 'repo."name': contains unclosed quotes`],
      ["ci.yml", 5, 10, "invalid var 'repo/..': empty field"],
    ]);
  });
});

describe("numbers vars put in place are as fly holds them", () => {
  const PIPELINE = [
    "resources:",
    "- name: ((num))",
    "  type: git",
    '  source: { uri: "x-((num))", obj: ((obj)) }',
    '  tags: ["t-((num))", ((obj.a)), ((obj.b)), "((obj.a))/((obj.c))"]',
    "jobs:",
    "- name: j",
    "  max_in_flight: ((big))",
    "  plan: []",
  ].join("\n");
  /** The resource and the messages of the pipeline with these vars put in place. */
  const read = (given: TemplateVars) => {
    const parsed = parsePipeline(PIPELINE, { vars: given });
    return { resource: parsed.pipeline?.resources?.[0], messages: parsed.diagnostics.map((d) => d.message) };
  };
  const notInt = (n: string) =>
    `json: cannot unmarshal number ${n} into Go struct field JobConfig.jobs.max_in_flight of type int`;

  // fly reads a -y value with sigs.k8s.io/yaml and UseNumber: a json.Number with the integer's digits, put into a
  // string as it is; put in place whole, go-yaml v2 writes it back as an int when Int64() takes it, else as a float64
  test("-y: an integer past 2^53 keeps its digits; one past 2^63 is a float64 once put in place whole", () => {
    const flags = vars([
      ["num=9007199254740993", true],
      ["big=9223372036854775807", true],
      ["obj={a: 18446744073709551615, b: 1e6, c: 12345678901234567890}", true],
    ]);
    expect(read(flags)).toEqual({
      resource: {
        name: "9007199254740993",
        type: "git",
        // untyped data: the numbers as JavaScript holds them (json.Marshal's float64 writes the same digits)
        source: { uri: "x-9007199254740993", obj: { a: 18446744073709552000, b: 1e6, c: 12345678901234567000 } },
        tags: ["t-9007199254740993", "1.8446744e+19", "1000000", "18446744073709551615/12345678901234567890"],
      },
      messages: [],
    });
    // 2^63 is no int64: a float64, which json writes 9223372036854776000
    expect(read(vars([["big=9223372036854775808", true]])).messages).toEqual([notInt("9223372036854776000")]);
    // a field set by a later flag has that flag's digits
    const dotted = vars([
      ["obj={a: 1, b: 2, c: 3}", true],
      ["obj.c=-9007199254740993", true],
      ["num=x", false],
    ]);
    expect(read(dotted).resource?.tags).toEqual(["t-x", "1", "2", "1/-9007199254740993"]);
  });

  // a -l file is decoded into float64s (no UseNumber), which go-yaml v2 writes back as FormatFloat 'g' does: a whole
  // one from 1e6 up as 1e+06, still a float when the pipeline is read
  test("-l: every number is a float64, rounded past 2^53 and a float from 1e6 up", () => {
    const file = vars([], ["num: 9007199254740993\nbig: 9223372036854775807\nobj: {a: 1e6, b: 123456, c: 1}\n"]);
    const withoutStrings = parsePipeline(PIPELINE.replace(/"[^"]*"/g, '"s"'), { vars: file });
    expect(withoutStrings.pipeline?.resources?.[0]).toMatchObject({
      name: "9.007199e+15",
      tags: ["s", "1e+06", "123456", "s"],
    });
    // 9223372036854775807 is the float64 2^63, no int
    expect(withoutStrings.diagnostics.map((d) => d.message)).toEqual([notInt("9223372036854776000")]);
  });

  test("a number a whole ((var)) makes a key is named as fly holds it", () => {
    const doc = { params: { "((k))": 1 } };
    const keys = (given: TemplateVars) => Object.keys((interpolate(doc, given).value as typeof doc).params);
    expect(keys(vars([["k=9007199254740993", true]]))).toEqual(["9007199254740993"]);
    expect(keys(vars([["k=1e6", true]]))).toEqual(["1000000"]);
    expect(keys(vars([], ["k: 1e6\n"]))).toEqual(["1e+06"]);
    expect(keys(vars([], ["k: 123456\n"]))).toEqual(["123456"]);
  });
});
