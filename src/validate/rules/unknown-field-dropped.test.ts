import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CONFIG_FIELDS } from "../../concourse/config-fields.ts";
import { flyOf } from "../format.ts";
import { testRule, yaml } from "../rule-tester.ts";
import { validateText } from "../validate-text.ts";
import rule from "./unknown-field-dropped.ts";

testRule(rule, {
  valid: [
    yaml`
      resources: [{ name: r, type: git, source: {}, pubic: true }]
      jobs: [{ name: j, plan: [{ get: r }] }]
      user_data: { anything: [1, 2] }
      display: { background_image: x }
    `,
  ],
  invalid: [
    {
      code: yaml`
        resource_type: [{ name: t, type: registry-image }]
        jobs: []
        meta:
          owner: team-a
      `,
      errors: [
        {
          messageId: "dropped",
          path: "meta",
          line: 3,
          col: 1,
          severity: "warning",
          message: 'set-pipeline drops unknown top-level key "meta" and all it holds',
        },
        {
          messageId: "dropped",
          path: "resource_type",
          line: 1,
          col: 1,
          message:
            "set-pipeline drops unknown top-level key \"resource_type\" and all it holds; did you mean 'resource_types'?",
        },
      ],
    },
  ],
});

describe("top-level keys, generated", () => {
  const junk = fc
    .string({ minLength: 1, maxLength: 16 })
    .filter((k) => !(CONFIG_FIELDS as readonly string[]).includes(k) && k !== "__proto__" && !k.includes("(("));

  test("fly validate-pipeline ignores them: no Concourse-parity finding, only hangar's warning; --strict gives fly's error", () => {
    fc.assert(
      fc.property(junk, fc.jsonValue(), (key, value) => {
        const text = JSON.stringify({ jobs: [{ name: "j", plan: [{ task: "t", file: "t.yml" }] }], [key]: value });
        const plain = validateText(text).diagnostics;
        expect(plain.filter((d) => d.parity === "concourse")).toEqual([]);
        expect(plain.map((d) => [d.ruleId, d.severity, d.path])).toEqual([["unknown-field-dropped", "warning", [key]]]);
        const strict = validateText(text, { strict: true }).diagnostics;
        expect(strict.map((d) => [d.ruleId, d.severity, flyOf(d)])).toEqual([
          [
            "unknown-field",
            "error",
            `error unmarshaling JSON: while decoding JSON: json: unknown field ${JSON.stringify(key)}`,
          ],
        ]);
      }),
      { numRuns: 200 },
    );
  });
});
