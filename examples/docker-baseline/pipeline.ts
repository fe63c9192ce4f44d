/**
 * The docker-baseline AMI pipeline: validates, then builds, the Packer template of a Docker host
 * image whenever its code or one of the agents it bundles (Vector, Vault, Consul, consul-template)
 * has a new release.
 *
 *   npx hangar render examples/docker-baseline/pipeline.ts   # writes definition.json, prints the fly command
 *   npx tsx examples/docker-baseline/pipeline.ts             # the same, run as a script
 */
import {
  type GetStep,
  githubRelease,
  gitRepo,
  hashicorpRelease,
  hashicorpResource,
  mergeFragments,
  packerJobs,
  pipeline,
} from "hangar";
import { runIfMain } from "hangar/script";
import { imageVersionPaths, PACKER_WATCHED_PATHS } from "../ol-infrastructure/lib/watched-paths.ts";

const hashicorpReleaseType = hashicorpResource();
const vectorRelease = githubRelease({
  name: "vector-release",
  owner: "vectordotdev",
  repository: "vector",
  githubToken: "",
});
const vaultRelease = hashicorpRelease({ name: "vault-release", project: "vault" });
const consulRelease = hashicorpRelease({ name: "consul-release", project: "consul" });
const consulTemplateRelease = hashicorpRelease({ name: "consul-template-release", project: "consul-template" });

const imageCode = gitRepo({
  name: "ol-infrastructure-packer",
  uri: "https://github.com/mitodl/ol-infrastructure",
  paths: [
    "src/bilder/components/",
    "src/bilder/images/docker_baseline_ami/",
    ...imageVersionPaths("docker_baseline_ami"),
    ...PACKER_WATCHED_PATHS,
  ],
});

const releases = [vectorRelease, vaultRelease, consulRelease, consulTemplateRelease];
const amiDependencies: GetStep[] = releases.map((release) => ({ get: release, trigger: true }));

const amiJobs = packerJobs({
  dependencies: amiDependencies,
  imageCode,
  packerTemplatePath: "src/bilder/images/",
  packerVars: { app_name: "docker_baseline_ami" },
  nodeTypes: ["server"],
  extraPackerParams: { only: ["amazon-ebs.third-party"] },
  envVarsFromFiles: {
    CONSUL_VERSION: `${consulRelease.name}/version`,
    VAULT_VERSION: `${vaultRelease.name}/version`,
    CONSUL_TEMPLATE_VERSION: `${consulTemplateRelease.name}/version`,
  },
});

const combined = mergeFragments(amiJobs, {
  resource_types: [hashicorpReleaseType],
  resources: [imageCode, ...releases],
  jobs: [],
});

const definition = {
  name: "packer-docker-baseline",
  target: "pr-inf",
  pipeline: pipeline(combined),
};

export default definition;

await runIfMain(import.meta.url, definition);
