import { checkOptions, type OptionChoices, type OptionKinds } from "../../model/arguments.ts";
import type { Ref } from "../../model/common.ts";
import type { Resource } from "../../model/resource.ts";
import type { PutStep } from "../../model/step.ts";
import type { SlackAlertPutParams } from "../resource-types/slack-notification.ts";

/**
 * The alert types the Slack alert resource knows (its `out` takes any other for `default`, which hides a typo).
 * @see https://github.com/arbourd/concourse-slack-alert-resource#alert-types
 */
const ALERT_TYPES = ["default", "success", "failed", "errored", "aborted", "fixed", "broke", "started"] as const;

/** Options of {@link notification}. */
export interface NotificationOptions {
  /** The `slackNotification()` resource to put to. */
  resource: Ref<Resource>;
  /** The alert's bold first line. */
  title: string;
  /** More text, shown when the alert is expanded. */
  body: string;
  /** The kind of alert, which sets its colour; `null` leaves it to the resource. @default "default" */
  alertType?: (typeof ALERT_TYPES)[number] | null | undefined;
}

const NOTIFICATION_OPTIONS: OptionKinds<NotificationOptions> = {
  resource: "ref",
  title: "string",
  body: "string",
  alertType: "string|null?",
};

const NOTIFICATION_CHOICES: OptionChoices<NotificationOptions> = { alertType: ALERT_TYPES };

/**
 * A put that posts a Slack alert, for use as a job's or step's `on_failure`, `on_success` ... hook.
 * @example ({ ...job, on_failure: notification({ resource: slack, title: "Deploy failed", body: "See the build", alertType: "failed" }) })
 * @see https://github.com/arbourd/concourse-slack-alert-resource#out-send-a-message-to-slack
 */
export function notification(options: Readonly<NotificationOptions>): PutStep {
  const {
    resource,
    title,
    body,
    alertType = "default",
  } = checkOptions("notification", options, NOTIFICATION_OPTIONS, NOTIFICATION_CHOICES);
  const params: SlackAlertPutParams = {
    ...(alertType === null ? {} : { alert_type: alertType }),
    message: title,
    text: body,
  };
  return { put: resource, params };
}
