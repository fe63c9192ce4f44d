import { defineRule } from "../define-rule.ts";
import { goParseUrl } from "./lib/go-url.ts";
import { goString, isObject, type Obj } from "./lib/values.ts";

export default defineRule({
  id: "display-background-image-scheme",
  parity: "concourse",
  severity: "error",
  concourseRef: "atc/configvalidate/validate.go validateDisplay",
  docs: { description: "`display.background_image` must be an http or https URL, or a relative one." },
  messages: { scheme: "background_image scheme must be either http, https or relative" },
  check(ctx) {
    const display = (ctx.pipeline as unknown as Obj).display;
    if (!isObject(display)) return;
    const url = goString(display.background_image);
    if (url === undefined) return;
    const parsed = goParseUrl(url);
    if (!parsed.ok || ["http", "https", ""].includes(parsed.scheme)) return;
    ctx.report({ path: ["display", "background_image"], messageId: "scheme" });
  },
});
