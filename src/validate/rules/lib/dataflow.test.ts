import { describe, expect, test } from "vitest";
import type { Pipeline } from "../../../model/pipeline.ts";
import { formatPath } from "../../../source/path.ts";
import { walkDataflow } from "./dataflow.ts";
import { scanStrings } from "./scan-strings.ts";

/** For each step, in visiting order: its path and which of `names` exist there as artifacts and as vars. */
function trace(pipeline: unknown, names: readonly string[]): string[] {
  const out: string[] = [];
  walkDataflow(
    { pipeline: pipeline as Pipeline },
    {
      across: ({ path, scope }) => {
        out.push(`${formatPath(path)} (across) vars=${names.filter(scope.hasLocalVar).join(",")}`);
      },
      step: ({ path, scope }) => {
        const artifacts = names.filter(scope.hasArtifact).join(",");
        const vars = names.filter(scope.hasLocalVar).join(",");
        out.push(`${formatPath(path)} artifacts=${artifacts} vars=${vars}${scope.unknownArtifacts ? " unknown" : ""}`);
      },
    },
  );
  return out;
}

const task = (name: string, outputs: string[] = []) => ({
  task: name,
  config: { platform: "linux", run: { path: "x" }, outputs: outputs.map((o) => ({ name: o })) },
});

