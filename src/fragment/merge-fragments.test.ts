import { describe, expect, test } from "vitest";
import { deepFreeze } from "../../test/helpers/deep-freeze.ts";
import { isHangarError } from "../model/errors.ts";
import type { Job, Resource, ResourceType } from "../model/index.ts";
import { type Fragment, fragment } from "./fragment.ts";
import { FragmentConflictError, mergeFragments } from "./merge-fragments.ts";

const packerType: ResourceType = deepFreeze({
  name: "packer",
  type: "registry-image",
  source: { repository: "example/packer-resource" },
});
const src: Resource = deepFreeze({
  name: "src",
  type: "git",
  icon: "git",
  source: { uri: "https://example.com/src.git", branch: "main" },
});
const ami: Resource = deepFreeze({ name: "ami", type: packerType, source: { region: "us-east-1" } });
const build: Job = deepFreeze({ name: "build", plan: [{ get: src, trigger: true }, { put: ami }] });
const unit: Job = deepFreeze({ name: "unit", plan: [{ get: "src", trigger: true }] });

/** The error `f` throws (fails the test when it throws nothing). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("fragment", () => {
  test("fills missing sections with empty lists", () => {
    expect(fragment()).toEqual({ resource_types: [], resources: [], jobs: [] });
    expect(fragment({ jobs: [unit] })).toEqual({ resource_types: [], resources: [], jobs: [unit] });
  });
});

describe("mergeFragments: identical duplicates collapse", () => {
  test("the same objects in several fragments appear once", () => {
    const a = deepFreeze(fragment({ resource_types: [packerType], resources: [src, ami], jobs: [build] }));
    const b = deepFreeze(fragment({ resource_types: [packerType], resources: [ami], jobs: [build, unit] }));
    expect(mergeFragments(a, b)).toEqual({
      resource_types: [packerType],
      resources: [src, ami],
      jobs: [build, unit],
    });
  });

  test("equal copies collapse into the first", () => {
    const copy: Resource = deepFreeze({ ...src, source: { ...src.source } });
    const merged = mergeFragments(fragment({ resources: [src] }), fragment({ resources: [copy] }));
    expect(merged).toEqual({ resource_types: [], resources: [src], jobs: [] });
    expect(merged.resources[0]).toBe(src);
  });

  test("an object reference and the same name count as identical", () => {
    const byName: Resource = deepFreeze({ name: "ami", type: "packer", source: { region: "us-east-1" } });
    const jobByName: Job = deepFreeze({ name: "build", plan: [{ get: "src", trigger: true }, { put: "ami" }] });
    const merged = mergeFragments(
      fragment({ resources: [ami], jobs: [build] }),
      fragment({ resources: [byName], jobs: [jobByName] }),
    );
    expect(merged).toEqual({ resource_types: [], resources: [ami], jobs: [build] });
  });

  test("keys in another order, and absent versus undefined, count as identical", () => {
    const reordered = deepFreeze({
      source: { branch: "main", uri: "https://example.com/src.git" },
      icon: "git",
      type: "git",
      name: "src",
      check_every: undefined,
    }) as unknown as Resource;
    const jobReordered = deepFreeze({ plan: [{ trigger: true, get: src }, { put: ami }], name: "build" }) as Job;
    const merged = mergeFragments(
      fragment({ resources: [src], jobs: [build] }),
      fragment({ resources: [reordered], jobs: [jobReordered] }),
    );
    expect(merged).toEqual({ resource_types: [], resources: [src], jobs: [build] });
  });

  test("the same name in different sections is no conflict", () => {
    const job: Job = deepFreeze({ name: "src", plan: [{ get: "src" }] });
    const type: ResourceType = deepFreeze({ name: "src", type: "registry-image", source: {} });
    expect(mergeFragments(fragment({ resources: [src] }), fragment({ jobs: [job], resource_types: [type] }))).toEqual({
      resource_types: [type],
      resources: [src],
      jobs: [job],
    });
  });
});

describe("mergeFragments: conflicting duplicates throw", () => {
  test("a FragmentConflictError naming both origins and the first differing path", () => {
    const other: Resource = deepFreeze({ ...src, source: { uri: "https://example.com/fork.git", branch: "main" } });
    const error = thrown(() =>
      mergeFragments(fragment({ resources: [ami, src] }), fragment({ jobs: [unit] }), fragment({ resources: [other] })),
    );
    expect(error).toBeInstanceOf(FragmentConflictError);
    expect(isHangarError(error)).toBe(true);
    const e = error as FragmentConflictError;
    expect(e.code).toBe("fragment/conflict");
    expect(e.message).toBe(
      "conflicting definitions:\n" +
        '  resources "src": fragment #0 resources[1] and fragment #2 resources[0] differ at source.uri ' +
        '("https://example.com/src.git" ≠ "https://example.com/fork.git")',
    );
    expect(e.conflicts).toEqual([
      {
        section: "resources",
        name: "src",
        first: "fragment #0 resources[1]",
        second: "fragment #2 resources[0]",
        difference: { path: "source.uri", left: "https://example.com/src.git", right: "https://example.com/fork.git" },
      },
    ]);
  });

  test("every conflict is listed in one error, section by section", () => {
    const a = deepFreeze(fragment({ resource_types: [packerType], resources: [src, ami], jobs: [build, unit] }));
    const b = deepFreeze(
      fragment({
        resource_types: [{ ...packerType, privileged: true }],
        resources: [{ ...ami, type: "registry-image" }],
        jobs: [{ name: "unit", plan: [{ get: "src" }] }],
      }),
    );
    const c = deepFreeze(
      fragment({
        resources: [{ name: "src", type: "git", source: { uri: "https://example.com/src.git" } }],
        jobs: [{ name: "build", plan: [{ get: src, trigger: true }] }],
      }),
    );
    const e = thrown(() => mergeFragments(a, b, c)) as FragmentConflictError;
    expect(e).toBeInstanceOf(FragmentConflictError);
    expect(e.conflicts).toEqual([
      {
        section: "resource_types",
        name: "packer",
        first: "fragment #0 resource_types[0]",
        second: "fragment #1 resource_types[0]",
        difference: { path: "privileged", left: undefined, right: true },
      },
      {
        section: "resources",
        name: "ami",
        first: "fragment #0 resources[1]",
        second: "fragment #1 resources[0]",
        difference: { path: "type", left: "packer", right: "registry-image" },
      },
      {
        section: "resources",
        name: "src",
        first: "fragment #0 resources[0]",
        second: "fragment #2 resources[0]",
        difference: { path: "source.branch", left: "main", right: undefined },
      },
      {
        section: "jobs",
        name: "unit",
        first: "fragment #0 jobs[1]",
        second: "fragment #1 jobs[0]",
        difference: { path: "plan[0].trigger", left: true, right: undefined },
      },
      {
        section: "jobs",
        name: "build",
        first: "fragment #0 jobs[0]",
        second: "fragment #2 jobs[0]",
        difference: { path: "plan[1]", left: { put: "ami" }, right: undefined },
      },
    ]);
    expect(e.message.split("\n")).toEqual([
      "conflicting definitions:",
      '  resource_types "packer": fragment #0 resource_types[0] and fragment #1 resource_types[0] differ at privileged (absent ≠ true)',
      '  resources "ami": fragment #0 resources[1] and fragment #1 resources[0] differ at type ("packer" ≠ "registry-image")',
      '  resources "src": fragment #0 resources[0] and fragment #2 resources[0] differ at source.branch ("main" ≠ absent)',
      '  jobs "unit": fragment #0 jobs[1] and fragment #1 jobs[0] differ at plan[0].trigger (true ≠ absent)',
      '  jobs "build": fragment #0 jobs[0] and fragment #2 jobs[0] differ at plan[1] ({"put":"ami"} ≠ absent)',
    ]);
  });

  test("two definitions inside one fragment conflict too", () => {
    const e = thrown(() =>
      mergeFragments(fragment({ jobs: [unit, { name: "unit", plan: [], serial: true }] })),
    ) as FragmentConflictError;
    expect(e.conflicts).toEqual([
      {
        section: "jobs",
        name: "unit",
        first: "fragment #0 jobs[0]",
        second: "fragment #0 jobs[1]",
        difference: { path: "plan[0]", left: { get: "src", trigger: true }, right: undefined },
      },
    ]);
  });

  test("a later third definition equal to the first is not reported again", () => {
    const other: Resource = deepFreeze({ ...src, icon: "github" });
    const e = thrown(() =>
      mergeFragments(fragment({ resources: [src] }), fragment({ resources: [other] }), fragment({ resources: [src] })),
    ) as FragmentConflictError;
    expect(e.conflicts.map((c) => [c.first, c.second])).toEqual([
      ["fragment #0 resources[0]", "fragment #1 resources[0]"],
    ]);
  });
});

describe("mergeFragments: result", () => {
  test("keeps the order of first appearance", () => {
    const t1: ResourceType = { name: "t1", type: "registry-image", source: {} };
    const t2: ResourceType = { name: "t2", type: "registry-image", source: {} };
    const r = (name: string): Resource => ({ name, type: "git", source: {} });
    const j = (name: string): Job => ({ name, plan: [] });
    const merged = mergeFragments(
      deepFreeze(fragment({ resource_types: [t2], resources: [r("b"), r("a")], jobs: [j("z")] })),
      deepFreeze(fragment({ resource_types: [t1, t2], resources: [r("c"), r("b")], jobs: [j("y"), j("z"), j("x")] })),
      deepFreeze(fragment({ resources: [r("a"), r("d")], jobs: [j("w")] })),
    );
    expect(merged).toEqual({
      resource_types: [t2, t1],
      resources: [r("b"), r("a"), r("c"), r("d")],
      jobs: [j("z"), j("y"), j("x"), j("w")],
    });
  });

  test("extra named handles on a fragment do not leak into the result", () => {
    const withHandles: Fragment & { buildJob: Job; amiResource: Resource } = deepFreeze({
      ...fragment({ resources: [ami], jobs: [build] }),
      buildJob: build,
      amiResource: ami,
    });
    const merged = mergeFragments(withHandles, fragment({ jobs: [unit] }));
    expect(merged).toEqual({ resource_types: [], resources: [ami], jobs: [build, unit] });
    expect(Object.keys(merged)).toEqual(["resource_types", "resources", "jobs"]);
  });

  test("no fragments give an empty fragment; one fragment gives an equal copy", () => {
    expect(mergeFragments()).toEqual({ resource_types: [], resources: [], jobs: [] });
    const only = deepFreeze(fragment({ resource_types: [packerType], resources: [ami], jobs: [build] }));
    const merged = mergeFragments(only);
    expect(merged).toEqual(only);
    expect(merged).not.toBe(only);
    expect(merged.jobs).not.toBe(only.jobs);
  });

  test("leaves its frozen inputs untouched", () => {
    const a = deepFreeze(fragment({ resources: [src], jobs: [build] }));
    const b = deepFreeze(fragment({ resources: [{ ...src }], jobs: [unit] }));
    const before = JSON.stringify([a, b]);
    mergeFragments(a, b);
    expect(JSON.stringify([a, b])).toBe(before);
  });
});

describe("sources that are not data", () => {
  test("two equal circular sources are an api/argument error naming the path, not a stack overflow", () => {
    const circular = () => {
      const source: Record<string, unknown> = { uri: "https://example.com/app.git" };
      source.self = source;
      return { resources: [{ name: "app", type: "git", source }] };
    };
    expect(() => mergeFragments(circular(), circular())).toThrow(
      expect.objectContaining({
        code: "api/argument",
        message:
          "mergeFragments(): fragment #0 is not plain data at resources[0].source.self: a circular reference (back to resources[0].source)",
      }),
    );
  });
});

describe("what counts as a difference, and how it reads", () => {
  const withSource = (source: Record<string, unknown>) => ({ resources: [{ name: "app", type: "git", source }] });

  test("0 and -0 are written alike, so they collapse", () => {
    expect(mergeFragments(withSource({ depth: 0 }), withSource({ depth: -0 })).resources).toHaveLength(1);
  });

  test("values are shown as they are: NaN is not null, a function is not undefined", () => {
    expect(() => mergeFragments(withSource({ x: Number.NaN }), withSource({ x: null }))).toThrow(
      "differ at source.x (NaN ≠ null)",
    );
    expect(() => mergeFragments(withSource({ x: () => 1 }), withSource({}))).toThrow(
      "differ at source.x (a function ≠ absent)",
    );
  });
});
