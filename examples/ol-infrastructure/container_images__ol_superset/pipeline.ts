import { containerBuildTask, get, gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubImage, ecrImage, publishImageSteps } from "../lib/container-images/images.ts";

const dataPlatformRepo = gitRepo({
  name: "ol-data-platform-repository",
  uri: "https://github.com/mitodl/ol-data-platform",
  checkEvery: "24h",
  paths: ["src/ol_superset/Dockerfile", "src/ol_superset/pyproject.toml", "src/ol_superset/ol_superset/"],
});
const dockerhub = dockerhubImage({ name: "ol-superset-image", repository: "mitodl/ol-superset" });
const ecr = ecrImage({ name: "ol-superset-image-ecr", repository: "mitodl/ol-superset" });

const context = `${dataPlatformRepo.name}/src/ol_superset`;

const definition = {
  name: "ol-superset-image",
  pipeline: pipeline({
    resources: [dataPlatformRepo, dockerhub, ecr],
    jobs: [
      {
        name: "build-and-publish-ol-superset-image",
        plan: [
          get(dataPlatformRepo, { trigger: true }),
          containerBuildTask({
            inputs: [{ name: dataPlatformRepo.name }],
            buildParameters: { CONTEXT: context, DOCKERFILE: `${context}/Dockerfile` },
          }),
          ...publishImageSteps({
            ecrRepository: "mitodl/ol-superset",
            images: [dockerhub, ecr],
            params: { image: "image/image.tar" },
          }),
        ],
      },
    ],
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
