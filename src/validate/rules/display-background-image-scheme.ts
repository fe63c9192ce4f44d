import { goParseUrl } from "../../concourse/go-url.ts";
import { defineRule } from "../define-rule.ts";
import { backgroundImage } from "./lib/display.ts";

export default defineRule({
  id: "display-background-image-scheme",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateDisplay",
  docs: { description: "`display.background_image` must be an http or https URL, or a relative one." },
  messages: { scheme: "background_image scheme must be either http, https or relative" },
  check(ctx) {
    const url = backgroundImage(ctx.pipeline);
    if (url === undefined) return;
    const parsed = goParseUrl(url);
    if (!parsed.ok || ["http", "https", ""].includes(parsed.scheme)) return;
    ctx.report({ path: ["display", "background_image"], messageId: "scheme" });
  },
});
