import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import { compact, type Duration, type Params } from "../../model/common.ts";
import type { Resource } from "../../model/resource.ts";

/**
 * Source of a `time` resource.
 * @see https://github.com/concourse/time-resource#source-configuration
 */
export interface TimeSource extends Params {
  /** A new version after this long, such as `1h`. */
  interval?: Duration;
  /** Start of the daily window, such as `8:00 PM` or `20:00`. */
  start?: string;
  /** End of the daily window. */
  stop?: string;
  /** Only on these days (`Monday` ... `Sunday`). */
  days?: string[];
  /** The time zone of `start` and `stop`, such as `America/New_York`. */
  location?: string;
  /** Emit the first version right away instead of at the first interval. */
  initial_version?: boolean;
}

/** Options of {@link schedule}. */
export interface ScheduleOptions {
  /** The resource's name. */
  name: string;
  /** A new version after this long, such as `1h`. */
  interval?: Duration | undefined;
  /** Start of the daily window (`HH:MM`). */
  start?: string | undefined;
  /** End of the daily window (`HH:MM`). */
  stop?: string | undefined;
  /** Only on these days, such as `["Monday", "Friday"]`. */
  days?: readonly string[] | undefined;
}

const SCHEDULE_OPTIONS: OptionKinds<ScheduleOptions> = {
  name: "string",
  interval: "string?",
  start: "string?",
  stop: "string?",
  days: "string[]?",
};

/**
 * A `time` resource that produces a new version on a schedule, to trigger jobs periodically.
 * @example schedule({ name: "nightly", start: "02:00", stop: "03:00" })
 * @see https://github.com/concourse/time-resource
 */
export function schedule(options: Readonly<ScheduleOptions>): Resource<TimeSource> {
  const { name, interval, start, stop, days } = checkOptions("schedule", options, SCHEDULE_OPTIONS);
  return {
    name,
    type: "time",
    icon: "clock",
    source: compact({ interval, start, stop, days: days && [...days] }),
  };
}
