import { gitRepo, metaPipeline } from "hangar";
import { runIfMain } from "hangar/script";
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

const definitions = gitRepo({
  name: "k8s-app-pipeline-definitions",
  uri: "https://github.com/mitodl/ol-infrastructure",
  paths: [
    `${scripts}/`,
    "pyproject.toml",
    "src/ol_concourse/pipelines/constants.py",
    "src/ol_concourse/pipelines/jobs.py",
    "src/ol_concourse/pipelines/secrets_map.py",
  ],
});

/** The app list as the meta script receives it on its command line (a Python list literal). */
const appsArgument = `[${apps.map((app) => `'${app}'`).join(", ")}]`;

const definition = {
  name: "k8s-apps-meta",
  pipeline: metaPipeline({
    definitions,
    render: pythonRender(definitions.name),
    pipelines: apps.map((app) => ({
      name: `${app}-pipeline`,
      jobName: `create-${app}-pipeline`,
      taskName: `generate-${app}-pipeline-file`,
      script: `${scripts}/pipeline.py`,
      args: [app],
    })),
    self: {
      jobName: "set-k8s-app-meta-pipeline",
      taskName: "generate-k8s-app-meta-pipeline-file",
      script: `${scripts}/meta.py`,
      args: [appsArgument],
    },
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
