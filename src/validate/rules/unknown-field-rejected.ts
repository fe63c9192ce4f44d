import { goQuote } from "../../concourse/go-format.ts";
import { didYouMean } from "../../source/did-you-mean.ts";
import { defineRule } from "../define-rule.ts";
import { unknownKeys } from "./lib/unknown-keys.ts";

export default defineRule({
  id: "unknown-field-rejected",
  parity: "hangar",
  severity: "error",
  docs: {
    description:
      "A key that a job, resource, resource type, prototype, group, var source, `build_log_retention` or `display` " +
      "does not have. `fly validate-pipeline` passes it (without `--strict`), but `fly set-pipeline` fails: the " +
      "server decodes these structs with unknown fields disallowed (atc/config.go `UnmarshalConfig`) and answers " +
      '`malformed config: ... json: unknown field "x"`. With `--strict` hangar reports fly\'s own error instead.',
  },
  messages: { rejected: "set-pipeline rejects this key (json: unknown field {{field}})" },
  check(ctx) {
    for (const { path, key, known } of unknownKeys(ctx).rejected) {
      ctx.report({ path, messageId: "rejected", data: { field: goQuote(key) }, didYouMean: didYouMean(key, known) });
    }
  },
});
