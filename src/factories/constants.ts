/** The core resource type that fetches container images; custom resource types are fetched with it. */
export const REGISTRY_IMAGE = "registry-image";

/** The GitHub repository whose issues gate promotions between the stacks of a Pulumi job chain by default. */
export const GH_ISSUES_DEFAULT_REPOSITORY = "ol-platform-eng/concourse-workflow";
