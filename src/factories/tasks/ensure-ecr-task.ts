import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { TaskStep } from "../../model/step.ts";

/** Options of {@link ensureEcrTask}. */
export interface EnsureEcrTaskOptions {
  /** The ECR repository's name without the registry host, such as `mitodl/graders`. */
  ecrRepoName: string;
}

const ENSURE_ECR_TASK_OPTIONS: OptionKinds<EnsureEcrTaskOptions> = {
  ecrRepoName: "string",
};

/**
 * A task that creates an ECR repository unless it exists (with the AWS CLI and the worker's credentials).
 * @example ensureEcrTask({ ecrRepoName: "mitodl/app" })
 * @see https://docs.aws.amazon.com/cli/latest/reference/ecr/create-repository.html
 */
export function ensureEcrTask(options: Readonly<EnsureEcrTaskOptions>): TaskStep {
  const { ecrRepoName } = checkOptions("ensureEcrTask", options, ENSURE_ECR_TASK_OPTIONS);
  return {
    task: "ensure-ecr-repository",
    config: {
      platform: "linux",
      image_resource: { type: "registry-image", source: { repository: "amazon/aws-cli", tag: "latest" } },
      params: { REPO_NAME: ecrRepoName, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "cat" },
      run: {
        path: "sh",
        args: [
          "-exc",
          `aws ecr describe-repositories --repository-names \${REPO_NAME} || aws ecr create-repository --repository-name \${REPO_NAME}`,
        ],
      },
    },
  };
}
