/**
 * The JSON fields of the pipeline's structs that Concourse decodes strictly (atc/config.go, atc/job_config.go):
 * `atc.UnmarshalConfig`, which `set-pipeline` runs on the server, first keeps only {@link CONFIG_FIELDS} of the
 * top level (so any other top-level key is dropped without a word), then decodes the rest with unknown fields
 * disallowed, so an unknown key in any of these structs fails the request with `json: unknown field "x"`.
 * `fly validate-pipeline` reads them the same way only with `--strict`. Steps and task configs are decoded by
 * their own `UnmarshalJSON` (their unknown keys are the StepValidator's, see step-fields.ts).
 */

/** `atc.Config`: the keys of a pipeline's top level that set-pipeline keeps. */
export const CONFIG_FIELDS = [
  "groups",
  "var_sources",
  "resources",
  "resource_types",
  "prototypes",
  "jobs",
  "display",
  "user_data",
] as const;

/** `atc.JobConfig`. */
export const JOB_FIELDS = [
  "name",
  "old_name",
  "public",
  "disable_manual_trigger",
  "disable_reruns",
  "serial",
  "interruptible",
  "serial_groups",
  "max_in_flight",
  "tags",
  "build_logs_to_retain",
  "build_log_retention",
  "on_success",
  "on_failure",
  "on_abort",
  "on_error",
  "ensure",
  "plan",
] as const;

/** `atc.BuildLogRetention`, a job's `build_log_retention`. */
export const BUILD_LOG_RETENTION_FIELDS = ["builds", "minimum_succeeded_builds", "days"] as const;

/** `atc.GroupConfig`. */
export const GROUP_FIELDS = ["name", "jobs", "resources"] as const;

/** `atc.VarSourceConfig`. */
export const VAR_SOURCE_FIELDS = ["name", "type", "config"] as const;

/** `atc.ResourceConfig`. */
export const RESOURCE_FIELDS = [
  "name",
  "old_name",
  "public",
  "webhook_token",
  "type",
  "source",
  "check_every",
  "check_timeout",
  "tags",
  "version",
  "icon",
  "expose_build_created_by",
] as const;

/** `atc.ResourceType` and `atc.Prototype` (the same fields). */
export const RESOURCE_TYPE_FIELDS = [
  "name",
  "type",
  "source",
  "defaults",
  "privileged",
  "check_every",
  "tags",
  "params",
] as const;

/** `atc.DisplayConfig`. */
export const DISPLAY_FIELDS = ["background_image", "background_filter"] as const;

/**
 * The fields of these structs that Concourse leaves out of a config it encodes (as the server stores it, and fly
 * compares it) when they hold their zero value: `omitempty`, not a pointer (atc/config.go, atc/job_config.go).
 */
export const OMIT_EMPTY_FIELDS = {
  group: ["jobs", "resources"],
  resource: [
    "old_name",
    "public",
    "webhook_token",
    "check_timeout",
    "tags",
    "version",
    "icon",
    "expose_build_created_by",
  ],
  resourceType: ["defaults", "privileged", "tags", "params"],
  job: [
    "old_name",
    "public",
    "disable_manual_trigger",
    "disable_reruns",
    "serial",
    "interruptible",
    "serial_groups",
    "max_in_flight",
    "tags",
    "build_logs_to_retain",
  ],
  display: ["background_image", "background_filter"],
} as const satisfies {
  readonly group: readonly GroupField[];
  readonly resource: readonly ResourceField[];
  readonly resourceType: readonly ResourceTypeField[];
  readonly job: readonly JobField[];
  readonly display: readonly DisplayField[];
};

export type ConfigField = (typeof CONFIG_FIELDS)[number];
export type JobField = (typeof JOB_FIELDS)[number];
export type BuildLogRetentionField = (typeof BUILD_LOG_RETENTION_FIELDS)[number];
export type GroupField = (typeof GROUP_FIELDS)[number];
export type VarSourceField = (typeof VAR_SOURCE_FIELDS)[number];
export type ResourceField = (typeof RESOURCE_FIELDS)[number];
export type ResourceTypeField = (typeof RESOURCE_TYPE_FIELDS)[number];
export type DisplayField = (typeof DISPLAY_FIELDS)[number];

/** A struct decoded strictly inside the pipeline, where it sits, and its fields. */
export interface StrictStruct {
  /** The top-level section holding a list of these structs, or the single struct (`display`). */
  readonly section: "jobs" | "groups" | "var_sources" | "resources" | "resource_types" | "prototypes" | "display";
  /** The key of a struct nested in each entry (a job's `build_log_retention`), when it is not the entry itself. */
  readonly nested?: string;
  readonly fields: readonly string[];
}

/** Every strictly decoded struct below the top level. */
export const STRICT_STRUCTS: readonly StrictStruct[] = [
  { section: "groups", fields: GROUP_FIELDS },
  { section: "var_sources", fields: VAR_SOURCE_FIELDS },
  { section: "resources", fields: RESOURCE_FIELDS },
  { section: "resource_types", fields: RESOURCE_TYPE_FIELDS },
  { section: "prototypes", fields: RESOURCE_TYPE_FIELDS },
  { section: "jobs", fields: JOB_FIELDS },
  { section: "jobs", nested: "build_log_retention", fields: BUILD_LOG_RETENTION_FIELDS },
  { section: "display", fields: DISPLAY_FIELDS },
];
