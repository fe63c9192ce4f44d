import {
  containerBuildTask,
  fragment,
  get,
  gitRepo,
  type Job,
  pipeline,
  put,
  REGISTRY_IMAGE,
  registryImage,
  type Step,
  type TaskStep,
  task,
} from "hangar";
import { runIfMain } from "hangar/script";
import { DOCKERHUB_LOGIN } from "../lib/constants.ts";
import { ecrImage, ecrRepositorySteps } from "../lib/container-images/images.ts";
import { DEFAULT_GRADER_PYTHON_VERSION, GRADER_BASE_IMAGE_REPOSITORY } from "../lib/open-edx/grader-images.ts";

// One image per Python version the graders run on; the default version is also tagged `latest`.
const PYTHON_VERSIONS = ["3.12", "3.13", "3.14"] as const;
const slug = (version: string) => version.replace(".", "");

const xqwatcherRepo = gitRepo({
  name: "xqueue-watcher-code",
  uri: "https://github.com/mitodl/xqueue-watcher",
  branch: "master",
  paths: ["grader_support/"],
});

const images = PYTHON_VERSIONS.map((version) => ({
  version,
  dockerhub: registryImage({
    name: `grader-base-dockerhub-py${slug(version)}`,
    imageRepository: GRADER_BASE_IMAGE_REPOSITORY,
    imageTag: version,
    ...DOCKERHUB_LOGIN,
  }),
  ecr: ecrImage({ name: `grader-base-ecr-py${slug(version)}`, repository: GRADER_BASE_IMAGE_REPOSITORY, tag: version }),
}));
const dockerhubLatest = registryImage({
  name: "grader-base-dockerhub-latest",
  imageRepository: GRADER_BASE_IMAGE_REPOSITORY,
  ...DOCKERHUB_LOGIN,
});
const ecrLatest = ecrImage({ name: "grader-base-ecr-latest", repository: GRADER_BASE_IMAGE_REPOSITORY });

/**
 * Writes the extra tag of one version's image: every job builds the same commit, so a plain
 * `describe_ref` tag would be pushed by all of them; the Python version suffix keeps them apart.
 */
function versionTagTask(version: string): TaskStep {
  return task(`collect-tags-py${slug(version)}`, {
    config: {
      platform: "linux",
      inputs: [{ name: xqwatcherRepo.name }],
      outputs: [{ name: "tags" }],
      image_resource: { type: REGISTRY_IMAGE, source: { repository: "busybox", tag: "latest" } },
      run: {
        path: "sh",
        args: [
          "-exc",
          `echo "$(cat ./${xqwatcherRepo.name}/.git/describe_ref)-py${slug(version)}" > tags/additional_tags`,
        ],
      },
    },
  });
}

const buildJobs: Job[] = images.map(({ version, dockerhub, ecr }) => {
  const latest: Step[] =
    version === DEFAULT_GRADER_PYTHON_VERSION
      ? [dockerhubLatest, ecrLatest].map((image) => put(image, { params: { image: "image/image.tar" } }))
      : [];
  return {
    name: `build-grader-base-image-py${slug(version)}`,
    plan: [
      get(xqwatcherRepo, { trigger: true }),
      containerBuildTask({
        inputs: [{ name: xqwatcherRepo.name }],
        buildParameters: {
          CONTEXT: xqwatcherRepo.name,
          DOCKERFILE: `${xqwatcherRepo.name}/grader_support/Dockerfile.base`,
          BUILD_ARG_PYTHON_VERSION: version,
        },
      }),
      ...ecrRepositorySteps(GRADER_BASE_IMAGE_REPOSITORY),
      versionTagTask(version),
      // Docker Hub first: wrong credentials fail the build before anything reaches ECR.
      ...[dockerhub, ecr].map((image) =>
        put(image, { inputs: "all", params: { image: "image/image.tar", additional_tags: "tags/additional_tags" } }),
      ),
      ...latest,
    ],
  };
});

const definition = {
  name: "build-grader-base-image",
  pipeline: pipeline(
    fragment({
      resources: [
        xqwatcherRepo,
        ...images.map((i) => i.dockerhub),
        ...images.map((i) => i.ecr),
        dockerhubLatest,
        ecrLatest,
      ],
      jobs: buildJobs,
    }),
  ),
};

export default definition;
await runIfMain(import.meta.url, definition);
