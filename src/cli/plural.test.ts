import { expect, test } from "vitest";
import { plural } from "./plural.ts";

test.each([
  [0, "job", "0 jobs"],
  [1, "job", "1 job"],
  [2, "resource", "2 resources"],
  [1, "warning", "1 warning"],
])("plural(%i, %s) is %s", (count, noun, text) => {
  expect(plural(count, noun)).toBe(text);
});
