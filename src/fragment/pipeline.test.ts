import { describe, expect, test } from "vitest";
import { deepFreeze } from "../../test/helpers/deep-freeze.ts";
import { HangarError } from "../model/errors.ts";
import type { Job, Prototype, Resource, ResourceType, Step } from "../model/index.ts";
import { fragment } from "./fragment.ts";
import { FragmentConflictError, mergeFragments } from "./merge-fragments.ts";
import { isBuiltPipeline, pipeline } from "./pipeline.ts";

/** The error `f` throws (fails the test when it throws nothing). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

const ociType: ResourceType = deepFreeze({
  name: "oci",
  type: "registry-image",
  source: { repository: "example/oci" },
});
/** A type whose image comes through another custom type. */
const packerType: ResourceType = deepFreeze({
  name: "packer",
  type: ociType,
  source: { repository: "example/packer" },
});
const slackType: ResourceType = deepFreeze({
  name: "slack",
  type: "registry-image",
  source: { repository: "example/slack" },
});

const res = (name: string, type: Resource["type"] = "git"): Resource =>
  deepFreeze({ name, type, source: { uri: `https://example.com/${name}.git` } });

const src = res("src");
const ami = res("ami", packerType);
const notify = res("notify", slackType);

describe("pipeline: collects what jobs reference as objects", () => {
  test("resources from get, put and resource, wherever the step is nested", () => {
    const r = (name: string) => res(name);
    const job: Job = deepFreeze({
      name: "build",
      plan: [
        { get: r("a"), trigger: true },
        { get: "b-alias", resource: r("b") },
        { put: r("c") },
        { put: "d-alias", resource: r("d") },
        { do: [{ get: r("e") }, { try: { put: r("f") } }] },
        { in_parallel: [{ get: r("g") }] },
        { in_parallel: { steps: [{ get: r("h") }], limit: 1 } },
        { task: "t", file: "t.yml", on_success: { put: r("i") }, on_failure: { put: r("j") } },
        { task: "u", file: "u.yml", on_error: { put: r("k") }, on_abort: { put: r("l") }, ensure: { put: r("m") } },
      ],
      on_success: { put: r("n") },
      on_failure: { do: [{ put: r("o") }] },
      on_error: { put: r("p") },
      on_abort: { put: r("q") },
      ensure: { try: { put: r("s") } },
    });
    const p = pipeline({ jobs: [job] });
    expect(p).toEqual({
      jobs: [job],
      resources: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "s"].map(r),
    });
  });

  test("explicit resources come first, collected ones after, each once", () => {
    const jobs: Job[] = deepFreeze([
      { name: "one", plan: [{ get: src }, { get: ami }, { put: ami }] },
      { name: "two", plan: [{ get: ami, passed: ["one"] }, { put: notify }] },
    ]);
    const p = pipeline({ resources: [notify], jobs });
    expect(p).toEqual({
      jobs,
      resources: [notify, src, ami],
      resource_types: [slackType, packerType, ociType],
    });
  });

  test("resource types from resources, types of types, and prototypes", () => {
    const viaType: ResourceType = deepFreeze({ name: "via", type: packerType, source: {} });
    const proto: Prototype = deepFreeze({ name: "npm", type: viaType, source: {} });
    const run: Step = { run: "test", type: proto };
    const p = pipeline({ resources: [ami], jobs: [{ name: "j", plan: [{ get: ami }, run] }] });
    expect(p).toEqual({
      jobs: [{ name: "j", plan: [{ get: ami }, run] }],
      resources: [ami],
      prototypes: [proto],
      resource_types: [packerType, viaType, ociType],
    });
  });

  test("types referenced by explicit resource types are collected too", () => {
    const p = pipeline({ resource_types: [packerType], jobs: [{ name: "j", plan: [] }] });
    expect(p).toEqual({ jobs: [{ name: "j", plan: [] }], resource_types: [packerType, ociType] });
  });

  test("an equal copy of an explicit definition is not a second definition", () => {
    const copy: Resource = deepFreeze({ ...ami, source: { ...ami.source } });
    const typeByName: Resource = deepFreeze({ ...ami, type: "packer" });
    const p = pipeline({
      resource_types: [{ ...packerType }],
      resources: [typeByName],
      jobs: [{ name: "j", plan: [{ get: copy }, { put: ami }] }],
    });
    expect(p.resources).toEqual([typeByName]);
    expect(p.resource_types).toEqual([{ ...packerType }, ociType]);
  });

  test("an object reference is collected even when an identical definition by name came first", () => {
    const amiByName: Resource = deepFreeze({ ...ami, type: "packer" });
    const jobByName: Job = deepFreeze({ name: "j", plan: [{ get: "src" }] });
    const jobByObject: Job = deepFreeze({ name: "j", plan: [{ get: src }] });
    const p = pipeline(
      fragment({ resources: [amiByName], jobs: [jobByName] }),
      fragment({ resources: [ami], jobs: [jobByObject] }),
    );
    expect(p).toEqual({
      jobs: [jobByName],
      resources: [amiByName, src],
      resource_types: [packerType, ociType],
    });
  });

  test("a type referenced by a collected object equal to an earlier one is collected", () => {
    const amiByName: Resource = deepFreeze({ ...ami, type: "packer" });
    const job: Job = deepFreeze({ name: "j", plan: [{ get: amiByName }, { put: ami }] });
    expect(pipeline({ jobs: [job] })).toEqual({
      jobs: [job],
      resources: [amiByName],
      resource_types: [packerType, ociType],
    });
  });
});

