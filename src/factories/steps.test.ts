import { describe, expect, expectTypeOf, test } from "vitest";
import { deepFreeze } from "../../test/helpers/deep-freeze.ts";
import type { GetStep, InParallelStep, Job, PutStep, Resource, Step, TaskConfig, TaskStep } from "../model/index.ts";
import { toConcourse } from "../render/to-concourse.ts";
import { doSteps, get, inParallel, put, task, tryStep, withModifiers } from "./steps.ts";

const src: Resource = deepFreeze({ name: "src", type: "git", source: { uri: "https://example.com/src.git" } });
const image: Resource = deepFreeze({ name: "image", type: "registry-image", source: { repository: "example/app" } });
const unit: Job = deepFreeze({ name: "unit", plan: [] });
const config: TaskConfig = deepFreeze({
  platform: "linux",
  image_resource: { type: "registry-image", source: { repository: "alpine" } },
  inputs: [{ name: "src" }],
  run: { path: "sh", args: ["-c", "make"] },
});

describe("get", () => {
  test("by object and by name", () => {
    expect(get(src)).toStrictEqual({ get: src });
    expect(get("src")).toStrictEqual({ get: "src" });
  });

  test("with every option", () => {
    const passed = deepFreeze([unit, "lint"]);
    const step = get(src, {
      trigger: true,
      passed,
      version: "every",
      params: { depth: 1 },
      attempts: 2,
      timeout: "10m",
      tags: ["private"],
      on_failure: { put: "notify" },
      ensure: { put: "cleanup" },
    });
    expect(step).toStrictEqual({
      get: src,
      passed: [unit, "lint"],
      trigger: true,
      version: "every",
      params: { depth: 1 },
      attempts: 2,
      timeout: "10m",
      tags: ["private"],
      on_failure: { put: "notify" },
      ensure: { put: "cleanup" },
    });
    expect(step.passed).not.toBe(passed);
  });

  test("`as` names the artifact and keeps the resource in `resource`", () => {
    const step = get(src, { as: "code", trigger: true });
    expect(step).toStrictEqual({ get: "code", resource: src, trigger: true });
    expect(toConcourse(step)).toStrictEqual({ get: "code", resource: "src", trigger: true });
    expect(get("src", { as: "code" })).toStrictEqual({ get: "code", resource: "src" });
  });

  test("renders with names", () => {
    expect(toConcourse(get(src, { passed: [unit], version: { ref: "abc" } }))).toStrictEqual({
      get: "src",
      passed: ["unit"],
      version: { ref: "abc" },
    });
  });
});

describe("put", () => {
  test("by object and by name", () => {
    expect(put(image)).toStrictEqual({ put: image });
    expect(put("image")).toStrictEqual({ put: "image" });
  });

  test("with every option, camelCase options written as Concourse's keys", () => {
    const inputs = deepFreeze(["image", "src"]);
    const step = put(image, {
      params: { image: "image/image.tar" },
      inputs,
      getParams: { skip_download: true },
      noGet: true,
      attempts: 3,
      on_success: { put: "notify" },
    });
    expect(step).toStrictEqual({
      put: image,
      inputs: ["image", "src"],
      params: { image: "image/image.tar" },
      attempts: 3,
      on_success: { put: "notify" },
      get_params: { skip_download: true },
      no_get: true,
    });
    expect(step.inputs).not.toBe(inputs);
  });

  test("inputs may be all or detect", () => {
    expect(put("image", { inputs: "detect" })).toStrictEqual({ put: "image", inputs: "detect" });
    expect(put("image", { inputs: "all" })).toStrictEqual({ put: "image", inputs: "all" });
  });

  test("`as` names the step and keeps the resource in `resource`", () => {
    const step = put(image, { as: "publish", noGet: false });
    expect(step).toStrictEqual({ put: "publish", resource: image, no_get: false });
    expect(toConcourse(step)).toStrictEqual({ put: "publish", resource: "image", no_get: false });
  });
});

