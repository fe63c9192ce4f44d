import type { Path } from "../../model/common.ts";
import { isStepKind } from "../../model/step.ts";
import { defineRule } from "../define-rule.ts";
import { CORE_RESOURCE_TYPES } from "./lib/core-resource-types.ts";
import { hasVar, refName } from "./lib/dataflow.ts";
import { isObject, listOf } from "./lib/values.ts";

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
    const check = (type: unknown, path: Path, owner: string, self?: string): void => {
      const name = refName(type);
      if (name === undefined || name === "" || hasVar(name) || CORE_RESOURCE_TYPES.has(name)) return;
      if (name !== self && declared.has(name)) return;
      report({ path, messageId: "unknown", data: { owner, type: name } });
    };
    const sections = [
      ["resources", "resource"],
      ["resource_types", "resource type"],
      ["prototypes", "prototype"],
    ] as const;
    for (const [section, what] of sections) {
      listOf(pipeline[section]).forEach((entry, i) => {
        if (!isObject(entry)) return;
        const name = typeof entry.name === "string" ? entry.name : undefined;
        const owner = name === undefined ? `${section}[${i}]` : `${what} '${name}'`;
        check(entry.type, [section, i, "type"], owner, section === "resource_types" ? name : undefined);
      });
    }
    for (const { step, path } of steps()) {
      if (!isStepKind(step, "task") || !isObject(step.config) || !isObject(step.config.image_resource)) continue;
      const owner =
        typeof step.task === "string" ? `the image_resource of task '${step.task}'` : "a task's image_resource";
      check(step.config.image_resource.type, [...path, "config", "image_resource", "type"], owner);
    }
  },
});
