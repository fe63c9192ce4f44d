import { expectArrays, expectObject } from "../model/arguments.ts";
import type { Job } from "../model/job.ts";
import type { Resource } from "../model/resource.ts";
import type { ResourceType } from "../model/resource-type.ts";
import { madeBy } from "./provenance.ts";

/**
 * A piece of a pipeline: resource types, resources and jobs that belong together. Fragments are
 * combined with `mergeFragments()` and turned into a pipeline with `pipeline()`.
 */
export interface Fragment {
  readonly resource_types: readonly ResourceType[];
  readonly resources: readonly Resource[];
  readonly jobs: readonly Job[];
}

/** What {@link fragment} and `mergeFragments()` take: any of a fragment's parts, a missing or `undefined` one empty. */
export interface FragmentParts {
  readonly resource_types?: readonly ResourceType[] | undefined;
  readonly resources?: readonly Resource[] | undefined;
  readonly jobs?: readonly Job[] | undefined;
}

/**
 * A fragment from any of its three parts; missing parts are empty. Remembers where it was made (for
 * `hangar graph`; never part of the data).
 * @example fragment({ resources: [source], jobs: [build] })
 */
export function fragment(parts: FragmentParts = {}): Fragment {
  expectObject("fragment", "parts", parts);
  expectArrays("fragment", "parts", parts, ["resource_types", "resources", "jobs"]);
  const made = { resource_types: parts.resource_types ?? [], resources: parts.resources ?? [], jobs: parts.jobs ?? [] };
  return madeBy(made, "fragment", fragment);
}
