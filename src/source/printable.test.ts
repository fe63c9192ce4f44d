import { describe, expect, test } from "vitest";
import { printable } from "./printable.ts";

describe("printable", () => {
  test.each([
    ["build", "build"],
    ["café 构建 🚀", "café 构建 🚀"],
    ["innocent\u001b[2K\r\u001b[1Ajob x", "innocent\\x1b[2K\\r\\x1b[1Ajob x"],
    ["a\nb\tc\u0000d\u007fe", "a\\nb\\tc\\x00d\\x7fe"],
    ["c1\u0085\u009b", "c1\\u0085\\u009b"],
    ["ab\u202edc\u2066x\u2069\u2028", "ab\\u202edc\\u2066x\\u2069\\u2028"],
  ])("%j → %j", (text, shown) => {
    expect(printable(text)).toBe(shown);
  });
});
