import { describe, expect, test } from "vitest";
import { goQuote, goQuotedList, goTypeName } from "./go-format.ts";

describe("Go formatting", () => {
  test("quoting like strconv.Quote", () => {
    expect(goQuote('a"b\\c\n\u0001é')).toBe('"a\\"b\\\\c\\n\\x01é"');
  });

  test("%T of JSON values", () => {
    expect([null, "s", 1, true, [], {}].map(goTypeName)).toEqual([
      "<nil>",
      "string",
      "float64",
      "bool",
      "[]interface {}",
      "map[string]interface {}",
    ]);
  });
  test("%+q escapes every non-ASCII character, with Go's escapes for control characters", () => {
    expect(goQuotedList(["a\u0007b", "é", "\u{1F600}", 'q"'])).toBe('["a\\ab" "\\u00e9" "\\U0001f600" "q\\""]');
  });
});
