import { describe, expect, test } from "vitest";
import type { SharedContext } from "../../define-rule.ts";
import { stringCensus } from "./string-census.ts";

const census = (pipeline: unknown) => {
  const ctx: SharedContext = {
    pipeline: pipeline as SharedContext["pipeline"],
    steps: () => [],
    shared: (derive) => derive(ctx),
  };
  return stringCensus(ctx);
};

describe("stringCensus", () => {
  test("finds candidate secrets anywhere and local var references in jobs only", () => {
    const job = (params: unknown) => ({ name: "j", plan: [{ put: "x", params }] });
    expect([
      census({ resources: [{ name: "r", type: "git", source: { uri: "((uri))" } }], jobs: [job({ a: "b" })] }),
      census({ resources: [{ name: "r", type: "git", source: { password: "hunter22" } }], jobs: [] }),
      census({ jobs: [job({ token: "AKIAABCDEFGHIJKLMNOP" })] }),
      census({ jobs: [job({ tag: "((.:version))" })] }),
      census({ resources: [{ name: "r", type: "git", source: { tag: "((.:version))" } }] }),
    ]).toEqual([
      { maySecret: false, mayUseLocalVarInJobs: false },
      { maySecret: true, mayUseLocalVarInJobs: false },
      { maySecret: true, mayUseLocalVarInJobs: false },
      { maySecret: false, mayUseLocalVarInJobs: true },
      { maySecret: false, mayUseLocalVarInJobs: false },
    ]);
  });

  test("a value it cannot read to the end (a cycle) counts as holding everything", () => {
    const params: Record<string, unknown> = { a: "b" };
    params.self = params;
    expect(census({ jobs: [{ name: "j", plan: [{ put: "x", params }] }] })).toEqual({
      maySecret: true,
      mayUseLocalVarInJobs: true,
    });
  });
});
