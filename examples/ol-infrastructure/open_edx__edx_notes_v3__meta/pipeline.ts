import { runIfMain } from "hangar/script";
import { OPEN_EDX_PIPELINE_MODULES, OPEN_EDX_SETTINGS, releaseMetaPipeline } from "../lib/open-edx/release-meta.ts";

const scripts = "src/ol_concourse/pipelines/open_edx/edx_notes_v3";

const definition = {
  name: "dagger-pulumi-edx-notes-meta",
  pipeline: releaseMetaPipeline({
    definitionsName: "notes-pipeline-code",
    scripts,
    // The same files as the other Open edX meta pipelines watch, with the settings listed last.
    watchedPaths: [...OPEN_EDX_PIPELINE_MODULES, `${scripts}/`, OPEN_EDX_SETTINGS],
    label: "edx-notes",
    pipelineName: (release) => `dagger-pulumi-edx-notes-${release}`,
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
