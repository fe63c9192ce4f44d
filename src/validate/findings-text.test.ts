/**
 * What findings say about the user's own tokens: the name they probably meant (by edit distance, only when
 * close), the name they are about, and long tokens cut, with fly's line kept as fly prints it.
 */
import { describe, expect, test } from "vitest";
import { flyOf, formatResults } from "./format.ts";
import { validateText } from "./validate-text.ts";

const base = `resources:
- { name: source-code, type: git, source: {} }
- { name: image, type: registry-image, source: {} }
`;

/** The one finding of a rule for a pipeline: its message, fly line (parity rules) and suggestion. */
function finding(yaml: string, ruleId: string) {
  const found = validateText(yaml).diagnostics.filter((d) => d.ruleId === ruleId);
  expect(found).toHaveLength(1);
  const [d] = found as [(typeof found)[number]];
  return { message: d.message, fly: d.parity === "concourse" ? flyOf(d) : undefined, didYouMean: d.data?.didYouMean };
}

describe("did you mean, in findings from YAML", () => {
  test.each([
    {
      what: "a get of an unknown resource",
      yaml: `${base}jobs:\n- name: build\n  plan: [{get: source-cod}, {put: image}]\n`,
      rule: "get-unknown-resource",
      message: "unknown resource 'source-cod'; did you mean 'source-code'?",
      fly: "jobs.build.plan.do[0].get(source-cod): unknown resource 'source-cod'",
      didYouMean: "source-code",
    },
    {
      what: "a put of an unknown resource",
      yaml: `${base}jobs:\n- name: build\n  plan: [{get: source-code}, {put: imgae}]\n`,
      rule: "put-unknown-resource",
      message: "unknown resource 'imgae'; did you mean 'image'?",
      fly: "jobs.build.plan.do[1].put(imgae): unknown resource 'imgae'",
      didYouMean: "image",
    },
    {
      what: "a passed job",
      yaml: `${base}jobs:\n- name: unit-tests\n  plan: [{get: source-code}]\n- name: ship\n  plan: [{get: source-code, passed: [unit-test]}, {put: image}]\n`,
      rule: "passed-no-matching-job",
      message: "no matching job(s) for 'unit-test'; did you mean 'unit-tests'?",
      fly: "jobs.ship.plan.do[0].get(source-code).passed: no matching job(s) for 'unit-test'",
      didYouMean: "unit-tests",
    },
    {
      what: "a group's resource",
      yaml: `${base}groups: [{name: all, jobs: [b], resources: [imag]}]\njobs:\n- name: b\n  plan: [{get: source-code}, {put: image}]\n`,
      rule: "group-unknown-resource",
      message: "group 'all' has unknown resource 'imag'; did you mean 'image'?",
      fly: "group 'all' has unknown resource 'imag'",
      didYouMean: "image",
    },
    {
      what: "a resource type",
      yaml: `resources:\n- { name: r, type: registry-imag, source: {} }\njobs:\n- name: b\n  plan: [{get: r}]\n`,
      rule: "resource-type-unknown",
      message:
        "resource 'r' has type 'registry-imag', which is neither declared in resource_types nor a core Concourse resource type; did you mean 'registry-image'?",
      fly: undefined,
      didYouMean: "registry-image",
    },
    {
      what: "a step field (the hint names the key; the finding is at the step)",
      yaml: `${base}jobs:\n- name: b\n  plan: [{get: source-code, triger: true}, {put: image}]\n`,
      rule: "step-unknown-fields",
      message: `unknown fields ["triger"]; did you mean 'trigger'?`,
      fly: `jobs.b.plan.do[0]: unknown fields ["triger"]`,
      didYouMean: undefined,
    },
    {
      what: "a task config field",
      yaml: `jobs:\n- name: b\n  plan:\n  - task: t\n    config: {platform: linux, run: {path: x}, inptus: [], ouputs: []}\n`,
      rule: "task-config-unknown-fields",
      message: `unknown fields ["inptus" "ouputs"]; did you mean 'inputs' for "inptus", 'outputs' for "ouputs"?`,
      fly: `jobs.b.plan.do[0].task(t).config: unknown fields ["inptus" "ouputs"]`,
      didYouMean: undefined,
    },
  ])("$what", ({ yaml, rule, message, fly, didYouMean }) => {
    expect(finding(yaml, rule)).toEqual({ message, fly, didYouMean });
  });

  test.each([
    [
      "nothing close",
      `${base}jobs:\n- name: b\n  plan: [{get: database}, {put: image}]\n`,
      "unknown resource 'database'",
    ],
    [
      "a short name two edits off",
      `${base}jobs:\n- name: b\n  plan: [{get: source-code}, {put: img}]\n`,
      "unknown resource 'img'",
    ],
  ])("no suggestion when %s", (_what, yaml, message) => {
    const rule = message.includes("img") ? "put-unknown-resource" : "get-unknown-resource";
    expect(finding(yaml, rule).message).toBe(message);
  });
});

