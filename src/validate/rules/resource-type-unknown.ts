import { location } from "../../concourse/config-location.ts";
import { hasVar } from "../../concourse/vars.ts";
import { isObject, refName } from "../../model/common.ts";
import { isStepKind } from "../../model/step.ts";
import { didYouMean } from "../../source/did-you-mean.ts";
import { defineRule } from "../define-rule.ts";
import { CORE_RESOURCE_TYPES } from "./lib/core-resource-types.ts";
import { listOf } from "./lib/values.ts";

export default defineRule({
  id: "resource-type-unknown",
  parity: "hangar",
  severity: "warning",
  docs: {
    description:
      "The `type` of a resource, resource type, prototype or inline task `image_resource` must be a resource type " +
      "declared in `resource_types` or one of Concourse's core types (bosh-io-release, bosh-io-stemcell, " +
      "docker-image, git, github-release, hg, mock, pool, registry-image, s3, semver, time: the types the " +
      "concourse/ci `tasks/build-resource-types-image/Dockerfile` bundles into every worker). Otherwise the check " +
      "or the build fails at run time. A resource type whose `type` is its own name uses the core type of that " +
      "name. Types that are `((vars))` are not checked.",
  },
  messages: {
    unknown:
      "{{owner}} has type '{{type}}', which is neither declared in resource_types nor a core Concourse resource type",
  },
  check({ pipeline, steps, report }) {
    const declared = new Set<string>();
    for (const t of listOf(pipeline.resource_types)) {
      if (isObject(t) && typeof t.name === "string") declared.add(t.name);
    }
    /** The name of an unknown type, or undefined when the type is fine. */
    const unknownType = (type: unknown, self?: string): string | undefined => {
      const name = refName(type);
      if (name === undefined || name === "" || hasVar(name) || CORE_RESOURCE_TYPES.has(name)) return undefined;
      return name !== self && declared.has(name) ? undefined : name;
    };
    /** The declared or core type an unknown one probably means. */
    const meant = (type: string): string | undefined => didYouMean(type, [...declared, ...CORE_RESOURCE_TYPES]);
    const sections = [
      ["resources", "resource"],
      ["resource_types", "resource type"],
      ["prototypes", "prototype"],
    ] as const;
    for (const [section, what] of sections) {
      const entries = listOf(pipeline[section]);
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        if (!isObject(entry)) continue;
        const name = typeof entry.name === "string" ? entry.name : undefined;
        const type = unknownType(entry.type, section === "resource_types" ? name : undefined);
        if (type === undefined) continue;
        const owner = name === undefined ? location(section, i) : `${what} '${name}'`;
        report({ path: [section, i, "type"], messageId: "unknown", data: { owner, type }, didYouMean: meant(type) });
      }
    }
    const all = steps();
    for (let i = 0; i < all.length; i++) {
      const { step, kind, path } = all[i] as (typeof all)[number];
      if (kind !== "task" || !isStepKind(step, "task") || !isObject(step.config)) continue;
      const image = step.config.image_resource;
      if (!isObject(image)) continue;
      const type = unknownType(image.type);
      if (type === undefined) continue;
      const owner =
        typeof step.task === "string" ? `the image_resource of task '${step.task}'` : "a task's image_resource";
      report({
        path: [...path, "config", "image_resource", "type"],
        messageId: "unknown",
        data: { owner, type },
        didYouMean: meant(type),
      });
    }
  },
});
