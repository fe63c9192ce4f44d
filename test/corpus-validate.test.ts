/**
 * Parses and validates every real-world pipeline of the shared corpus (../shared/corpus/pipelines, public
 * third-party files read at test time, never copied here). None may make the parser or the validator throw, and
 * every ERROR reported must be one Concourse 8.2 reports too: each (file, rule) pair below says why it is a
 * genuine Concourse error. Any other error fails the test, and so does an entry that no longer happens.
 *
 * ((vars)) and templates. The corpus holds no ytt, spruce, ERB or Go templates (SOURCES.md: files with their
 * markers in YAML structure were left out), so every file is plain YAML. `fly validate-pipeline` without `-v`/`-l`
 * leaves a `((var))` it cannot resolve as the string it is, which is fine wherever Concourse expects a string
 * (most files use vars only there, so they are validated as they are). Where a `((var))` stands for a boolean, a
 * list or a map, fly fails to decode the file just like hangar does; those few files are listed in `AS_SET` with
 * the values their authors pass to `fly set-pipeline`, and are validated a second time with them, so that the rest
 * of the pipeline is checked too.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { parsePipeline } from "../src/parse/parse-pipeline.ts";
import type { Diagnostic } from "../src/source/diagnostic.ts";
import { formatPath } from "../src/source/path.ts";
import { validate } from "../src/validate/validate.ts";
import { validateText } from "../src/validate/validate-text.ts";

const repo = resolve(import.meta.dirname, "..");
const corpusDir = resolve(repo, "../shared/corpus/pipelines");
const corpusPresent = existsSync(corpusDir);

/** Rewrites `aggregate:` steps (removed in Concourse 7) to `in_parallel:`, the documented replacement. */
const aggregateToInParallel = (text: string): string => text.replace(/^(\s*(?:-\s+)?)aggregate:/gm, "$1in_parallel:");

const AGGREGATE =
  "uses `aggregate:` steps, which Concourse removed in v7 (atc/steps.go has no such step): a step holding only " +
  "`aggregate` is `no step configured`";

/** Genuine Concourse errors, by file and rule id, with the reason Concourse reports them too. */
const CONCOURSE_ERRORS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "EngineerBetter__concourse-up__ci__pipeline.yml": { "step-empty": AGGREGATE },
  "bottkars__azs-concourse__azcli_pipeline.yml": { "step-empty": AGGREGATE },
  "cloudfoundry__bosh-bootloader__storage__fixtures__upped__bosh-deployment__ci__bosh-alpha-compiled-releases__pipeline.yml":
    { "step-empty": AGGREGATE },
  "cloudfoundry__runtime-ci__pipelines__cf-deployment.yml": { "step-empty": AGGREGATE },
  "rahulkj__pcf-concourse-pipelines__pipelines__install-product__pipeline.yml": { "step-empty": AGGREGATE },
  "rahulkj__pcf-concourse-pipelines__pipelines__upgrade-buildpack__pipeline.yml": { "step-empty": AGGREGATE },
  "vmware-archive__concourse-pipeline-samples__pipelines__docker__pks-kubectl-image__pipeline.yml": {
    "step-empty": AGGREGATE,
  },
  "alphagov__paas-cf__concourse__pipelines__create-cloudfoundry.yml": {
    "type-mismatch":
      "`trigger: ((auto_deploy))` and four more `trigger:` vars put a string where Concourse decodes a bool; fly " +
      "without `-v` fails with `cannot unmarshal string into Go struct field GetStep.trigger of type bool`",
  },
  "cloud-gov__common-pipelines__container__pipeline-base.yml": {
    "type-mismatch":
      "`trigger: ((…-trigger))`, `args: ((static-analysis-args))` and `params: ((oci-build-params))` are vars " +
      "standing for a bool, a list and a map; fly without `-v`/`-y` fails to decode them",
  },
  "cloud-gov__common-pipelines__container__pipeline-pages.yml": {
    "type-mismatch":
      "`trigger: ((…-trigger))`, `args: ((build-test-args))` and `params: ((…-params))` are vars standing for a " +
      "bool, a list and a map; fly without `-v`/`-y` fails to decode them",
  },
};

/**
 * Errors hangar reports where Concourse does not: bugs in hangar, reported to their owners. Each must still
 * happen (so the entry is removed when the bug is fixed); they are listed apart so they are never mistaken for
 * Concourse errors.
 */
const KNOWN_FALSE_ERRORS: Readonly<Record<string, Readonly<Record<string, string>>>> = {};

/**
 * Files validated a second time the way their authors hand them to fly: with the values of the vars that stand
 * for non-strings (`fly set-pipeline -y name=value`), or after the documented migration of a removed feature.
 * The result must have no errors at all (beyond `errors`, each with its reason).
 */
const AS_SET: Readonly<
  Record<
    string,
    {
      readonly why: string;
      readonly vars?: Readonly<Record<string, unknown>>;
      readonly rewrite?: (text: string) => string;
      readonly errors?: Readonly<Record<string, string>>;
    }
  >
