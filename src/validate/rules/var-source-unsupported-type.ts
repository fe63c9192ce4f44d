import { defineRule } from "../define-rule.ts";
import { isKnownType, isSupportedType, varSourceEntries, varSourcePath } from "./lib/var-sources.ts";

export default defineRule({
  id: "var-source-unsupported-type",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateVarSources",
  docs: {
    description:
      "Pipelines may only use the vault, dummy, ssm, secretsmanager and idtoken credential managers as var sources.",
  },
  messages: { unsupported: "credential manager type {{type}} is not supported in pipeline yet" },
  check(ctx) {
    for (const e of varSourceEntries(ctx.pipeline)) {
      if (isKnownType(e.type) && !isSupportedType(e.type)) {
        ctx.report({ path: varSourcePath(e, "type"), messageId: "unsupported", data: { type: e.type } });
      }
    }
  },
});
