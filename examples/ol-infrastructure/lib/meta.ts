// What the ol-infrastructure meta pipelines share: the checkout they render pipelines from, and the
// way their scripts name jobs and tasks.
import { type GitSource, gitRepo, type ManagedPipeline, type Resource, type SelfUpdate } from "hangar";
import { PIPELINES_DIR } from "./constants.ts";

/** The modules most pipeline scripts import besides their own directory, after the project file. */
export const PIPELINE_MODULES: readonly string[] = [
  "pyproject.toml",
  `${PIPELINES_DIR}/constants.py`,
  `${PIPELINES_DIR}/jobs.py`,
  `${PIPELINES_DIR}/secrets_map.py`,
];

/**
 * The checkout of ol-infrastructure a meta pipeline renders its pipelines from; a change to one of
 * `paths` (all files when there are none) re-renders them.
 * @example pipelineDefinitions("k8s-app-pipeline-definitions", [`${scripts}/`, ...PIPELINE_MODULES])
 */
export const pipelineDefinitions = (name: string, paths?: readonly string[]): Resource<GitSource> =>
  gitRepo({ name, uri: "https://github.com/mitodl/ol-infrastructure", ...(paths !== undefined && { paths }) });

/**
 * The job that sets a meta pipeline itself, named as the meta scripts name it:
 * `set-<label>-meta-pipeline`, rendering with `generate-<label>-meta-pipeline-file`.
 * @example selfUpdate("k8s-app", `${scripts}/meta.py`)
 */
export const selfUpdate = (label: string, script: string, args?: readonly string[]): SelfUpdate => ({
  jobName: `set-${label}-meta-pipeline`,
  taskName: `generate-${label}-meta-pipeline-file`,
  script,
  ...(args !== undefined && { args }),
});

/** Options of {@link appPipelines}. */
export interface AppPipelinesOptions {
  /** The apps, one pipeline each. */
  readonly apps: readonly string[];
  /** The script that renders an app's pipeline, given the app's name. */
  readonly script: string;
  /** The name of an app's pipeline. */
  readonly pipelineName: (app: string) => string;
}

/**
 * One pipeline per app, all rendered by one script given the app's name, with the job
 * `create-<app>-pipeline` and the task `generate-<app>-pipeline-file`.
 * @example appPipelines({ apps: ["xpro"], script: `${scripts}/pipeline.py`, pipelineName: (app) => `pulumi-${app}` })
 */
export const appPipelines = ({ apps, script, pipelineName }: AppPipelinesOptions): ManagedPipeline[] =>
  apps.map((app) => ({
    name: pipelineName(app),
    jobName: `create-${app}-pipeline`,
    taskName: `generate-${app}-pipeline-file`,
    script,
    args: [app],
  }));
