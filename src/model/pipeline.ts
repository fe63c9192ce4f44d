import type { Group } from "./group.ts";
import type { Job } from "./job.ts";
import type { Resource } from "./resource.ts";
import type { Prototype, ResourceType } from "./resource-type.ts";
import type { VarSource } from "./var-source.ts";

/**
 * How the pipeline looks in the web UI.
 * @see https://concourse-ci.org/docs/pipelines/#display
 */
export interface Display {
  /** A URL of an image shown behind the pipeline. */
  background_image?: string;
  /** A CSS filter applied to the background image. */
  background_filter?: string;
}

/**
 * A whole pipeline config, as `fly set-pipeline` reads it.
 * @see https://concourse-ci.org/docs/pipelines/
 */
export interface Pipeline {
  /** The jobs. A pipeline needs at least one. */
  jobs: Job[];
  /** The resources jobs get and put. */
  resources?: Resource[];
  /** The custom resource types resources use. */
  resource_types?: ResourceType[];
  /** The prototypes `run` steps use. */
  prototypes?: Prototype[];
  /** The credential managers the pipeline reads vars from. */
  var_sources?: VarSource[];
  /** Tabs of the web view. */
  groups?: Group[];
  /** How the pipeline looks in the web UI. */
  display?: Display;
}
