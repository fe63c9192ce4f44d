import { describe, expect, test } from "vitest";
import { fragment, gitRepo, mergeFragments, pipeline, renderJson, renderYaml } from "../src/index.ts";

// What a JavaScript caller (no types to stop them) gets for an argument of the wrong shape: one
// sentence naming the function and the argument, never "Cannot read properties of undefined".
const source = gitRepo({ name: "source", uri: "https://git.example.com/app.git" });
const build = { name: "build", plan: [{ get: "source" }] };

describe("partial fragments", () => {
  test("mergeFragments accepts them as fragment() does", () => {
    expect(mergeFragments({ resources: [source] } as never, { jobs: [build] } as never)).toEqual({
      resource_types: [],
      resources: [source],
      jobs: [build],
    });
  });
});

describe("wrong shapes from JavaScript", () => {
  const calls: [string, () => unknown, string][] = [
    ["fragment of a string", () => fragment("x" as never), 'fragment(): parts must be an object, got a string ("x")'],
    [
      "fragment with resources not a list",
      () => fragment({ resources: source } as never),
      "fragment(): parts.resources must be an array, got an object",
    ],
    [
      "mergeFragments of nothing",
      () => mergeFragments(undefined as never),
      "mergeFragments(): fragment #0 must be an object, got undefined",
    ],
    [
      "mergeFragments with jobs not a list",
      () => mergeFragments(fragment(), { jobs: build } as never),
      "mergeFragments(): fragment #1.jobs must be an array, got an object",
    ],
    [
      "mergeFragments with a hole",
      () => mergeFragments({ resources: [source, undefined] } as never),
      "mergeFragments(): fragment #0 resources[1] must be an object with a name, got undefined",
    ],
    ["pipeline of null", () => pipeline(null as never), "pipeline(): part #0 must be an object, got null"],
    [
      "pipeline with jobs as a string",
      () => pipeline({ jobs: "build" } as never),
      'pipeline(): part #0.jobs must be an array, got a string ("build")',
    ],
    [
      "pipeline with a nameless job",
      () => pipeline({ jobs: [{ plan: [] }] } as never),
      "pipeline(): part #0 jobs[0] must be an object with a name, got an object",
    ],
    [
      "renderJson of nothing",
      () => renderJson(undefined as never),
      "renderJson(): pipeline must be an object, got undefined",
    ],
    ["renderYaml of a list", () => renderYaml([] as never), "renderYaml(): pipeline must be an object, got an array"],
  ];
  test.each(calls)("%s", (_name, call, message) => {
    expect(call).toThrowError(message);
    try {
      call();
    } catch (error) {
      expect(error).toMatchObject({ name: "HangarError", code: "api/argument", message });
    }
  });
});
