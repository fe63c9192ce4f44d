import { defineRule } from "../define-rule.ts";
import { groupJobEntries } from "./lib/group-globs.ts";

export default defineRule({
  id: "group-glob-invalid",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateGroups",
  docs: { description: "Each entry of a group's `jobs` must be a valid glob (`*`, `?`, `[a-z]`, `{a,b}`)." },
  messages: { invalid: "invalid glob expression '{{pattern}}' for group '{{group}}'" },
  check(ctx) {
    for (const e of groupJobEntries(ctx)) {
      if (e.matches !== undefined) continue;
      ctx.report({
        path: ["groups", e.groupIndex, "jobs", e.entryIndex],
        messageId: "invalid",
        data: { pattern: e.pattern, group: e.groupName },
      });
    }
  },
});
