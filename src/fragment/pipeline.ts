import type { Named, Path } from "../model/common.ts";
import { HangarError } from "../model/errors.ts";
import type { Group } from "../model/group.ts";
import type { Job } from "../model/job.ts";
import type { Display, Pipeline } from "../model/pipeline.ts";
import type { Resource } from "../model/resource.ts";
import type { Prototype, ResourceType } from "../model/resource-type.ts";
import { stepKindOrUndefined } from "../model/step.ts";
import type { VarSource } from "../model/var-source.ts";
import { goPathMatch, isLiteralPathPattern } from "../validate/rules/lib/go-path-match.ts";
import { formatPath } from "../walk/format-path.ts";
import { walkPipelineSteps } from "../walk/walk-steps.ts";
import { firstDifference } from "./first-difference.ts";
import { type Conflict, FragmentConflictError, mergeNamed, type Origin, type Section } from "./merge-fragments.ts";

/** What `pipeline()` combines: fragments, or any parts of a pipeline. */
export interface PipelineParts {
  readonly resource_types?: readonly ResourceType[];
  readonly resources?: readonly Resource[];
  readonly jobs?: readonly Job[];
  readonly prototypes?: readonly Prototype[];
  readonly groups?: readonly Group[];
  readonly var_sources?: readonly VarSource[];
  readonly display?: Display;
}

const isNamedObject = (v: unknown): v is Named & Record<string, unknown> =>
  typeof v === "object" && v !== null && typeof (v as Named).name === "string";

function* partOrigins<T>(parts: readonly PipelineParts[], section: Section): Generator<Origin<T>> {
  for (let p = 0; p < parts.length; p++) {
    const items = (parts[p] as PipelineParts)[section] ?? [];
    for (let i = 0; i < items.length; i++) {
      yield { item: items[i] as T, at: parts.length === 1 ? `${section}[${i}]` : `part #${p} ${section}[${i}]` };
    }
  }
}

const at = (path: Path, key: string) => formatPath([...path, key]);

/**
 * Builds a pipeline from fragments and parts. Resources, resource types, jobs, prototypes, groups
 * and var sources are merged by name (identical duplicates collapse, different ones are an error
 * naming both places). Every resource and resource type that jobs or resources reference as an
 * object is collected, so none can be forgotten. A `get`, `put` or `passed` naming something that
 * is not defined throws a `pipeline/unknown-reference` error listing every such path.
 */
