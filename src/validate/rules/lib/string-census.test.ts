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
      { maySecret: false, mayUseLocalVarInJobs: false, mayRefuseVar: false },
      { maySecret: true, mayUseLocalVarInJobs: false, mayRefuseVar: false },
      { maySecret: true, mayUseLocalVarInJobs: false, mayRefuseVar: false },
      { maySecret: false, mayUseLocalVarInJobs: true, mayRefuseVar: false },
      { maySecret: false, mayUseLocalVarInJobs: false, mayRefuseVar: false },
    ]);
  });

  test("finds a var name Concourse may refuse in a key, in the jobs or out (fly's templating reads keys too)", () => {
    const job = (params: unknown) => ({ name: "j", plan: [{ put: "x", params }] });
    const resource = (source: unknown) => ({ name: "r", type: "git", source });
    expect([
      census({ resources: [resource({ "((a..b))": "x" })], jobs: [] }),
      census({ resources: [], jobs: [job({ nested: { '((a."b))': "x" } })] }),
      census({ resources: [resource({ "((a.b))": "x", "a..b": "y" })], jobs: [job({ "((vault:a.b))": "x" })] }),
    ]).toEqual([
      { maySecret: false, mayUseLocalVarInJobs: false, mayRefuseVar: true },
      { maySecret: false, mayUseLocalVarInJobs: false, mayRefuseVar: true },
      { maySecret: false, mayUseLocalVarInJobs: false, mayRefuseVar: false },
    ]);
  });

  test("finds a var name Concourse may refuse anywhere, past a secret found first; not in clean references", () => {
    const job = (params: unknown) => ({ name: "j", plan: [{ put: "x", params }] });
    const resource = (source: unknown) => ({ name: "r", type: "git", source });
    const clean = {
      a: "((a.b))",
      b: "((vault:a.b))",
      c: "v((.:version))",
      d: 'say "hi"',
      e: "((a))((b)) ((.:x)) ((:x))",
    };
    expect([
      census({ resources: [resource({ ...clean, f: "((a..b))" })], jobs: [job(clean)] }),
      census({ resources: [resource({ password: "hunter22", uri: '((a."b))' })], jobs: [] }),
      census({ resources: [resource(clean)], jobs: [job({ token: "AKIAABCDEFGHIJKLMNOP", tag: "((.:.v))" })] }),
      census({ resources: [resource(clean)], jobs: [job(clean)] }),
    ]).toEqual([
      { maySecret: false, mayUseLocalVarInJobs: true, mayRefuseVar: true },
      { maySecret: true, mayUseLocalVarInJobs: false, mayRefuseVar: true },
      { maySecret: true, mayUseLocalVarInJobs: true, mayRefuseVar: true },
      { maySecret: false, mayUseLocalVarInJobs: true, mayRefuseVar: false },
    ]);
  });

  test("a value it cannot read to the end (a cycle) counts as holding everything", () => {
    const params: Record<string, unknown> = { a: "b" };
    params.self = params;
    expect(census({ jobs: [{ name: "j", plan: [{ put: "x", params }] }] })).toEqual({
      maySecret: true,
      mayUseLocalVarInJobs: true,
      mayRefuseVar: true,
    });
  });
});
