/** Values shared by the ol-infrastructure pipelines. */
import { type ImageResource, REGISTRY_IMAGE } from "hangar";

/** The repository whose GitHub issues gate promotions of Pulumi stacks. */
export const GH_ISSUES_DEFAULT_REPOSITORY = "ol-platform-eng/concourse-workflow";

/** How often github-issues resources that poll the enterprise GitHub appliance are checked. */
export const GH_ISSUES_ENTERPRISE_POLL_FREQUENCY = "4h";

/** The AWS region of the ECR pull-through cache for Docker Hub images. */
export const ECR_REGION = "us-east-1";

/**
 * The repository of a Docker Hub image in the ECR pull-through cache; official images
 * (no namespace) live under `library/`.
 * @example dockerhubEcrImageUri("alpine") // "dockerhub/library/alpine"
 */
export function dockerhubEcrImageUri(imageRepo: string): string {
  return `dockerhub/${imageRepo.includes("/") ? imageRepo : `library/${imageRepo}`}`;
}

/** Where the Pulumi projects live in the repository. */
export const PULUMI_CODE_PATH = "src/ol_infrastructure";

/** Where the pipeline scripts live in the repository. */
export const PIPELINES_DIR = "src/ol_concourse/pipelines";

/**
 * A Docker Hub image, pulled through the ECR cache, as a task's `image_resource`.
 * @example dockerhubCachedImage("postgres", "12")
 */
export function dockerhubCachedImage(imageRepo: string, tag?: string): ImageResource {
  return {
    type: REGISTRY_IMAGE,
    source: { repository: dockerhubEcrImageUri(imageRepo), ...(tag !== undefined && { tag }), aws_region: ECR_REGION },
  };
}

/** The team's Docker Hub credentials, as the `username` and `password` of a registry-image source. */
export const DOCKERHUB_LOGIN = { username: "((dockerhub.username))", password: "((dockerhub.password))" };
