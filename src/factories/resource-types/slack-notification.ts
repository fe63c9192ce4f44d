import type { Params } from "../../model/common.ts";
import type { ResourceType } from "../../model/resource-type.ts";
import type { RegistryImageSource } from "../resources/registry-image.ts";
import { registryImageType } from "./registry-image-type.ts";

/**
 * Source of a Slack alert resource (`arbourd/concourse-slack-alert-resource`).
 * @see https://github.com/arbourd/concourse-slack-alert-resource#source-configuration
 */
export interface SlackAlertSource extends Params {
  /** The Slack incoming webhook URL. */
  url: string;
  /** Post to this channel instead of the webhook's own. */
  channel?: string;
  /** Send nothing (handy to silence a pipeline). */
  disabled?: boolean;
  /** The Concourse URL used in links, when the external URL is not the right one. */
  concourse_url?: string;
  /** Basic-auth username for reading build details from Concourse. */
  username?: string;
  /** Basic-auth password for reading build details from Concourse. */
  password?: string;
}

/**
 * Params of a `put` to a Slack alert resource, which posts one alert.
 * @see https://github.com/arbourd/concourse-slack-alert-resource#out-send-a-message-to-slack
 */
export interface SlackAlertPutParams extends Params {
  /** The kind of alert, which sets its colour and default text: `default`, `success`, `failed`, `errored`, `aborted`, `fixed`, `broke`, `started`. */
  alert_type?: "default" | "success" | "failed" | "errored" | "aborted" | "fixed" | "broke" | "started" | (string & {});
  /** The alert's bold first line. */
  message?: string;
  /** More text, shown when the alert is expanded. */
  text?: string;
  /** A file whose content is the message. */
  message_file?: string;
  /** A file whose content is the text. */
  text_file?: string;
  /** Override the colour (hex, such as `#ff0000`). */
  color?: string;
  /** Post to this channel. */
  channel?: string;
  /** Skip this alert. */
  disabled?: boolean;
}

/**
 * The `slack-notification` resource type (`arbourd/concourse-slack-alert-resource`, tag `v0.15.0`).
 * @example pipeline({ resource_types: [slackNotificationResource()], resources: [slackNotification({ name: "slack", url })], jobs })
 * @see https://github.com/arbourd/concourse-slack-alert-resource
 */
export const slackNotificationResource = (): ResourceType<RegistryImageSource> =>
  registryImageType("slack-notification", "arbourd/concourse-slack-alert-resource", "v0.15.0");
