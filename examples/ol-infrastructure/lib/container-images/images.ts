import {
  ensureEcrTask,
  type PutStep,
  put,
  REGISTRY_IMAGE,
  type RegistryImagePutParams,
  type RegistryImageSource,
  type Resource,
  registryImage,
  type Step,
  type TaskStep,
} from "hangar";
import { ECR_REGION } from "../constants.ts";
import { configureEcrRepositoryTask } from "./ecr.ts";

/** Options of {@link dockerhubImage} and {@link ecrImage}. */
export interface ImageOptions {
  /** The resource's name. */
  name: string;
  /** The image repository, such as `mitodl/dcind`. */
  repository: string;
  /** @default "latest" */
  tag?: string;
}

/**
 * A Docker Hub image that builds push to, with the team's Docker Hub credentials.
 * @example dockerhubImage({ name: "dcind-image", repository: "mitodl/dcind" })
 */
export function dockerhubImage({
  name,
  repository,
  tag = "latest",
}: Readonly<ImageOptions>): Resource<RegistryImageSource> {
  return {
    name,
    type: REGISTRY_IMAGE,
    icon: "docker",
    source: { repository, tag, password: "((dockerhub.password))", username: "((dockerhub.username))" },
  };
}

/**
 * The ECR copy of an image, reached with the worker's AWS credentials.
 * @example ecrImage({ name: "dcind-image-ecr", repository: "mitodl/dcind" })
 */
export function ecrImage({ name, repository, tag = "latest" }: Readonly<ImageOptions>): Resource<RegistryImageSource> {
  return registryImage({ name, imageRepository: repository, imageTag: tag, ecrRegion: ECR_REGION });
}

/**
 * Make sure an ECR repository exists, then turn on scan-on-push and expire old images.
 * @example ecrRepositorySteps("mitodl/dcind")
 */
export function ecrRepositorySteps(ecrRepository: string): TaskStep[] {
  return [ensureEcrTask({ ecrRepoName: ecrRepository }), configureEcrRepositoryTask({ repoName: ecrRepository })];
}

/** Options of {@link publishImageSteps}. */
export interface PublishImageStepsOptions {
  /** The ECR repository to create and configure when missing (`mitodl/dcind`). */
  ecrRepository: string;
  /** The image resources to push to, in order. */
  images: readonly Resource[];
  /** What every put pushes: the image tarball (or OCI layout) and the file of extra tags. */
  params: RegistryImagePutParams;
  /** Which artifacts the puts receive. */
  inputs?: PutStep["inputs"];
}

/**
 * The end of an image build job: make sure the ECR repository exists and is configured, then push
 * the built image to each of `images`.
 * @example publishImageSteps({ ecrRepository: "mitodl/dcind", images: [hub, ecr], params: { image: "image/image.tar" } })
 */
export function publishImageSteps({
  ecrRepository,
  images,
  params,
  inputs,
}: Readonly<PublishImageStepsOptions>): Step[] {
  return [
    ...ecrRepositorySteps(ecrRepository),
    ...images.map((image) => put(image, { ...(inputs !== undefined && { inputs }), params: { ...params } })),
  ];
}
