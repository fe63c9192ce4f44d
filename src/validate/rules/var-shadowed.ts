import { defineRule } from "../define-rule.ts";
import { localVarEvents } from "./lib/local-vars.ts";

export default defineRule({
  id: "var-shadowed",
  parity: "concourse",
  severity: "warning",
  concourseRef: "atc/step_validator.go (*StepValidator).declareLocalVar",
  docs: {
    description:
      "A local var declared inside an `across` step hides one of the same name from an enclosing scope (Concourse's `var_shadowed` warning).",
  },
  messages: { shadowed: "shadows local var '{{name}}'" },
  check(ctx) {
    for (const e of localVarEvents(ctx)) {
      if (e.kind === "shadowed") ctx.report({ path: e.path, messageId: "shadowed", data: { name: e.name } });
    }
  },
});
