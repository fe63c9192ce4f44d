import { expect, test } from "vitest";
import { toConcourse } from "../../render/to-concourse.ts";
import { slackNotification } from "../resources/slack-notification.ts";
import { notification } from "./notification.ts";

const slack = slackNotification({ name: "slack", url: "((slack.url))" });

test("notification puts a default alert", () => {
  expect(notification({ resource: slack, title: "Done", body: "All good" })).toEqual({
    put: slack,
    params: { alert_type: "default", message: "Done", text: "All good" },
  });
});

test("notification with an alert type, or none", () => {
  expect(toConcourse(notification({ resource: slack, title: "T", body: "B", alertType: "failed" }))).toEqual({
    put: "slack",
    params: { alert_type: "failed", message: "T", text: "B" },
  });
  expect(toConcourse(notification({ resource: "slack", title: "T", body: "B", alertType: null }))).toEqual({
    put: "slack",
    params: { message: "T", text: "B" },
  });
});
