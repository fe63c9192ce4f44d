import { get, githubRelease, gitRepo, pipeline, task } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubCachedImage } from "../lib/constants.ts";
import { imageBuild } from "../lib/container-images/images.ts";

const infrastructureRepo = gitRepo({
  name: "ol-infrastructure-repository",
  uri: "https://github.com/mitodl/ol-infrastructure",
  checkEvery: "24h",
  paths: ["dockerfiles/dcind/"],
});

const daggerRelease = githubRelease({
  name: "dagger-release-binary",
  owner: "dagger",
  repository: "dagger",
  orderBy: "time",
  githubToken: "",
});

// The build arg and the extra image tag both come from the dagger release's version number.
const semver = String.raw`grep -Eo '[0-9]+\.[0-9]+\.[0-9]+'`;
const indent = " ".repeat(32);
const collectDaggerVersion = task("collect-dagger-version", {
  config: {
    platform: "linux",
    image_resource: dockerhubCachedImage("alpine", "3"),
    inputs: [{ name: daggerRelease.name }],
    outputs: [{ name: "dagger-version" }],
    run: {
      path: "sh",
      args: [
        "-xc",
        `echo "DAGGER_VERSION=$(cat ${daggerRelease.name}/tag | ${semver})" > dagger-version/args_file;\n` +
          `${indent}echo "$(cat ${daggerRelease.name}/tag | ${semver})" > dagger-version/tag_file;\n${indent}`,
      ],
    },
  },
});

const definition = {
  name: "dcind-resource-image",
  target: "pr-inf",
  pipeline: pipeline(
    // Listed first, so that the dagger release comes before the images in `resources`.
    { resources: [infrastructureRepo, daggerRelease] },
    imageBuild({
      source: infrastructureRepo,
      repository: "mitodl/dcind",
      imageName: "dcind-release-resource-image",
      prepare: [get(daggerRelease, { trigger: true }), collectDaggerVersion],
      moreInputs: ["dagger-version"],
      buildParameters: {
        CONTEXT: `${infrastructureRepo.name}/dockerfiles/dcind`,
        BUILD_ARGS_FILE: "dagger-version/args_file",
      },
      additionalTags: "./dagger-version/tag_file",
      putInputs: "detect",
    }),
  ),
};

export default definition;
await runIfMain(import.meta.url, definition);
