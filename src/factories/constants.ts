/** The core resource type that fetches container images; custom resource types are fetched with it. */
export const REGISTRY_IMAGE = "registry-image";

/** The GitHub repository whose issues gate promotions between the stacks of a Pulumi job chain by default. */
export const GH_ISSUES_DEFAULT_REPOSITORY = "ol-platform-eng/concourse-workflow";

/** The image `bumpVersionTask` runs in by default: ol-concourse's task image (with git and bumpver). */
export const TASK_IMAGE = {
  type: REGISTRY_IMAGE,
  source: { repository: "ghcr.io/mitodl/ol-concourse-task", tag: "latest" },
} as const;
