import type { Fragment } from "../../fragment/fragment.ts";
import { mergeFragments } from "../../fragment/merge-fragments.ts";
import { madeBy } from "../../fragment/provenance.ts";
import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import { HangarError } from "../../model/errors.ts";
import type { Job } from "../../model/job.ts";
import type { Resource } from "../../model/resource.ts";
import type { GetStep, PutStep, Step } from "../../model/step.ts";
import { type GithubIssuesPutParams, githubIssuesResource } from "../resource-types/github-issues.ts";
import { githubIssues } from "../resources/github-issues.ts";
import { pulumiJob } from "./pulumi-job.ts";

/** Options of {@link pulumiJobsChain}. */
export interface PulumiJobsChainOptions {
  /** The git resource with the Pulumi code. */
  pulumiCode: Resource;
  /** The stacks, in the order a change is promoted through them (`CI`, `QA`, `Production`). */
  stackNames: readonly string[];
  /** The Pulumi project's name. */
  projectName: string;
  /** The project's directory inside `pulumiCode`. */
  projectSourcePath: string;
  /**
   * Gate each stack after the first on a GitHub issue that the previous stack's deploy opens and a person
   * closes; then `githubIssueRepository` is required. @default true
   */
  enableGithubIssueResource?: boolean | undefined;
  /** More get steps for single stacks, by their index in `stackNames`. @default {} */
  customDependencies?: Readonly<Record<number, readonly GetStep[]>> | undefined;
  /** Get steps for every job. Each job gets copies: triggering only in the first job unless it is a production stack, and passed the previous job after the first. @default [] */
  dependencies?: readonly GetStep[] | undefined;
  /** Steps run after the update, by stack index. @default {} */
  additionalPostSteps?: Readonly<Record<number, readonly Step[]>> | undefined;
  /** Users assigned to the promotion issues. @default [] */
  githubIssueAssignees?: readonly string[] | undefined;
  /** Labels of the promotion issues; empty or absent means the defaults (with `promotion-to-qa` ... by stack). */
  githubIssueLabels?: readonly string[] | undefined;
  /** The repository of the promotion issues, as `owner/name`; required with `enableGithubIssueResource` (ol-infrastructure passes `GH_ISSUES_DEFAULT_REPOSITORY`). */
  githubIssueRepository?: string | undefined;
  /** More environment variables for the Pulumi CLI. */
  additionalEnvVars?: Readonly<Record<string, string>> | undefined;
  /** Environment variables read from files: variable name to file path. */
  envVarsFromFiles?: Readonly<Record<string, string>> | undefined;
  /** A vault path holding a Slack webhook URL for failure alerts. */
  slackUrlPath?: string | undefined;
}

/** What {@link pulumiJobsChain} makes: a fragment plus handles on its jobs. */
export interface PulumiJobsChain extends Fragment {
  /** The jobs by stack name, in chain order. */
  readonly jobsByStack: Readonly<Record<string, Job>>;
  /** The job of the first stack. */
  readonly firstJob: Job | undefined;
  /** The job of the last stack. */
  readonly lastJob: Job | undefined;
}

const DEFAULT_LABELS = ["product:infrastructure", "DevOps", "pipeline-workflow"];

const PULUMI_JOBS_CHAIN_OPTIONS: OptionKinds<PulumiJobsChainOptions> = {
  pulumiCode: "named",
  stackNames: "string[]",
  projectName: "string",
  projectSourcePath: "string",
  enableGithubIssueResource: "boolean?",
  customDependencies: "object?",
  dependencies: "array?",
  additionalPostSteps: "object?",
  githubIssueAssignees: "string[]?",
  githubIssueLabels: "string[]?",
  githubIssueRepository: "string?",
  additionalEnvVars: "object?",
  envVarsFromFiles: "object?",
  slackUrlPath: "string?",
};

/**
 * A chain of {@link pulumiJob}s that promotes a change through a project's stacks in order. With the
 * GitHub issue gate, each successful deploy opens an issue; closing it triggers the next stack.
 *
 * Output equals the Python's for the same arguments, but nothing is mutated: the Python rewrites the
 * caller's `dependencies` (`trigger`, `passed`) as it goes; here each job gets fresh copies with the
 * values the Python's job would get. Identical duplicate resources and resource types (one
 * `pulumi-provisioner` type per stack in the Python's list) collapse, as `mergeFragments` does.
 * Throws `factories/missing-option` without `githubIssueRepository` while the gate is enabled.
 * @example pulumiJobsChain({ pulumiCode, stackNames: ["CI", "QA", "Production"], projectName: "app", projectSourcePath: "src/app", githubIssueRepository: GH_ISSUES_DEFAULT_REPOSITORY })
 * @see https://github.com/mitodl/ol-concourse/tree/main/resources/github-issues
 */
