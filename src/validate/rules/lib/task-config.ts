/**
 * The checks of one task config (atc/task.go `TaskConfig.Validate`), wherever it is: inline in a task step (the
 * `task-config-*` rules, through the StepValidator) or a task config file (validate-task-config.ts, through
 * `NewTaskConfig`). Each reports the findings of its rule at paths below `at`, the config's own path.
 */

import { goString } from "../../../concourse/go-value.ts";
import { isObject, type Path } from "../../../model/common.ts";
import type { Finding } from "../../define-rule.ts";
import { has, listOf, type Obj } from "./values.ts";

/** Where a check reports a finding of its rule. */
export type Report<M extends string> = (finding: Finding<M>) => void;

/** `missing 'platform'`: at `platform` when it is given (empty), else at the config. */
export function checkPlatform(config: Obj, at: Path, report: Report<"missing">): void {
  if (goString(config.platform) !== "") return;
  report({ path: has(config, "platform") ? [...at, "platform"] : at, messageId: "missing" });
}

const IO_KEYS = [
  ["inputs", "input"],
  ["outputs", "output"],
] as const;

/** Each input and output without a name (a null entry is a zero struct to Go: no name either), in Go's order. */
export function checkIoNames(config: Obj, at: Path, report: Report<"input" | "output">): void {
  for (const [key, messageId] of IO_KEYS) {
    const entries = listOf(config[key]);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (isObject(entry) && goString(entry.name) !== "") continue;
      if (!isObject(entry) && entry !== null) continue;
      report({ path: [...at, key, i], messageId, data: { index: i } });
    }
  }
}
