import type { ImageResource, MetaPipelineRender } from "hangar";
import { dockerhubEcrImageUri, ECR_REGION } from "./constants.ts";

/** The ol-infrastructure image (through the ECR cache of Docker Hub), which can run every pipeline script. */
export const OL_INFRASTRUCTURE_IMAGE: ImageResource = {
  type: "registry-image",
  source: { repository: dockerhubEcrImageUri("mitodl/ol-infrastructure"), tag: "latest", aws_region: ECR_REGION },
};

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
