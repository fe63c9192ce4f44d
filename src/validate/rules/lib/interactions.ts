/** Which resources each job gets or puts (anywhere in its plan and hooks). */
import type { GoSteps } from "./go-steps.ts";
import { resourceNameOf } from "./values.ts";

/** Jobs with up to this many steps are searched; larger ones get a set of their resources, built once. */
const SEARCHED = 16;

/** Whether a job gets or puts a resource: a search of its steps, or a set built on first use for large jobs. */
export function createInteractions(steps: GoSteps): (jobIndex: number, resource: string) => boolean {
  const sets = new Map<number, Set<string>>();
  return (jobIndex, resource) => {
    const list = steps.byJob[jobIndex] ?? [];
    if (list.length <= SEARCHED) {
      for (let i = 0; i < list.length; i++) {
        const g = list[i] as (typeof list)[number];
        if ((g.kind === "get" || g.kind === "put") && resourceNameOf(g.step, g.kind) === resource) return true;
      }
      return false;
    }
    let set = sets.get(jobIndex);
    if (set === undefined) {
      set = new Set();
      for (const g of list) {
        if (g.kind !== "get" && g.kind !== "put") continue;
        const name = resourceNameOf(g.step, g.kind);
        if (name !== undefined) set.add(name);
      }
      sets.set(jobIndex, set);
    }
    return set.has(resource);
  };
}
