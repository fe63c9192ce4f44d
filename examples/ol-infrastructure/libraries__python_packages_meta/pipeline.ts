import { gitRepo, metaPipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { pipelineDefinitions } from "../lib/meta.ts";
import { pythonRender } from "../lib/ol-infrastructure-image.ts";

const definitions = pipelineDefinitions("python-package-pipeline-definitions", [
  "pyproject.toml",
  "src/ol_concourse/pipelines/libraries/",
  "src/ol_concourse/pipelines/open_edx/open_edx_plugins/",
]);

/** A monorepo of Python packages whose changes re-render its publishing pipeline. */
const monorepo = (name: string, repository: string) =>
  gitRepo({ name, uri: `https://github.com/mitodl/${repository}`, paths: ["src/", "pyproject.toml", "uv.lock"] });

const openEdxPlugins = monorepo("open-edx-plugins-source", "open-edx-plugins");
const olDjango = monorepo("ol-django-source", "ol-django");

const definition = {
  name: "publish-python-packages-meta",
  target: "pr-main",
  pipeline: metaPipeline({
    definitions,
    // The scripts run through a shell, with the module path set on the command line.
    render: { ...pythonRender(definitions.name), shell: true },
    self: {
      jobName: "set-python-packages-meta-pipeline",
      taskName: "generate-python-packages-meta-definition",
      script: "src/ol_concourse/pipelines/libraries/python_packages_meta.py",
    },
    selfPosition: "first",
    pipelines: [
      {
        name: "publish-open-edx-plugins-pypi",
        jobName: "set-open-edx-plugins-pipeline",
        taskName: "generate-publish-open-edx-plugins-pypi-definition",
        script: "src/ol_concourse/pipelines/open_edx/open_edx_plugins/build_publish_plugins.py",
        inputs: [openEdxPlugins],
        args: [`../${openEdxPlugins.name}`],
      },
      {
        name: "publish-ol-django-pypi",
        jobName: "set-ol-django-pipeline",
        taskName: "generate-publish-ol-django-pypi-definition",
        script: "src/ol_concourse/pipelines/libraries/ol_django.py",
        inputs: [olDjango],
        args: [`../${olDjango.name}`],
      },
    ],
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
