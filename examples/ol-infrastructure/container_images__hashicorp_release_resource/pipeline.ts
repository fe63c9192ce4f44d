import { gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { imageBuild } from "../lib/container-images/images.ts";

const resourceRepo = gitRepo({
  name: "hashicorp-release-resource",
  uri: "https://github.com/mitodl/hashicorp-release-resource",
  branch: "master",
  checkEvery: "24h",
});

const definition = {
  name: "docker-hashicorp-release-resource-image",
  pipeline: pipeline(
    imageBuild({
      source: resourceRepo,
      repository: "mitodl/hashicorp-release-resource",
      imageName: "hashicorp-release-resource-image",
    }),
  ),
};

export default definition;
await runIfMain(import.meta.url, definition);
