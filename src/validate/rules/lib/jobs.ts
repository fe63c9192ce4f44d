/** The jobs of a pipeline with Go's view of the fields validateJobs reads. */

import { locationIdentifier } from "../../../concourse/config-location.ts";
import { goInt } from "../../../concourse/go-value.ts";
import { isObject } from "../../../model/common.ts";
import type { SharedContext } from "../../define-rule.ts";
import { sectionEntries } from "./sections.ts";
import { has, type Obj } from "./values.ts";

export interface JobEntry {
  readonly job: Obj;
  readonly index: number;
  /** `jobs.NAME`, or `jobs[i]` for a nameless job. */
  readonly identifier: string;
}

/** The jobs whose name Go can read (shared by the rules, once per run). */
export const jobEntries = (ctx: SharedContext): readonly JobEntry[] => ctx.shared(readJobEntries);

function readJobEntries(ctx: SharedContext): JobEntry[] {
  return sectionEntries(ctx, "jobs")
    .filter((e) => e.name !== undefined)
    .map((e) => ({ job: e.value, index: e.index, identifier: locationIdentifier("jobs", e.index, e.name as string) }));
}

/** `build_log_retention` as Go's pointer: undefined when absent or null, else its fields (non-integers as undefined). */
export function buildLogRetention(
  job: Obj,
): { builds: number | undefined; days: number | undefined; minimum: number | undefined } | undefined {
  if (!has(job, "build_log_retention") || job.build_log_retention === null) return undefined;
  const r = isObject(job.build_log_retention) ? job.build_log_retention : {};
  return { builds: goInt(r.builds), days: goInt(r.days), minimum: goInt(r.minimum_succeeded_builds) };
}
