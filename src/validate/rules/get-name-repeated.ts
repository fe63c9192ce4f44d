import { goString } from "../../concourse/go-value.ts";
import { defineRule } from "../define-rule.ts";
import { type GoStep, goSteps } from "./lib/go-steps.ts";

/** Up to this many earlier gets of a job are searched for a name; past it, they are put in a set. */
const SEARCHED = 16;

const getName = (g: GoStep): string | undefined => goString(g.step.get);

function searched(gets: readonly GoStep[], from: number, to: number, name: string): boolean {
  for (let k = from; k < to; k++) if (getName(gets[k] as GoStep) === name) return true;
  return false;
}

function namesOf(gets: readonly GoStep[], from: number, to: number): Set<string> {
  const names = new Set<string>();
  for (let k = from; k < to; k++) {
    const name = getName(gets[k] as GoStep);
    if (name !== undefined) names.add(name);
  }
  return names;
}

export default defineRule({
  id: "get-name-repeated",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/step_validator.go (*StepValidator).VisitGet",
  docs: {
    description:
      "Within a job, each get step needs its own name (use `get: alias` + `resource:` to fetch one resource twice); every repeat is reported.",
  },
  messages: { repeated: "repeated name" },
  check(ctx) {
    // gets are in Go's order, job after job: a get repeats a name an earlier get of its job had (searched among
    // the job's gets while they are few, in a set once they are many)
    const gets = goSteps(ctx).byKind.get;
    let start = 0;
    let names: Set<string> | undefined;
    for (let i = 0; i < gets.length; i++) {
      const g = gets[i] as GoStep;
      if (i > 0 && (gets[i - 1] as GoStep).jobIndex !== g.jobIndex) {
        start = i;
        names = undefined;
      }
      const name = goString(g.step.get);
      if (name === undefined) continue;
      if (names === undefined && i - start > SEARCHED) names = namesOf(gets, start, i);
      const repeated = names === undefined ? searched(gets, start, i, name) : names.has(name);
      if (repeated) ctx.report({ path: [...g.path, "get"], messageId: "repeated" });
      names?.add(name);
    }
  },
});
