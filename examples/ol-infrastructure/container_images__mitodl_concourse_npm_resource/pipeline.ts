import { containerBuildTask, get, gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubImage, ecrImage, publishImageSteps } from "../lib/container-images/images.ts";

const resourceRepo = gitRepo({
  name: "mitodl-concourse-npm-resource",
  uri: "https://github.com/mitodl/concourse-npm-resource",
  branch: "master",
  checkEvery: "24h",
});
const dockerhub = dockerhubImage({
  name: "mitodl-concourse-npm-resource-image",
  repository: "mitodl/concourse-npm-resource",
});
const ecr = ecrImage({ name: "mitodl-concourse-npm-resource-image-ecr", repository: "mitodl/concourse-npm-resource" });

const definition = {
  name: "docker-mitodl-concourse-npm-resource",
  pipeline: pipeline({
    resources: [resourceRepo, dockerhub, ecr],
    jobs: [
      {
        name: "build-and-publish-container",
        plan: [
          get(resourceRepo, { trigger: true }),
          containerBuildTask({
            inputs: [{ name: resourceRepo.name }],
            buildParameters: { CONTEXT: resourceRepo.name },
          }),
          ...publishImageSteps({
            ecrRepository: "mitodl/concourse-npm-resource",
            images: [dockerhub, ecr],
            params: { image: "image/image.tar", additional_tags: `./${resourceRepo.name}/.git/describe_ref` },
          }),
        ],
      },
    ],
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
