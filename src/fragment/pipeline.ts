import { goPathMatch, isLiteralPathPattern } from "../concourse/go-path-match.ts";
import { isObject, type Named, type Path, type PathSegment, refName } from "../model/common.ts";
import { HangarError } from "../model/errors.ts";
import type { Group } from "../model/group.ts";
import type { Job } from "../model/job.ts";
import { HOOK_KEYS } from "../model/modifiers.ts";
import type { Display, Pipeline } from "../model/pipeline.ts";
import type { Resource } from "../model/resource.ts";
import type { Prototype, ResourceType } from "../model/resource-type.ts";
import { type StepKind, stepKindOrUndefined } from "../model/step.ts";
import type { VarSource } from "../model/var-source.ts";
import { didYouMeanSuffix } from "../source/did-you-mean.ts";
import { formatPath } from "../source/path.ts";
import { firstDifference } from "./first-difference.ts";
import {
  type Conflict,
  checkParts,
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

const isNamedObject = (v: unknown): v is Named & Record<string, unknown> => isObject(v) && typeof v.name === "string";

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
  checkParts("pipeline", "part", parts, PART_SECTIONS);
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
  const walk: Walk = {
    label: at,
    check: true,
    seenResources,
    seenPrototypes,
    collectedResources: [],
    collectedPrototypes: [],
    otherResources: [],
    otherPrototypes: [],
    resourceConflicts: [],
    prototypeConflicts: [],
    jobNames,
    jobSet: new Set(jobNames),
    problems: [],
    prototypeAnswers: OPTIONAL_KEYS.some((key) => key in Object.prototype),
  };
  visitJobs(jobs, JOBS, walk);
  for (const { item, at: where } of collapsed<Job>("jobs", jobs)) {
    const label = (path: Path, key: string) => `${where}.${formatPath([...path.slice(2), key])}`;
    visitJobs([item], JOBS, { ...walk, label, check: false });
  }
  const { collectedResources, collectedPrototypes, otherResources, otherPrototypes, problems } = walk;
  const { resourceConflicts, prototypeConflicts } = walk;
  conflicts.push(...resourceConflicts, ...prototypeConflicts);
  const allResources = [...resources, ...collectedResources];
  const allPrototypes = [...prototypes, ...collectedPrototypes];

  // Collect resource types referenced as objects, following types of types. The types referenced
  // directly are merged as they are found, in order; most are a type already seen, skipped at once.
  const collectedTypes: ResourceType[] = [];
  const typeQueue: Origin<ResourceType>[] = [];
  const queueTypeOf = (items: readonly { type: unknown }[], where: string) =>
    items.forEach((item, i) => {
      if (isNamedObject(item.type))
        typeQueue.push({ item: item.type as unknown as ResourceType, at: `${where}[${i}].type` });
    });
  const direct: ResourceType[] = [];
  const mergeType = (type: ResourceType, at: () => string) => {
    direct.push(...mergeNamed("resource_types", [lazyOrigin(type, at)], conflicts, seenTypes));
  };
  const typesOf = (items: readonly { type: unknown }[], where: string) => {
    for (let i = 0; i < items.length; i++) {
      const type = (items[i] as { type: unknown }).type;
      if (isNamedObject(type) && seenTypes.get(type.name)?.item !== (type as unknown)) {
        mergeType(type as unknown as ResourceType, typeAt(where, i));
      }
    }
  };
  typesOf(allResources, "resources");
  typesOf(resourceTypes, "resource_types");
  typesOf(allPrototypes, "prototypes");
  const typesOfCollapsed = (origins: readonly Origin<{ type: unknown }>[]) => {
    for (const { item, at: where } of origins) {
      if (isNamedObject(item.type)) mergeType(item.type as unknown as ResourceType, () => `${where}.type`);
    }
  };
  typesOfCollapsed(collapsed<Resource>("resources", resources));
  typesOfCollapsed(collapsed<ResourceType>("resource_types", resourceTypes));
  typesOfCollapsed(collapsed<Prototype>("prototypes", prototypes));
  // collected objects equal to an earlier one of their name
  const keptCollected = new Set<unknown>([...allResources, ...allPrototypes]);
  typesOfCollapsed(otherResources.filter(({ item }) => !keptCollected.has(item)));
  typesOfCollapsed(otherPrototypes.filter(({ item }) => !keptCollected.has(item)));
  collectedTypes.push(...direct);
  queueTypeOf(direct, "resource_types");
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
  const resourceNames = new Set(allResources.map((r) => r.name));
  const unknown = problems.filter((p) => p.resource === undefined || !resourceNames.has(p.resource));
  if (unknown.length > 0) {
    const references: UnknownReference[] = unknown.map((p) => {
      const hint =
        p.resource !== undefined
          ? didYouMeanSuffix(p.resource, resourceNames)
          : p.job !== undefined
            ? didYouMeanSuffix(p.job, walk.jobNames)
            : "";
      return { path: p.path(), message: `${p.message}${hint}` };
    });
    const lines = references.map((r) => `${formatPath(r.path)}: ${r.message}`);
    // the pipeline as built goes with the error, so that a tool (hangar's CLI) can report these as
    // findings beside everything else its validator finds
    throw Object.assign(
      new HangarError("pipeline/unknown-reference", `pipeline references undefined names:\n  ${lines.join("\n  ")}`),
      { references, pipeline: result },
    );
  }
  return result;
}