describe("walkDataflow", () => {
  test("visits steps in build order with Concourse's scoping", () => {
    const pipeline = {
      jobs: [
        {
          name: "j",
          plan: [
            { get: "a" },
            { in_parallel: [{ get: "b" }, { load_var: "v", file: "a/v" }] },
            { do: [task("t", ["c"]), { put: "p", no_get: true }] },
            { ...task("each", ["d"]), across: [{ var: "x", values: [1, 2] }], on_failure: task("hook") },
            { try: { task: "from-file", file: "a/task.yml" } },
          ],
          ensure: task("cleanup"),
        },
      ],
    };
    expect(trace(pipeline, ["a", "b", "c", "d", "p", "v", "x"])).toEqual([
      "jobs[0].plan[0] artifacts= vars=",
      "jobs[0].plan[1] artifacts=a vars=a",
      "jobs[0].plan[1].in_parallel[0] artifacts=a vars=a",
      "jobs[0].plan[1].in_parallel[1] artifacts=a vars=a",
      "jobs[0].plan[2] artifacts=a,b vars=a,b,v",
      "jobs[0].plan[2].do[0] artifacts=a,b vars=a,b,v",
      "jobs[0].plan[2].do[1] artifacts=a,b,c vars=a,b,v",
      "jobs[0].plan[3] (across) vars=a,b,v",
      "jobs[0].plan[3] artifacts=a,b,c vars=a,b,v,x",
      "jobs[0].plan[3].on_failure artifacts=a,b,c vars=a,b,v",
      "jobs[0].plan[4] artifacts=a,b,c vars=a,b,v",
      "jobs[0].plan[4].try artifacts=a,b,c vars=a,b,v",
      "jobs[0].ensure artifacts=a,b,c vars=a,b,v unknown",
    ]);
  });

  test("references given as objects (pipelines built in TypeScript) count by their name", () => {
    const src = { name: "src", type: "git", source: {} };
    const pipeline = { jobs: [{ name: "j", plan: [{ get: src }, { put: src }, task("t")] }] };
    expect(trace(pipeline, ["src"])).toEqual([
      "jobs[0].plan[0] artifacts= vars=",
      "jobs[0].plan[1] artifacts=src vars=src",
      "jobs[0].plan[2] artifacts=src vars=src",
    ]);
  });

  test("is safe on malformed plans", () => {
    const pipeline = { jobs: [null, { plan: "nope" }, { plan: [1, { in_parallel: { steps: 3 } }, { do: null }] }] };
    expect(trace(pipeline, [])).toEqual(["jobs[2].plan[1] artifacts= vars=", "jobs[2].plan[2] artifacts= vars="]);
  });

  test("answers alike while the scope is short and once it is long (counted per name)", () => {
    const gets = Array.from({ length: 30 }, (_, i) => ({ get: `g${i}` }));
    const plan = [
      ...gets,
      { in_parallel: [{ get: "p" }, { get: "q" }] },
      { ...task("each", ["d"]), across: [{ var: "x", values: [1] }] },
      task("last"),
    ];
    const lines = trace(
      {
        jobs: [
          { name: "j", plan },
          { name: "k", plan: [task("first")] },
        ],
      },
      ["g0", "g29", "p", "d", "x"],
    );
    expect(lines[0]).toBe("jobs[0].plan[0] artifacts= vars=");
    expect(lines[1]).toBe("jobs[0].plan[1] artifacts=g0 vars=g0");
    expect(lines.slice(29)).toEqual([
      "jobs[0].plan[29] artifacts=g0 vars=g0",
      "jobs[0].plan[30] artifacts=g0,g29 vars=g0,g29",
      "jobs[0].plan[30].in_parallel[0] artifacts=g0,g29 vars=g0,g29",
      "jobs[0].plan[30].in_parallel[1] artifacts=g0,g29 vars=g0,g29",
      "jobs[0].plan[31] (across) vars=g0,g29,p",
      "jobs[0].plan[31] artifacts=g0,g29,p vars=g0,g29,p,x",
      "jobs[0].plan[32] artifacts=g0,g29,p vars=g0,g29,p",
      "jobs[1].plan[0] artifacts= vars=",
    ]);
  });

  test("a wide in_parallel and a long plan: one step object passed to every callback, each scope right at size", () => {
    const n = 20_000;
    const plan = [
      { in_parallel: Array.from({ length: n }, (_, i) => ({ get: `r${i}` })) },
      ...Array.from({ length: n }, (_, i) => task(`t${i}`, [`o${i}`])),
    ];
    const visits = new Set<object>();
    const seen: string[] = [];
    let visited = 0;
    const pipeline = { jobs: [{ name: "j", plan }] } as unknown as Pipeline;
    walkDataflow(
      { pipeline },
      {
        step: (visit) => {
          visited++;
          // the walk updates one object in place: no copy of the scope per step
          visits.add(visit);
          visits.add(visit.scope);
          const at = formatPath(visit.path);
          if (at === "jobs[0].plan[0].in_parallel[1]" || at === `jobs[0].plan[${n}]`) {
            const names = ["r0", "r1", `r${n - 1}`, "o0", `o${n - 2}`, `o${n - 1}`];
            seen.push(`${at} ${names.filter(visit.scope.hasArtifact).join(",")}`);
          }
        },
      },
    );
    expect(visited).toBe(2 * n + 1);
    expect(visits.size).toBe(2);
    // a step of in_parallel sees none of its siblings' artifacts; the last task sees every get and every output before it
    expect(seen).toEqual(["jobs[0].plan[0].in_parallel[1] ", `jobs[0].plan[${n}] r0,r1,r${n - 1},o0,o${n - 2}`]);
  });
});

describe("scanStrings", () => {
  test("finds every string with its key and path, skipping top-level keys on request", () => {
    const found: string[] = [];
    scanStrings(
      { a: "x", b: [1, "y", { c: "z" }], skip: "no" },
      ["root"],
      (s) => {
        found.push(`${formatPath(s.path())}=${s.value} key=${s.key}`);
      },
      { skip: (key) => key === "skip" },
    );
    expect(found).toEqual(["root.a=x key=a", "root.b[1]=y key=undefined", "root.b[2].c=z key=c"]);
  });

  test("scans a shared object once and survives cycles and deep nesting", () => {
    const shared = { s: "v" };
    const cyclic: Record<string, unknown> = { t: "w" };
    cyclic.self = cyclic;
    let deep: unknown = "bottom";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const found: string[] = [];
    scanStrings({ one: shared, two: shared, cyclic, deep }, [], (s) => found.push(s.value));
    expect(found).toEqual(["v", "w", "bottom"]);
  });
});
