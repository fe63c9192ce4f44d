import { isObject } from "../../model/common.ts";
import { didYouMean } from "../../source/did-you-mean.ts";
import { defineRule } from "../define-rule.ts";
import { declaredNames } from "./lib/sections.ts";
import { listOf, type Obj } from "./lib/values.ts";

export default defineRule({
  id: "group-unknown-resource",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateGroups",
  docs: { description: "Each entry of a group's `resources` must name a declared resource." },
  messages: { unknown: "group '{{group}}' has unknown resource '{{resource}}'" },
  check(ctx) {
    const p = ctx.pipeline as unknown as Obj;
    const declared = declaredNames(ctx, "resources");
    const groups = listOf(p.groups);
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      if (!isObject(group)) continue;
      const groupName = typeof group.name === "string" ? group.name : "";
      const resources = listOf(group.resources);
      for (let k = 0; k < resources.length; k++) {
        const resource = resources[k];
        if (typeof resource !== "string" || declared.has(resource)) continue;
        ctx.report({
          path: ["groups", g, "resources", k],
          messageId: "unknown",
          data: { group: groupName, resource },
          didYouMean: didYouMean(resource, declared),
        });
      }
    }
  },
});
