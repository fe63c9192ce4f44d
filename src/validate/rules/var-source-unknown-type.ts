import { defineRule } from "../define-rule.ts";
import { isKnownType, varSourceEntries, varSourcePath } from "./lib/var-sources.ts";

export default defineRule({
  id: "var-source-unknown-type",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateVarSources",
  docs: { description: "A var source's `type` must be a credential manager Concourse knows." },
  messages: { unknown: "unknown credential manager type: {{type}}" },
  check(ctx) {
    for (const e of varSourceEntries(ctx.pipeline)) {
      if (!isKnownType(e.type))
        ctx.report({ path: varSourcePath(e, "type"), messageId: "unknown", data: { type: e.type } });
    }
  },
});
