import { defineRule } from "../define-rule.ts";
import { sectionEntries } from "./lib/sections.ts";

export default defineRule({
  id: "group-name-duplicate",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateGroups",
  docs: {
    description: "Group names must be unique; reported once per name, at its second appearance, with the count.",
  },
  messages: { duplicate: "group '{{group}}' appears {{count}} times. Duplicate names are not allowed." },
  check(ctx) {
    const seen = new Map<string, { count: number; second: number }>();
    for (const { index, name } of sectionEntries(ctx, "groups")) {
      if (name === undefined) continue;
      const entry = seen.get(name);
      if (entry === undefined) seen.set(name, { count: 1, second: -1 });
      else {
        entry.count++;
        if (entry.second === -1) entry.second = index;
      }
    }
    for (const [group, { count, second }] of seen) {
      if (count > 1) ctx.report({ path: ["groups", second, "name"], messageId: "duplicate", data: { group, count } });
    }
  },
});