describe("pipeline: conflicts", () => {
  test("a collected object that differs from an explicit definition of the same name", () => {
    const other: Resource = deepFreeze({ name: "src", type: "git", source: { uri: "https://example.com/fork.git" } });
    const e = thrown(() =>
      pipeline({ resources: [src], jobs: [{ name: "j", plan: [{ get: "src" }, { do: [{ get: other }] }] }] }),
    ) as FragmentConflictError;
    expect(e).toBeInstanceOf(FragmentConflictError);
    expect(e.code).toBe("fragment/conflict");
    expect(e.conflicts).toEqual([
      {
        section: "resources",
        name: "src",
        first: "resources[0]",
        second: "jobs[0].plan[1].do[0].get",
        difference: { path: "source.uri", left: "https://example.com/src.git", right: "https://example.com/fork.git" },
      },
    ]);
  });

  test("two collected objects of one name that differ, and a type that differs, all in one error", () => {
    const otherSrc: Resource = deepFreeze({ ...src, icon: "github" });
    const otherPacker: ResourceType = deepFreeze({ ...packerType, privileged: true });
    const e = thrown(() =>
      pipeline({
        resource_types: [otherPacker],
        jobs: [
          { name: "a", plan: [{ get: src }] },
          { name: "b", plan: [{ put: otherSrc }, { get: ami }] },
        ],
      }),
    ) as FragmentConflictError;
    expect(e).toBeInstanceOf(FragmentConflictError);
    expect(e.message).toBe(
      [
        "conflicting definitions:",
        '  resources "src": jobs[0].plan[0].get and jobs[1].plan[0].put differ at icon (absent ≠ "github")',
        '  resource_types "packer": resource_types[0] and resources[1].type differ at privileged (true ≠ absent)',
      ].join("\n"),
    );
  });

  test("conflicts between parts name the parts", () => {
    const e = thrown(() =>
      pipeline(fragment({ jobs: [{ name: "j", plan: [] }] }), { jobs: [{ name: "j", plan: [], serial: true }] }),
    ) as FragmentConflictError;
    expect(e.conflicts).toEqual([
      {
        section: "jobs",
        name: "j",
        first: "part #0 jobs[0]",
        second: "part #1 jobs[0]",
        difference: { path: "serial", left: undefined, right: true },
      },
    ]);
  });

  test("different display settings", () => {
    const e = thrown(() =>
      pipeline(
        { jobs: [{ name: "j", plan: [] }], display: { background_image: "a.png" } },
        { display: { background_image: "b.png" } },
      ),
    );
    expect(e).toBeInstanceOf(HangarError);
    expect(e).toMatchObject({ code: "fragment/conflict" });
    expect((e as Error).message).toBe("two different display settings differ at background_image");
  });
});