describe("task", () => {
  test("with an inline config and other fields", () => {
    expect(
      task("unit", {
        config,
        privileged: true,
        params: { CI: "1" },
        input_mapping: { src: "code" },
        image: "builder",
        attempts: 2,
      }),
    ).toStrictEqual({
      task: "unit",
      config,
      privileged: true,
      params: { CI: "1" },
      input_mapping: { src: "code" },
      image: "builder",
      attempts: 2,
    });
  });

  test("with a file and vars", () => {
    expect(task("unit", { file: "src/ci/unit.yml", vars: { tag: "7" } })).toStrictEqual({
      task: "unit",
      file: "src/ci/unit.yml",
      vars: { tag: "7" },
    });
  });
});

describe("inParallel, doSteps, tryStep", () => {
  test("inParallel of a list is the short form, and copies the list", () => {
    const steps = deepFreeze([get(src), get(image)]);
    const step = inParallel(steps);
    expect(step).toStrictEqual({ in_parallel: [{ get: src }, { get: image }] });
    expect(step.in_parallel).not.toBe(steps);
  });

  test("inParallel with limit and failFast is the long form", () => {
    expect(inParallel({ steps: [get(src)], limit: 2, failFast: true })).toStrictEqual({
      in_parallel: { steps: [{ get: src }], limit: 2, fail_fast: true },
    });
    expect(inParallel({ steps: [get(src)] })).toStrictEqual({ in_parallel: { steps: [{ get: src }] } });
    expect(toConcourse(inParallel({ steps: [get(src)], failFast: false }))).toStrictEqual({
      in_parallel: { steps: [{ get: "src" }], fail_fast: false },
    });
  });

  test("doSteps copies the list; tryStep wraps one step", () => {
    const steps = deepFreeze([get(src), put(image)]);
    const step = doSteps(steps);
    expect(step).toStrictEqual({ do: [{ get: src }, { put: image }] });
    expect(step.do).not.toBe(steps);
    expect(tryStep(put(image))).toStrictEqual({ try: { put: image } });
  });
});

describe("withModifiers", () => {
  test("returns a copy with the modifiers and leaves the step untouched", () => {
    const step = deepFreeze(put(image, { params: { a: 1 } }));
    const modified = withModifiers(step, {
      attempts: 3,
      timeout: "1h",
      tags: ["private"],
      across: [{ var: "region", values: ["us", "eu"] }],
      fail_fast: true,
      on_abort: { put: "notify" },
      on_error: { put: "notify" },
    });
    expect(modified).toStrictEqual({
      put: image,
      params: { a: 1 },
      attempts: 3,
      timeout: "1h",
      tags: ["private"],
      across: [{ var: "region", values: ["us", "eu"] }],
      fail_fast: true,
      on_abort: { put: "notify" },
      on_error: { put: "notify" },
    });
    expect(step).toStrictEqual({ put: image, params: { a: 1 } });
    expect(modified).not.toBe(step);
  });

  test("later modifiers replace earlier ones", () => {
    expect(withModifiers(get(src, { attempts: 2 }), { attempts: 5 })).toStrictEqual({ get: src, attempts: 5 });
  });
});

describe("types", () => {
  test("factories return the step types", () => {
    expectTypeOf(get(src)).toEqualTypeOf<GetStep>();
    expectTypeOf(put(src)).toEqualTypeOf<PutStep>();
    expectTypeOf(task("t", { file: "t.yml" })).toEqualTypeOf<TaskStep>();
    expectTypeOf(inParallel([])).toEqualTypeOf<InParallelStep>();
    expectTypeOf(withModifiers(get(src), { attempts: 1 })).toEqualTypeOf<GetStep>();
  });

  test("lists in options may be readonly, as every factory's are: the factories copy them", () => {
    const names = ["image"] as const;
    const jobs: readonly string[] = ["build"];
    expect(put(src, { inputs: names })).toStrictEqual({ put: src, inputs: ["image"] });
    expect(get(src, { passed: jobs })).toStrictEqual({ get: src, passed: ["build"] });
    expect(inParallel(Object.freeze([get(src)]))).toStrictEqual({ in_parallel: [{ get: src }] });
  });

  test("what must not compile", () => {
    // only compiled: the calls past the types would throw api/argument errors (tested below)
    const compiled = () => {
      // @ts-expect-error a task takes a config or a file, not both
      task("t", { config, file: "t.yml" });
      // @ts-expect-error a task needs a config or a file
      task("t", {});
      // @ts-expect-error a step has one core key
      ({ get: "a", put: "b" }) satisfies Step;
      // @ts-expect-error a task step cannot also be a get step
      ({ task: "t", file: "t.yml", get: "a" }) satisfies Step;
      // @ts-expect-error unknown option key
      get(src, { trigger: true, unknownOption: 1 });
      // @ts-expect-error options are camelCase: no_get is noGet
      put(src, { no_get: true });
      // @ts-expect-error `as` is only a name
      get(src, { as: src });
    };
    expect(compiled).toBeTypeOf("function");
  });
});

