import { defineRule } from "../define-rule.ts";
import { isKnownType, managerProblem, varSourceEntries, varSourcePath } from "./lib/var-sources.ts";

export default defineRule({
  id: "var-source-invalid-config",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateVarSources",
  docs: {
    description:
      "A var source's `config` must be accepted by its credential manager (checked for dummy, vault, ssm, secretsmanager, idtoken, conjur and credhub).",
  },
  messages: {
    create: "failed to create credential manager {{name}}: {{error}}",
    invalid: "credential manager {{name}} is invalid: {{error}}",
  },
  check(ctx) {
    for (const e of varSourceEntries(ctx.pipeline)) {
      if (!isKnownType(e.type)) continue;
      const problem = managerProblem(e.type, e.value.config);
      if (problem === undefined) continue;
      ctx.report({
        path: varSourcePath(e, "config"),
        messageId: problem.stage,
        data: { name: e.name, error: problem.error },
      });
    }
  },
});
