import { expect, test } from "vitest";
import { blockForInstanceRefreshTask, instanceRefreshTask } from "./instance-refresh-task.ts";

const pad = " ".repeat(20);
const find =
  'ASG_NAME=$(aws autoscaling describe-auto-scaling-groups --color on --no-cli-auto-prompt --no-cli-pager --filters Name=tag:app,Values=web --query "AutoScalingGroups[0].AutoScalingGroupName" --output text);';
const options = { filters: "Name=tag:app,Values=web", queries: "AutoScalingGroups[0].AutoScalingGroupName" };
const image = { type: "registry-image", source: { repository: "amazon/aws-cli" } };

test("instanceRefreshTask", () => {
  expect(instanceRefreshTask(options)).toEqual({
    task: "instance-refresh",
    privileged: false,
    config: {
      platform: "linux",
      image_resource: image,
      params: {},
      run: {
        path: "bash",
        args: [
          "-ec",
          `${find}\n${pad}aws autoscaling start-instance-refresh --color on --no-cli-auto-prompt --no-cli-pager --auto-scaling-group-name "$ASG_NAME" --preferences MinHealthyPercentage=50,InstanceWarmup=120`,
        ],
      },
    },
  });
});

test("blockForInstanceRefreshTask", () => {
  const refreshes =
    "aws autoscaling describe-instance-refreshes --color on --no-cli-auto-prompt --no-cli-pager --auto-scaling-group-name";
  expect(blockForInstanceRefreshTask({ ...options, checkFreq: 30 })).toEqual({
    task: "block-for-instance-refresh",
    privileged: false,
    config: {
      platform: "linux",
      image_resource: image,
      params: {},
      run: {
        path: "bash",
        args: [
          "-evc",
          [
            ` ${find}`,
            `${pad}status="InProgress"`,
            `${pad}while [ "$status" = "InProgress" ] || [ "$status" == "Pending" ] || [ "$status" == "Canceling" ]`,
            `${pad}do`,
            `${pad}    sleep 30`,
            `${pad}    status=$(${refreshes} "$ASG_NAME" --query "sort_by(InstanceRefreshes, &StartTime)[].{Status: Status}" --output text | tail -n 1)`,
            `${pad}    ${refreshes} $ASG_NAME --query "sort_by(InstanceRefreshes, &StartTime)[].{InstanceRefreshId: InstanceRefreshId, StartTime: StartTime, Status: Status}" --output text | tail -n 1`,
            `${pad}done`,
          ].join("\n"),
        ],
      },
    },
  });
});
