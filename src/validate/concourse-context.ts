import { locationIdentifier } from "../concourse/config-location.ts";
import { goFieldText } from "../concourse/go-format.ts";
import { analyzeStep } from "../concourse/step-fields.ts";
import type { Path, PathSegment } from "../model/common.ts";
import { isObject } from "../model/common.ts";
import { HOOK_KEYS } from "../model/modifiers.ts";
import { cutToken } from "../source/diagnostic.ts";

const HOOKS: ReadonlySet<string> = new Set(HOOK_KEYS);

/**
 * The context Concourse puts before a message about `path` (atc/configvalidate `location.Identifier`,
 * atc/step_validator.go `pushContext`): `resources.src`, `jobs[2]`, or for steps
 * `jobs.build.plan.do[0].get(src)`, `jobs.build.plan.do[1].across.load_var(v)`,
 * `jobs.build.plan.on_failure.put(slack)`, `jobs.build.plan.do[0].in_parallel.steps[1].task(test).config`.
 *
 * Concourse wraps a job's plan in a `do` (so plan steps are `.do[i]`), visits a step's hooks after the
 * step itself (`.do[0].ensure.put(x)`, not under the step's own context), puts `.across` before the
 * core step of an across step, and names `attempts` and a wrapping `timeout` as `.attempts` / `.timeout`.
 *
 * Only the StepValidator prefixes a context: Concourse's other messages (atc/configvalidate) name their
 * subject inside the message (`resources.src has no type`), so paths outside a job's steps give `""`.
 */
export function concourseContext(pipeline: unknown, path: Path): string {
  if (path[0] !== "jobs" || typeof path[1] !== "number") return "";
  const jobs: unknown = isObject(pipeline) ? pipeline.jobs : undefined;
  const job: unknown = Array.isArray(jobs) ? jobs[path[1]] : undefined;
  if (!isObject(job)) return "";
  const identifier = identifierOf("jobs", path[1], job);
  const key = path[2];
  if (key === "plan") {
    if (typeof path[3] !== "number") return "";
    const plan = job.plan;
    const step = Array.isArray(plan) ? plan[path[3]] : undefined;
    return `${identifier}.plan.do[${path[3]}]${stepContext(step, path.slice(4))}`;
  }
  if (typeof key === "string" && HOOKS.has(key))
    return `${identifier}.plan.${key}${stepContext(job[key], path.slice(3))}`;
  return "";
}

/** `section.name`, or `section[i]` when the name is empty (as `location.Identifier` does). */
function identifierOf(section: string, index: number, entry: unknown): string {
  return locationIdentifier(section, index, nameText(isObject(entry) ? entry.name : undefined));
}

/** The context below a step for the rest of the path (`""` for the step itself). */
function stepContext(step: unknown, rest: readonly PathSegment[]): string {
  if (!isObject(step) || rest.length === 0) return "";
  const { detectors, core } = analyzeStep(step);
  const has = (key: string) => detectors.some((d) => d.key === key);
  const key = rest[0];
  if (typeof key === "string" && HOOKS.has(key) && has(key)) {
    return `.${key}${stepContext(step[key], rest.slice(1))}`;
  }
  const across = has("across") ? ".across" : "";
  if (key === "across" && has("across")) {
    if (typeof rest[1] !== "number") return ".across";
    return `.across[${rest[1]}]${rest[2] === "max_in_flight" ? ".max_in_flight" : ""}`;
  }
  if (key === "attempts" && has("attempts")) return `${across}.attempts`;
  if (key === "timeout" && has("timeout")) return `${across}.timeout`;
  if (core === undefined) return across;
  const label = `${across}${coreLabel(core.key, step)}`;
  switch (core.key) {
    case "do":
      if (key === "do" && typeof rest[1] === "number") {
        const steps = step.do;
        return `${label}[${rest[1]}]${stepContext(Array.isArray(steps) ? steps[rest[1]] : undefined, rest.slice(2))}`;
      }
      return label;
    case "try":
      return key === "try" ? `${label}${stepContext(step.try, rest.slice(1))}` : label;
    case "in_parallel": {
      if (key !== "in_parallel") return label;
      const config = step.in_parallel;
      const [steps, index, after] = Array.isArray(config)
        ? [config, rest[1], rest.slice(2)]
        : [isObject(config) ? config.steps : undefined, rest[1] === "steps" ? rest[2] : undefined, rest.slice(3)];
      if (typeof index !== "number") return label;
      return `${label}.steps[${index}]${stepContext(Array.isArray(steps) ? steps[index] : undefined, after)}`;
    }
    case "get":
      return key === "passed" ? `${label}.passed` : label;
    case "task":
      return key === "config" ? `${label}.config` : label;
    default:
      return label;
  }
}

function coreLabel(kind: string, step: Record<string, unknown>): string {
  switch (kind) {
    case "run":
      return `.run(${nameText(step.type)}.${nameText(step.run)})`;
    case "try":
    case "do":
    case "in_parallel":
      return `.${kind}`;
    default:
      return `.${kind}(${nameText(step[kind])})`;
  }
}

/** A name as the context shows it: Go's text of the value, a long one cut (see `cutToken`). */
const nameText = (value: unknown): string => cutToken(goFieldText(value));

/** The line `fly validate-pipeline` prints for a message about `path`: `context: message`, or the message alone. */
export function flyLine(pipeline: unknown, path: Path, message: string): string {
  const context = concourseContext(pipeline, path);
  return context === "" ? message : `${context}: ${message}`;
}
