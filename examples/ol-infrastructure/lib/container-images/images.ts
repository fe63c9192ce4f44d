import {
  containerBuildTask,
  ensureEcrTask,
  type Fragment,
  fragment,
  get,
  type Job,
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
import { DOCKERHUB_LOGIN, ECR_REGION } from "../constants.ts";
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
    source: { repository, tag, ...DOCKERHUB_LOGIN },
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

/** Options of {@link imageBuild}. */
export interface ImageBuildOptions {
  /** The repository holding the image's Dockerfile; each new version of it triggers the build. */
  source: Resource;
  /** The image repository, the same on Docker Hub and in ECR (`mitodl/dcind`). */
  repository: string;
  /** The name of the Docker Hub image resource; the ECR one is named `<imageName>-ecr`. */
  imageName: string;
  /** @default "build-and-publish-container" */
  jobName?: string;
  /** Steps between getting `source` and the build, such as getting and preparing more inputs. @default [] */
  prepare?: readonly Step[];
  /** The artifacts the build reads besides `source` (outputs of `prepare`). @default [] */
  moreInputs?: readonly string[];
  /** The build's params (see `containerBuildTask`). @default { CONTEXT: source.name } */
  buildParameters?: Readonly<Record<string, string>>;
  /** The file of extra tags pushed with the image, or `false` for none. @default `./<source>/.git/describe_ref` */
  additionalTags?: string | false;
  /** Which artifacts the pushes receive. */
  putInputs?: PutStep["inputs"];
}

/** The image build: its job, and the Docker Hub and ECR images it pushes to. */
export interface ImageBuild extends Fragment {
  readonly job: Job;
  readonly dockerhub: Resource<RegistryImageSource>;
  readonly ecr: Resource<RegistryImageSource>;
}

/**
 * One job that builds a container image from `source` whenever it changes and pushes it to Docker Hub
 * and to ECR (creating and configuring the ECR repository when missing).
 * @example pipeline(imageBuild({ source: appRepo, repository: "mitodl/app", imageName: "app-image" }))
 */
export function imageBuild({
  source,
  repository,
  imageName,
  jobName = "build-and-publish-container",
  prepare = [],
  moreInputs = [],
  buildParameters = { CONTEXT: source.name },
  additionalTags = `./${source.name}/.git/describe_ref`,
  putInputs,
}: Readonly<ImageBuildOptions>): ImageBuild {
  const dockerhub = dockerhubImage({ name: imageName, repository });
  const ecr = ecrImage({ name: `${imageName}-ecr`, repository });
  const job: Job = {
    name: jobName,
    plan: [
      get(source, { trigger: true }),
      ...prepare,
      containerBuildTask({
        inputs: [source.name, ...moreInputs].map((name) => ({ name })),
        buildParameters: { ...buildParameters },
      }),
      ...publishImageSteps({
        ecrRepository: repository,
        images: [dockerhub, ecr],
        ...(putInputs !== undefined && { inputs: putInputs }),
        params: { image: "image/image.tar", ...(additionalTags !== false && { additional_tags: additionalTags }) },
      }),
    ],
  };
  return { ...fragment({ resources: [source, dockerhub, ecr], jobs: [job] }), job, dockerhub, ecr };
}
