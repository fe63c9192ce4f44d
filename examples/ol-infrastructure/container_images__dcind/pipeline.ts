import { containerBuildTask, get, githubRelease, gitRepo, pipeline, REGISTRY_IMAGE, task } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubEcrImageUri, ECR_REGION } from "../lib/constants.ts";
import { dockerhubImage, ecrImage, publishImageSteps } from "../lib/container-images/images.ts";

const infrastructureRepo = gitRepo({
  name: "ol-infrastructure-repository",
  uri: "https://github.com/mitodl/ol-infrastructure",
  checkEvery: "24h",
  paths: ["dockerfiles/dcind/"],
});

const daggerRelease = githubRelease({
  name: "dagger-release-binary",
  owner: "dagger",
  repository: "dagger",
  orderBy: "time",
  githubToken: "",
});

const dockerhub = dockerhubImage({ name: "dcind-release-resource-image", repository: "mitodl/dcind" });
const ecr = ecrImage({ name: "dcind-release-resource-image-ecr", repository: "mitodl/dcind" });

// The build arg and the extra image tag both come from the dagger release's version number.
const semver = String.raw`grep -Eo '[0-9]+\.[0-9]+\.[0-9]+'`;
const indent = " ".repeat(32);
const collectDaggerVersion = task("collect-dagger-version", {
  config: {
    platform: "linux",
    image_resource: {
      type: REGISTRY_IMAGE,
      source: { repository: dockerhubEcrImageUri("alpine"), tag: "3", aws_region: ECR_REGION },
    },
    inputs: [{ name: daggerRelease.name }],
    outputs: [{ name: "dagger-version" }],
    run: {
      path: "sh",
      args: [
        "-xc",
        `echo "DAGGER_VERSION=$(cat ${daggerRelease.name}/tag | ${semver})" > dagger-version/args_file;\n` +
          `${indent}echo "$(cat ${daggerRelease.name}/tag | ${semver})" > dagger-version/tag_file;\n${indent}`,
      ],
    },
  },
});

const definition = {
  name: "dcind-resource-image",
  target: "pr-inf",
  pipeline: pipeline({
    resources: [infrastructureRepo, daggerRelease, dockerhub, ecr],
    jobs: [
      {
        name: "build-and-publish-container",
        plan: [
          get(infrastructureRepo, { trigger: true }),
          get(daggerRelease, { trigger: true }),
          collectDaggerVersion,
          containerBuildTask({
            inputs: [{ name: infrastructureRepo.name }, { name: "dagger-version" }],
            buildParameters: {
              CONTEXT: `${infrastructureRepo.name}/dockerfiles/dcind`,
              BUILD_ARGS_FILE: "dagger-version/args_file",
            },
          }),
          ...publishImageSteps({
            ecrRepository: "mitodl/dcind",
            images: [dockerhub, ecr],
            inputs: "detect",
            params: { image: "image/image.tar", additional_tags: "./dagger-version/tag_file" },
          }),
        ],
      },
    ],
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
