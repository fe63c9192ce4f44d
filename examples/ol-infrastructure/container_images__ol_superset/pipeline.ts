import { gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { imageBuild } from "../lib/container-images/images.ts";

const dataPlatformRepo = gitRepo({
  name: "ol-data-platform-repository",
  uri: "https://github.com/mitodl/ol-data-platform",
  checkEvery: "24h",
  paths: ["src/ol_superset/Dockerfile", "src/ol_superset/pyproject.toml", "src/ol_superset/ol_superset/"],
});

const context = `${dataPlatformRepo.name}/src/ol_superset`;

const definition = {
  name: "ol-superset-image",
  pipeline: pipeline(
    imageBuild({
      source: dataPlatformRepo,
      repository: "mitodl/ol-superset",
      imageName: "ol-superset-image",
      jobName: "build-and-publish-ol-superset-image",
      buildParameters: { CONTEXT: context, DOCKERFILE: `${context}/Dockerfile` },
      additionalTags: false,
    }),
  ),
};

export default definition;
await runIfMain(import.meta.url, definition);