test("get-name-repeated names the name; fly's line keeps fly's words", () => {
  const yaml = `${base}jobs:\n- name: b\n  plan: [{get: source-code}, {get: source-code}, {put: image}]\n`;
  expect(finding(yaml, "get-name-repeated")).toEqual({
    message: "repeated get name 'source-code'",
    fly: "jobs.b.plan.do[1].get(source-code): repeated name",
    didYouMean: undefined,
  });
});

describe("long tokens are cut, in every output format", () => {
  const junk = "x".repeat(1 << 20);
  const step = "{task: t, file: f}";
  const shapes: Record<string, string> = {
    "a job name": `jobs:\n- name: ${junk}\n  plan: [{get: nope}]\n`,
    "a resource name": `resources:\n- {name: ${junk}, type: git, source: {}}\njobs:\n- name: j\n  plan: [{get: a}]\n`,
    "a get name": `jobs:\n- name: j\n  plan: [{get: ${junk}}]\n`,
    "a put name": `jobs:\n- name: j\n  plan: [{put: ${junk}}]\n`,
    "a job key": `jobs:\n- name: j\n  ${junk}: 1\n  plan: [${step}]\n`,
    "a top-level key": `${junk}: 1\njobs:\n- name: j\n  plan: [${step}]\n`,
    "a step key": `jobs:\n- name: j\n  plan: [{task: t, file: f, ${junk}: 1}]\n`,
    "a task config key": `jobs:\n- name: j\n  plan: [{task: t, config: {platform: linux, run: {path: x}, ${junk}: 1}}]\n`,
    "a resource type": `resources:\n- {name: r, type: ${junk}, source: {}}\njobs:\n- name: j\n  plan: [{get: r}]\n`,
    "a passed job": `resources:\n- {name: r, type: git, source: {}}\njobs:\n- name: j\n  plan: [{get: r, passed: [${junk}]}]\n`,
    "a repeated key": `jobs: []\n${junk}: 1\n${junk}: 2\n`,
    "a group's job": `groups: [{name: g, jobs: [${junk}]}]\njobs:\n- name: j\n  plan: [${step}]\n`,
    "a check_every": `resources:\n- {name: r, type: git, source: {}, check_every: ${junk}}\njobs:\n- name: j\n  plan: [{get: r}]\n`,
    "an image_resource key": `jobs:\n- name: j\n  plan: [{task: t, config: {platform: linux, image_resource: {type: git, source: {}, ${junk}: 1}, run: {path: x}}}]\n`,
    "an across key": `jobs:\n- name: j\n  plan: [{across: [{var: v, values: [1], ${junk}: 1}], task: t, file: f}]\n`,
    "a repeated get name": `resources:\n- {name: r, type: git, source: {}}\njobs:\n- name: j\n  plan: [{get: ${junk}, resource: r}, {get: ${junk}, resource: r}]\n`,
    "words with spaces": `jobs:\n- name: j\n  plan: [{get: ${"ab ".repeat(300_000)}}]\n`,
  };
  test.each(Object.keys(shapes))("%s", (shape) => {
    const result = validateText(shapes[shape] as string, { file: "p.yml" });
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const format of ["text", "json", "fly"] as const) {
      // a few quoted values of at most MAX_QUOTED_TEXT characters each, for an input of a megabyte
      expect(formatResults([result], format).length).toBeLessThan(10_000);
    }
  });
});
