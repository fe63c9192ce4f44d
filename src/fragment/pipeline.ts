import { goPathMatch, isLiteralPathPattern } from "../concourse/go-path-match.ts";
import { compileGobwasGlob, isLiteralGobwasPattern } from "../concourse/gobwas-glob.ts";
import { argumentError, expectObject } from "../model/arguments.ts";
import { isObject, type Named, ownValue, type Path, refName } from "../model/common.ts";
import { HangarError } from "../model/errors.ts";
import type { Group } from "../model/group.ts";
import type { Job } from "../model/job.ts";
import type { Display, Pipeline } from "../model/pipeline.ts";
import type { Resource } from "../model/resource.ts";
import type { Prototype, ResourceType } from "../model/resource-type.ts";
import type { VarSource } from "../model/var-source.ts";
import { didYouMeanSuffix } from "../source/did-you-mean.ts";
import { formatPath } from "../source/path.ts";
import { type CollectedStep, type PlanVisitor, walkPipeline } from "../walk/walk-steps.ts";
import { firstDifference } from "./first-difference.ts";
import {
  type Conflict,
  checkParts,
  explainParts,
  FragmentConflictError,
  mergeNamed,
  type Origin,
  type Section,
} from "./merge-fragments.ts";

/** The sections of a pipeline merged by name. */
const PART_SECTIONS: readonly Section[] = [
  "resource_types",
  "resources",
  "jobs",
  "prototypes",
  "groups",
  "var_sources",
];

import { combinedProvenance, withProvenance } from "./provenance.ts";

/** What `pipeline()` combines: fragments, or any parts of a pipeline. */
export interface PipelineParts {
  readonly resource_types?: readonly ResourceType[] | undefined;
  readonly resources?: readonly Resource[] | undefined;
  readonly jobs?: readonly Job[] | undefined;
  readonly prototypes?: readonly Prototype[] | undefined;
  readonly groups?: readonly Group[] | undefined;
  readonly var_sources?: readonly VarSource[] | undefined;
  readonly display?: Display | undefined;
}

const isNamedObject = (v: unknown): v is Named & Record<string, unknown> => isObject(v) && typeof v.name === "string";

function* partOrigins<T>(parts: readonly PipelineParts[], section: Section): Generator<Origin<T>> {
  for (let p = 0; p < parts.length; p++) {
    const items = (parts[p] as PipelineParts)[section] ?? [];
    for (let i = 0; i < items.length; i++) {
      yield {
        item: items[i] as T,
        at: () => (parts.length === 1 ? `${section}[${i}]` : `part #${p} ${section}[${i}]`),
      };
    }
  }
}

const at = (path: Path, key: string) => formatPath([...path, key]);

/**
 * Builds a pipeline from fragments and parts. Resources, resource types, jobs, prototypes, groups
 * and var sources are merged by name (identical duplicates collapse, different ones are an error
 * naming both places). Every resource and resource type that jobs or resources reference as an
 * object is collected, so none can be forgotten. A `get`, `put` or `passed` naming something that
 * is not defined, or a group's `jobs` entry (a name or a glob) that matches no job, throws a
 * `pipeline/unknown-reference` error listing every such path.
 */
export function pipeline(...parts: readonly PipelineParts[]): Pipeline {
  checkParts("pipeline", "part", parts, PART_SECTIONS);
  for (let p = 0; p < parts.length; p++) {
    const display = (parts[p] as { display?: unknown }).display;
    if (display !== undefined) expectObject("pipeline", `part #${p} display`, display);
  }
  try {
    return build(parts);
  } catch (error) {
    // a step holding itself, or nested deeper than the stack allows
    throw explainParts("pipeline", "part", parts, error);
  }
}

