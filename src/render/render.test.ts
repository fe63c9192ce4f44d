import { describe, expect, test, vi } from "vitest";
import { parse } from "yaml";
import { deepFreeze } from "../../test/helpers/deep-freeze.ts";
import type { Pipeline, Resource, ResourceType } from "../model/index.ts";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import { renderData, renderJson, renderYaml } from "./render.ts";
import { toConcourse } from "./to-concourse.ts";

const packerType: ResourceType = deepFreeze({
  name: "packer",
  type: "registry-image",
  source: { repository: "example/packer" },
});
const src: Resource = deepFreeze({ name: "src", type: "git", source: { uri: "https://example.com/src.git" } });
const ami: Resource = deepFreeze({ name: "ami", type: packerType, source: { region: "us-east-1" } });

const sample: Pipeline = deepFreeze({
  jobs: [
    {
      plan: [
        { trigger: true, get: src },
        { put: ami, params: { on: "yes", mode: "0755" }, attempts: 2 },
      ],
      name: "build",
    },
  ],
  resources: [src, ami],
  resource_types: [packerType],
});

/** The same pipeline, every model object written with its keys in another order. */
const sampleReordered: Pipeline = deepFreeze({
  resource_types: [{ source: { repository: "example/packer" }, type: "registry-image", name: "packer" }],
  resources: [
    { source: { uri: "https://example.com/src.git" }, type: "git", name: "src" },
    { source: { region: "us-east-1" }, type: "packer", name: "ami" },
  ],
  jobs: [
    {
      name: "build",
      plan: [
        { get: "src", trigger: true },
        { attempts: 2, params: { on: "yes", mode: "0755" }, put: "ami" },
      ],
    },
  ],
});

const SAMPLE_JSON = `{
  "resource_types": [
    {
      "name": "packer",
      "type": "registry-image",
      "source": {
        "repository": "example/packer"
      }
    }
  ],
  "resources": [
    {
      "name": "src",
      "type": "git",
      "source": {
        "uri": "https://example.com/src.git"
      }
    },
    {
      "name": "ami",
      "type": "packer",
      "source": {
        "region": "us-east-1"
      }
    }
  ],
  "jobs": [
    {
      "name": "build",
      "plan": [
        {
          "get": "src",
          "trigger": true
        },
        {
          "put": "ami",
          "params": {
            "on": "yes",
            "mode": "0755"
          },
          "attempts": 2
        }
      ]
    }
  ]
}
`;

const SAMPLE_YAML = `resource_types:
- name: packer
  type: registry-image
  source:
    repository: example/packer
resources:
- name: src
  type: git
  source:
    uri: "https://example.com/src.git"
- name: ami
  type: packer
  source:
    region: us-east-1
jobs:
- name: build
  plan:
  - get: src
    trigger: true
  - put: ami
    params:
      "on": "yes"
      mode: "0755"
    attempts: 2
`;

describe("renderJson", () => {
  test("is 2-space JSON in canonical order with a trailing newline", () => {
    expect(renderJson(sample)).toBe(SAMPLE_JSON);
  });

  test("is deterministic: the same text twice, whatever the order of the input's keys", () => {
    expect(renderJson(sample)).toBe(renderJson(sample));
    expect(renderJson(sampleReordered)).toBe(SAMPLE_JSON);
  });

  test("parses back to toConcourse() of the pipeline, without null", () => {
    const withNulls = deepFreeze({
      ...sample,
      groups: undefined,
      display: null,
      jobs: [{ name: "j", serial: undefined, plan: [{ get: "src", passed: null }] }],
    }) as unknown as Pipeline;
    const text = renderJson(withNulls);
    expect(JSON.parse(text)).toEqual(toConcourse(withNulls));
    expect(text).not.toMatch(/null/);
  });

  test("escapes the characters JSON leaves raw that go-yaml, fly's reader of a JSON file, refuses or reads as a line break (DEL, C1 controls, NEL, LS, PS, BOM, non-characters); the JSON reads back the same", () => {
    const odd = ["x\u007fy", "x\u0080y", "\u0085x", "a\u2028b", "\u2029", "\ufeffb", "\ufffe", "\uffff", "é 日 😀"];
    const pipeline = deepFreeze({
      jobs: [{ name: "j", plan: [{ task: "t", file: "t.yml", params: Object.fromEntries(odd.map((s) => [s, s])) }] }],
    }) as unknown as Pipeline;
    const text = renderJson(pipeline);
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/);
    expect(text).toContain('"x\\u007fy": "x\\u007fy"');
    expect(text).toContain('"\\u0085x"');
    expect(text).toContain('"é 日 😀"');
    expect(JSON.parse(text)).toEqual(toConcourse(pipeline));
    // what `hangar render` writes
    expect(renderData(pipeline, "json").text).toBe(text);
  });
});

