import { defineRule } from "../define-rule.ts";
import { isKnownType, varSourceEntries, varSourceLocation, varSourcePath } from "./lib/var-sources.ts";

/** Go checks names only among var sources of a known type, and remembers the LAST location of each name. */
export default defineRule({
  id: "var-source-name-duplicate",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateVarSources",
  docs: { description: "Var source names must be unique." },
  messages: { duplicate: "{{first}} and {{second}} have the same name ('{{name}}')" },
  check(ctx) {
    const seen = new Map<string, string>();
    for (const e of varSourceEntries(ctx.pipeline)) {
      if (!isKnownType(e.type)) continue;
      const here = varSourceLocation(e);
      const other = seen.get(e.name);
      if (other !== undefined) {
        ctx.report({
          path: varSourcePath(e, "name"),
          messageId: "duplicate",
          data: { first: other, second: here, name: e.name },
        });
      }
      seen.set(e.name, here);
    }
  },
});
