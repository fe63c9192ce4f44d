import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { STRICT_STRUCTS } from "../../concourse/config-fields.ts";
import { checkShape } from "../../parse/check-shape.ts";
import { formatPath } from "../../source/path.ts";
import { testRule, yaml } from "../rule-tester.ts";
import { validateText } from "../validate-text.ts";
import rule from "./unknown-field-rejected.ts";

testRule(rule, {
  valid: [
    yaml`
      resources:
      - { name: r, type: git, source: {}, public: true, icon: github, expose_build_created_by: true }
      jobs:
      - name: j
        public: true
        build_log_retention: { builds: 1, days: 2 }
        plan: [{ get: r, anything_a_step_has: 1 }]
      display: { background_image: x }
      top_level_junk: dropped, not rejected
    `,
  ],
  invalid: [
    {
      code: yaml`
        resources:
        - name: r
          type: git
          pubic: true
          sorce: {}
        jobs:
        - name: j
          serail: true
          plan: []
          build_log_retention: { bulds: 1 }
        groups: [{ name: g, jbos: [j] }]
        var_sources: [{ name: v, type: vault, conifg: {} }]
        resource_types: [{ name: t, type: registry-image, chek_every: 1m }]
        prototypes: [{ name: p, type: registry-image, qqq: 1 }]
        display: { background_imag: x }
      `,
      errors: [
        { messageId: "rejected", path: "display.background_imag", line: 15, col: 12 },
        { messageId: "rejected", path: "groups[0].jbos" },
        { messageId: "rejected", path: "jobs[0].build_log_retention.bulds" },
        { messageId: "rejected", path: "jobs[0].serail", line: 8, col: 3 },
        {
          messageId: "rejected",
          path: "prototypes[0].qqq",
          message: 'set-pipeline rejects this key (json: unknown field "qqq")',
        },
        { messageId: "rejected", path: "resource_types[0].chek_every" },
        {
          messageId: "rejected",
          path: "resources[0].pubic",
          line: 4,
          col: 3,
          message: "set-pipeline rejects this key (json: unknown field \"pubic\"); did you mean 'public'?",
          severity: "error",
        },
        {
          messageId: "rejected",
          path: "resources[0].sorce",
          message: "set-pipeline rejects this key (json: unknown field \"sorce\"); did you mean 'source'?",
        },
        { messageId: "rejected", path: "var_sources[0].conifg" },
      ],
    },
  ],
});

/** A pipeline with one entry of each strictly decoded struct, each holding only known keys. */
const BASE = {
  groups: [{ name: "g", jobs: ["j"] }],
  var_sources: [{ name: "v", type: "vault", config: { url: "https://vault.example.com", client_token: "t" } }],
  resources: [{ name: "r", type: "t", source: {} }],
  resource_types: [{ name: "t", type: "registry-image" }],
  prototypes: [{ name: "p", type: "registry-image" }],
  jobs: [{ name: "j", plan: [{ get: "r" }], build_log_retention: { builds: 1 } }],
  display: { background_image: "https://example.com/x.png" },
};

/** Where a struct of {@link STRICT_STRUCTS} sits in {@link BASE}. */
const holderPath = (s: (typeof STRICT_STRUCTS)[number]): (string | number)[] => [
  s.section,
  ...(s.section === "display" ? [] : [0]),
  ...(s.nested === undefined ? [] : [s.nested]),
];

function withKey(path: readonly (string | number)[], key: string): Record<string, unknown> {
  const copy = structuredClone(BASE) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const segment of path) at = (at as Record<string | number, unknown>)[segment] as Record<string, unknown>;
  at[key] = "x";
  return copy;
}

describe("unknown keys, generated", () => {
  const structs = fc.constantFrom(...STRICT_STRUCTS);
  const junk = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !k.includes("((") && k !== "__proto__");

  test("a key a strict struct does not have: set-pipeline's error without --strict, fly's with it", () => {
    fc.assert(
      fc.property(structs, junk, (s, key) => {
        fc.pre(!s.fields.includes(key));
        const path = [...holderPath(s), key];
        const text = JSON.stringify(withKey(holderPath(s), key));
        const plain = validateText(text).diagnostics;
        expect(plain.map((d) => [d.ruleId, d.severity, formatPath(d.path)])).toEqual([
          ["unknown-field-rejected", "error", formatPath(path)],
        ]);
        expect(plain[0]?.fly).toBeUndefined();
        const strict = validateText(text, { strict: true }).diagnostics;
        expect(strict.map((d) => [d.ruleId, d.severity, formatPath(d.path), d.fly])).toEqual([
          [
            "unknown-field",
            "error",
            formatPath(path),
            `error unmarshaling JSON: while decoding JSON: json: unknown field ${JSON.stringify(key)}`,
          ],
        ]);
      }),
      { numRuns: 200 },
    );
  });

  test("the shape check's strict structs and this rule's agree on every key (config-fields.ts is the one list)", () => {
    for (const s of STRICT_STRUCTS) {
      for (const key of s.fields) {
        const shape = checkShape(withKey(holderPath(s), key)).diagnostics.filter((d) => d.ruleId === "unknown-field");
        expect(shape).toEqual([]);
      }
      const shape = checkShape(withKey(holderPath(s), "zz_unknown")).diagnostics.map((d) => [
        d.ruleId,
        formatPath(d.path),
      ]);
      expect(shape).toEqual([["unknown-field", formatPath([...holderPath(s), "zz_unknown"])]]);
    }
  });

  test("a 1 MB key is quoted cut, and no suggestion is searched for it", () => {
    const key = "k".repeat(1 << 20);
    const [d] = validateText(JSON.stringify(withKey(["jobs", 0], key))).diagnostics;
    expect(d?.message).toBe(`set-pipeline rejects this key (json: unknown field "${"k".repeat(59)}…)`);
  });
});
