import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";
import { jobsByName, passedMatcher } from "./lib/passed.ts";
import { sectionEntries } from "./lib/sections.ts";
import { listOf } from "./lib/values.ts";

/**
 * Where the walk below stands with a job name, kept in a typed array by name (as a first index) rather than a map:
 * the rule's first run on the bench's workload (N=10,000, fresh process) took 35 ms against 40 (medians of 3 rounds
 * of 7 processes, alternating).
 */
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
    const byName = jobsByName(ctx);
    const entries = sectionEntries(ctx, "jobs");
    for (let k = 0; k < entries.length; k++) {
      const { index, name } = entries[k] as (typeof entries)[number];
      if (name !== undefined) nameOf[index] = (byName.get(name) as readonly number[])[0] as number;
    }
    for (let i = 0; i < jobCount; i++) if (nameOf[i] !== -1) order.push(i);
    if (order.length === 0) return;
    /** Per name (as a first index): 0 before its walk, {@link VISITING} while inside it, {@link VISITED} after. */
    const state = new Uint8Array(jobCount);

    /** The job indexes a job's gets' `passed` entries match, in Go's visiting order. */
    const edgesOf = (jobIndex: number): number[] => {
      const edges: number[] = [];
      const steps = byJob[jobIndex] ?? [];
      // by index (see GoSteps)
      for (let i = 0; i < steps.length; i++) {
        const g = steps[i] as GoStep;
        if (g.kind !== "get") continue;
        const passed = listOf(g.step.passed);
        for (let k = 0; k < passed.length; k++) {
          const entry = passed[k];
          if (typeof entry !== "string") continue;
          const matched = match(entry);
          for (let m = 0; m < matched.length; m++) edges.push(matched[m] as number);
        }
      }
      return edges;
    };

    // depth-first from a job, without recursion (chains of jobs may be long); returns the name (as a first index)
    // reached again while still inside it, or -1
    const walk = (root: number): number => {
      const rootName = nameOf[root] as number;
      if (state[rootName] === VISITING) return rootName;
      if (state[rootName] === VISITED && rootName === root) return -1;
      state[rootName] = VISITING;
      const stack: { readonly name: number; readonly edges: number[]; next: number }[] = [
        { name: rootName, edges: edgesOf(root), next: 0 },
      ];
      while (stack.length > 0) {
        const frame = stack[stack.length - 1] as (typeof stack)[number];
        if (frame.next >= frame.edges.length) {
          state[frame.name] = VISITED;
          stack.pop();
          continue;
        }
        const name = nameOf[frame.edges[frame.next++] as number] as number;
        const s = state[name];
        if (s === VISITING) return name;
        if (s === VISITED) continue;
        state[name] = VISITING;
        stack.push({ name, edges: edgesOf(name), next: 0 });
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
