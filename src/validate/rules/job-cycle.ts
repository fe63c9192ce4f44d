import { defineRule } from "../define-rule.ts";
import { goSteps } from "./lib/go-steps.ts";
import { jobsByName, passedMatcher } from "./lib/passed.ts";
import { sectionEntries } from "./lib/sections.ts";
import { listOf } from "./lib/values.ts";

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
    const match = passedMatcher(ctx);
    const byJob = goSteps(ctx).byJob;
    // a job's name, as the index of the first job of that name (state is kept per name, as in Go); -1 when the
    // job has no name Go can read
    const jobCount = Array.isArray(ctx.pipeline.jobs) ? ctx.pipeline.jobs.length : 0;
    const nameOf = new Array<number>(jobCount).fill(-1);
    const order: number[] = [];
    for (const indexes of jobsByName(ctx).values()) {
      for (const index of indexes) nameOf[index] = indexes[0] as number;
    }
    for (let i = 0; i < jobCount; i++) if (nameOf[i] !== -1) order.push(i);
    if (order.length === 0) return;
    const state = new Uint8Array(jobCount);

    // The depth-first stack: per frame, the name being visited and its edges, a slice of `edges` (the job indexes
    // its gets' passed entries match, in Go's visiting order), with the next one to follow.
    const edges: number[] = [];
    const frameName: number[] = [];
    const frameStart: number[] = [];
    const frameNext: number[] = [];
    const push = (name: number, jobIndex: number): void => {
      frameName.push(name);
      frameStart.push(edges.length);
      frameNext.push(edges.length);
      for (const g of byJob[jobIndex] ?? []) {
        if (g.kind !== "get") continue;
        const passed = listOf(g.step.passed);
        for (let k = 0; k < passed.length; k++) {
          const entry = passed[k];
          if (typeof entry !== "string") continue;
          const matched = match(entry);
          for (let m = 0; m < matched.length; m++) edges.push(matched[m] as number);
        }
      }
    };

    // iterative DFS from a job object; returns the name (as a first index) found while VISITING, or -1
    const walk = (root: number): number => {
      const rootName = nameOf[root] as number;
      if (state[rootName] === VISITING) return rootName;
      if (state[rootName] === VISITED && rootName === root) return -1;
      state[rootName] = VISITING;
      push(rootName, root);
      while (frameName.length > 0) {
        const top = frameName.length - 1;
        const next = frameNext[top] as number;
        if (next >= edges.length) {
          state[frameName[top] as number] = VISITED;
          edges.length = frameStart[top] as number;
          frameName.pop();
          frameStart.pop();
          frameNext.pop();
          continue;
        }
        frameNext[top] = next + 1;
        const name = nameOf[edges[next] as number] as number;
        const s = state[name];
        if (s === VISITING) return name;
        if (s === VISITED) continue;
        state[name] = VISITING;
        push(name, name);
      }
      return -1;
    };

    for (const index of order) {
      const cycle = walk(index);
      if (cycle !== -1) {
        ctx.report({
          path: ["jobs", cycle, "name"],
          messageId: "cycle",
          data: { job: (sectionEntries(ctx, "jobs").find((e) => e.index === cycle)?.name as string) ?? "" },
        });
        return;
      }
    }
  },
});