describe("pipeline: references by name", () => {
  test("names that are not defined throw pipeline/unknown-reference listing every literal path", () => {
    const resources = [src, res("image")];
    const jobs: Job[] = deepFreeze([
      { name: "unit", plan: [{ get: "src" }] },
      {
        name: "publish",
        plan: [
          { get: "src", passed: ["unit", "nope"] },
          { get: "code", resource: "missing-1" },
          { task: "build", file: "src/ci/build.yml" },
          { put: "image" },
          { in_parallel: [{ put: "missing-2" }, { get: "image" }] },
          { in_parallel: { steps: [{ try: { get: "missing-3" } }] } },
        ],
        on_failure: { put: "missing-4" },
        ensure: { do: [{ put: "image" }, { put: "alias", resource: "missing-5" }] },
      },
    ]);
    const e = thrown(() => pipeline({ resources, jobs }));
    expect(e).toBeInstanceOf(HangarError);
    expect(e).toMatchObject({ code: "pipeline/unknown-reference" });
    expect((e as Error).message).toBe(
      [
        "pipeline references undefined names:",
        "  jobs[1].plan[0].passed[1]: no matching job(s) for 'nope'",
        "  jobs[1].plan[1].resource: unknown resource 'missing-1'",
        "  jobs[1].plan[4].in_parallel[0].put: unknown resource 'missing-2'",
        "  jobs[1].plan[5].in_parallel.steps[0].try.get: unknown resource 'missing-3'",
        "  jobs[1].on_failure.put: unknown resource 'missing-4'",
        "  jobs[1].ensure.do[1].resource: unknown resource 'missing-5'",
      ].join("\n"),
    );
  });

  test("a job referenced as an object in passed must be in the pipeline", () => {
    const ghost: Job = deepFreeze({ name: "ghost", plan: [] });
    const e = thrown(() => pipeline({ jobs: [{ name: "j", plan: [{ get: src, passed: [ghost] }] }] }));
    expect((e as Error).message).toBe(
      "pipeline references undefined names:\n  jobs[0].plan[0].passed[0]: no matching job(s) for 'ghost'",
    );
  });

  test("passed names are globs", () => {
    const job = (name: string, passed: string[] = []): Job => ({ name, plan: [{ get: src, passed }] });
    const ok = pipeline({
      jobs: [
        job("unit-a"),
        job("unit-b"),
        job("lint"),
        job("deploy", ["unit-*", "l?nt", "[lu]*", "unit-[ab]", "[^u]int", "unit-[a-c]", "\\lint"]),
      ],
    });
    expect(ok.jobs.map((j) => j.name)).toEqual(["unit-a", "unit-b", "lint", "deploy"]);
    const e = thrown(() =>
      pipeline({ jobs: [job("unit-a"), job("deploy", ["unit-a*", "int-*", "unit-?", "unit.a", "unit-[xy]"])] }),
    );
    expect((e as Error).message).toBe(
      [
        "pipeline references undefined names:",
        "  jobs[1].plan[0].passed[1]: no matching job(s) for 'int-*'",
        "  jobs[1].plan[0].passed[3]: no matching job(s) for 'unit.a'; did you mean 'unit-a'?",
        "  jobs[1].plan[0].passed[4]: no matching job(s) for 'unit-[xy]'",
      ].join("\n"),
    );
  });
});

describe("pipeline: groups", () => {
  test("a group's jobs entry (a name, a glob or a job object) that matches no job is an unknown reference", () => {
    const ghost: Job = deepFreeze({ name: "ghost", plan: [] });
    const jobs: Job[] = [
      { name: "unit-a", plan: [] },
      { name: "deploy", plan: [] },
    ];
    const ok = pipeline({ jobs, groups: [{ name: "ci", jobs: ["unit-*", "deploy", jobs[1] as Job] }] });
    expect(ok.groups).toEqual([{ name: "ci", jobs: ["unit-*", "deploy", jobs[1]] }]);
    const e = thrown(() =>
      pipeline({
        jobs,
        groups: [
          { name: "ci", jobs: ["unit-a", "deplo", "int-*", ghost] },
          { name: "bad", jobs: ["["] },
        ],
      }),
    );
    expect(e).toMatchObject({ code: "pipeline/unknown-reference" });
    // a glob that does not compile is left to the validator (group-glob-invalid)
    expect((e as Error).message).toBe(
      [
        "pipeline references undefined names:",
        "  groups[0].jobs[1]: no jobs match 'deplo' for group 'ci'; did you mean 'deploy'?",
        "  groups[0].jobs[2]: no jobs match 'int-*' for group 'ci'",
        "  groups[0].jobs[3]: no jobs match 'ghost' for group 'ci'",
      ].join("\n"),
    );
  });
});

