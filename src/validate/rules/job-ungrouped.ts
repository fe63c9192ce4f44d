import { defineRule } from "../define-rule.ts";
import { groupJobEntries } from "./lib/group-globs.ts";
import { sectionEntries } from "./lib/sections.ts";
import { listOf, type Obj } from "./lib/values.ts";

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
    for (const e of groupJobEntries(ctx)) for (const name of e.matches ?? []) grouped.add(name);
    const reported = new Set<string>();
    for (const { index, name } of sectionEntries(ctx, "jobs")) {
      if (name === undefined || grouped.has(name) || reported.has(name)) continue;
      reported.add(name);
      ctx.report({ path: ["jobs", index, "name"], messageId: "ungrouped", data: { job: name } });
    }
  },
});
