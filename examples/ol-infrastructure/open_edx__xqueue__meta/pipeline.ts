import { runIfMain } from "hangar/script";
import { releaseMetaPipeline } from "../lib/open-edx/release-meta.ts";

const definition = {
  name: "docker-packer-pulumi-xqueue-meta",
  pipeline: releaseMetaPipeline({
    definitionsName: "xqueue-pipeline-code",
    scripts: "src/ol_concourse/pipelines/open_edx/xqueue",
    label: "xqueue",
    pipelineName: (release) => `docker-packer-pulumi-xqueue-${release}`,
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
