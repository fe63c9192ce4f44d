import { defineRule } from "../define-rule.ts";
import { groupJobEntries } from "./lib/group-globs.ts";
import { listOf, namedEntries, type Obj } from "./lib/values.ts";

export default defineRule({
  id: "job-ungrouped",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateGroups",
  docs: { description: "When a pipeline has groups, every job must belong to at least one of them." },
  messages: { ungrouped: "job '{{job}}' belongs to no group" },
  check(ctx) {
    const p = ctx.pipeline as unknown as Obj;
    if (listOf(p.groups).length === 0) return;
    const grouped = new Set<string>();
    for (const e of groupJobEntries(ctx.pipeline)) for (const name of e.matches ?? []) grouped.add(name);
    const reported = new Set<string>();
    for (const { index, name } of namedEntries(p.jobs)) {
      if (name === undefined || grouped.has(name) || reported.has(name)) continue;
      reported.add(name);
      ctx.report({ path: ["jobs", index, "name"], messageId: "ungrouped", data: { job: name } });
    }
  },
});