function build(parts: readonly PipelineParts[]): Pipeline {
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
    // every item kept: none collapsed (the usual case, worth not building every origin for)
    if (parts.reduce((count, part) => count + (part[section]?.length ?? 0), 0) === kept.length) return [];
    const keptByName = new Map(kept.map((item) => [item.name, item]));
    return [...partOrigins<T>(parts, section)].filter(({ item }) => {
      const first = keptByName.get(item.name);
      return first !== undefined && first !== item && firstDifference(first, item) === undefined;
    });
  };

  // Collect what jobs reference as objects, and check get/put/passed names of the pipeline's own jobs.
  const jobNames = jobs.map((j) => j.name);
  const found: Found = {
    resources: { section: "resources", seen: seenResources, collected: [], others: [], conflicts: [] },
    prototypes: { section: "prototypes", seen: seenPrototypes, collected: [], others: [], conflicts: [] },
    problems: [],
  };
  const names: KnownNames = { jobNames, jobSet: new Set(jobNames), resources: seenResources };
  walkPipeline({ jobs }, COLLECT, { found, label: at, names });
  for (const { item, at: where } of collapsed<Job>("jobs", jobs)) {
    const label = (path: Path, key: string) => `${where()}.${formatPath([...path.slice(2), key])}`;
    walkPipeline({ jobs: [item] }, COLLECT, { found, label, names: undefined });
  }
  // groups[].jobs (names, globs or jobs given as objects): each must match a job of the pipeline, as Concourse checks
  groups.forEach((group, g) => {
    const listed = ownValue(group as unknown as Record<string, unknown>, "jobs");
    if (!Array.isArray(listed)) return;
    listed.forEach((ref, i) => {
      const pattern = refName(ref);
      if (pattern === undefined || matchesAJob(pattern, names) !== false) return;
      const message = `no jobs match '${pattern}' for group '${group.name}'`;
      found.problems.push({ job: pattern, path: ["groups", g, "jobs", i], message });
    });
  });
  // groups[].resources (typed Ref<Resource>[]): resources given as objects are collected too
  groups.forEach((group, g) => {
    const listed = ownValue(group as unknown as Record<string, unknown>, "resources");
    if (!Array.isArray(listed)) return;
    listed.forEach((ref, i) => {
      if (isNamedObject(ref))
        collect(found.resources, ref as unknown as Resource, () => `groups[${g}].resources[${i}]`);
    });
  });
  conflicts.push(...found.resources.conflicts, ...found.prototypes.conflicts);
  const allResources = [...resources, ...found.resources.collected];
  const allPrototypes = [...prototypes, ...found.prototypes.collected];

  const collectedTypes = collectTypes(conflicts, seenTypes, {
    direct: [
      { items: allResources, where: "resources" },
      { items: resourceTypes, where: "resource_types" },
      { items: allPrototypes, where: "prototypes" },
    ],
    collapsed: [
      ...collapsed<Resource>("resources", resources),
      ...collapsed<ResourceType>("resource_types", resourceTypes),
      ...collapsed<Prototype>("prototypes", prototypes),
      // collected objects equal to an earlier one of their name
      ...otherThan<{ type: unknown }>(
        [...found.resources.others, ...found.prototypes.others],
        [...allResources, ...allPrototypes],
      ),
    ],
  });
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
  if (found.problems.length > 0) throwUnknown(found.problems, allResources, jobNames, result);
  const built = withProvenance(result, combinedProvenance(parts));
  Object.defineProperty(built, BUILT, { value: true });
  return built;
}

/**
 * The mark of what `pipeline()` returns, so that the CLI, given it as a module's default export, does not build it
 * again (a fragment has the same keys as a pipeline). Non-enumerable and symbol-keyed, as provenance is: no spread,
 * JSON or deep equality sees it, and a spread copy (which may have changed) is built again. `Symbol.for`, so that
 * the user's copy of hangar and the CLI's agree.
 */
const BUILT = Symbol.for("hangar.pipeline");

/** Whether `value` is an object `pipeline()` returned (not a copy of one). */
export const isBuiltPipeline = (value: object): boolean => Object.hasOwn(value, BUILT);

/**
 * Throws the `pipeline/unknown-reference` error for the problems that remain once every resource is collected
 * (a resource may be collected after a step naming it); returns when none remains.
 */
function throwUnknown(
  problems: readonly Problem[],
  allResources: readonly Resource[],
  jobNames: readonly string[],
  result: Pipeline,
): void {
  const resourceNames = new Set(allResources.map((r) => r.name));
  const unknown = problems.filter((p) => p.resource === undefined || !resourceNames.has(p.resource));
  if (unknown.length > 0) {
    const references: UnknownReference[] = unknown.map((p) => {
      const hint =
        p.resource !== undefined
          ? didYouMeanSuffix(p.resource, resourceNames)
          : p.job !== undefined
            ? didYouMeanSuffix(p.job, jobNames)
            : "";
      return { path: p.path, message: `${p.message}${hint}` };
    });
    const lines = references.map((r) => `${formatPath(r.path)}: ${r.message}`);
    // the pipeline as built goes with the error, so that a tool (hangar's CLI) can report these as
    // findings beside everything else its validator finds
    throw Object.assign(
      new HangarError("pipeline/unknown-reference", `pipeline references undefined names:\n  ${lines.join("\n  ")}`),
      { references, pipeline: result },
    );
  }
}

/** A name a step references that the pipeline does not define. */
interface Problem {
  readonly resource?: string;
  readonly job?: string;
  readonly path: Path;
  readonly message: string;
}

/**
 * One undefined name, as carried by the `pipeline/unknown-reference` error of {@link pipeline}
 * (`error.references`, with the pipeline as built in `error.pipeline`).
 */
export interface UnknownReference {
  readonly path: Path;
  /** `unknown resource 'sorce'; did you mean 'source'?`. */
  readonly message: string;
}

