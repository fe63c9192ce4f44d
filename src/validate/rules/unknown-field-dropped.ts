import { goQuote } from "../../concourse/go-format.ts";
import { didYouMean } from "../../source/did-you-mean.ts";
import { defineRule } from "../define-rule.ts";
import { unknownKeys } from "./lib/unknown-keys.ts";

export default defineRule({
  id: "unknown-field-dropped",
  parity: "hangar",
  severity: "warning",
  docs: {
    description:
      "A top-level key Concourse does not know. `fly validate-pipeline` says nothing (without `--strict`) and " +
      "`fly set-pipeline` keeps only the known top-level keys (atc/config.go `UnmarshalConfig`), so the key and " +
      "everything under it are silently lost. With `--strict` hangar reports fly's own error instead.",
  },
  messages: { dropped: "set-pipeline drops unknown top-level key {{field}} and all it holds" },
  check(ctx) {
    for (const { path, key, known } of unknownKeys(ctx).dropped) {
      ctx.report({ path, messageId: "dropped", data: { field: goQuote(key) }, didYouMean: didYouMean(key, known) });
    }
  },
});
