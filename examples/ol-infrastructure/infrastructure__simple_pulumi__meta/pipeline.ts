import { metaPipeline } from "hangar";
import { type PipelineDefinition, runIfMain } from "hangar/script";
import { appPipelines, PIPELINE_MODULES, pipelineDefinitions, selfUpdate } from "../lib/meta.ts";
import { pythonRender } from "../lib/ol-infrastructure-image.ts";

const scripts = "src/ol_concourse/pipelines/infrastructure/simple_pulumi";

/** The Concourse instances the simple Pulumi pipelines are set in. */
export type SimplePulumiEnvironment = "production" | "qa" | "ci";

/** Per instance: its fly target, the apps deployed from it, and what the meta script is told on update. */
const environments: Record<SimplePulumiEnvironment, { target: string; apps: readonly string[]; args: string[] }> = {
  production: {
    target: "pr-inf",
    args: [],
    apps: [
      "airbyte",
      "aws-ecr",
      "aws-sftp",
      "b2b-partners-storage",
      "celery-monitoring",
      "clickhouse",
      "data_warehouse",
      "digital-credentials",
      "fastly-redirector",
      "gcp",
      "github-organization",
      "github-repositories",
      "grafana-alerting",
      "jupyterhub-data",
      "mailgun",
      "marimo-data",
      "mongodb-atlas",
      "monitoring",
      "ocw-site",
      "open-discussions",
      "open-metadata",
      "open-metadata-substructure",
      "opensearch",
      "opik",
      "qdrant-cloud",
      "release-bot",
      "rootly",
      "sentry",
      "starrocks",
      "starrocks-substructure",
      "starburst",
      "tika",
      "toolhive-apps",
      "toolhive-data",
      "toolhive-operator",
      "toolhive-swe",
      "vector-log-proxy",
      "xpro-partner-dns",
    ],
  },
  // Stacks whose local commands need to reach the QA or CI network are deployed from that instance.
  qa: { target: "qa-inf", args: ["--env", "qa"], apps: ["starrocks-substructure-qa"] },
  ci: { target: "odl-ci", args: ["--env", "ci"], apps: ["starrocks-substructure-ci"] },
};

const definitions = pipelineDefinitions("simple-pulumi-pipeline-definitions", [`${scripts}/`, ...PIPELINE_MODULES]);

/** The meta pipeline that keeps one `pulumi-<app>` pipeline per app up to date in one Concourse instance. */
export function simplePulumiMeta(environment: SimplePulumiEnvironment): PipelineDefinition {
  const { target, apps, args } = environments[environment];
  return {
    name: "simple-pulumi-meta",
    target,
    pipeline: metaPipeline({
      definitions,
      render: pythonRender(definitions.name),
      pipelines: appPipelines({ apps, script: `${scripts}/pipeline.py`, pipelineName: (app) => `pulumi-${app}` }),
      self: selfUpdate("simple-pulumi", `${scripts}/meta.py`, args),
    }),
  };
}

const definition = simplePulumiMeta("production");

export default definition;
await runIfMain(import.meta.url, definition);
