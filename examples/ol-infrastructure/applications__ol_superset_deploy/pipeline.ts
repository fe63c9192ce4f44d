import { get, gitRepo, pipeline, task } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubEcrImageUri, ECR_REGION } from "../lib/constants.ts";

const dataPlatform = gitRepo({
  name: "ol-data-platform-repository",
  uri: "https://github.com/mitodl/ol-data-platform",
  checkEvery: "60s",
  paths: ["src/ol_superset/assets/"],
});

/** A Superset instance the `ol-superset` CLI talks to, with its service account's credentials. */
interface SupersetInstance {
  /** The instance's name in the CLI's config. */
  readonly name: string;
  /** Prefix of the environment variables holding its settings. */
  readonly env: string;
  /** The vault secret with its URL and OAuth client. */
  readonly secret: string;
}

const instances: readonly SupersetInstance[] = [
  { name: "superset-qa", env: "SUPERSET_QA", secret: "superset_qa_service_account" },
  { name: "superset-production", env: "SUPERSET_PRODUCTION", secret: "superset_service_account" },
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

const variable = (name: string) => `\${${name}}`;
const instanceConfig = ({ name, env }: SupersetInstance) => [
  `  ${name}:`,
  `    url: ${variable(`${env}_URL`)}`,
  "    auth_method: oauth",
  `    oauth_token_url: ${variable(`${env}_OAUTH_TOKEN_URL`)}`,
  `    oauth_client_id: ${variable(`${env}_CLIENT_ID`)}`,
  `    oauth_client_secret: ${variable(`${env}_CLIENT_SECRET`)}`,
];

/** Writes the CLI's config from the task params, then promotes the assets from QA to production. */
const deployScript = [
  "set -euo pipefail",
  "",
  `mkdir -p "${variable("HOME")}/.sup"`,
  `cat > "${variable("HOME")}/.sup/config.yml" <<EOF`,
  "superset_instances:",
  ...instances.flatMap(instanceConfig),
  "current_instance_name: superset-qa",
  "EOF",
  "",
  "ol-superset promote \\",
  "    --force \\",
  "    --skip-validation \\",
  `    --assets-dir ${dataPlatform.name}/src/ol_superset/assets`,
  "",
].join("\n");

const deploy = {
  name: "deploy-superset-assets-to-production",
  plan: [
    get(dataPlatform, { trigger: true }),
    task("promote-assets-to-production", {
      config: {
        platform: "linux",
        image_resource: {
          type: "registry-image",
          source: { repository: dockerhubEcrImageUri("mitodl/ol-superset"), tag: "latest", aws_region: ECR_REGION },
        },
        inputs: [{ name: dataPlatform.name }],
        params,
        run: { path: "bash", args: ["-c", deployScript] },
      },
    }),
  ],
};

const definition = {
  name: "ol-superset-deploy",
  pipeline: pipeline({ resources: [dataPlatform], jobs: [deploy] }),
};

export default definition;
await runIfMain(import.meta.url, definition);
