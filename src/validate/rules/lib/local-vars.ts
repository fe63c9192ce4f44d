/**
 * StepValidator's local var scopes: each job starts with one scope; `load_var` declares in the current scope;
 * `across` opens a scope for its vars and the step it wraps (hooks wrap across, so they stay outside it).
 * A name already in the current scope is "repeated"; one declared in an enclosing scope is "shadowed".
 */

import { goString } from "../../../concourse/go-value.ts";
import type { Path } from "../../../model/common.ts";
import { isObject } from "../../../model/common.ts";
import type { SharedContext } from "../../define-rule.ts";
import { type GoStep, goSteps, hasAcross } from "./go-steps.ts";
import { listOf } from "./values.ts";

export interface VarEvent {
  readonly kind: "repeated" | "shadowed";
  readonly path: Path;
  readonly name: string;
}

type Scopes = readonly Set<string>[];

/** The repeated and shadowed local vars of the pipeline's jobs (found once per run, shared by the rules). */
export const localVarEvents = (ctx: SharedContext): readonly VarEvent[] => ctx.shared(findEvents);

function findEvents(ctx: SharedContext): VarEvent[] {
  const events: VarEvent[] = [];
  const { byJob, byKind, wrappedBy } = goSteps(ctx);
  // only the jobs with a load_var or an across step declare anything
  const declaring = new Set<number>();
  for (const g of byKind.load_var) declaring.add(g.jobIndex);
  for (const g of wrappedBy.across) declaring.add(g.jobIndex);
  for (const jobIndex of [...declaring].sort((x, y) => x - y)) {
    const list = byJob[jobIndex] ?? [];
    const jobScopes: Scopes = [new Set()];
    const outerOf = new Map<GoStep, Scopes>();
    const innerOf = new Map<GoStep, Scopes>();
    const declare = (scopes: Scopes, name: string, path: Path): void => {
      const current = scopes[scopes.length - 1] as Set<string>;
      if (current.has(name)) events.push({ kind: "repeated", path, name });
      else if (scopes.some((s) => s.has(name))) events.push({ kind: "shadowed", path, name });
      current.add(name);
    };
    for (const g of list) {
      const parent = g.parent;
      const outer =
        parent === undefined
          ? jobScopes
          : g.relation === "hook"
            ? (outerOf.get(parent) ?? jobScopes)
            : (innerOf.get(parent) ?? jobScopes);
      const across = hasAcross(g);
      const inner = across && g.kind !== undefined ? [...outer, new Set<string>()] : outer;
      outerOf.set(g, outer);
      innerOf.set(g, inner);
      if (g.kind === undefined) continue;
      if (across) {
        const vars = listOf(g.step.across);
        for (let i = 0; i < vars.length; i++) {
          const v = vars[i];
          const name = isObject(v) ? goString(v.var) : undefined;
          if (name !== undefined) declare(inner, name, [...g.path, "across", i]);
        }
      }
      if (g.kind === "load_var") {
        const name = goString(g.step.load_var);
        if (name !== undefined) declare(inner, name, [...g.path, "load_var"]);
      }
    }
  }
  return events;
}
