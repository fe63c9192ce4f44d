/** The grader base image: built from xqueue-watcher's `grader_support/Dockerfile.base`, on Docker Hub and ECR. */
export const GRADER_BASE_IMAGE_REPOSITORY = "mitodl/xqueue-watcher-grader-base";

/** The Python version of the base image's Dockerfile default; its image is also tagged `latest`. */
export const DEFAULT_GRADER_PYTHON_VERSION = "3.12";

/** A course's grader image: the base image plus the course's grader scripts, pushed to ECR. */
export interface GraderImage {
  /** Names the pipeline (`build-<name>-image`) and its resources. */
  readonly pipelineName: string;
  /** SSH URL of the (private) grader repository. */
  readonly graderRepoUrl: string;
  readonly graderRepoBranch: string;
  /** The ECR repository the image is pushed to. */
  readonly ecrRepoName: string;
  /** The SSH key that clones the grader repository. @default "((open_api_clients.odlbot_private_ssh_key))" */
  readonly githubPrivateKey?: string;
}

/** The course grader images, one build pipeline each. */
export const GRADER_IMAGES: readonly GraderImage[] = [
  {
    pipelineName: "graders-mit-600x",
    graderRepoUrl: "git@github.com:mitodl/graders-mit-600x",
    graderRepoBranch: "master",
    ecrRepoName: "mitodl/graders-mit-600x",
  },
  {
    pipelineName: "graders-mit-686x",
    graderRepoUrl: "git@github.mit.edu:mitx/graders-mit-686x",
    graderRepoBranch: "master",
    ecrRepoName: "mitodl/graders-mit-686x",
    githubPrivateKey: "((github_enterprise.private_ssh_key))",
  },
];
