import { goParseUrl } from "../../concourse/go-url.ts";
import { defineRule } from "../define-rule.ts";
import { backgroundImage } from "./lib/display.ts";

export default defineRule({
  id: "display-background-image-invalid",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateDisplay",
  docs: { description: "`display.background_image` must be a URL that Go's `net/url` can parse." },
  messages: { invalid: "background_image is not a valid URL: {{url}}" },
  check(ctx) {
    const url = backgroundImage(ctx.pipeline);
    if (url === undefined || goParseUrl(url).ok) return;
    ctx.report({ path: ["display", "background_image"], messageId: "invalid", data: { url } });
  },
});
