import type { MetaPipelineRender } from "hangar";
import { dockerhubCachedImage } from "./constants.ts";

/** The ol-infrastructure image (through the ECR cache of Docker Hub), which can run every pipeline script. */
export const OL_INFRASTRUCTURE_IMAGE = dockerhubCachedImage("mitodl/ol-infrastructure", "latest");

/**
 * How the meta pipelines render a definition: run the Python script in the ol-infrastructure image,
 * as root, with the definitions' `src` on the module path, writing `pipeline/definition.json`.
 */
export function pythonRender(definitionsName: string): MetaPipelineRender {
  return {
    image: OL_INFRASTRUCTURE_IMAGE,
    interpreter: "python",
    params: { PYTHONPATH: `../${definitionsName}/src` },
    user: "root",
  };
}
