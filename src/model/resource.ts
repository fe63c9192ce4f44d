import type { Duration, Params, Ref, Tags, Version } from "./common.ts";
import type { ResourceType } from "./resource-type.ts";

/**
 * A resource: an external, versioned thing that jobs `get` and `put`.
 * @see https://concourse-ci.org/docs/resources/
 */
export interface Resource<S extends Params = Params> {
  /** The name steps use to `get` or `put` this resource. */
  name: string;
  /** A core resource type (`git`, `registry-image`, `time`, ...) or a type from `resource_types`. */
  type: Ref<ResourceType> | string;
  /** The type-specific configuration of where the resource lives (Concourse does not require it). */
  source?: S;
  /** The resource's former name, so its version history is kept across a rename. */
  old_name?: string;
  /** Make the resource's metadata visible to anyone who can see the pipeline. */
  public?: boolean;
  /** A token that lets an outside service trigger a check through the webhook endpoint. */
  webhook_token?: string;
  /** How often to check for new versions (a duration, or `never`). Concourse's default is 1m. */
  check_every?: Duration | "never";
  /** How long a check may run before it is failed. Concourse's default is 1h. */
  check_timeout?: Duration;
  /** Worker tags for the resource's checks. */
  tags?: Tags;
  /** Pin the resource to this version. */
  version?: Version;
  /** The name of a Material Design icon shown for the resource in the web UI. */
  icon?: string;
  /** Make the name of the user who created a build available to puts (`BUILD_CREATED_BY`). */
  expose_build_created_by?: boolean;
}