> = {
  "alphagov__paas-cf__concourse__pipelines__create-cloudfoundry.yml": {
    why: "booleans passed with -y",
    vars: { auto_deploy: true, enable_az_healthcheck: true, enable_paas_admin_continuous_deploy: true },
  },
  "cloud-gov__common-pipelines__container__pipeline-base.yml": {
    why: "booleans, a list and a map passed with -y",
    vars: {
      "common-pipelines-trigger": true,
      "dockerfile-trigger": true,
      "static-analysis-args": [],
      "oci-build-params": {},
    },
  },
  "cloud-gov__common-pipelines__container__pipeline-pages.yml": {
    why: "booleans, lists and maps passed with -y",
    vars: {
      "common-pipelines-trigger": true,
      "dockerfile-trigger": true,
      "src-trigger": true,
      "oci-build-params": {},
      "build-test-params": {},
      "build-test-args": [],
    },
  },
  "EngineerBetter__concourse-up__ci__pipeline.yml": { why: "aggregate → in_parallel", rewrite: aggregateToInParallel },
  "bottkars__azs-concourse__azcli_pipeline.yml": { why: "aggregate → in_parallel", rewrite: aggregateToInParallel },
  "cloudfoundry__bosh-bootloader__storage__fixtures__upped__bosh-deployment__ci__bosh-alpha-compiled-releases__pipeline.yml":
    { why: "aggregate → in_parallel", rewrite: aggregateToInParallel },
  "cloudfoundry__runtime-ci__pipelines__cf-deployment.yml": {
    why: "aggregate → in_parallel",
    rewrite: aggregateToInParallel,
  },
  "rahulkj__pcf-concourse-pipelines__pipelines__install-product__pipeline.yml": {
    why: "aggregate → in_parallel",
    rewrite: aggregateToInParallel,
  },
  "rahulkj__pcf-concourse-pipelines__pipelines__upgrade-buildpack__pipeline.yml": {
    why: "aggregate → in_parallel",
    rewrite: aggregateToInParallel,
  },
  "vmware-archive__concourse-pipeline-samples__pipelines__docker__pks-kubectl-image__pipeline.yml": {
    why: "aggregate → in_parallel",
    rewrite: aggregateToInParallel,
  },
};

/** Replaces each whole `((name))` with the value's JSON (which YAML reads as the same value), like `fly -y`. */
function withVars(text: string, vars: Readonly<Record<string, unknown>>): string {
  let out = text;
  for (const [name, value] of Object.entries(vars)) out = out.replaceAll(`((${name}))`, JSON.stringify(value));
  return out;
}

/** What `hangar validate` reports on a text: parse diagnostics, then (when it decoded) the rules' diagnostics. */
function diagnose(text: string, file: string): Diagnostic[] {
  const parsed = parsePipeline(text, { file });
  if (!parsed.wellFormed || parsed.pipeline === undefined) return parsed.diagnostics;
  const located = validate(parsed.pipeline).map((d) => {
    const loc = parsed.locate(d.path);
    return loc === undefined ? d : { ...d, loc };
  });
  return [...parsed.diagnostics, ...located];
}

/** The errors, grouped by rule id, each as `line:col path message` for a readable failure. */
function errorsByRule(diagnostics: readonly Diagnostic[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of diagnostics) {
    if (d.severity !== "error") continue;
    const at = d.loc === undefined ? "" : `${d.loc.line}:${d.loc.col} `;
    const list = out[d.ruleId] ?? [];
    list.push(`${at}${formatPath(d.path)} ${d.message}`);
    out[d.ruleId] = list;
  }
  return out;
}

/** Compares the rules that reported errors with the allowed ones; the failure shows the unexpected errors in full. */
function expectOnly(actual: Record<string, string[]>, allowed: Readonly<Record<string, string>>): void {
  const unexpected = Object.fromEntries(Object.entries(actual).filter(([rule]) => !Object.hasOwn(allowed, rule)));
  const missing = Object.keys(allowed).filter((rule) => !Object.hasOwn(actual, rule));
  expect({ unexpected, missing }).toEqual({ unexpected: {}, missing: [] });
}

const files = corpusPresent
  ? readdirSync(corpusDir)
      .filter((f) => f.endsWith(".yml"))
      .sort()
  : [];

describe.skipIf(!corpusPresent)(
  corpusPresent
    ? "corpus: every real-world pipeline parses and validates with only genuine Concourse errors"
    : "corpus validation (skipped: ../shared/corpus/pipelines is absent)",
  () => {
    test("holds the 140 pipelines SOURCES.md lists, and every list here names one of them", () => {
      expect(files.length).toBe(140);
      const named = [...Object.keys(CONCOURSE_ERRORS), ...Object.keys(KNOWN_FALSE_ERRORS), ...Object.keys(AS_SET)];
      expect(named.filter((f) => !files.includes(f))).toEqual([]);
    });

    test("unknown top-level keys (anchor holders such as `meta:`): no Concourse-parity finding, as fly prints none", () => {
      const dropped: string[] = [];
      for (const file of files) {
        const { diagnostics } = validateText(readFileSync(join(corpusDir, file), "utf8"), { file });
        const aboutUnknownKeys = diagnostics.filter((d) => d.ruleId.startsWith("unknown-field"));
        expect(aboutUnknownKeys.filter((d) => d.parity === "concourse")).toEqual([]);
        for (const d of aboutUnknownKeys) {
          expect([d.ruleId, d.severity, d.path.length]).toEqual(["unknown-field-dropped", "warning", 1]);
          dropped.push(`${file}: ${String(d.path[0])}`);
        }
      }
      // the corpus does hold such files (36 keys today); the count is not pinned, only that the case is covered
      expect(dropped.length).toBeGreaterThan(0);
    });

    test.each(files)("%s", (file) => {
      const text = readFileSync(join(corpusDir, file), "utf8");
      const allowed = { ...CONCOURSE_ERRORS[file], ...KNOWN_FALSE_ERRORS[file] };
      expectOnly(errorsByRule(diagnose(text, file)), allowed);

      const variant = AS_SET[file];
      if (variant !== undefined) {
        const evaluated = withVars(variant.rewrite?.(text) ?? text, variant.vars ?? {});
        expect(evaluated).not.toBe(text);
        expectOnly(errorsByRule(diagnose(evaluated, file)), variant.errors ?? {});
      }
    });
  },
);
