import { hasVar, readReference, varReferences } from "../../concourse/vars.ts";
import { isObject } from "../../model/common.ts";
import { HOOK_KEYS } from "../../model/modifiers.ts";
import { defineRule } from "../define-rule.ts";
import { type DataflowStep, walkDataflow } from "./lib/dataflow.ts";
import { type FoundString, type ScanOptions, scanStrings } from "./lib/scan-strings.ts";
import { mayUseLocalVar, stringCensus } from "./lib/string-census.ts";

/**
 * The names of the local vars (`((.:name))`, `((.:name.field))`, `((".":"a.b"))`) a string uses, with the full
 * references: a var of source `.` read as Concourse reads its name ({@link readReference}); a name it refuses is no
 * use of a local var.
 */
export function localVarRefs(s: string): { name: string; ref: string }[] {
  if (!hasVar(s)) return [];
  const out: { name: string; ref: string }[] = [];
  for (const m of varReferences(s)) {
    const read = readReference(m[1] as string);
    if (!("error" in read) && read.source === ".") out.push({ name: read.path[0] as string, ref: m[0] });
  }
  return out;
}

/** Keys of a step holding other steps (checked when those are visited) or evaluated outside it (`across`). */
const NOT_OWN: ReadonlySet<string> = new Set(["do", "try", "across", ...HOOK_KEYS]);

export default defineRule({
  id: "dataflow-local-var-undefined",
  parity: "hangar",
  severity: "warning",
  docs: {
    description:
      "A local var (`((.:name))`, `((.:name.field))`) used in a step must be defined by an earlier `load_var` of the " +
      "same job, an earlier `get` step of that name (or a `put`'s implicit get: the var holds the fetched version's " +
      "metadata), or an enclosing `across` step; otherwise the build fails with `undefined var`. Vars defined " +
      "inside an `across` step are gone after it; steps of one `in_parallel` do not see each other's vars; job " +
      "hooks see every var the plan loads. An `across` step's own `values` are checked outside its vars.",
  },
  messages: {
    undefined:
      "'{{ref}}' uses local var '{{name}}', which no earlier load_var, get or enclosing across step in job '{{job}}' defines",
  },
  check(ctx) {
    const { report } = ctx;
    // no string of any job can use a local var: nothing to walk
    if (!stringCensus(ctx).mayUseLocalVarInJobs) return;
    let visit: DataflowStep | undefined;
    const onString = (found: FoundString): void => {
      if (visit === undefined) return;
      const reported = new Set<string>();
      for (const { name, ref } of localVarRefs(found.value)) {
        if (visit.scope.hasLocalVar(name) || reported.has(ref)) continue;
        reported.add(ref);
        report({ path: found.path(), messageId: "undefined", data: { ref, name, job: visit.jobName } });
      }
    };
    const all: ScanOptions = { only: mayUseLocalVar };
    const ownFields: ScanOptions = { only: mayUseLocalVar, skip: (key) => NOT_OWN.has(key) };
    const inParallelFields: ScanOptions = {
      only: mayUseLocalVar,
      skip: (key) => NOT_OWN.has(key) || key === "in_parallel",
    };
    const inParallelConfig: ScanOptions = { only: mayUseLocalVar, skip: (key) => key === "steps" };
    walkDataflow(ctx, {
      across(v) {
        visit = v;
        scanStrings(v.step.across, [...v.path, "across"], onString, all);
      },
      step(v) {
        visit = v;
        const { step, kind, path } = v;
        scanStrings(step, path, onString, kind === "in_parallel" ? inParallelFields : ownFields);
        const p = step.in_parallel;
        if (kind === "in_parallel" && isObject(p)) {
          scanStrings(p, [...path, "in_parallel"], onString, inParallelConfig);
        }
      },
    });
  },
});
