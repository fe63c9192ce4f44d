import { gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { imageBuild } from "../lib/container-images/images.ts";

const ocwStudioRepo = gitRepo({
  name: "ocw-studio-repository",
  uri: "https://github.com/mitodl/ocw-studio",
  branch: "master",
  checkEvery: "24h",
  paths: ["docker/ocw-course-publisher/Dockerfile", "docker/ocw-course-publisher/tag"],
});

const context = `${ocwStudioRepo.name}/docker/ocw-course-publisher`;

const definition = {
  name: "ocw-course-publisher-image",
  pipeline: pipeline(
    imageBuild({
      source: ocwStudioRepo,
      repository: "mitodl/ocw-course-publisher",
      imageName: "ocw-course-publisher-image",
      jobName: "build-and-publish-ocw-course-publisher-image",
      buildParameters: { CONTEXT: context, DOCKERFILE: `${context}/Dockerfile` },
      // The image's version tag is kept in a file beside its Dockerfile.
      additionalTags: `./${context}/tag`,
    }),
  ),
};

export default definition;
await runIfMain(import.meta.url, definition);
