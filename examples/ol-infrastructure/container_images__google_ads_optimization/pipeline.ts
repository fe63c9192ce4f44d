import { containerBuildTask, get, gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubImage, ecrImage, publishImageSteps } from "../lib/container-images/images.ts";

const adOptRepo = gitRepo({
  name: "ad-opt-resource",
  uri: "https://github.com/josephine-situ/ad_opt_v2",
  branch: "master",
  checkEvery: "24h",
});
const dockerhub = dockerhubImage({ name: "ad-opt-image", repository: "mitodl/ad-opt" });
const ecr = ecrImage({ name: "ad-opt-image-ecr", repository: "mitodl/ad-opt" });

const definition = {
  name: "docker-google-ads-opt-image",
  pipeline: pipeline({
    resources: [adOptRepo, dockerhub, ecr],
    jobs: [
      {
        name: "build-and-publish-container",
        plan: [
          get(adOptRepo, { trigger: true }),
          containerBuildTask({ inputs: [{ name: adOptRepo.name }], buildParameters: { CONTEXT: adOptRepo.name } }),
          ...publishImageSteps({
            ecrRepository: "mitodl/ad-opt",
            images: [dockerhub, ecr],
            params: { image: "image/image.tar", additional_tags: `./${adOptRepo.name}/.git/describe_ref` },
          }),
        ],
      },
    ],
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
