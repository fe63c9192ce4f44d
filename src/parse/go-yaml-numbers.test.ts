import { expect, test } from "vitest";
import { GO_YAML_INT_SYNTAX, goYamlInteger } from "./go-yaml-numbers.ts";
import { plainScalarValue } from "./go-yaml-schema.ts";

test("GO_YAML_INT_SYNTAX matches exactly the plain scalars go-yaml v2 reads as an int, but for the range", () => {
  const syntax = new RegExp(GO_YAML_INT_SYNTAX);
  const texts = [
    ...["0", "7", "-7", "+7", "017", "0_17", "1_000", "1__0_", "+_1", "-_1_", "0b11", "0B1_1", "-0b11", "0o17", "0O17"],
    ...["0x1F", "0X1f", "0x_1F", "-0x1F", "+0o7", "0_x1F", "9223372036854775807"],
    ...["", "_1", "_", "-", "+", "-_", "08", "0_8", "0b", "0b2", "0o8", "0x", "0xG", "1.0", "1e3", "1_000.5", ".5"],
    ...["0x1F_h", "1 000", "1,000", "++1", "0b-1", "yes", "((n))", "1h", "2024-01-02"],
  ];
  const readsInt = (text: string) => typeof plainScalarValue(text) === "number" && goYamlInteger(text) !== undefined;
  for (const text of texts) expect([text, syntax.test(text)]).toEqual([text, readsInt(text)]);
  // the range is left to go-yaml: past 64 bits the syntax matches a scalar it reads as a float
  expect([syntax.test("99999999999999999999"), goYamlInteger("99999999999999999999")]).toEqual([true, undefined]);
});