describe("pipeline: parts", () => {
  test("merges fragments and partial pipelines; extra handles do not leak; empty sections are left out", () => {
    const build: Job = { name: "build", plan: [{ get: src, trigger: true }, { put: ami }] };
    const withHandle = deepFreeze({ ...fragment({ jobs: [build], resources: [src] }), buildJob: build });
    const p = pipeline(
      withHandle,
      deepFreeze({
        jobs: [build],
        groups: [{ name: "all", jobs: [build] }],
        var_sources: [{ name: "vault", type: "vault", config: { url: "https://vault.example.com" } }],
        display: { background_image: "bg.png" },
      }),
      deepFreeze({ display: { background_image: "bg.png" }, groups: [{ name: "all", jobs: ["build"] }] }),
    );
    expect(p).toEqual({
      jobs: [build],
      resources: [src, ami],
      resource_types: [packerType, ociType],
      groups: [{ name: "all", jobs: [build] }],
      var_sources: [{ name: "vault", type: "vault", config: { url: "https://vault.example.com" } }],
      display: { background_image: "bg.png" },
    });
    expect(Object.keys(p).sort()).toEqual(
      ["display", "groups", "jobs", "resource_types", "resources", "var_sources"].sort(),
    );
    expect(pipeline({ jobs: [{ name: "j", plan: [] }] })).toEqual({ jobs: [{ name: "j", plan: [] }] });
  });

  test("leaves its frozen inputs untouched", () => {
    const part = deepFreeze({
      resources: [src],
      jobs: [{ name: "j", plan: [{ get: src }, { put: ami }, { in_parallel: { steps: [{ get: notify }] } }] }],
    });
    const before = JSON.stringify(part);
    pipeline(part);
    expect(JSON.stringify(part)).toBe(before);
    expect(ami.type).toBe(packerType);
  });
});

describe("pipeline: the mark of what it returns", () => {
  const built = pipeline({
    jobs: [{ name: "build", plan: [{ get: "src" }] }],
    resources: [{ name: "src", type: "git" }],
  });

  test("what pipeline() returns is marked; a spread copy, a fragment or plain data is not", () => {
    expect(isBuiltPipeline(built)).toBe(true);
    expect(isBuiltPipeline({ ...built })).toBe(false);
    expect(isBuiltPipeline(fragment({ jobs: [] }))).toBe(false);
    expect(isBuiltPipeline(JSON.parse(JSON.stringify(built)))).toBe(false);
  });

  test("the mark is seen by nothing else: keys, JSON and deep equality", () => {
    const plain = { jobs: built.jobs, resources: built.resources };
    expect(Object.keys(built)).toEqual(["jobs", "resources"]);
    expect(JSON.stringify(built)).toBe(JSON.stringify(plain));
    expect(built).toStrictEqual(plain);
  });
});

describe("steps that are not data", () => {
  test("a step holding itself is an api/argument error naming the path, not a stack overflow", () => {
    const step = { do: [] as Step[] };
    step.do.push(step);
    expect(() => pipeline({ jobs: [{ name: "build", plan: [step] }] })).toThrow(
      expect.objectContaining({
        code: "api/argument",
        message:
          "pipeline(): part #0 is not plain data at jobs[0].plan[0].do[0]: a circular reference (back to jobs[0].plan[0])",
      }),
    );
  });

  test("steps nested 5,000 deep are an error, not a stack overflow", () => {
    let step: Step = { task: "unit", file: "ci/unit.yml" };
    for (let i = 0; i < 5000; i++) step = { do: [step] };
    expect(() => pipeline({ jobs: [{ name: "build", plan: [step] }] })).toThrow(
      expect.objectContaining({
        code: "api/argument",
        message: expect.stringContaining(": nested more than 1000 levels deep"),
      }),
    );
  });
});

