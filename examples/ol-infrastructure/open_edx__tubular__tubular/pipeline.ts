// Retires the learners who asked for their accounts to be deleted, once a week, with edX's tubular scripts.
//
// The Python program that lists the learners for the retirement loop is ol-infrastructure's: it is
// read from its checkout (the program defined in src/ol_concourse/pipelines/open_edx/tubular/tubular.py),
// named by the environment variable OL_INFRASTRUCTURE_DIR, and is not stored here.
//   OL_INFRASTRUCTURE_DIR=../ol-infrastructure npx hangar render <this file>
import { get, gitRepo, pipeline, schedule, task } from "hangar";
import { type PipelineDefinition, runIfMain } from "hangar/script";
import { isMainModule, PIPELINES_DIR, pythonStringAfter, readCheckoutFile } from "../lib/checkout.ts";
import { dockerhubCachedImage } from "../lib/constants.ts";

/** The pipeline's task scripts. */
export interface TubularScripts {
  /**
   * A Python program that reads the usernames out of the learner files in `tubular-retirees/processing`
   * and writes them, as a JSON list, to `retirees_dir/vars.json`.
   */
  readonly collectRetirees: string;
}

const tubularImage = dockerhubCachedImage("mitodl/openedx-tubular");

const tubularConfigRepo = gitRepo({
  name: "tubular-pipeline-config",
  uri: "https://github.com/mitodl/ol-infrastructure",
  paths: ["src/ol_concourse/pipelines/open_edx/tubular/"],
});
const buildSchedule = schedule({ name: "build-schedule", interval: "168h" });

const tubularConfigPath = `${tubularConfigRepo.name}/src/ol_concourse/pipelines/open_edx/tubular/openedx-config.yml`;
const retirees = { name: "tubular-retirees" };
const oauthClient = {
  TUBULAR_OAUTH_CLIENT_ID: "((tubular_oauth_client.id))",
  TUBULAR_OAUTH_CLIENT_SECRET: "((tubular_oauth_client.secret))",
  TUBULAR_LMS_HOST: "((tubular_oauth_client.host))",
};

/** The pipeline, running `scripts`. */
export function tubularPipeline(scripts: TubularScripts): PipelineDefinition {
  return {
    name: "misc-cloud-tubular",
    target: "pr-inf",
    pipeline: pipeline({
      resources: [tubularConfigRepo, buildSchedule],
      jobs: [
        {
          name: "deploy-tubular-world",
          // One run at a time: each retirement run works through the same queue of learners.
          max_in_flight: 1,
          plan: [
            get(tubularConfigRepo, { trigger: true }),
            get(buildSchedule, { trigger: true }),
            task("tubular-generate-retirees-task", {
              config: {
                platform: "linux",
                image_resource: tubularImage,
                inputs: [{ name: tubularConfigRepo.name }],
                outputs: [retirees],
                params: oauthClient,
                run: {
                  path: "/app/scripts/get_learners_to_retire.py",
                  args: [
                    "--config_file",
                    tubularConfigPath,
                    "--output_dir",
                    `${retirees.name}/processing`,
                    "--cool_off_days",
                    "0",
                  ],
                },
              },
            }),
            task("tubular-process-retired-users-task", {
              config: {
                platform: "linux",
                image_resource: tubularImage,
                inputs: [{ name: retirees.name }],
                outputs: [{ name: "retirees_dir" }],
                run: { path: "python", args: ["-c", scripts.collectRetirees] },
              },
            }),
            { load_var: "tubular_retirees", file: "retirees_dir/vars.json", reveal: true },
            task("tubular-retire-users-task", {
              across: [{ var: "tubular_retiree", values: "((.:tubular_retirees))" }],
              config: {
                platform: "linux",
                image_resource: tubularImage,
                inputs: [{ name: retirees.name }, { name: tubularConfigRepo.name }],
                params: oauthClient,
                run: {
                  path: "/app/scripts/retire_one_learner.py",
                  args: ["--config_file", tubularConfigPath, "--username", "((.:tubular_retiree))"],
                },
              },
            }),
          ],
        },
      ],
    }),
  };
}

const SOURCE = `${PIPELINES_DIR}/open_edx/tubular/tubular.py`;

/** The pipeline with the script of the ol-infrastructure checkout named by `OL_INFRASTRUCTURE_DIR`. */
export default function definition(): PipelineDefinition {
  const source = readCheckoutFile(SOURCE);
  return tubularPipeline({
    collectRetirees: pythonStringAfter(source, "textwrap.dedent(", { dedent: true, file: SOURCE }),
  });
}

if (isMainModule(import.meta.url)) await runIfMain(import.meta.url, definition());
