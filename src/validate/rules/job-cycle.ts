import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { createPassedMatcher } from "./lib/passed.ts";
import { listOf, namedEntries, type Obj } from "./lib/values.ts";

const VISITING = 1;
const VISITED = 2;

/**
 * Concourse walks `passed:` edges depth-first from each job in order and reports the first job it reaches again
 * while still inside it. This does the same walk once for the whole pipeline (a job finished on an earlier walk
 * cannot lead to a cycle), so it is linear in jobs + edges; jobs are tracked by name, as in Go.
 */
export default defineRule({
  id: "job-cycle",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateCycle",
  docs: {
    description:
      "`passed:` constraints (globs, in any nested step or hook) must not form a cycle between jobs; the first cycle found is reported.",
  },
  messages: { cycle: "pipeline contains a cycle that starts at Job '{{job}}'" },
  check(ctx) {
    const jobs = namedEntries((ctx.pipeline as unknown as Obj).jobs).filter((j) => j.name !== undefined);
    if (jobs.length === 0) return;
    const match = createPassedMatcher(ctx.pipeline);
    const byJob = goSteps(ctx).byJob;
    const firstIndex = new Map<string, number>();
    for (const j of jobs) if (!firstIndex.has(j.name as string)) firstIndex.set(j.name as string, j.index);
    const nameAt = new Map<number, string>(jobs.map((j) => [j.index, j.name as string]));

    // the edges of a job object: the job indexes its gets' passed entries match, in Go's visiting order
    const edgesOf = (jobIndex: number): number[] => {
      const out: number[] = [];
      for (const g of byJob[jobIndex] ?? []) {
        if (g.kind !== "get") continue;
        for (const entry of listOf(g.step.passed)) if (typeof entry === "string") out.push(...match(entry));
      }
      return out;
    };
    const state = new Map<string, number>();

    // iterative DFS from a job object; returns the name found while VISITING, if any
    const walk = (root: number): string | undefined => {
      const rootName = nameAt.get(root) as string;
      if (state.get(rootName) === VISITING) return rootName;
      if (state.get(rootName) === VISITED && firstIndex.get(rootName) === root) return undefined;
      state.set(rootName, VISITING);
      const stack: { name: string; edges: number[]; at: number }[] = [{ name: rootName, edges: edgesOf(root), at: 0 }];
      while (stack.length > 0) {
        const top = stack[stack.length - 1] as { name: string; edges: number[]; at: number };
        if (top.at >= top.edges.length) {
          stack.pop();
          state.set(top.name, VISITED);
          continue;
        }
        const next = top.edges[top.at++] as number;
        const name = nameAt.get(next) as string;
        const s = state.get(name);
        if (s === VISITING) return name;
        if (s === VISITED) continue;
        state.set(name, VISITING);
        stack.push({ name, edges: edgesOf(firstIndex.get(name) as number), at: 0 });
      }
      return undefined;
    };

    for (const j of jobs) {
      const cycle = walk(j.index);
      if (cycle !== undefined) {
        ctx.report({
          path: ["jobs", firstIndex.get(cycle) as number, "name"],
          messageId: "cycle",
          data: { job: cycle },
        });
        return;
      }
    }
  },
});
