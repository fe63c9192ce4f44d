import { metaPipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { pipelineDefinitions } from "../lib/meta.ts";
import { pythonRender } from "../lib/ol-infrastructure-image.ts";

// The edx-platform pipeline covers every release in one ("global") pipeline, so this meta pipeline
// sets just that one, after itself.

const scripts = "src/ol_concourse/pipelines/open_edx/edx_platform_v3";

const definitions = pipelineDefinitions("edxapp-pipeline-code");

const definition = {
  name: "dagger-pulumi-edxapp-meta-v3",
  pipeline: metaPipeline({
    definitions,
    render: pythonRender(definitions.name),
    pipelines: [
      {
        name: "dagger-pulumi-edxapp-global",
        team: "infrastructure",
        script: `${scripts}/pipeline.py`,
        jobName: "create-edxapp-global-dagger-pipeline",
        taskName: "generate-global-pipeline-definition",
      },
    ],
    self: {
      team: "main",
      script: `${scripts}/meta.py`,
      jobName: "create-edxapp-meta-dagger-pipeline",
      taskName: "generate-meta-pipeline-definition",
    },
    selfPosition: "first",
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
