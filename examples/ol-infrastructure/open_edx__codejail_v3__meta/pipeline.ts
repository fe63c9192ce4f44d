import { runIfMain } from "hangar/script";
import { releaseMetaPipeline } from "../lib/open-edx/release-meta.ts";

const definition = {
  name: "dagger-pulumi-codejail-meta",
  pipeline: releaseMetaPipeline({
    definitionsName: "codejail-pipeline-code",
    scripts: "src/ol_concourse/pipelines/open_edx/codejail_v3",
    label: "codejail",
    pipelineName: (release) => `dagger-pulumi-codejail-${release}`,
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
