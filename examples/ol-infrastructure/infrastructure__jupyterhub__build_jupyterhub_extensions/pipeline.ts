import { type Fragment, fragment, get, gitRepo, mergeFragments, pipeline, task } from "hangar";
import { runIfMain } from "hangar/script";

/** The JupyterHub extensions of the ol-notebook-extensions repository, each a Python package in its own directory. */
const extensions = ["ol-themed-jupyter", "ol-jupyter-authoring"];

/** Builds one extension with uv and uploads it to PyPI whenever its directory changes. */
function extensionFragment(extension: string): Fragment {
  const source = gitRepo({
    name: `${extension}-repo`,
    uri: "https://github.com/mitodl/ol-notebook-extensions",
    paths: [extension],
    checkEvery: "15m",
  });
  const script = `
                            apt update && apt install -y nodejs npm;
                            cd ${source.name}/${extension};
                            uv build --package ${extension};
                            uvx twine check dist/*
                            uvx twine upload --skip-existing --non-interactive dist/*
                            `;
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

const definition = {
  name: "publish-jupyterhub-extensions-pypi",
  target: "pr-main",
  pipeline: pipeline(mergeFragments(...extensions.map(extensionFragment))),
};

export default definition;
await runIfMain(import.meta.url, definition);
