import { metaPipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { appPipelines, PIPELINE_MODULES, pipelineDefinitions, selfUpdate } from "../lib/meta.ts";
import { pythonRender } from "../lib/ol-infrastructure-image.ts";

const scripts = "src/ol_concourse/pipelines/infrastructure/k8s_apps";

/** The Kubernetes applications, each deployed by its own `<app>-pipeline`. */
const apps = [
  "learn-ai",
  "micromasters",
  "mit-learn",
  "mit-learn-nextjs",
  "mitxonline",
  "ocw-studio",
  "odl-video-service",
  "ol-analytics-api",
  "xpro",
];

const definitions = pipelineDefinitions("k8s-app-pipeline-definitions", [`${scripts}/`, ...PIPELINE_MODULES]);

/** The app list as the meta script receives it on its command line (a Python list literal). */
const appsArgument = `[${apps.map((app) => `'${app}'`).join(", ")}]`;

const definition = {
  name: "k8s-apps-meta",
  pipeline: metaPipeline({
    definitions,
    render: pythonRender(definitions.name),
    pipelines: appPipelines({ apps, script: `${scripts}/pipeline.py`, pipelineName: (app) => `${app}-pipeline` }),
    self: selfUpdate("k8s-app", `${scripts}/meta.py`, [appsArgument]),
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
