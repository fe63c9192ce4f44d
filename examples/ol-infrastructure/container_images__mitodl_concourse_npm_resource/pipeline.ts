import { gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { imageBuild } from "../lib/container-images/images.ts";

const resourceRepo = gitRepo({
  name: "mitodl-concourse-npm-resource",
  uri: "https://github.com/mitodl/concourse-npm-resource",
  branch: "master",
  checkEvery: "24h",
});

const definition = {
  name: "docker-mitodl-concourse-npm-resource",
  pipeline: pipeline(
    imageBuild({
      source: resourceRepo,
      repository: "mitodl/concourse-npm-resource",
      imageName: "mitodl-concourse-npm-resource-image",
    }),
  ),
};

export default definition;
await runIfMain(import.meta.url, definition);
