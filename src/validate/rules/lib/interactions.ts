/** Which resources each job gets or puts (anywhere in its plan and hooks), computed on demand per job. */
import type { GoSteps } from "./go-steps.ts";
import { resourceNameOf } from "./values.ts";

export function createInteractions(steps: GoSteps): (jobIndex: number) => ReadonlySet<string> {
  const cache = new Map<number, Set<string>>();
  return (jobIndex) => {
    let set = cache.get(jobIndex);
    if (set === undefined) {
      set = new Set();
      for (const g of steps.byJob[jobIndex] ?? []) {
        if (g.kind !== "get" && g.kind !== "put") continue;
        const name = resourceNameOf(g.step, g.kind);
        if (name !== undefined) set.add(name);
      }
      cache.set(jobIndex, set);
    }
    return set;
  };
}