/** The origins of `others` whose item is not itself among `kept`. */
const otherThan = <T>(others: readonly Origin<T>[], kept: readonly unknown[]): Origin<T>[] => {
  if (others.length === 0) return []; // the usual case: no set of every kept item to make
  const keptSet = new Set(kept);
  return others.filter(({ item }) => !keptSet.has(item));
};

/** What referenced objects of one section were collected from the jobs. */
interface Collected<T extends Named> {
  readonly section: "resources" | "prototypes";
  /** The first object of each name (those of the section itself included). */
  readonly seen: Map<string, Origin<T>>;
  /** Objects collected from the jobs, in order. */
  readonly collected: T[];
  /** Collected objects that are not the first object of their name (equal to it, or conflicting). */
  readonly others: Origin<T>[];
  readonly conflicts: Conflict[];
}

/** What the walk over the jobs finds. */
interface Found {
  readonly resources: Collected<Resource>;
  readonly prototypes: Collected<Prototype>;
  /** Unknown names in visiting order; a resource is only known to be missing once all are collected. */
  readonly problems: Problem[];
}

/** The names a job's steps may refer to. */
interface KnownNames {
  readonly jobNames: readonly string[];
  readonly jobSet: ReadonlySet<string>;
  /** The resources seen so far. */
  readonly resources: ReadonlyMap<string, unknown>;
}

/** What the walk over some jobs collects into, and how it treats them. */
interface WalkState {
  readonly found: Found;
  /** A collected reference's place, for conflict messages. */
  readonly label: (path: Path, key: string) => string;
  /** The names to check references against; `undefined` for collapsed duplicates of a job (not checked). */
  readonly names: KnownNames | undefined;
}

/**
 * What the walk does at each step: collects the resources (get, put) and prototypes (run) it references as
 * objects, and checks its names.
 */
function collectStep(walked: CollectedStep, options: WalkState): void {
  const { found } = options;
  const { kind, path } = walked;
  const s = walked.step as unknown as Record<string, unknown>;
  if (kind === "get" || kind === "put") {
    const resource = ownValue(s, "resource");
    const name = ownValue(s, kind);
    if (isNamedObject(resource) && !isCollected(found.resources, resource))
      collect(found.resources, resource as unknown as Resource, () => options.label(path, "resource"));
    if (isNamedObject(name) && !isCollected(found.resources, name))
      collect(found.resources, name as unknown as Resource, () => options.label(path, kind));
    if (resource !== undefined) checkStep(walked, options, "resource", resource);
    else checkStep(walked, options, kind, name);
  } else if (kind === "task") {
    // `image: resource` (typed Ref<Resource>): the resource is collected as a get's is
    const image = ownValue(s, "image");
    if (isNamedObject(image) && !isCollected(found.resources, image))
      collect(found.resources, image as unknown as Resource, () => options.label(path, "image"));
  } else if (kind === "run") {
    const type = ownValue(s, "type");
    if (isNamedObject(type) && !isCollected(found.prototypes, type))
      collect(found.prototypes, type as unknown as Prototype, () => options.label(path, "type"));
  }
}

/**
 * Whether `ref` is the very object already collected under its name: the common case, told before the place of
 * `ref` for a message is made (a closure per get and put, 60,000 at the bench workload's 10,000 jobs). With that,
 * the step's resource read once for both uses and `passed` checked in a loop rather than by a callback, pipeline()
 * of that workload took about 33 ms of CPU instead of 40 (node --single-threaded; fastest of 21 runs in each of 5
 * alternating processes; medians 35-46 against 43-60).
 */
const isCollected = <T extends Named>(into: Collected<T>, ref: Named): boolean => into.seen.get(ref.name)?.item === ref;

/** Collects `ref`, found at `at`, into `into`, unless it {@link isCollected}. */
function collect<T extends Named>(into: Collected<T>, ref: T, at: () => string): void {
  if (isCollected(into, ref)) return;
  const origin = { item: ref, at };
  const added = mergeNamed(into.section, [origin], into.conflicts, into.seen);
  if (added.length > 0) into.collected.push(...added);
  else into.others.push(origin);
}

/**
 * Records the unknown names of a get or put step: its resource (`given`, under `key`) when not among the resources
 * seen so far (checked again once all are collected), and each `passed` job that matches no job. Nothing for the
 * steps of a collapsed duplicate of a job (no names to check against).
 */
