// hangar's validator reports an error for this pipeline, the one Concourse refuses it with:
//   resource 'ol-infrastructure-deploy' is not used   (rule resource-unused)
// The Pulumi code is only used by the deploy jobs, and no deployment runs xqwatcher on ulmo, so
// there are none. The port keeps the pipeline as the original makes it; render it with
// `hangar render --no-validate`.
import {
  containerBuildTask,
  type Fragment,
  fragment,
  get,
  gitRepo,
  type Job,
  mergeFragments,
  type Pipeline,
  pipeline,
  pulumiJobsChain,
  put,
  registryImage,
} from "hangar";
import { runIfMain } from "hangar/script";
import { DOCKERHUB_LOGIN, GH_ISSUES_DEFAULT_REPOSITORY, PULUMI_CODE_PATH } from "../lib/constants.ts";
import { deploymentsRunning, envsByRelease, type OpenEdxRelease } from "../lib/open-edx/releases.ts";
import { PULUMI_WATCHED_PATHS, projectSecretsPaths, projectVersionPaths } from "../lib/watched-paths.ts";

const PROJECT = "applications/xqwatcher/";

/** The xqueue-watcher image build, and the deployment of the image to every stack running `release`. */
export function xqwatcherPipeline(release: OpenEdxRelease): Pipeline {
  const xqwatcherRepo = gitRepo({
    name: "xqueue-watcher-code",
    uri: "https://github.com/mitodl/xqueue-watcher",
    branch: "master",
  });
  const image = registryImage({
    name: "xqueue-watcher-container",
    imageRepository: "mitodl/xqueue-watcher",
    ...DOCKERHUB_LOGIN,
  });
  const pulumiCode = gitRepo({
    name: "ol-infrastructure-deploy",
    uri: "https://github.com/mitodl/ol-infrastructure",
    paths: [
      ...PULUMI_WATCHED_PATHS,
      `${PULUMI_CODE_PATH}/${PROJECT}`,
      "src/bridge/settings/openedx/",
      ...projectVersionPaths(PROJECT),
      ...projectSecretsPaths(PROJECT),
    ],
  });

  const imageBuildJob: Job = {
    name: "build-xqueue-watcher-image",
    plan: [
      get(xqwatcherRepo, { trigger: true }),
      containerBuildTask({
        inputs: [{ name: xqwatcherRepo.name }],
        buildParameters: { CONTEXT: xqwatcherRepo.name, DOCKERFILE: `${xqwatcherRepo.name}/Dockerfile` },
      }),
      put(image, {
        params: { image: "image/image.tar", additional_tags: `./${xqwatcherRepo.name}/.git/describe_ref` },
      }),
    ],
  };
  const container = fragment({ resources: [xqwatcherRepo, image], jobs: [imageBuildJob] });

  // Each deployment's stacks on this release, in promotion order, deploy each image the build made.
  // (The original also asks for a stack refresh before each update, an option the chain here lacks.)
  const deploys: Fragment[] = deploymentsRunning(release, "xqwatcher").map((deployment) =>
    pulumiJobsChain({
      pulumiCode,
      stackNames: envsByRelease(deployment, release).map((stage) => `${deployment.deploymentName}.${stage}`),
      projectName: "ol-infrastructure-xqwatcher-server",
      projectSourcePath: `${PULUMI_CODE_PATH}/applications/xqwatcher`,
      dependencies: [get(image, { trigger: true, passed: [imageBuildJob] })],
      envVarsFromFiles: { XQWATCHER_DOCKER_TAG: `${image.name}/digest` },
      githubIssueRepository: GH_ISSUES_DEFAULT_REPOSITORY,
    }),
  );

  return pipeline(mergeFragments(container, ...deploys), { resources: [pulumiCode] });
}

const release: OpenEdxRelease = "ulmo";

const definition = {
  name: `docker-pulumi-xqwatcher-${release}`,
  pipeline: xqwatcherPipeline(release),
};

export default definition;
await runIfMain(import.meta.url, definition);
