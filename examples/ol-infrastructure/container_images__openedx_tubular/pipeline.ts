import { containerBuildTask, get, gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubImage, ecrImage, publishImageSteps } from "../lib/container-images/images.ts";

const tubularRepo = gitRepo({
  name: "openedx-tubular",
  uri: "https://github.com/mitodl/tubular",
  branch: "cpatti_openedx_tubular",
  checkEvery: "24h",
});
const dockerhub = dockerhubImage({ name: "openedx-tubular-image", repository: "mitodl/openedx-tubular" });
const ecr = ecrImage({ name: "openedx-tubular-image-ecr", repository: "mitodl/openedx-tubular" });

const definition = {
  name: "docker-openedx-tubular-image",
  pipeline: pipeline({
    resources: [tubularRepo, dockerhub, ecr],
    jobs: [
      {
        name: "build-and-publish-container",
        plan: [
          get(tubularRepo, { trigger: true }),
          containerBuildTask({ inputs: [{ name: tubularRepo.name }], buildParameters: { CONTEXT: tubularRepo.name } }),
          ...publishImageSteps({
            ecrRepository: "mitodl/openedx-tubular",
            images: [dockerhub, ecr],
            params: { image: "image/image.tar", additional_tags: `./${tubularRepo.name}/.git/describe_ref` },
          }),
        ],
      },
    ],
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