export function pulumiJobsChain(options: Readonly<PulumiJobsChainOptions>): PulumiJobsChain {
  const {
    pulumiCode,
    stackNames,
    projectName,
    projectSourcePath,
    enableGithubIssueResource = true,
    customDependencies = {},
    dependencies = [],
    additionalPostSteps = {},
    githubIssueAssignees = [],
    githubIssueLabels,
    githubIssueRepository,
    additionalEnvVars,
    envVarsFromFiles,
    slackUrlPath,
  } = checkOptions("pulumiJobsChain", options, PULUMI_JOBS_CHAIN_OPTIONS);
  if (enableGithubIssueResource && githubIssueRepository === undefined) {
    throw new HangarError(
      "factories/missing-option",
      "githubIssueRepository is required when enableGithubIssueResource is true",
    );
  }
  const repository = githubIssueRepository ?? "";
  const deployed = (stack: string) => `[bot] Pulumi ${projectName} ${stack} deployed.`;
  const parts: Fragment[] = [{ resource_types: [githubIssuesResource()], resources: [], jobs: [] }];
  const jobs: Job[] = [];
  const triggers: Resource[] = [];
  let trigger: Resource | undefined;

  stackNames.forEach((stackName, index) => {
    const stack = stackName.toLowerCase();
    if (enableGithubIssueResource && index + 1 < stackNames.length) {
      trigger = githubIssues({
        name: `github-issues-${stack}-trigger`,
        repository,
        authMethod: "token",
        issueTitleTemplate: deployed(stackName),
        issuePrefix: deployed(stackName),
        issueState: "closed",
        pollFrequency: "15m",
      });
    }
    if (trigger) triggers[index] = trigger;
    const production = stack.endsWith("production");
    const previousJob = index === 0 ? undefined : jobs[index - 1];
    const previousTrigger = index === 0 ? undefined : triggers[index - 1];

    const localDependencies: GetStep[] = dependencies.map((dep) => {
      const { passed, ...rest } = dep;
      const nextPassed = previousJob ? [previousJob] : passed;
      return { ...rest, trigger: !(previousJob || production), ...(nextPassed ? { passed: nextPassed } : {}) };
    });
    if (enableGithubIssueResource && previousTrigger) localDependencies.push({ get: previousTrigger, trigger: true });
    localDependencies.push(...(customDependencies[index] ?? []).map((dep) => ({ ...dep })));

    const step = pulumiJob({
      pulumiCode,
      stackName,
      projectName,
      projectSourcePath,
      dependencies: localDependencies,
      additionalPostSteps: additionalPostSteps[index] ?? [],
      ...(previousJob ? { previousJob } : {}),
      ...(additionalEnvVars ? { additionalEnvVars } : {}),
      ...(envVarsFromFiles ? { envVarsFromFiles } : {}),
      ...(slackUrlPath ? { slackUrlPath } : {}),
    });

    let job = step.job;
    const resources: Resource[] = [];
    if (enableGithubIssueResource) {
      const post = githubIssues({
        name: `github-issues-${stack}-post`,
        repository,
        authMethod: "token",
        issueTitleTemplate: deployed(stackName),
        issuePrefix: deployed(stackName),
        issueState: "open",
      });
      const stageLabel = stack.endsWith("ci")
        ? ["promotion-to-qa"]
        : stack.endsWith("qa")
          ? ["promotion-to-production"]
          : production
            ? ["finalized-deployment"]
            : [];
      const params: GithubIssuesPutParams = {
        labels: githubIssueLabels?.length ? [...githubIssueLabels] : [...DEFAULT_LABELS, ...stageLabel],
        assignees: [...githubIssueAssignees],
      };
      const openIssue: PutStep = { put: post, params };
      resources.push(post);
      job = { ...job, on_success: openIssue };
    }
    resources.push(...step.resources);
    if (trigger) resources.push(trigger);
    jobs.push(job);
    parts.push({ resource_types: step.resource_types, resources, jobs: [job] });
  });

  const merged = mergeFragments(...parts);
  const made = {
    ...merged,
    jobsByStack: Object.fromEntries(stackNames.map((stack, i) => [stack, jobs[i] as Job])),
    firstJob: jobs[0],
    lastJob: jobs[jobs.length - 1],
  };
  return madeBy(made, "pulumiJobsChain", pulumiJobsChain);
}
