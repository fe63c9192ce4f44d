import { runIfMain } from "hangar/script";
import { releaseMetaPipeline } from "../lib/open-edx/release-meta.ts";

const definition = {
  name: "docker-pulumi-xqwatcher-meta",
  pipeline: releaseMetaPipeline({
    definitionsName: "xqwatcher-pipeline-code",
    scripts: "src/ol_concourse/pipelines/open_edx/xqwatcher",
    label: "xqwatcher",
    pipelineName: (release) => `docker-pulumi-xqwatcher-${release}`,
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
