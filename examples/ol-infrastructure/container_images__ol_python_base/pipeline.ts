import { containerBuildTask, get, gitRepo, type Job, pipeline, registryImage } from "hangar";
import { runIfMain } from "hangar/script";
import { DOCKERHUB_LOGIN } from "../lib/constants.ts";
import { ecrImage, publishImageSteps } from "../lib/container-images/images.ts";

const PYTHON_VERSIONS = ["3.11", "3.12", "3.13", "3.14"] as const;

const infrastructureRepo = gitRepo({
  name: "ol-infrastructure",
  uri: "https://github.com/mitodl/ol-infrastructure",
  paths: ["dockerfiles/ol-python-base/Dockerfile"],
});

const slug = (version: string) => version.replace(".", "");

const images = PYTHON_VERSIONS.map((version) => ({
  version,
  dockerhub: registryImage({
    name: `ol-python-base-${slug(version)}-image`,
    imageRepository: "mitodl/ol-python-base",
    imageTag: version,
    ...DOCKERHUB_LOGIN,
  }),
  ecr: ecrImage({
    name: `ol-python-base-${slug(version)}-image-ecr`,
    repository: "mitodl/ol-python-base",
    tag: version,
  }),
}));

const buildJobs: Job[] = images.map(({ version, dockerhub, ecr }) => ({
  name: `build-and-publish-${version}`,
  public: true,
  plan: [
    get(infrastructureRepo, { trigger: true }),
    containerBuildTask({
      inputs: [{ name: infrastructureRepo.name }],
      buildParameters: {
        CONTEXT: `${infrastructureRepo.name}/dockerfiles/ol-python-base`,
        BUILD_ARG_PYTHON_VERSION: version,
        // Also an arm64 image (built under QEMU on the workers); with several platforms the build
        // writes an OCI layout directory, image/image, rather than a tarball.
        IMAGE_PLATFORM: "linux/amd64,linux/arm64",
      },
    }),
    ...publishImageSteps({
      ecrRepository: "mitodl/ol-python-base",
      images: [dockerhub, ecr],
      inputs: "detect",
      params: { image: "image/image" },
    }),
  ],
}));

const definition = {
  name: "ol-python-base-docker",
  target: "pr-inf",
  pipeline: pipeline({
    resources: [infrastructureRepo, ...images.map((i) => i.dockerhub), ...images.map((i) => i.ecr)],
    jobs: buildJobs,
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
