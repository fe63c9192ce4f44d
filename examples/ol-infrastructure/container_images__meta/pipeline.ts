import { metaPipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { pipelineDefinitions, selfUpdate } from "../lib/meta.ts";
import { pythonRender } from "../lib/ol-infrastructure-image.ts";

// Keeps the container image pipelines (and itself) set from their scripts. jupyter_courses.py is left
// out: it sets one instance of a pipeline per course image, which needs instance vars.

const scripts = "src/ol_concourse/pipelines/container_images";

/** The image pipelines, by name, with their script. */
const managed: readonly [name: string, script: string][] = [
  ["dcind-resource-image", "dcind.py"],
  ["docker-google-ads-opt-image", "google_ads_optimization.py"],
  ["docker-hashicorp-release-resource-image", "hashicorp_release_resource.py"],
  ["docker-mitodl-concourse-npm-resource", "mitodl_concourse_npm_resource.py"],
  ["ol-python-base-docker", "ol_python_base.py"],
  ["ol-superset-image", "ol_superset.py"],
  ["docker-openedx-tubular-image", "openedx_tubular.py"],
  ["ocw-course-publisher-image", "ocw_course_publisher.py"],
];

const definitions = pipelineDefinitions("container-image-pipeline-definitions", [
  `${scripts}/`,
  "pyproject.toml",
  "src/ol_concourse/pipelines/constants.py",
]);

const definition = {
  name: "container-images-meta",
  target: "pr-inf",
  pipeline: metaPipeline({
    definitions,
    render: pythonRender(definitions.name),
    pipelines: managed.map(([name, script]) => ({ name, script: `${scripts}/${script}` })),
    self: selfUpdate("container-images", `${scripts}/meta.py`),
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
