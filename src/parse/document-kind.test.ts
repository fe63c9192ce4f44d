import { expect, test } from "vitest";
import { plainKindOf, readingOf } from "./document-kind.ts";

test.each([
  ["run alone", { run: { path: "make" } }, { kind: "task", taskKeys: [] }],
  ["platform alone", { platform: "linux" }, { kind: "task", taskKeys: [] }],
  ["a whole task config", { platform: "linux", inputs: [], run: {}, params: {} }, { kind: "task", taskKeys: [] }],
  ["a typo beside run", { run: {}, ouputs: [] }, { kind: "task", taskKeys: [] }],
  ["run beside jobs", { run: {}, jobs: [] }, { kind: "pipeline", taskKeys: ["run"] }],
  ["platform beside resources", { resources: [], platform: "linux" }, { kind: "pipeline", taskKeys: ["platform"] }],
  ["run beside display", { run: {}, display: {} }, { kind: "pipeline", taskKeys: ["run"] }],
  [
    "task keys without run or platform",
    { inputs: [], outputs: [] },
    { kind: "pipeline", taskKeys: ["inputs", "outputs"] },
  ],
  ["a pipeline", { jobs: [], resources: [] }, { kind: "pipeline", taskKeys: [] }],
  ["an empty file", null, { kind: "pipeline", taskKeys: [] }],
  ["a list (plainly neither)", [{ run: {} }], { kind: "pipeline", taskKeys: [], neither: true }],
  ["a string (plainly neither)", "run", { kind: "pipeline", taskKeys: [], neither: true }],
  [
    "another tool's keys (plainly neither)",
    { name: "ci", scripts: {} },
    { kind: "pipeline", taskKeys: [], neither: true },
  ],
  ["a pipeline key in another case, as Go takes it", { JOBS: [], name: "ci" }, { kind: "pipeline", taskKeys: [] }],
  ["a task key in another case", { Params: {} }, { kind: "pipeline", taskKeys: [] }],
  ["an empty mapping", {}, { kind: "pipeline", taskKeys: [] }],
])("%s", (_name, value, reading) => {
  expect(readingOf(value)).toEqual(reading);
});

test.each([
  ["an empty file", null, undefined],
  ["a key half written (a string)", "pla", undefined],
  ["a mapping of neither's markers", { inputs: [], params: {} }, undefined],
  ["an unknown key", { foo: 1 }, undefined],
  ["run", { run: {} }, "task"],
  ["platform beside task keys", { platform: "linux", inputs: [] }, "task"],
  ["a pipeline key", { resources: [] }, "pipeline"],
  ["a pipeline key beside run", { run: {}, jobs: [] }, "pipeline"],
])("plainKindOf: %s", (_name, value, kind) => {
  expect(plainKindOf(value)).toBe(kind);
});
