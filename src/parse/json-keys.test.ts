import { expect, test } from "vitest";
import { hasRepeatedKeys, keysInText, keysInValue, readAsGoYamlReads } from "./json-keys.ts";

test.each([
  ['{"a": 1, "b": {"c": [{"d": null}], "e": "x:y"}}', 5],
  ['{"a" :\n\t1, "b": "\\":", "c\\\\": "\\\\"}', 3],
  ['["a", ":", {"__proto__": 1}]', 1],
  ['"a"', 0],
])("keysInText(%s) is %i, as many as the parsed value holds", (text, keys) => {
  expect(keysInText(text)).toBe(keys);
  expect(keysInValue(JSON.parse(text))).toBe(keys);
  expect(hasRepeatedKeys(text, JSON.parse(text))).toBe(false);
});

test("a key repeated in one object, however deep, is found", () => {
  for (const text of ['{"a": 1, "a": 2}', '[{"x": {"b": 1, "c": 2, "b" : 3}}]', '{"p": {"a": {}, "a": {"q": 1}}}']) {
    expect(hasRepeatedKeys(text, JSON.parse(text))).toBe(true);
  }
});

test("JSON nested deeper than the stack is counted", () => {
  const depth = 100_000;
  const text = `${'{"a":['.repeat(depth)}${"]}".repeat(depth)}`;
  expect(keysInValue(JSON.parse(text))).toBe(depth);
  expect(keysInText(text)).toBe(depth);
});

test("a number beyond float64's range (JSON.parse's Infinity, go-yaml's string) is not read as JSON.parse reads it", () => {
  for (const text of ['{"a": 1e400}', "[-1E999]", "1e309", '{"a": [{"b": 2e308}]}']) {
    expect(readAsGoYamlReads(text, JSON.parse(text)), text).toBe(false);
  }
  for (const text of ['{"a": 1e308, "b": [1e-400, "1e400"]}', '{"a": 1}', "[]"]) {
    expect(readAsGoYamlReads(text, JSON.parse(text)), text).toBe(true);
  }
  expect(readAsGoYamlReads('{"a": 1, "a": 2}', { a: 2 })).toBe(false);
});
