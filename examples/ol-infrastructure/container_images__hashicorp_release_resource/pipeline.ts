import { containerBuildTask, get, gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubImage, ecrImage, publishImageSteps } from "../lib/container-images/images.ts";

const resourceRepo = gitRepo({
  name: "hashicorp-release-resource",
  uri: "https://github.com/mitodl/hashicorp-release-resource",
  branch: "master",
  checkEvery: "24h",
});
const dockerhub = dockerhubImage({
  name: "hashicorp-release-resource-image",
  repository: "mitodl/hashicorp-release-resource",
});
const ecr = ecrImage({ name: "hashicorp-release-resource-image-ecr", repository: "mitodl/hashicorp-release-resource" });

const definition = {
  name: "docker-hashicorp-release-resource-image",
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
            ecrRepository: "mitodl/hashicorp-release-resource",
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
