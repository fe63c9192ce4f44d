import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { TaskInput, TaskStep } from "../../model/index.ts";

/** Options of {@link containerBuildTask}. */
export interface ContainerBuildTaskOptions {
  /** The artifacts the build reads (the build context among them). */
  inputs: readonly TaskInput[];
  /** The build's params, such as `{ CONTEXT: "app-code", DOCKERFILE: "app-code/Dockerfile" }`; `null` for none. */
  buildParameters: Readonly<Record<string, string>> | null;
  /** Arguments of the task image's `build` command. @default [] */
  buildArgs?: readonly string[] | undefined;
}

const CONTAINER_BUILD_TASK_OPTIONS: OptionKinds<ContainerBuildTaskOptions> = {
  inputs: "array",
  buildParameters: "object|null",
  buildArgs: "string[]?",
};

/**
 * A privileged task that builds a container image with `concourse/oci-build-task`, caching layers in
 * `cache`; the image tarball is written to the `image` output.
 * @example containerBuildTask({ inputs: [{ name: "app-code" }], buildParameters: { CONTEXT: "app-code" } })
 * @see https://github.com/concourse/oci-build-task
 */
export function containerBuildTask(options: Readonly<ContainerBuildTaskOptions>): TaskStep {
  const {
    inputs,
    buildParameters,
    buildArgs = [],
  } = checkOptions("containerBuildTask", options, CONTAINER_BUILD_TASK_OPTIONS);
  return {
    task: "build-container-image",
    privileged: true,
    config: {
      platform: "linux",
      image_resource: { type: "registry-image", source: { repository: "concourse/oci-build-task" } },
      ...(buildParameters ? { params: { ...buildParameters } } : {}),
      caches: [{ path: "cache" }],
      run: { path: "build", args: [...buildArgs] },
      inputs: inputs.map((input) => ({ ...input })),
      outputs: [{ name: "image" }],
    },
  };
}