describe("the place of a type reached through another type", () => {
  test("a conflict names the path that reaches it, not an index into another list", () => {
    const other = { name: "other", type: "registry-image", source: { repository: "other" } };
    const baseA = { name: "base", type: "registry-image", source: { repository: "a" } };
    const baseB = { name: "base", type: "registry-image", source: { repository: "b" } };
    const wrapper = { name: "wrapper", type: baseA, source: {} } as unknown as ResourceType;
    expect(() =>
      pipeline({
        resource_types: [other],
        resources: [
          { name: "r1", type: wrapper, source: {} },
          { name: "r2", type: baseB, source: {} },
        ],
        jobs: [],
      }),
    ).toThrow(
      'resource_types "base": resources[1].type and resources[0].type.type differ at source.repository ("b" ≠ "a")',
    );
  });
});

describe("parts pipeline() refuses", () => {
  test.each([
    [
      { jobs: [{ name: "", plan: [] }] },
      `pipeline(): part #0 jobs[0].name must be a non-empty string, got a string ("")`,
    ],
    [
      { jobs: [{ name: "build", plan: {} }] },
      "pipeline(): part #0 jobs[0].plan must be an array of steps, got an object",
    ],
    [{ jobs: [], display: 5 }, "pipeline(): part #0 display must be an object, got a number (5)"],
  ])("%j", (part, message) => {
    expect(() => pipeline(part as never)).toThrow(expect.objectContaining({ code: "api/argument", message }));
  });

  test("a job with no plan, or plan: null, is still accepted (Concourse runs an empty plan)", () => {
    expect(() => pipeline({ jobs: [{ name: "a" }, { name: "b", plan: null }] } as never)).not.toThrow();
  });
});

test("a get or put whose resource is neither a name nor an object with a name is an api/argument error naming the step", () => {
  expect(() => pipeline({ jobs: [{ name: "build", plan: [{ get: undefined }] }] } as never)).toThrow(
    expect.objectContaining({
      code: "api/argument",
      message: "pipeline(): jobs[0].plan[0].get must be a resource name or an object with a name, got undefined",
    }),
  );
  expect(() => pipeline({ jobs: [{ name: "build", plan: [{ put: 42 }] }] } as never)).toThrow(
    "pipeline(): jobs[0].plan[0].put must be a resource name or an object with a name, got a number (42)",
  );
});

describe("references typed Ref<Resource> outside get and put", () => {
  const src: Resource = { name: "src", type: "git", source: { uri: "https://git.example.com/app.git" } };
  const image: Resource = { name: "golang", type: "registry-image", source: { repository: "golang" } };

  test("a resource given as an object in groups[].resources is collected", () => {
    const built = pipeline({
      jobs: [{ name: "build", plan: [] }],
      groups: [{ name: "ci", jobs: ["build"], resources: [src] }],
    });
    expect(built.resources).toEqual([src]);
  });

  test("a task's image given as a resource object is collected", () => {
    const built = pipeline({
      jobs: [{ name: "build", plan: [{ get: "golang" }, { task: "unit", file: "ci/unit.yml", image }] }],
    } as never);
    expect(built.resources).toEqual([image]);
  });
});

describe("parts given as undefined", () => {
  test("fragment(), mergeFragments() and pipeline() read an undefined part as a missing one", () => {
    const source = { name: "src", type: "git", source: { uri: "u" } };
    const job = { name: "build", plan: [{ get: "src" }] };
    const given = { resources: [source], jobs: [job], resource_types: undefined };
    expect(fragment(given)).toStrictEqual(fragment({ resources: [source], jobs: [job] }));
    expect(mergeFragments(given)).toStrictEqual(mergeFragments({ resources: [source], jobs: [job] }));
    expect(pipeline({ ...given, groups: undefined, display: undefined, var_sources: undefined })).toStrictEqual(
      pipeline({ resources: [source], jobs: [job] }),
    );
  });
});