describe("wrong arguments", () => {
  const STEP = "a step object with a core step key (get, put, task, ...)";
  // A caller past the types (JavaScript, casts) gets one api/argument sentence, never a TypeError or a wrong step.
  const wrong: [string, () => unknown, string][] = [
    [
      "get(undefined)",
      () => get(undefined as never),
      "get(): resource must be a name or an object with a name, got undefined",
    ],
    ["get(42)", () => get(42 as never), "get(): resource must be a name or an object with a name, got a number (42)"],
    ["get(src, null)", () => get(src, null as never), "get(): options must be an object, got null"],
    [
      "passed: a string",
      () => get(src, { passed: "build" as never }),
      "get(): option 'passed' must be an array, got a string (\"build\")",
    ],
    [
      "get as: 5",
      () => get(src, { as: 5 as never }),
      "get(): option 'as' must be a non-empty string, got a number (5)",
    ],
    ["put(null)", () => put(null as never), "put(): resource must be a name or an object with a name, got null"],
    ["put(src, null)", () => put(src, null as never), "put(): options must be an object, got null"],
    [
      "inputs: 5",
      () => put(src, { inputs: 5 as never }),
      `put(): option 'inputs' must be "all", "detect" or an array of names, got a number (5)`,
    ],
    ["task(42)", () => task(42 as never, { file: "f" }), "task(): name must be a non-empty string, got a number (42)"],
    ["task('t', null)", () => task("t", null as never), "task(): options must be an object, got null"],
    [
      "task('t', {})",
      () => task("t", {} as never),
      "task(): options must be an object with a config or a file, got an object",
    ],
    [
      "config: a string",
      () => task("t", { config: "c" as never }),
      "task(): option 'config' must be an object, got a string (\"c\")",
    ],
    ["file: 5", () => task("t", { file: 5 as never }), "task(): option 'file' must be a string, got a number (5)"],
    [
      "inParallel(null)",
      () => inParallel(null as never),
      "inParallel(): steps must be an array or an object with steps, got null",
    ],
    ["inParallel({})", () => inParallel({} as never), "inParallel(): option 'steps' must be an array, got undefined"],
    [
      "limit: '2'",
      () => inParallel({ steps: [], limit: "2" as never }),
      "inParallel(): option 'limit' must be a number, got a string (\"2\")",
    ],
    [
      "failFast: 1",
      () => inParallel({ steps: [], failFast: 1 as never }),
      "inParallel(): option 'failFast' must be a boolean, got a number (1)",
    ],
    ["doSteps(null)", () => doSteps(null as never), "doSteps(): steps must be an array, got null"],
    // the items of a list of steps, passed jobs and put inputs: one pass over the list, naming the index
    ["inParallel([null])", () => inParallel([null] as never), `inParallel(): steps[0] must be ${STEP}, got null`],
    [
      "inParallel([get(src), 5])",
      () => inParallel([get(src), 5] as never),
      `inParallel(): steps[1] must be ${STEP}, got a number (5)`,
    ],
    [
      "inParallel({ steps: [get(src), 'get'] })",
      () => inParallel({ steps: [get(src), "get"] as never }),
      `inParallel(): option 'steps[1]' must be ${STEP}, got a string ("get")`,
    ],
    ["inParallel([a job])", () => inParallel([unit] as never), `inParallel(): steps[0] must be ${STEP}, got an object`],
    ["doSteps([undefined])", () => doSteps([undefined] as never), `doSteps(): steps[0] must be ${STEP}, got undefined`],
    // a hole in a sparse list is no step either
    // biome-ignore lint/suspicious/noSparseArray: the hole is the wrong argument
    ["doSteps([, get])", () => doSteps([, get(src)] as never), `doSteps(): steps[0] must be ${STEP}, got undefined`],
    ["tryStep({})", () => tryStep({} as never), `tryStep(): step must be ${STEP}, got an object`],
    [
      "passed: [job, 42]",
      () => get(src, { passed: [unit, 42 as never] }),
      "get(): option 'passed[1]' must be a name or an object with a name, got a number (42)",
    ],
    [
      "passed: ['']",
      () => get(src, { passed: [""] }),
      `get(): option 'passed[0]' must be a name or an object with a name, got a string ("")`,
    ],
    [
      "passed: [{ name: '' }]",
      () => get(src, { passed: [{ name: "", plan: [] }] }),
      "get(): option 'passed[0]' must be a name or an object with a name, got an object",
    ],
    [
      "inputs: ['a', 5]",
      () => put(src, { inputs: ["a", 5 as never] }),
      "put(): option 'inputs[1]' must be a non-empty string, got a number (5)",
    ],
    // a closed union of words, checked against the list the option's type comes from
    [
      "inputs: 'none'",
      () => put(src, { inputs: "none" as never }),
      `put(): option 'inputs' must be "all", "detect" or an array of names, got a string ("none")`,
    ],
    [
      "version: 'newest'",
      () => get(src, { version: "newest" as never }),
      `get(): option 'version' must be "latest", "every" or a version (an object), got a string ("newest")`,
    ],
    [
      "version: 5",
      () => get(src, { version: 5 as never }),
      `get(): option 'version' must be "latest", "every" or a version (an object), got a number (5)`,
    ],
    // a number JSON cannot hold
    [
      "attempts: NaN",
      () => get(src, { attempts: Number.NaN }),
      "get(): option 'attempts' must be a finite number, got a number (NaN)",
    ],
    [
      "attempts: Infinity",
      () => put(src, { attempts: Number.POSITIVE_INFINITY }),
      "put(): option 'attempts' must be a finite number, got a number (Infinity)",
    ],
    [
      "attempts: '3'",
      () => task("t", { file: "f", attempts: "3" as never }),
      `task(): option 'attempts' must be a number, got a string ("3")`,
    ],
    [
      "withModifiers attempts: NaN",
      () => withModifiers(get(src), { attempts: Number.NaN }),
      "withModifiers(): option 'attempts' must be a finite number, got a number (NaN)",
    ],
    // a name must name something
    ["get('')", () => get(""), `get(): resource must be a name or an object with a name, got a string ("")`],
    [
      "put({ name: '' })",
      () => put({ ...src, name: "" }),
      "put(): resource must be a name or an object with a name, got an object",
    ],
    ["get as: ''", () => get(src, { as: "" }), `get(): option 'as' must be a non-empty string, got a string ("")`],
    ["task('')", () => task("", { file: "f" }), `task(): name must be a non-empty string, got a string ("")`],
    [
      "limit: NaN",
      () => inParallel({ steps: [], limit: Number.NaN }),
      "inParallel(): option 'limit' must be a finite number, got a number (NaN)",
    ],
    ["tryStep(undefined)", () => tryStep(undefined as never), `tryStep(): step must be ${STEP}, got undefined`],
    [
      "withModifiers(null)",
      () => withModifiers(null as never, {}),
      "withModifiers(): step must be an object, got null",
    ],
    [
      "withModifiers(step, null)",
      () => withModifiers(get(src), null as never),
      "withModifiers(): modifiers must be an object, got null",
    ],
  ];
  test.each(wrong)("%s", (_, call, message) => {
    expect(call).toThrow(expect.objectContaining({ code: "api/argument", message }));
  });
});
