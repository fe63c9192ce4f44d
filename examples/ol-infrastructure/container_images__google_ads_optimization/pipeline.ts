import { gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { imageBuild } from "../lib/container-images/images.ts";

const adOptRepo = gitRepo({
  name: "ad-opt-resource",
  uri: "https://github.com/josephine-situ/ad_opt_v2",
  branch: "master",
  checkEvery: "24h",
});

const definition = {
  name: "docker-google-ads-opt-image",
  pipeline: pipeline(imageBuild({ source: adOptRepo, repository: "mitodl/ad-opt", imageName: "ad-opt-image" })),
};

export default definition;
await runIfMain(import.meta.url, definition);