describe("a pipeline with a top-level name", () => {
  // `name` (and `target`) written beside `jobs` where a definition's `pipeline:` was meant; Concourse drops the keys
  const named = deepFreeze({ name: "app", target: "ci", jobs: [{ name: "build", plan: [{ get: "src" }] }] });

  test("is rendered as a pipeline, its jobs whole, not as a group whose jobs are names", () => {
    const rendered = JSON.parse(renderJson(named as unknown as Pipeline));
    expect(rendered.jobs).toEqual([{ name: "build", plan: [{ get: "src" }] }]);
    expect(parse(renderYaml(named as unknown as Pipeline)).jobs).toEqual([{ name: "build", plan: [{ get: "src" }] }]);
    expect(renderData(named as unknown as Pipeline, "json").data).toEqual(rendered);
  });
});

describe("renderJson's escapes, each character alone", () => {
  const each = ["x\u007fy", "x\u0080y", "\u0085x", "a\u2028b", "\u2029", "\ufeffb", "\ufffe", "\uffff"];
  const rendered = (s: string) =>
    renderJson({
      jobs: [{ name: "j", plan: [{ task: "t", file: "t.yml", params: { p: s } }] }],
    } as unknown as Pipeline);

  test.each([
    ["with Node's Buffer", true],
    ["without it (another runtime)", false],
  ])(
    "%s: a text of one such character is escaped; an ASCII or other text is written as JSON writes it",
    (_, buffer) => {
      if (!buffer) vi.stubGlobal("Buffer", undefined);
      try {
        for (const s of each) expect(rendered(s)).not.toMatch(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/);
        for (const s of ["plain", "é 日 😀", "tab\there"]) {
          const text = rendered(s);
          expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
        }
      } finally {
        vi.unstubAllGlobals();
      }
    },
  );
});

describe("renderYaml", () => {
  test("is block YAML in canonical order, ambiguous strings quoted", () => {
    expect(renderYaml(sample)).toBe(SAMPLE_YAML);
    expect(renderYaml(sampleReordered)).toBe(SAMPLE_YAML);
  });

  test("parses back, as YAML 1.1 and 1.2, to the same data as renderJson", () => {
    const data = JSON.parse(renderJson(sample));
    expect(parse(renderYaml(sample), { version: "1.1" })).toEqual(data);
    expect(parse(renderYaml(sample), { version: "1.2" })).toEqual(data);
  });

  test("writes a header as comment lines before the document", () => {
    expect(renderYaml(sample, { header: "Generated by hangar.\n\nDo not edit." })).toBe(
      `# Generated by hangar.\n#\n# Do not edit.\n${SAMPLE_YAML}`,
    );
    expect(renderYaml(sample, { header: "" })).toBe(`#\n${SAMPLE_YAML}`);
  });

  test("a header cannot break out of its comment, whatever line breaks it holds", () => {
    const header = "one\rjobs: []\r\ntwo\u2028three\u0085four\u2029five\n";
    const text = renderYaml(sample, { header });
    expect(text).toBe(`# one\n# jobs: []\n# two\n# three\n# four\n# five\n#\n${SAMPLE_YAML}`);
    expect(parse(text, { version: "1.1" })).toEqual(JSON.parse(renderJson(sample)));
  });
  test("a header's characters go-yaml refuses anywhere, a comment too (C0 and C1 controls, DEL, U+FFFE, a lone surrogate), are escapes", () => {
    const header =
      "nul\u0000 esc\u001b[2J bel\u0007 del\u007f csi\u009b nel-ok fffe\ufffe ffff\uffff lone\ud800 bom\ufeff tab\tok";
    const text = renderYaml(sample, { header });
    expect(text.split("\n")[0]).toBe(
      String.raw`# nul\u0000 esc\u001b[2J bel\u0007 del\u007f csi\u009b nel-ok fffe\ufffe ffff\uffff lone\ud800 bom\ufeff tab` +
        "\tok",
    );
    // what go-yaml's reader (readerc.go) allows: tab, LF, CR, printable ASCII, NEL, U+00A0 to U+D7FF, U+E000 to U+FFFD
    // but the BOM, and past U+FFFF
    expect(text).toMatch(/^[\t\n\r\u0020-\u007e\u0085\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]*$/u);
    expect(parsePipeline(text).diagnostics).toEqual([]);
  });

  test("a header that is not a string is an api/argument error", () => {
    expect(() => renderYaml(sample, { header: 5 as never })).toThrow(
      expect.objectContaining({
        code: "api/argument",
        message: "renderYaml(): option 'header' must be a string, got a number (5)",
      }),
    );
  });
});

