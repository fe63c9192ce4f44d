// Builds the JupyterHub extensions of ol-notebook-extensions and publishes them to PyPI.
//
// The build's shell script is ol-infrastructure's: it is read from its checkout (the script defined in
// src/ol_concourse/pipelines/infrastructure/jupyterhub/build_jupyterhub_extensions.py), named by the
// environment variable OL_INFRASTRUCTURE_DIR, and is not stored here.
//   OL_INFRASTRUCTURE_DIR=../ol-infrastructure npx hangar render <this file>
import { type Fragment, fragment, get, gitRepo, mergeFragments, pipeline, task } from "hangar";
import { type PipelineDefinition, runIfMain } from "hangar/script";
import { isMainModule, PIPELINES_DIR, pythonStringAfter, readCheckoutFile } from "../lib/checkout.ts";

/** The JupyterHub extensions of the ol-notebook-extensions repository, each a Python package in its own directory. */
const extensions = ["ol-themed-jupyter", "ol-jupyter-authoring"];

/** The git resource of an extension's directory. */
const extensionRepoName = (extension: string) => `${extension}-repo`;

/** The pipeline's task scripts. */
export interface JupyterhubExtensionsScripts {
  /** Builds an extension with uv from its checkout (a resource named {@link extensionRepoName}) and uploads it to PyPI. */
  readonly build: (extension: string) => string;
}

/** Builds one extension and uploads it to PyPI whenever its directory changes. */
function extensionFragment(extension: string, script: string): Fragment {
  const source = gitRepo({
    name: extensionRepoName(extension),
    uri: "https://github.com/mitodl/ol-notebook-extensions",
    paths: [extension],
    checkEvery: "15m",
  });
  const build = task("run-build", {
    config: {
      platform: "linux",
      image_resource: { type: "registry-image", source: { repository: "ghcr.io/astral-sh/uv", tag: "debian-slim" } },
      inputs: [{ name: source.name }],
      outputs: [{ name: source.name }],
      params: { TWINE_USERNAME: "((pypi_creds.username))", TWINE_PASSWORD: "((pypi_creds.password))" },
      run: { path: "sh", args: ["-exc", script] },
    },
  });
  return fragment({ jobs: [{ name: `build-${extension}`, plan: [get(source, { trigger: true }), build] }] });
}

/** The pipeline, running `scripts`. */
export function jupyterhubExtensionsPipeline(scripts: JupyterhubExtensionsScripts): PipelineDefinition {
  return {
    name: "publish-jupyterhub-extensions-pypi",
    target: "pr-main",
    pipeline: pipeline(mergeFragments(...extensions.map((e) => extensionFragment(e, scripts.build(e))))),
  };
}

const SOURCE = `${PIPELINES_DIR}/infrastructure/jupyterhub/build_jupyterhub_extensions.py`;

/** The pipeline with the script of the ol-infrastructure checkout named by `OL_INFRASTRUCTURE_DIR`. */
export default function definition(): PipelineDefinition {
  const source = readCheckoutFile(SOURCE);
  return jupyterhubExtensionsPipeline({
    build: (extension) =>
      pythonStringAfter(source, '"-exc",', {
        values: { plugin: extension, "plugin_git_repo.name": extensionRepoName(extension) },
        file: SOURCE,
      }),
  });
}

if (isMainModule(import.meta.url)) await runIfMain(import.meta.url, definition());
