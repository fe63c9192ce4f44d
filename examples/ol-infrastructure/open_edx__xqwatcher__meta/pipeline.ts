import { gitRepo } from "hangar";
import { runIfMain } from "hangar/script";
import { releaseMetaPipeline } from "../lib/open-edx/release-meta.ts";

const scripts = "src/ol_concourse/pipelines/open_edx/xqwatcher";

const definitions = gitRepo({
  name: "xqwatcher-pipeline-code",
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
  name: "docker-pulumi-xqwatcher-meta",
  pipeline: releaseMetaPipeline({
    definitions,
    scripts,
    label: "xqwatcher",
    pipelineName: (release) => `docker-pulumi-xqwatcher-${release}`,
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
