// Deploys the Superset assets of ol-data-platform: promotes them from the QA instance to production
// whenever they change.
//
// The task's shell script is ol-infrastructure's: it is read from its checkout (the script defined in
// src/ol_concourse/pipelines/applications/ol_superset_deploy.py), named by the environment variable
// OL_INFRASTRUCTURE_DIR, and is not stored here. It writes the `ol-superset` CLI's config from the
// task params below, then runs `ol-superset promote`.
//   OL_INFRASTRUCTURE_DIR=../ol-infrastructure npx hangar render <this file>
import { get, gitRepo, pipeline, task } from "hangar";
import { type PipelineDefinition, runIfMain } from "hangar/script";
import { isMainModule, PIPELINES_DIR, pythonStringAfter, readCheckoutFile } from "../lib/checkout.ts";
import { dockerhubCachedImage } from "../lib/constants.ts";

const dataPlatform = gitRepo({
  name: "ol-data-platform-repository",
  uri: "https://github.com/mitodl/ol-data-platform",
  checkEvery: "60s",
  paths: ["src/ol_superset/assets/"],
});

/** A Superset instance the `ol-superset` CLI talks to, with its service account's credentials. */
interface SupersetInstance {
  /** Prefix of the environment variables holding its settings. */
  readonly env: string;
  /** The vault secret with its URL and OAuth client. */
  readonly secret: string;
}

const instances: readonly SupersetInstance[] = [
  { env: "SUPERSET_QA", secret: "superset_qa_service_account" },
  { env: "SUPERSET_PRODUCTION", secret: "superset_service_account" },
];

/** Secret fields, by the suffix of the environment variable that carries them. */
const fields = {
  URL: "superset_url",
  OAUTH_TOKEN_URL: "oauth_token_url",
  CLIENT_ID: "client_id",
  CLIENT_SECRET: "client_secret",
};

const params = Object.fromEntries(
  instances.flatMap(({ env, secret }) =>
    Object.entries(fields).map(([suffix, field]) => [`${env}_${suffix}`, `((${secret}.${field}))`]),
  ),
);

/** The pipeline's task script. */
export interface SupersetDeployScripts {
  /** Promotes the assets of the ol-data-platform checkout, reaching the instances with the task's params. */
  readonly deploy: string;
}

/** The pipeline, running `scripts`. */
export function supersetDeployPipeline(scripts: SupersetDeployScripts): PipelineDefinition {
  const deploy = {
    name: "deploy-superset-assets-to-production",
    plan: [
      get(dataPlatform, { trigger: true }),
      task("promote-assets-to-production", {
        config: {
          platform: "linux",
          image_resource: dockerhubCachedImage("mitodl/ol-superset", "latest"),
          inputs: [{ name: dataPlatform.name }],
          params,
          run: { path: "bash", args: ["-c", scripts.deploy] },
        },
      }),
    ],
  };
  return { name: "ol-superset-deploy", pipeline: pipeline({ resources: [dataPlatform], jobs: [deploy] }) };
}

const SOURCE = `${PIPELINES_DIR}/applications/ol_superset_deploy.py`;

/** The pipeline with the script of the ol-infrastructure checkout named by `OL_INFRASTRUCTURE_DIR`. */
export default function definition(): PipelineDefinition {
  return supersetDeployPipeline({
    deploy: pythonStringAfter(readCheckoutFile(SOURCE), "_deploy_script =", { file: SOURCE }),
  });
}

if (isMainModule(import.meta.url)) await runIfMain(import.meta.url, definition());
