import { gitRepo } from "hangar";
import { runIfMain } from "hangar/script";
import { releaseMetaPipeline } from "../lib/open-edx/release-meta.ts";

const scripts = "src/ol_concourse/pipelines/open_edx/xqueue";

const definitions = gitRepo({
  name: "xqueue-pipeline-code",
  uri: "https://github.com/mitodl/ol-infrastructure",
  paths: [
    "src/bridge/settings/openedx/",
    "pyproject.toml",
    "src/ol_concourse/pipelines/jobs.py",
    "src/ol_concourse/pipelines/constants.py",
    "src/ol_concourse/pipelines/secrets_map.py",
    `${scripts}/`,
  ],
});

const definition = {
  name: "docker-packer-pulumi-xqueue-meta",
  pipeline: releaseMetaPipeline({
    definitions,
    scripts,
    label: "xqueue",
    pipelineName: (release) => `docker-packer-pulumi-xqueue-${release}`,
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
