import { type TaskStep, task } from "hangar";
import { dockerhubCachedImage } from "../constants.ts";

/** JSON with the separators of Python's `json.dumps` (`", "` and `": "`), as AWS receives it from the CLI. */
function spacedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spacedJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${spacedJson(item)}`);
    return `{${entries.join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** Options of {@link configureEcrRepositoryTask}. */
export interface ConfigureEcrRepositoryTaskOptions {
  /** The ECR repository, without the registry host (`mitodl/dcind`). */
  repoName: string;
  /** Expire every image but this many most recent ones. @default 10 */
  keepLastNImages?: number;
}

/**
 * A task that turns on scan-on-push for an ECR repository and keeps only its most recent images.
 * Both AWS calls are idempotent, so it runs on every build, after `ensureEcrTask` has created the
 * repository.
 * @example configureEcrRepositoryTask({ repoName: "mitodl/dcind" })
 */
export function configureEcrRepositoryTask({
  repoName,
  keepLastNImages = 10,
}: Readonly<ConfigureEcrRepositoryTaskOptions>): TaskStep {
  const lifecyclePolicy = {
    rules: [
      {
        rulePriority: 1,
        description: `Keep last ${keepLastNImages} images`,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepLastNImages },
        action: { type: "expire" },
      },
    ],
  };
  return task("configure-ecr-repository", {
    config: {
      platform: "linux",
      image_resource: dockerhubCachedImage("amazon/aws-cli", "latest"),
      params: { REPO_NAME: repoName, LIFECYCLE_POLICY: spacedJson(lifecyclePolicy), AWS_PAGER: "cat" },
      run: {
        path: "sh",
        args: [
          "-exc",
          [
            `aws ecr put-image-scanning-configuration --repository-name \${REPO_NAME}`,
            "--image-scanning-configuration scanOnPush=true",
            `&& aws ecr put-lifecycle-policy --repository-name \${REPO_NAME}`,
            '--lifecycle-policy-text "$LIFECYCLE_POLICY"',
          ].join(" "),
        ],
      },
    },
  });
}
