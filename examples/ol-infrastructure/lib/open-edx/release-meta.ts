import { metaPipeline, type Pipeline } from "hangar";
import { PIPELINES_DIR } from "../constants.ts";
import { pipelineDefinitions } from "../meta.ts";
import { pythonRender } from "../ol-infrastructure-image.ts";
import { OPEN_EDX_RELEASES, type OpenEdxRelease } from "./releases.ts";

/** The Open edX settings (the supported releases among them) the application pipeline scripts read. */
export const OPEN_EDX_SETTINGS = "src/bridge/settings/openedx/";

/** The modules the Open edX pipeline scripts import besides their own directory, after the project file. */
export const OPEN_EDX_PIPELINE_MODULES: readonly string[] = [
  "pyproject.toml",
  `${PIPELINES_DIR}/jobs.py`,
  `${PIPELINES_DIR}/constants.py`,
  `${PIPELINES_DIR}/secrets_map.py`,
];

/** Options of {@link releaseMetaPipeline}. */
export interface ReleaseMetaPipelineOptions {
  /** The name of the ol-infrastructure checkout holding the scripts. */
  definitionsName: string;
  /** The directory of the application's `pipeline.py` (run with a release name) and `meta.py`. */
  scripts: string;
  /**
   * The files whose change re-renders the pipelines.
   * @default [OPEN_EDX_SETTINGS, ...OPEN_EDX_PIPELINE_MODULES, `${scripts}/`]
   */
  watchedPaths?: readonly string[];
  /** The application's name in job names (`create-<label>-<release>-pipeline`). */
  label: string;
  /** The name of the application's pipeline for one release. */
  pipelineName: (release: OpenEdxRelease) => string;
}

/**
 * The meta pipeline of an Open edX application: one pipeline per supported release, set in the
 * infrastructure team, then the meta pipeline itself (in the main team).
 * @example releaseMetaPipeline({ definitionsName: "xqueue-code", scripts, label: "xqueue", pipelineName: (r) => r })
 */
export function releaseMetaPipeline({
  definitionsName,
  scripts,
  watchedPaths = [OPEN_EDX_SETTINGS, ...OPEN_EDX_PIPELINE_MODULES, `${scripts}/`],
  label,
  pipelineName,
}: Readonly<ReleaseMetaPipelineOptions>): Pipeline {
  const definitions = pipelineDefinitions(definitionsName, watchedPaths);
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
