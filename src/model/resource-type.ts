import type { Duration, Params, Ref, Tags } from "./common.ts";

/**
 * A custom resource type: a container image that implements `check`, `in` and `out`.
 * @see https://concourse-ci.org/docs/resource-types/
 */
export interface ResourceType<S extends Params = Params> {
  /** The name resources use in their `type` field. */
  name: string;
  /** The type of the resource that provides the image, usually `registry-image`, or another custom type. */
  type: Ref<ResourceType> | string;
  /** Where to find the image, passed to the `type`'s resource. */
  source: S;
  /** Default `source` values merged into every resource of this type. */
  defaults?: Params;
  /** Run the type's containers with full privileges. */
  privileged?: boolean;
  /** How often to check for new versions of the type's image (a duration or `never`). */
  check_every?: Duration | "never";
  /** Worker tags for the checks and fetches of the type's image. */
  tags?: Tags;
  /** Params passed when fetching the type's image. */
  params?: Params;
}

/**
 * A prototype: an image that implements the prototype protocol, used by `run` steps.
 * @see https://concourse-ci.org/docs/prototypes/
 */
export interface Prototype<S extends Params = Params> {
  /** The name `run` steps use in their `type` field. */
  name: string;
  /** The type of the resource that provides the image, usually `registry-image`. */
  type: Ref<ResourceType> | string;
  /** Where to find the image. */
  source: S;
  /** Default values merged into the params of every run of this prototype. */
  defaults?: Params;
  /** Run the prototype's containers with full privileges. */
  privileged?: boolean;
  /** How often to check for new versions of the prototype's image. */
  check_every?: Duration | "never";
  /** Worker tags for the prototype's containers. */
  tags?: Tags;
  /** Params passed when fetching the prototype's image. */
  params?: Params;
}
