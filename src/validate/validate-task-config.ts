import { goValue } from "../concourse/go-format.ts";
import { TASK_CONFIG_FIELDS, unknownTaskConfigFields } from "../concourse/step-fields.ts";
import type { TaskConfig } from "../model/task.ts";
import { compareDiagnostics, type Diagnostic } from "../source/diagnostic.ts";
import type { Rule } from "./define-rule.ts";
import { fieldHint } from "./rules/lib/field-hint.ts";
import { checkIoNames, checkPlatform, type Report } from "./rules/lib/task-config.ts";
import type { Obj } from "./rules/lib/values.ts";
import taskConfigIoNoName from "./rules/task-config-io-no-name.ts";
import taskConfigNoPlatform from "./rules/task-config-no-platform.ts";
import taskConfigUnknownFields from "./rules/task-config-unknown-fields.ts";
import { findingDiagnostic, RULE_CRASHED, severityOf, type ValidateOptions } from "./validate.ts";

/**
 * The verdicts Concourse gives on a task config file, as `atc.NewTaskConfig` reads one (`fly execute -c`, and a task
 * step's `file:` when the build runs): first its unknown keys, an error that ends the read (`unknown fields:
 * [ouputs]`, the names sorted where Go's order is random); then `TaskConfig.Validate` (`missing 'platform'`, an
 * input or output without a name), whose errors fly prints under `invalid task configuration:`.
 *
 * The findings are those of the `task-config-*` rules, which make the same checks of a task step's inline config
 * (rules/lib/task-config.ts), with paths from the file's top; rule settings (`options.rules`) apply to them. The
 * type of each value is the parser's business (`parsePipeline` with `as: "task"`), and the config must have passed it.
 * Never throws.
 */
export function validateTaskConfig(config: Readonly<TaskConfig>, options: ValidateOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const run = <M extends string>(rule: Rule<M>, check: (report: Report<M>) => void): void => {
    const registered = options.registry === undefined || options.registry.includes(rule as Rule);
    const severity = registered ? severityOf(rule as Rule, options.rules?.[rule.id]) : undefined;
    if (severity === undefined) return;
    // fly execute prints Concourse's words alone, with no context before them
    const report = (finding: Parameters<Report<M>>[0]) =>
      out.push(findingDiagnostic(rule as Rule, severity, finding, (_path, message) => message));
    try {
      check(report);
    } catch (error) {
      const message = `rule '${rule.id}' failed: ${error instanceof Error ? error.message : String(error)}`;
      out.push({ ruleId: RULE_CRASHED, severity: "error", parity: "hangar", message, path: [] });
    }
  };
  const value: Obj = config as Obj;
  run(taskConfigUnknownFields, (report) => {
    const unknown = unknownTaskConfigFields(value);
    // at the first of them in the file (Concourse names none)
    const first = Object.keys(value).find((key) => unknown.includes(key));
    if (first === undefined) return;
    const hint = fieldHint(unknown, TASK_CONFIG_FIELDS);
    report({ path: [first], messageId: "file", data: { fields: goValue(unknown) }, hint });
  });
  // NewTaskConfig returns at its unknown fields, before Validate
  if (out.some((d) => d.severity === "error")) return out;
  run(taskConfigNoPlatform, (report) => checkPlatform(value, [], report));
  run(taskConfigIoNoName, (report) => checkIoNames(value, [], report));
  return out.sort(compareDiagnostics);
}
