import type { Ref } from "./common.ts";
import type { Job } from "./job.ts";
import type { Resource } from "./resource.ts";

/**
 * A tab of the pipeline's web view, showing some of its jobs.
 * @see https://concourse-ci.org/docs/pipelines/grouping-pipelines/
 */
export interface Group {
  /** The tab's name. */
  name: string;
  /** The jobs shown (names may be globs). */
  jobs?: Ref<Job>[];
  /** Deprecated by Concourse, still parsed: resources shown. */
  resources?: Ref<Resource>[];
}
