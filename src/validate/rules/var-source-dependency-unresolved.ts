import { defineRule } from "../define-rule.ts";
import { unresolvedVarSources, varSourceEntries, varSourcePath } from "./lib/var-sources.ts";

export default defineRule({
  id: "var-source-dependency-unresolved",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/config.go VarSourceConfigs.OrderByDependency",
  docs: {
    description:
      "A var source's config may use `((other:var))` only from var sources that can be resolved before it (no cycles, no unknown sources).",
  },
  messages: { unresolved: "failed to order by dependency: could not resolve inter-dependent var sources: {{names}}" },
  check(ctx) {
    const pending = unresolvedVarSources(varSourceEntries(ctx.pipeline));
    const first = pending[0];
    if (first === undefined) return;
    ctx.report({
      path: varSourcePath(first, "config"),
      messageId: "unresolved",
      data: { names: pending.map((e) => e.name).join(", ") },
    });
  },
});
