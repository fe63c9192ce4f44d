import type { Tags } from "./common.ts";
import type { Step } from "./step.ts";

/**
 * How many builds' logs to keep.
 * @see https://concourse-ci.org/docs/jobs/#build_log_retention
 */
export interface BuildLogRetention {
  /** Keep the logs of this many most recent builds. */
  builds?: number;
  /** Of those, always keep at least this many succeeded builds. */
  minimum_succeeded_builds?: number;
  /** Keep logs of builds from the last this many days. */
  days?: number;
}

/**
 * A job: a build plan and the rules for when and how its builds run.
 * @see https://concourse-ci.org/docs/jobs/
 */
export interface Job {
  /** The job's name, unique in the pipeline. */
  name: string;
  /** The job's former name, so its build history is kept across a rename. */
  old_name?: string;
  /** The steps every build runs, in order. */
  plan: Step[];
  /** Run one build at a time (same as `max_in_flight: 1`). */
  serial?: boolean;
  /** Jobs sharing a serial group never run builds at the same time. */
  serial_groups?: string[];
  /** How many builds may run at the same time. */
  max_in_flight?: number;
  /** Deprecated: how many builds' logs to keep. Use `build_log_retention`. */
  build_logs_to_retain?: number;
  /** How many builds' logs to keep. */
  build_log_retention?: BuildLogRetention;
  /** Make the build logs visible to anyone who can see the pipeline. */
  public?: boolean;
  /** Forbid starting builds by hand (UI or `fly trigger-job`). */
  disable_manual_trigger?: boolean;
  /** Forbid re-running builds. */
  disable_reruns?: boolean;
  /** Let a worker being retired abort this job's builds instead of waiting. */
  interruptible?: boolean;
  /** Worker tags for every step of the job (Concourse 7.8+). */
  tags?: Tags;
  /** A step to run when a build succeeds. */
  on_success?: Step;
  /** A step to run when a build fails. */
  on_failure?: Step;
  /** A step to run when a build errors. */
  on_error?: Step;
  /** A step to run when a build is aborted. */
  on_abort?: Step;
  /** A step to run after every build, whatever happened. */
  ensure?: Step;
}