describe("data that is not data", () => {
  /** A pipeline with `params` in its one task step. */
  const withParams = (params: unknown): Pipeline =>
    ({ jobs: [{ name: "build", plan: [{ task: "unit", file: "ci/unit.yml", params }] }] }) as Pipeline;

  test("a circular reference is an api/argument error naming its path, in JSON and YAML", () => {
    const params: Record<string, unknown> = { a: 1 };
    params.self = params;
    for (const [render, fn] of [
      [renderJson, "renderJson"],
      [(p: Pipeline) => renderYaml(p), "renderYaml"],
    ] as const) {
      expect(() => render(withParams(params))).toThrow(
        expect.objectContaining({
          code: "api/argument",
          message: `${fn}(): the pipeline is not plain data at jobs[0].plan[0].params.self: a circular reference (back to jobs[0].plan[0].params)`,
        }),
      );
    }
  });

  test("nesting deeper than the stack allows is an error, not a stack overflow", () => {
    const root: Record<string, unknown> = {};
    let at = root;
    for (let i = 0; i < 20_000; i++) {
      const next = {};
      at.x = next;
      at = next;
    }
    expect(() => renderJson(withParams(root))).toThrow(
      expect.objectContaining({
        code: "api/argument",
        message: expect.stringContaining(": nested more than 1000 levels deep"),
      }),
    );
  });
});

describe("values JSON would change, drop or refuse", () => {
  const withValue = (v: unknown): Pipeline =>
    ({
      jobs: [{ name: "build", plan: [{ task: "unit", file: "ci/unit.yml", params: { v } }] }],
    }) as Pipeline;

  test.each([
    [Number.NaN, "NaN, a number JSON cannot hold"],
    [Number.POSITIVE_INFINITY, "Infinity, a number JSON cannot hold"],
    [() => 1, "a function, not data (a factory not called?)"],
    [Symbol("s"), "a symbol (Symbol(s)), not data"],
    [1n, "a BigInt (1n), which JSON cannot hold"],
  ])("%s: renderJson and renderYaml refuse it with the same error naming its path", (v, problem) => {
    for (const [render, fn] of [
      [renderJson, "renderJson"],
      [(p: Pipeline) => renderYaml(p), "renderYaml"],
    ] as const) {
      expect(() => render(withValue(v))).toThrow(
        expect.objectContaining({
          code: "api/argument",
          message: `${fn}(): the pipeline is not plain data at jobs[0].plan[0].params.v: ${problem}`,
        }),
      );
      // in a list too, where JSON would write null
      const inList = {
        jobs: [{ name: "build", plan: [{ task: "unit", file: "ci/unit.yml", params: { list: [1, v] } }] }],
      };
      expect(() => render(inList as Pipeline)).toThrow(
        expect.objectContaining({
          message: `${fn}(): the pipeline is not plain data at jobs[0].plan[0].params.list[1]: ${problem}`,
        }),
      );
    }
  });

  test("undefined or a hole in a list of user data is refused with its path, not left out (the items after it would move)", () => {
    const withArgs = (args: unknown[]): Pipeline =>
      ({
        jobs: [
          {
            name: "build",
            plan: [{ get: "src" }, { task: "copy", config: { platform: "linux", run: { path: "cp", args } } }],
          },
        ],
      }) as Pipeline;
    const problem =
      "undefined in a list, which JSON cannot hold (leaving it out would move the items after it): give a value, or take the item out of the list";
    // a hole (never written) is undefined too
    const hole = ["src"];
    hole[2] = "dst";
    for (const args of [["src", undefined, "dst"], hole]) {
      for (const [render, fn] of [
        [renderJson, "renderJson"],
        [(p: Pipeline) => renderYaml(p), "renderYaml"],
        [toConcourse, "toConcourse"],
      ] as const) {
        const argument = fn === "toConcourse" ? "the value" : "the pipeline";
        expect(() => render(withArgs(args))).toThrow(
          expect.objectContaining({
            code: "api/argument",
            message: `${fn}(): ${argument} is not plain data at jobs[0].plan[1].config.run.args[1]: ${problem}`,
          }),
        );
      }
    }
    // deeper in a payload, and in a list held twice (named where it is first found)
    const shared = [1, undefined];
    const params = { a: { list: shared }, b: shared };
    const withParams = { jobs: [{ name: "build", plan: [{ task: "unit", file: "ci/unit.yml", params }] }] };
    expect(() => renderJson(withParams as Pipeline)).toThrow(
      expect.objectContaining({
        message: `renderJson(): the pipeline is not plain data at jobs[0].plan[0].params.a.list[1]: ${problem}`,
      }),
    );
  });

  test("toConcourse keeps such values as they are (the validator reports them)", () => {
    const data = toConcourse(withValue(Number.NaN)) as { jobs: { plan: { params: { v: unknown } }[] }[] };
    expect(data.jobs[0]?.plan[0]?.params.v).toBeNaN();
  });
});

test("renderYaml: a header given as undefined is no header", () => {
  const given: Pipeline = { jobs: [{ name: "build", plan: [] }] };
  expect(renderYaml(given, { header: undefined })).toBe(renderYaml(given));
});
