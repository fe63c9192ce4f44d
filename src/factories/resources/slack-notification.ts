import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { Resource } from "../../model/resource.ts";
import { type SlackAlertSource, slackNotificationResource } from "../resource-types/slack-notification.ts";

/** Options of {@link slackNotification}. */
export interface SlackNotificationOptions {
  /** The resource's name. */
  name: string;
  /** The Slack incoming webhook URL (usually a `((var))`). */
  url: string;
}

const SLACK_NOTIFICATION_OPTIONS: OptionKinds<SlackNotificationOptions> = {
  name: "string",
  url: "string",
};

/**
 * A `slack-notification` resource posting alerts to a Slack webhook (see `notification()` for the put).
 * Its `type` is the {@link slackNotificationResource} object.
 * @example slackNotification({ name: "slack-alert", url: "((slack.webhook_url))" })
 * @see https://github.com/arbourd/concourse-slack-alert-resource
 */
export function slackNotification(options: Readonly<SlackNotificationOptions>): Resource<SlackAlertSource> {
  const { name, url } = checkOptions("slackNotification", options, SLACK_NOTIFICATION_OPTIONS);
  return { name, type: slackNotificationResource(), source: { url, disabled: false } };
}
