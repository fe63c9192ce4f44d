import { metaPipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { pipelineDefinitions } from "../lib/meta.ts";
import { pythonRender } from "../lib/ol-infrastructure-image.ts";
import { GRADER_IMAGES } from "../lib/open-edx/grader-images.ts";

// Sets itself, the grader base image pipeline, and one image pipeline per course grader.

const scripts = "src/ol_concourse/pipelines/open_edx/grader_images";

const definitions = pipelineDefinitions("grader-images-pipeline-code", ["pyproject.toml", `${scripts}/`]);

const definition = {
  name: "grader-images-meta",
  pipeline: metaPipeline({
    definitions,
    render: pythonRender(definitions.name),
    pipelines: [
      {
        name: "build-grader-base-image",
        team: "infrastructure",
        script: `${scripts}/base_image_pipeline.py`,
        jobName: "create-grader-base-image-pipeline",
        taskName: "generate-base-image-pipeline-definition",
      },
      ...GRADER_IMAGES.map(({ pipelineName }) => ({
        name: `build-${pipelineName}-image`,
        team: "infrastructure",
        script: `${scripts}/build_pipeline.py`,
        args: [pipelineName],
        jobName: `create-${pipelineName}-pipeline`,
        taskName: `generate-${pipelineName}-pipeline-definition`,
      })),
    ],
    self: {
      team: "main",
      script: `${scripts}/meta.py`,
      jobName: "create-grader-images-meta-pipeline",
      taskName: "generate-meta-pipeline-definition",
    },
    selfPosition: "first",
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
