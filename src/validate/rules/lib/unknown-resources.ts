/** StepValidator's check that a get or put names a declared resource (VisitGet / VisitPut). */

import { goString } from "../../../concourse/go-value.ts";
import type { Path } from "../../../model/common.ts";
import { didYouMean } from "../../../source/did-you-mean.ts";
import type { SharedContext } from "../../define-rule.ts";
import { type GoStep, goSteps } from "./go-steps.ts";
import { declaredNames } from "./sections.ts";
import { resourceNameOf } from "./values.ts";

/**
 * The gets or puts whose resource (`resource:`, else the step's name) is not declared, at the key naming it, with
 * the declared resource it probably means.
 */
export function unknownResources(
  ctx: SharedContext,
  kind: "get" | "put",
): { readonly path: Path; readonly resource: string; readonly didYouMean: string | undefined }[] {
  const declared = declaredNames(ctx, "resources");
  const out: { path: Path; resource: string; didYouMean: string | undefined }[] = [];
  const steps = goSteps(ctx).byKind[kind];
  // by index (see GoSteps)
  for (let i = 0; i < steps.length; i++) {
    const g = steps[i] as GoStep;
    const resource = resourceNameOf(g.step, kind);
    if (resource === undefined || declared.has(resource)) continue;
    const path = [...g.path, goString(g.step.resource) !== "" ? "resource" : kind];
    out.push({ path, resource, didYouMean: didYouMean(resource, declared) });
  }
  return out;
}
