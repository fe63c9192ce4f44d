import { type Job, pipeline, schedule } from "hangar";
import { runIfMain } from "hangar/script";
import { driftJob, GITHUB_REPOSITORY, olInfrastructure } from "../lib/drift.ts";

const POLICIES = "ol_infrastructure.applications.concourse.iam_policies";

/** A worker role whose observed AWS usage is compared with the IAM policy modules attached to it. */
interface DriftTarget {
  /** Names the job and the pull request branch. */
  readonly name: string;
  /** The role's name up to the random suffix Pulumi adds. */
  readonly roleNamePrefix: string;
  /** Every policy module attached to the role. */
  readonly policyModules: readonly string[];
  /** The module the proposed changes go to. */
  readonly targetModule: string;
}

const targets: readonly DriftTarget[] = [
  {
    name: "pulumi-infra",
    roleNamePrefix: "concourse-instance-role-worker-infra-production-",
    policyModules: [
      "base",
      "cloud_custodian",
      "iam_drift_analysis",
      "infra",
      "operations",
      "pulumi_infra",
      "pulumi_state",
    ].map((module) => `${POLICIES}.${module}`),
    targetModule: `${POLICIES}.pulumi_infra`,
  },
];

const weekly = schedule({ name: "weekly-schedule", days: ["Monday"], start: "08:00", stop: "09:00" });
const repo = olInfrastructure.name;

function iamDriftJob(target: DriftTarget): Job {
  const moduleName = target.targetModule.split(".").at(-1);
  const propose = [
    `python ${repo}/bin/analyze-pulumi-iam-usage propose ${target.roleNamePrefix}`,
    ...target.policyModules.map((module) => `--policy-module ${module}`),
    `--target-module ${target.targetModule} --repo-root ${repo} --pr-body-file pr_body.md`,
  ].join(" ");
  const openPullRequest = [
    `python ${repo}/bin/open-drift-pr --repo-dir ${repo} --repo ${GITHUB_REPOSITORY}`,
    `--branch iam-drift/${target.name}`,
    `--title 'chore(concourse): sync ${moduleName} IAM policy with observed usage' --body-file pr_body.md`,
  ].join(" ");
  return driftJob({
    name: `check-${target.name}-iam-drift`,
    schedule: weekly,
    taskName: `propose-${target.name}-iam-policy`,
    script: `${propose}\n${openPullRequest}`,
    // The policy modules are read from (and edited in) the checkout, not the image's copy.
    params: { PYTHONPATH: `${repo}/src`, AWS_DEFAULT_REGION: "us-east-1" },
  });
}

const definition = {
  name: "iam-policy-drift",
  target: "pr-inf",
  pipeline: pipeline({ resources: [weekly, olInfrastructure], jobs: targets.map(iamDriftJob) }),
};

export default definition;
await runIfMain(import.meta.url, definition);
