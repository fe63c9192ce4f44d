import { defineRule } from "../define-rule.ts";
import { groupJobEntries } from "./lib/group-globs.ts";

export default defineRule({
  id: "group-glob-no-match",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateGroups",
  docs: { description: "Each entry of a group's `jobs` (a name or a glob) must match at least one job." },
  messages: { noMatch: "no jobs match '{{pattern}}' for group '{{group}}'" },
  check(ctx) {
    for (const e of groupJobEntries(ctx)) {
      if (e.matches === undefined || e.matches.length > 0) continue;
      ctx.report({
        path: ["groups", e.groupIndex, "jobs", e.entryIndex],
        messageId: "noMatch",
        data: { pattern: e.pattern, group: e.groupName },
      });
    }
  },
});
