import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { TaskStep } from "../../model/step.ts";
import { REGISTRY_IMAGE } from "../constants.ts";

/** Options of {@link instanceRefreshTask}. */
export interface InstanceRefreshTaskOptions {
  /** `--filters` of `aws autoscaling describe-auto-scaling-groups`. */
  filters: string;
  /** A JMESPath `--query` that selects exactly one auto scaling group name. */
  queries: string;
}

/** Options of {@link blockForInstanceRefreshTask}. */
export interface BlockForInstanceRefreshTaskOptions extends InstanceRefreshTaskOptions {
  /** Seconds between two looks at the refresh's status. @default 10 */
  checkFreq?: number | undefined;
}

const AWS = "aws autoscaling";
const FLAGS = "--color on --no-cli-auto-prompt --no-cli-pager";
const INDENT = " ".repeat(20);

const findGroup = (filters: string, queries: string) =>
  `ASG_NAME=$(${AWS} describe-auto-scaling-groups ${FLAGS} --filters ${filters} --query "${queries}" --output text);`;

const INSTANCE_REFRESH_TASK_OPTIONS: OptionKinds<InstanceRefreshTaskOptions> = {
  filters: "string",
  queries: "string",
};

/**
 * A task that starts an instance refresh of the one auto scaling group the filters and query select.
 * @example instanceRefreshTask({ filters: "Name=tag:app,Values=web", queries: "AutoScalingGroups[0].AutoScalingGroupName" })
 * @see https://docs.aws.amazon.com/cli/latest/reference/autoscaling/start-instance-refresh.html
 */
export function instanceRefreshTask(options: Readonly<InstanceRefreshTaskOptions>): TaskStep {
  const { filters, queries } = checkOptions("instanceRefreshTask", options, INSTANCE_REFRESH_TASK_OPTIONS);
  const script = [
    findGroup(filters, queries),
    `${INDENT}${AWS} start-instance-refresh ${FLAGS} --auto-scaling-group-name "$ASG_NAME" --preferences MinHealthyPercentage=50,InstanceWarmup=120`,
  ].join("\n");
  return {
    task: "instance-refresh",
    privileged: false,
    config: {
      platform: "linux",
      image_resource: { type: REGISTRY_IMAGE, source: { repository: "amazon/aws-cli" } },
      params: {},
      run: { path: "bash", args: ["-ec", script] },
    },
  };
}

const BLOCK_FOR_INSTANCE_REFRESH_TASK_OPTIONS: OptionKinds<BlockForInstanceRefreshTaskOptions> = {
  filters: "string",
  queries: "string",
  checkFreq: "number?",
};

/**
 * A task that waits until the latest instance refresh of the selected auto scaling group is no longer
 * pending, in progress or cancelling (at once when there is none).
 * @example blockForInstanceRefreshTask({ filters: "Name=tag:app,Values=web", queries: "AutoScalingGroups[0].AutoScalingGroupName" })
 * @see https://docs.aws.amazon.com/cli/latest/reference/autoscaling/describe-instance-refreshes.html
 */
export function blockForInstanceRefreshTask(options: Readonly<BlockForInstanceRefreshTaskOptions>): TaskStep {
  const {
    filters,
    queries,
    checkFreq = 10,
  } = checkOptions("blockForInstanceRefreshTask", options, BLOCK_FOR_INSTANCE_REFRESH_TASK_OPTIONS);
  const refreshes = `${AWS} describe-instance-refreshes ${FLAGS} --auto-scaling-group-name`;
  const sorted = "sort_by(InstanceRefreshes, &StartTime)[]";
  const script = [
    ` ${findGroup(filters, queries)}`,
    `${INDENT}status="InProgress"`,
    `${INDENT}while [ "$status" = "InProgress" ] || [ "$status" == "Pending" ] || [ "$status" == "Canceling" ]`,
    `${INDENT}do`,
    `${INDENT}    sleep ${checkFreq}`,
    `${INDENT}    status=$(${refreshes} "$ASG_NAME" --query "${sorted}.{Status: Status}" --output text | tail -n 1)`,
    `${INDENT}    ${refreshes} $ASG_NAME --query "${sorted}.{InstanceRefreshId: InstanceRefreshId, StartTime: StartTime, Status: Status}" --output text | tail -n 1`,
    `${INDENT}done`,
  ].join("\n");
  return {
    task: "block-for-instance-refresh",
    privileged: false,
    config: {
      platform: "linux",
      image_resource: { type: REGISTRY_IMAGE, source: { repository: "amazon/aws-cli" } },
      params: {},
      run: { path: "bash", args: ["-evc", script] },
    },
  };
}