/** A name a step references that the pipeline does not define; its path is worked out when reported. */
interface Problem {
  readonly resource?: string;
  readonly job?: string;
  readonly path: () => Path;
  readonly message: string;
}

/**
 * One undefined name, as carried by the `pipeline/unknown-reference` error of {@link pipeline}
 * (`error.references`, with the pipeline as built in `error.pipeline`).
 */
export interface UnknownReference {
  readonly path: Path;
  /** `unknown resource 'sorce' (did you mean 'source'?)`. */
  readonly message: string;
}

/** What the walk over the jobs collects, and how it labels what it finds. */
interface Walk {
  /** A collected reference's place, for conflict messages. */
  readonly label: (path: Path, key: string) => string;
  /** Whether to check names (only for the pipeline's own jobs, not collapsed duplicates). */
  readonly check: boolean;
  readonly seenResources: Map<string, Origin<Resource>>;
  readonly seenPrototypes: Map<string, Origin<Prototype>>;
  readonly collectedResources: Resource[];
  readonly collectedPrototypes: Prototype[];
  /** Collected objects that are not the first object of their name (equal to it, or conflicting). */
  readonly otherResources: Origin<Resource>[];
  readonly otherPrototypes: Origin<Prototype>[];
  /** Conflicts among collected resources come before those among collected prototypes. */
  readonly resourceConflicts: Conflict[];
  readonly prototypeConflicts: Conflict[];
  readonly jobNames: readonly string[];
  readonly jobSet: ReadonlySet<string>;
  /** Unknown names in visiting order; a resource is only known to be missing once all are collected. */
  readonly problems: Problem[];
  /** Whether something has put a key `pipeline()` reads on `Object.prototype` (see {@link ownOnly}). */
  readonly prototypeAnswers: boolean;
}

/**
 * What the walk does at each step: collects the resources (get, put) and prototypes (run) it
 * references as objects, and checks its names. A plain function of the walk's state rather than a
 * closure made per call: optimised code that inlined a closure is thrown away once the closure is
 * collected, so each build would start slow again.
 */
function atStep(walk: Walk, s: Record<string, unknown>, kind: StepKind | undefined, where: Trail, own: boolean): void {
  if (kind === "get" || kind === "put") {
    collectResource(walk, s, "resource", where, own);
    collectResource(walk, s, kind, where, own);
    if (walk.check) checkStep(s, kind, where, own, walk.seenResources, walk.jobNames, walk.jobSet, walk.problems);
  } else if (kind === "run" && isNamedObject(s.type)) {
    const ref = s.type as unknown as Prototype;
    const at = () => walk.label(pathOf(where), "type");
    collect(
      "prototypes",
      ref,
      walk.seenPrototypes,
      walk.collectedPrototypes,
      walk.otherPrototypes,
      walk.prototypeConflicts,
      at,
    );
  }
}

function collectResource(walk: Walk, s: Record<string, unknown>, key: string, where: Trail, own: boolean): void {
  const ref = field(s, key, own);
  if (!isNamedObject(ref)) return;
  const at = () => walk.label(pathOf(where), key);
  const r = ref as unknown as Resource;
  collect("resources", r, walk.seenResources, walk.collectedResources, walk.otherResources, walk.resourceConflicts, at);
}

function collect<T extends Named>(
  section: "resources" | "prototypes",
  ref: T,
  seen: Map<string, Origin<T>>,
  into: T[],
  others: Origin<T>[],
  found: Conflict[],
  at: () => string,
): void {
  if (seen.get(ref.name)?.item === ref) return; // the very object already collected: the common case
  const origin = lazyOrigin(ref, at);
  const added = mergeNamed(section, [origin], found, seen);
  if (added.length > 0) into.push(...added);
  else others.push(origin);
}

/**
 * Records the unknown names of a get or put step: its resource when not among the resources seen so
 * far (checked again once all are collected), and each `passed` job that matches no job.
 */