export function pipeline(...parts: readonly PipelineParts[]): Pipeline {
  const conflicts: Conflict[] = [];
  const seenTypes = new Map<string, Origin<ResourceType>>();
  const seenResources = new Map<string, Origin<Resource>>();
  const seenPrototypes = new Map<string, Origin<Prototype>>();
  const merge = <T extends Named>(section: Section, seen?: Map<string, Origin<T>>) =>
    mergeNamed<T>(section, partOrigins<T>(parts, section), conflicts, seen);

  const jobs = merge<Job>("jobs");
  const resourceTypes = merge<ResourceType>("resource_types", seenTypes);
  const resources = merge<Resource>("resources", seenResources);
  const prototypes = merge<Prototype>("prototypes", seenPrototypes);
  const groups = merge<Group>("groups");
  const varSources = merge<VarSource>("var_sources");

  /**
   * Items that collapsed into an identical earlier item of their name. They are not in the result,
   * but what they reference as objects is collected all the same: the kept item may give only names.
   */
  const collapsed = <T extends Named>(section: Section, kept: readonly T[]): Origin<T>[] => {
    const keptByName = new Map(kept.map((item) => [item.name, item]));
    return [...partOrigins<T>(parts, section)].filter(({ item }) => {
      const first = keptByName.get(item.name);
      return first !== undefined && first !== item && firstDifference(first, item) === undefined;
    });
  };

  // Collect what jobs reference as objects.
  const collectedResources: Origin<Resource>[] = [];
  const collectedPrototypes: Origin<Prototype>[] = [];
  const collectFromJobs = (jobList: readonly Job[], label: (path: Path, key: string) => string) => {
    for (const { step, path } of walkPipelineSteps({ jobs: jobList as Job[] })) {
      const kind = stepKindOrUndefined(step);
      const s = step as unknown as Record<string, unknown>;
      if (kind === "get" || kind === "put") {
        for (const key of ["resource", kind]) {
          const ref = s[key];
          if (isNamedObject(ref)) collectedResources.push({ item: ref as unknown as Resource, at: label(path, key) });
        }
      } else if (kind === "run" && isNamedObject(s.type)) {
        collectedPrototypes.push({ item: s.type as unknown as Prototype, at: label(path, "type") });
      }
    }
  };
  collectFromJobs(jobs, at);
  for (const { item, at: where } of collapsed<Job>("jobs", jobs)) {
    collectFromJobs([item], (path, key) => `${where}.${formatPath([...path.slice(2), key])}`);
  }
  const allResources = [...resources, ...mergeNamed("resources", collectedResources, conflicts, seenResources)];
  const allPrototypes = [...prototypes, ...mergeNamed("prototypes", collectedPrototypes, conflicts, seenPrototypes)];

  // Collect resource types referenced as objects, following types of types.
  const collectedTypes: ResourceType[] = [];
  const typeQueue: Origin<ResourceType>[] = [];
  const queueTypeOf = (items: readonly { type: unknown }[], where: string) =>
    items.forEach((item, i) => {
      if (isNamedObject(item.type))
        typeQueue.push({ item: item.type as unknown as ResourceType, at: `${where}[${i}].type` });
    });
  queueTypeOf(allResources, "resources");
  queueTypeOf(resourceTypes, "resource_types");
  queueTypeOf(allPrototypes, "prototypes");
  const queueTypeOfCollapsed = (origins: readonly Origin<{ type: unknown }>[]) => {
    for (const { item, at: where } of origins) {
      if (isNamedObject(item.type)) typeQueue.push({ item: item.type as unknown as ResourceType, at: `${where}.type` });
    }
  };
  queueTypeOfCollapsed(collapsed<Resource>("resources", resources));
  queueTypeOfCollapsed(collapsed<ResourceType>("resource_types", resourceTypes));
  queueTypeOfCollapsed(collapsed<Prototype>("prototypes", prototypes));
  // collected objects equal to an earlier one of their name
  const keptCollected = new Set<unknown>([...allResources, ...allPrototypes]);
  queueTypeOfCollapsed(collectedResources.filter(({ item }) => !keptCollected.has(item)));
  queueTypeOfCollapsed(collectedPrototypes.filter(({ item }) => !keptCollected.has(item)));
  while (typeQueue.length > 0) {
    const batch = typeQueue.splice(0);
    const added = mergeNamed("resource_types", batch, conflicts, seenTypes);
    collectedTypes.push(...added);
    queueTypeOf(added, "resource_types");
  }
  if (conflicts.length > 0) throw new FragmentConflictError(conflicts);

  const display = parts.map((p) => p.display).filter((d): d is Display => d !== undefined);
  for (const d of display.slice(1)) {
    const difference = firstDifference(display[0], d);
    if (difference)
      throw new HangarError("fragment/conflict", `two different display settings differ at ${difference.path}`);
  }

  const result: Pipeline = {
    jobs,
    ...(resourceTypes.length + collectedTypes.length > 0 && { resource_types: [...resourceTypes, ...collectedTypes] }),
    ...(allResources.length > 0 && { resources: allResources }),
    ...(allPrototypes.length > 0 && { prototypes: allPrototypes }),
    ...(groups.length > 0 && { groups }),
    ...(varSources.length > 0 && { var_sources: varSources }),
    ...(display[0] !== undefined && { display: display[0] }),
  };
  checkReferences(result);
  return result;
}

const nameOfRef = (v: unknown): string | undefined =>
  typeof v === "string" ? v : isNamedObject(v) ? v.name : undefined;

/** Throws `pipeline/unknown-reference` for get/put resources and passed jobs that are not defined. */
function checkReferences(p: Pipeline): void {
  const resourceNames = new Set((p.resources ?? []).map((r) => r.name));
  const jobNames = p.jobs.map((j) => j.name);
  const jobSet = new Set(jobNames);
  const problems: string[] = [];
  for (const { step, path } of walkPipelineSteps(p)) {
    const kind = stepKindOrUndefined(step);
    if (kind !== "get" && kind !== "put") continue;
    const s = step as unknown as Record<string, unknown>;
    const key = s.resource !== undefined ? "resource" : kind;
    const name = nameOfRef(s[key]);
    if (name !== undefined && !resourceNames.has(name)) problems.push(`${at(path, key)}: unknown resource '${name}'`);
    if (kind === "get" && Array.isArray(s.passed)) {
      s.passed.forEach((ref, i) => {
        const job = nameOfRef(ref);
        if (job === undefined) return;
        const known = isLiteralPathPattern(job) ? jobSet.has(job) : jobNames.some((n) => goPathMatch(job, n));
        if (!known) problems.push(`${formatPath([...path, "passed", i])}: no matching job(s) for '${job}'`);
      });
    }
  }
  if (problems.length > 0) {
    throw new HangarError(
      "pipeline/unknown-reference",
      `pipeline references undefined names:\n  ${problems.join("\n  ")}`,
    );
  }
}