function checkStep(walked: CollectedStep, options: WalkState, key: string, given: unknown): void {
  const { found, names } = options;
  if (names === undefined) return;
  const { path } = walked;
  // Only a name given as a string can be unknown here: an object was collected just before, so its name is
  // among those seen. Not looking it up again saves a lookup in a map of every resource per get and put (60,000
  // at the bench workload's 10,000 jobs). With the sets pipeline() now makes only when needed (`otherThan`,
  // `throwUnknown`), pipeline() of that workload takes about 5% less CPU (node --single-threaded, 6 alternating
  // processes of 8 runs: fastest 89.7 -> 84.7 ms, median 101.3 -> 96.8), less than the bench's run-to-run noise.
  if (typeof given === "string") {
    if (!names.resources.has(given)) {
      found.problems.push({ resource: given, path: [...path, key], message: `unknown resource '${given}'` });
    }
  } else if (!isNamedObject(given)) {
    // a step written by hand past the types ({ get: undefined }): no resource to look up or collect
    throw argumentError("pipeline", formatPath([...path, key]), "a resource name or an object with a name", given);
  }
  const passed =
    walked.kind === "get" ? ownValue(walked.step as unknown as Record<string, unknown>, "passed") : undefined;
  if (!Array.isArray(passed)) return;
  for (let i = 0; i < passed.length; i++) {
    const job = refName(passed[i]);
    if (job === undefined) continue;
    const known = isLiteralPathPattern(job) ? names.jobSet.has(job) : names.jobNames.some((n) => goPathMatch(job, n));
    if (!known) {
      found.problems.push({ job, path: [...path, "passed", i], message: `no matching job(s) for '${job}'` });
    }
  }
}

/**
 * Whether a group's `jobs` entry matches a job, with Concourse's glob semantics (gobwas/glob); undefined for a
 * pattern that does not compile (the validator's group-glob-invalid says so).
 */
function matchesAJob(pattern: string, names: KnownNames): boolean | undefined {
  if (isLiteralGobwasPattern(pattern)) return names.jobSet.has(pattern);
  const re = compileGobwasGlob(pattern);
  return re === undefined ? undefined : names.jobNames.some((n) => re.test(n));
}

/**
 * The walk's visitor: one object for every call, its state passed along, rather than a closure made per call
 * (optimised code that inlined a closure is thrown away once the closure is collected, so each build would
 * start slow again).
 */
const COLLECT: PlanVisitor<WalkState> = { enter: collectStep };

/** Where the resource types referenced as objects are, for {@link collectTypes}. */
interface TypeSources {
  /** The resources, resource types and prototypes of the result, each list with its section. */
  readonly direct: readonly { readonly items: readonly { type: unknown }[]; readonly where: string }[];
  /** Items left out of the result as equal to an earlier one, whose references are collected all the same. */
  readonly collapsed: readonly Origin<{ type: unknown }>[];
}

/**
 * The resource types referenced as objects, following types of types. The types referenced directly are merged
 * as they are found, in order; most are a type already seen, skipped at once.
 */
function collectTypes(
  conflicts: Conflict[],
  seenTypes: Map<string, Origin<ResourceType>>,
  sources: TypeSources,
): ResourceType[] {
  const direct: ResourceType[] = [];
  // where each type collected was referenced, so that the place of a type reached through it is a real path
  // (`resources[0].type.type`), not an index into this function's lists
  const foundAt = new Map<ResourceType, () => string>();
  const note = (origins: readonly Origin<ResourceType>[]) => {
    for (const { item, at } of origins) if (!foundAt.has(item)) foundAt.set(item, at);
  };
  const mergeType = (type: ResourceType, at: () => string) => {
    const origins = [{ item: type, at }];
    note(origins);
    direct.push(...mergeNamed("resource_types", origins, conflicts, seenTypes));
  };
  for (const { items, where } of sources.direct) {
    for (let i = 0; i < items.length; i++) {
      const type = (items[i] as { type: unknown }).type;
      if (isNamedObject(type) && seenTypes.get(type.name)?.item !== (type as unknown)) {
        mergeType(type as unknown as ResourceType, () => `${where}[${i}].type`);
      }
    }
  }
  for (const { item, at: where } of sources.collapsed) {
    if (isNamedObject(item.type)) mergeType(item.type as unknown as ResourceType, () => `${where()}.type`);
  }
  const collected: ResourceType[] = [...direct];
  const queue: Origin<ResourceType>[] = [];
  const queueTypesOf = (items: readonly ResourceType[]) => {
    for (const item of items) {
      if (!isNamedObject(item.type)) continue;
      const at = foundAt.get(item);
      queue.push({
        item: item.type as unknown as ResourceType,
        at: () => `${at?.() ?? `resource_types "${item.name}"`}.type`,
      });
    }
  };
  queueTypesOf(direct);
  while (queue.length > 0) {
    const origins = queue.splice(0);
    note(origins);
    const added = mergeNamed("resource_types", origins, conflicts, seenTypes);
    collected.push(...added);
    queueTypesOf(added);
  }
  return collected;
}
