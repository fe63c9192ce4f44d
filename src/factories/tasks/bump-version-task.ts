import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import { HangarError } from "../../model/errors.ts";
import type { ImageResource, TaskInput, TaskStep } from "../../model/index.ts";
import { shellQuote } from "../../render/fly-command.ts";
import { TASK_IMAGE } from "../constants.ts";

/** Options of {@link bumpVersionTask}. */
export interface BumpVersionTaskOptions {
  /** The file holding the new version, as `<artifact>/<path>`. @default "release/version" */
  versionFile?: string | undefined;
  /** The artifact with the application's code and its bumpver config; also the task's output. @default "app-source" */
  repository?: string | undefined;
  /** The git committer name. @default "CI" */
  gitUser?: string | undefined;
  /** The git committer e-mail. @default "odl-devops@mit.edu" */
  gitEmail?: string | undefined;
  /** The image to run in. @default TASK_IMAGE */
  image?: ImageResource | undefined;
}

const BUMP_VERSION_TASK_OPTIONS: OptionKinds<BumpVersionTaskOptions> = {
  versionFile: "string?",
  repository: "string?",
  gitUser: "string?",
  gitEmail: "string?",
  image: "object?",
};

/**
 * A task that writes the version read from a file into an application's sources with
 * `bumpver update --set-version` (no commit); the changed sources are its output.
 * Throws `factories/invalid-version-file` unless `versionFile` is `<artifact>/<path>`.
 * @example bumpVersionTask({ versionFile: "release/version", repository: "app-source" })
 * @see https://github.com/mbarkhau/bumpver
 */
export function bumpVersionTask(options: Readonly<BumpVersionTaskOptions> = {}): TaskStep {
  const {
    versionFile = "release/version",
    repository = "app-source",
    gitUser = "CI",
    gitEmail = "odl-devops@mit.edu",
    image,
  } = checkOptions("bumpVersionTask", options, BUMP_VERSION_TASK_OPTIONS);
  if (!versionFile.includes("/") || ["/", "./", "../"].some((prefix) => versionFile.startsWith(prefix))) {
    throw new HangarError(
      "factories/invalid-version-file",
      `versionFile must be "<artifact>/<path>", such as "release/version"; got ${JSON.stringify(versionFile)}`,
    );
  }
  const file = versionFile.trim();
  const versionInput = file.split("/")[0] as string;
  const repo = repository.trim();
  const inputs: TaskInput[] =
    versionInput === repo ? [{ name: versionInput }] : [{ name: versionInput }, { name: repo }];
  const script = [
    `VERSION=$(cat ${shellQuote(file)})`,
    `git -C ${shellQuote(repo)} config user.email ${shellQuote(gitEmail)}`,
    `git -C ${shellQuote(repo)} config user.name ${shellQuote(gitUser)}`,
    `cd ${shellQuote(repo)}`,
    'bumpver update --set-version "$VERSION" --no-commit --no-fetch',
  ].join("\n");
  return {
    task: "bump-version",
    privileged: false,
    config: {
      platform: "linux",
      image_resource: image ?? { type: TASK_IMAGE.type, source: { ...TASK_IMAGE.source } },
      inputs,
      outputs: [{ name: repo }],
      run: { path: "bash", args: ["-ec", script] },
    },
  };
}
