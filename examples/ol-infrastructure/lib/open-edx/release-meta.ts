import { metaPipeline, type Pipeline, type Resource } from "hangar";
import { pythonRender } from "../ol-infrastructure-image.ts";
import { OPEN_EDX_RELEASES, type OpenEdxRelease } from "./releases.ts";

/** Options of {@link releaseMetaPipeline}. */
export interface ReleaseMetaPipelineOptions {
  /** The ol-infrastructure checkout holding the scripts. */
  definitions: Resource;
  /** The directory of the application's `pipeline.py` (run with a release name) and `meta.py`. */
  scripts: string;
  /** The application's name in job names (`create-<label>-<release>-pipeline`). */
  label: string;
  /** The name of the application's pipeline for one release. */
  pipelineName: (release: OpenEdxRelease) => string;
}

/**
 * The meta pipeline of an Open edX application: one pipeline per supported release, set in the
 * infrastructure team, then the meta pipeline itself (in the main team).
 * @example releaseMetaPipeline({ definitions, scripts, label: "xqueue", pipelineName: (r) => `xqueue-${r}` })
 */
export function releaseMetaPipeline({
  definitions,
  scripts,
  label,
  pipelineName,
}: Readonly<ReleaseMetaPipelineOptions>): Pipeline {
  return metaPipeline({
    definitions,
    render: pythonRender(definitions.name),
    pipelines: OPEN_EDX_RELEASES.map((release) => ({
      name: pipelineName(release),
      team: "infrastructure",
      script: `${scripts}/pipeline.py`,
      args: [release],
      jobName: `create-${label}-${release}-pipeline`,
      taskName: `generate-${release}-pipeline-definition`,
    })),
    self: {
      team: "main",
      script: `${scripts}/meta.py`,
      args: ["meta"],
      jobName: `create-${label}-meta-pipeline`,
      taskName: "generate-meta-pipeline-definition",
    },
  });
}
