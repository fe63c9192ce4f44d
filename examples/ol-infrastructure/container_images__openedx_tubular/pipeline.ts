import { gitRepo, pipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { imageBuild } from "../lib/container-images/images.ts";

const tubularRepo = gitRepo({
  name: "openedx-tubular",
  uri: "https://github.com/mitodl/tubular",
  branch: "cpatti_openedx_tubular",
  checkEvery: "24h",
});

const definition = {
  name: "docker-openedx-tubular-image",
  pipeline: pipeline(
    imageBuild({ source: tubularRepo, repository: "mitodl/openedx-tubular", imageName: "openedx-tubular-image" }),
  ),
};

export default definition;
await runIfMain(import.meta.url, definition);
