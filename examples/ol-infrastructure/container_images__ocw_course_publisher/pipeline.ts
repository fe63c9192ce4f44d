import { containerBuildTask, get, gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubImage, ecrImage, publishImageSteps } from "../lib/container-images/images.ts";

const ocwStudioRepo = gitRepo({
  name: "ocw-studio-repository",
  uri: "https://github.com/mitodl/ocw-studio",
  branch: "master",
  checkEvery: "24h",
  paths: ["docker/ocw-course-publisher/Dockerfile", "docker/ocw-course-publisher/tag"],
});
const dockerhub = dockerhubImage({ name: "ocw-course-publisher-image", repository: "mitodl/ocw-course-publisher" });
const ecr = ecrImage({ name: "ocw-course-publisher-image-ecr", repository: "mitodl/ocw-course-publisher" });

const context = `${ocwStudioRepo.name}/docker/ocw-course-publisher`;

const definition = {
  name: "ocw-course-publisher-image",
  pipeline: pipeline({
    resources: [ocwStudioRepo, dockerhub, ecr],
    jobs: [
      {
        name: "build-and-publish-ocw-course-publisher-image",
        plan: [
          get(ocwStudioRepo, { trigger: true }),
          containerBuildTask({
            inputs: [{ name: ocwStudioRepo.name }],
            buildParameters: { CONTEXT: context, DOCKERFILE: `${context}/Dockerfile` },
          }),
          ...publishImageSteps({
            ecrRepository: "mitodl/ocw-course-publisher",
            images: [dockerhub, ecr],
            // The image's version tag is kept in a file beside its Dockerfile.
            params: { image: "image/image.tar", additional_tags: `./${context}/tag` },
          }),
        ],
      },
    ],
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
