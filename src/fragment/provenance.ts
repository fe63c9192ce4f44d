import type { Named } from "../model/common.ts";

/**
 * Provenance: which factory (or `fragment()` call) made each job and resource of a pipeline, and
 * where the author called it. `hangar graph` outlines each fragment's nodes with it.
 *
 * It is kept beside the data, never in it. A fragment or pipeline carries its provenance under a
 * non-enumerable symbol-keyed property, so `render()`, `JSON.stringify`, deep equality and spreads
 * never see it, and definition.json is the same with or without it. The call site is captured with
 * `Error.captureStackTrace` when the factory runs: V8 records the frames then and formats them only
 * when `.stack` is first read, which only the graph does (bench: "provenance" rows).
 */

/** `Symbol.for`, so that copies of this module in separate bundles (the library and the CLI) agree. */
const PROVENANCE = Symbol.for("hangar.provenance");

/** One call of a factory: every job and resource it returned shares this object. */
export interface Origin {
  /** The factory called, e.g. `packerJobs` or `fragment`. */
  readonly factory: string;
  /** Holds the stack captured at the call, formatted lazily by V8 on first read. */
  readonly trace: { readonly stack?: string };
}

/** Where a factory was called. */
export interface CallSite {
  /** A path or `file://` URL, as the stack gives it. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** The origin of each job and resource, by name. */
export interface Provenance {
  readonly jobs: ReadonlyMap<string, Origin>;
  readonly resources: ReadonlyMap<string, Origin>;
}

/** What provenance is recorded for: anything with jobs and resources. */
interface Parts {
  readonly jobs?: readonly Named[] | undefined;
  readonly resources?: readonly Named[] | undefined;
}

/** A new origin for a call of `factory`; the stack starts at the caller of `callee` (the factory itself). */
// biome-ignore lint/complexity/noBannedTypes: captureStackTrace takes any function
export function captureOrigin(factory: string, callee: Function): Origin {
  const trace: { stack?: string } = {};
  Error.captureStackTrace(trace, callee);
  return { factory, trace };
}

/** The call site of an origin: the first frame of its stack, or `undefined` when there is none. */
export function callSiteOf(origin: Origin): CallSite | undefined {
  const frame = (origin.trace.stack ?? "").split("\n").find((line) => /^\s+at /.test(line));
  const match = frame?.match(/^\s+at (?:.*\()?(.+?):(\d+):(\d+)\)?$/);
  if (!match) return undefined;
  return { file: match[1] as string, line: Number(match[2]), col: Number(match[3]) };
}

/** The provenance a fragment or pipeline carries, if any. */
export function provenanceOf(value: unknown): Provenance | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  return Object.getOwnPropertyDescriptor(value, PROVENANCE)?.value as Provenance | undefined;
}

/** A shallow copy of `value` carrying `provenance` (not enumerable, so never rendered or compared). */
export function withProvenance<T extends object>(value: T, provenance: Provenance | undefined): T {
  if (provenance === undefined) return value;
  return Object.defineProperty({ ...value }, PROVENANCE, { value: provenance, enumerable: false });
}

/**
 * `value` (a copy) marked as made by one call of `factory`: each of its jobs and resources gets the
 * same new origin, replacing any origin from factories called inside it (the outermost call is the
 * one the author wrote).
 */
// biome-ignore lint/complexity/noBannedTypes: captureStackTrace takes any function
export function madeBy<T extends Parts>(value: T, factory: string, callee: Function): T {
  const origin = captureOrigin(factory, callee);
  const mark = (items: readonly Named[] = []) => new Map(items.map((item) => [item.name, origin]));
  return withProvenance(value, { jobs: mark(value.jobs), resources: mark(value.resources) });
}

/**
 * The provenance of parts combined by name (`mergeFragments`, `pipeline`): a name has the origin it
 * has in the first part that defines it, as that definition is the one kept (none when that part
 * has no provenance). `undefined` when no part has any.
 */
export function combinedProvenance(parts: readonly Parts[]): Provenance | undefined {
  const known = parts.map(provenanceOf);
  if (known.every((p) => p === undefined)) return undefined;
  const combine = (section: "jobs" | "resources") => {
    const seen = new Map<string, Origin | undefined>();
    parts.forEach((part, i) => {
      for (const { name } of part[section] ?? []) {
        if (!seen.has(name)) seen.set(name, known[i]?.[section].get(name));
      }
    });
    return new Map([...seen].filter((entry): entry is [string, Origin] => entry[1] !== undefined));
  };
  return { jobs: combine("jobs"), resources: combine("resources") };
}
