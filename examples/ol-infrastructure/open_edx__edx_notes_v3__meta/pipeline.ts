import { gitRepo } from "hangar";
import { runIfMain } from "hangar/script";
import { releaseMetaPipeline } from "../lib/open-edx/release-meta.ts";

const scripts = "src/ol_concourse/pipelines/open_edx/edx_notes_v3";

const definitions = gitRepo({
  name: "notes-pipeline-code",
  uri: "https://github.com/mitodl/ol-infrastructure",
  paths: [
    "pyproject.toml",
    "src/ol_concourse/pipelines/jobs.py",
    "src/ol_concourse/pipelines/constants.py",
    "src/ol_concourse/pipelines/secrets_map.py",
    `${scripts}/`,
    "src/bridge/settings/openedx/",
  ],
});

const definition = {
  name: "dagger-pulumi-edx-notes-meta",
  pipeline: releaseMetaPipeline({
    definitions,
    scripts,
    label: "edx-notes",
    pipelineName: (release) => `dagger-pulumi-edx-notes-${release}`,
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