function checkStep(
  s: Record<string, unknown>,
  kind: "get" | "put",
  where: Trail,
  own: boolean,
  seenResources: ReadonlyMap<string, unknown>,
  jobNames: readonly string[],
  jobSet: ReadonlySet<string>,
  problems: Problem[],
): void {
  const key = field(s, "resource", own) !== undefined ? "resource" : kind;
  const name = refName(field(s, key, own));
  if (name !== undefined && !seenResources.has(name)) {
    problems.push({ resource: name, path: () => [...pathOf(where), key], message: `unknown resource '${name}'` });
  }
  const passed = kind === "get" ? field(s, "passed", own) : undefined;
  if (Array.isArray(passed)) {
    passed.forEach((ref, i) => {
      const job = refName(ref);
      if (job === undefined) return;
      const known = isLiteralPathPattern(job) ? jobSet.has(job) : jobNames.some((n) => goPathMatch(job, n));
      if (!known) {
        problems.push({
          job,
          path: () => [...pathOf(where), "passed", i],
          message: `no matching job(s) for '${job}'`,
        });
      }
    });
  }
}

const typeAt = (where: string, i: number) => () => `${where}[${i}].type`;

/** An origin whose `at` is only worked out when a conflict message needs it. */
const lazyOrigin = <T>(item: T, at: () => string): Origin<T> => ({
  item,
  get at() {
    return at();
  },
});

/**
 * A step's place in the pipeline: a linked list of path segments from the step up to the top, shared
 * by sibling steps, so the path of a step costs nothing until a message needs it.
 */
interface Trail {
  readonly up: Trail | undefined;
  readonly seg: PathSegment;
}

const JOBS: Trail = { up: undefined, seg: "jobs" };

const trail = (up: Trail, seg: PathSegment): Trail => ({ up, seg });

function pathOf(where: Trail): Path {
  const path: PathSegment[] = [];
  for (let t: Trail | undefined = where; t !== undefined; t = t.up) path.push(t.seg);
  return path.reverse();
}

/** The keys `pipeline()` reads that steps and jobs mostly do not have. */
const OPTIONAL_KEYS = [...HOOK_KEYS, "resource", "passed", "type"];

/**
 * Whether `obj[key]` may be read as an own property only: true for plain objects (as steps and jobs
 * are) while nothing has put any of those keys on `Object.prototype`. Looking up an absent key on
 * objects of many shapes is slow, and most keys asked for (hooks, `resource`, `passed`) are absent.
 */
function ownOnly(obj: object, walk: Walk): boolean {
  const proto: unknown = Object.getPrototypeOf(obj);
  return proto === null || (proto === Object.prototype && !walk.prototypeAnswers);
}

/** `obj[key]`. */
const field = (obj: Record<string, unknown>, key: string, own: boolean): unknown =>
  own && !Object.hasOwn(obj, key) ? undefined : obj[key];

/**
 * Calls {@link atStep} for every step of `jobs` (plan steps and job hooks, nested steps included) in the
 * order and with the paths of `walkPipelineSteps`, without generators: `pipeline()` runs on every
 * build, and this walk is most of its work.
 */
function visitJobs(jobs: readonly unknown[], top: Trail, walk: Walk): void {
  for (let j = 0; j < jobs.length; j++) {
    const job = jobs[j];
    if (!isObject(job)) continue;
    const where = trail(top, j);
    visitSteps(job.plan, trail(where, "plan"), walk);
    const own = ownOnly(job, walk);
    for (const hook of HOOK_KEYS) {
      const h = field(job, hook, own);
      if (h !== undefined) visitStep(h, trail(where, hook), walk);
    }
  }
}

function visitSteps(steps: unknown, where: Trail, walk: Walk): void {
  if (!Array.isArray(steps)) return;
  for (let i = 0; i < steps.length; i++) visitStep(steps[i], trail(where, i), walk);
}

function visitStep(step: unknown, where: Trail, walk: Walk): void {
  if (!isObject(step)) return;
  const kind = stepKindOrUndefined(step);
  const own = ownOnly(step, walk);
  atStep(walk, step, kind, where, own);
  if (kind === "do") visitSteps(step.do, trail(where, "do"), walk);
  else if (kind === "try") visitStep(step.try, trail(where, "try"), walk);
  else if (kind === "in_parallel") {
    const p = step.in_parallel;
    if (Array.isArray(p)) visitSteps(p, trail(where, "in_parallel"), walk);
    else if (isObject(p)) visitSteps(p.steps, trail(trail(where, "in_parallel"), "steps"), walk);
  }
  for (const hook of HOOK_KEYS) {
    const h = field(step, hook, own);
    if (h !== undefined) visitStep(h, trail(where, hook), walk);
  }
}
