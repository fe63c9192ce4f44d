import { metaPipeline } from "hangar";
import { runIfMain } from "hangar/script";
import { PIPELINE_MODULES, pipelineDefinitions, selfUpdate } from "../lib/meta.ts";
import { pythonRender } from "../lib/ol-infrastructure-image.ts";

const scripts = "src/ol_concourse/pipelines/infrastructure";

/** The dedicated Pulumi infrastructure pipelines, by name, with the directory of their script. */
const managed: readonly [name: string, directory: string][] = [
  ["pulumi-aws", "aws"],
  ["packer-pulumi-concourse", "concourse"],
  ["packer-pulumi-consul", "consul"],
  ["docker-pulumi-dagster", "dagster"],
  ["github-estate-drift", "github_drift"],
  ["iam-policy-drift", "iam_drift"],
  ["pulumi-eks-cluster", "eks_clusters"],
  ["pulumi-jupyterhub", "jupyterhub"],
  ["docker-pulumi-keycloak", "keycloak"],
  ["pulumi-kubewatch", "kubewatch"],
  ["pulumi-omnigraph", "omnigraph"],
  ["pulumi-witan", "witan"],
  ["docker-pulumi-superset", "superset"],
  ["packer-pulumi-vault", "vault"],
];

const definitions = pipelineDefinitions("infrastructure-pipeline-definitions", [`${scripts}/`, ...PIPELINE_MODULES]);

const definition = {
  name: "pulumi-infrastructure-meta",
  target: "pr-inf",
  pipeline: metaPipeline({
    definitions,
    render: pythonRender(definitions.name),
    pipelines: managed.map(([name, directory]) => ({ name, script: `${scripts}/${directory}/pipeline.py` })),
    self: selfUpdate("pulumi-infrastructure", `${scripts}/meta.py`),
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
