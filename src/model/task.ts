import type { Duration, Params, Tags, Version } from "./common.ts";

/** Linux, darwin, windows, or any platform a worker advertises. */
export type Platform = "linux" | "darwin" | "windows" | (string & {});

/**
 * The image a task runs in, fetched through a resource type.
 * @see https://concourse-ci.org/docs/tasks/#image_resource
 */
export interface ImageResource<S extends Params = Params> {
  /** A name for the image in the build's output (optional since Concourse 7). */
  name?: string;
  /** The resource type that fetches the image, usually `registry-image`. */
  type: string;
  /** Where the image lives. */
  source: S;
  /** A specific version of the image to use. */
  version?: Version;
  /** Params passed when fetching the image. */
  params?: Params;
  /** Worker tags for fetching the image. */
  tags?: Tags;
}

/**
 * CPU and memory limits of a container.
 * @see https://concourse-ci.org/docs/tasks/#container_limits
 */
export interface ContainerLimits {
  /** CPU shares (a relative weight). */
  cpu?: number | string;
  /** Memory limit, in bytes or with a unit such as `1GB`. */
  memory?: number | string;
}

/**
 * An artifact a task reads.
 * @see https://concourse-ci.org/docs/tasks/#inputs
 */
export interface TaskInput {
  /** The artifact's name in the build plan. */
  name: string;
  /** Where the artifact is placed in the task's working directory (defaults to `name`). */
  path?: string;
  /** Run the task even when no artifact of this name is present. */
  optional?: boolean;
}

/**
 * An artifact a task writes, available to later steps under its name.
 * @see https://concourse-ci.org/docs/tasks/#outputs
 */
export interface TaskOutput {
  /** The artifact's name in the build plan. */
  name: string;
  /** The directory the task writes it to (defaults to `name`). */
  path?: string;
}

/**
 * A directory kept between runs of the same task on the same worker.
 * @see https://concourse-ci.org/docs/tasks/#caches
 */
export interface TaskCache {
  /** The directory, relative to the task's working directory. */
  path: string;
  /**
   * How long the cache is kept once unused: a Go duration of at least 1s (`72h`). Unset, the web node's default (no
   * expiry, unless its operator set one).
   */
  ttl?: Duration;
}

/**
 * The command a task runs.
 * @see https://concourse-ci.org/docs/tasks/#run
 */
export interface TaskRunConfig {
  /** The program to execute: a path in the image, or relative to the working directory. */
  path: string;
  /** Its arguments. */
  args?: string[];
  /** The working directory, relative to the build's root. */
  dir?: string;
  /** The user to run as (defaults to the image's user). */
  user?: string;
}

/**
 * What a task needs to run: its image, inputs, outputs, environment and command.
 * @see https://concourse-ci.org/docs/tasks/
 */
export interface TaskConfig {
  /** The worker platform the task runs on. */
  platform: Platform;
  /** The image the task runs in, fetched through a resource type. */
  image_resource?: ImageResource;
  /** A raw rootfs URI instead of an image resource (rarely used). */
  rootfs_uri?: string;
  /** CPU and memory limits. */
  container_limits?: ContainerLimits;
  /** Environment variables; values are strings (Concourse converts other scalars). */
  params?: Record<string, unknown>;
  /** The command to run. */
  run: TaskRunConfig;
  /** Artifacts the task reads. */
  inputs?: TaskInput[];
  /** Artifacts the task writes. */
  outputs?: TaskOutput[];
  /** Directories kept between runs. */
  caches?: TaskCache[];
}
