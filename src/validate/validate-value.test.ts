import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkShape, quickDataCheck, shapePasses } from "../parse/check-shape.ts";
import type { Diagnostic } from "../source/diagnostic.ts";
import { findNotPlainData } from "../walk/plain-data.ts";
import { validate } from "./validate.ts";
import { finish, validateData, validateValue } from "./validate-value.ts";

// validateData answers the common case (plain data of the right shape) with one walk that also takes the rules'
// census of strings; what it reports must be what the separate checks report: the plain-data check, then the shape
// check, then the rules with their own census. The tables hold what they report, written out; the property holds
// validateData to the separate checks run one after the other on generated pipelines.

const job = (plan: unknown[], more: object = {}) => ({ name: "j", plan, ...more });
const resource = (source: object, more: object = {}) => ({ name: "r", type: "git", source, ...more });
const task = (config: object, more: object = {}) => ({
  task: "t",
  config: { platform: "linux", run: { path: "sh" }, ...config },
  ...more,
});
/** A pipeline with one resource `r` and one job whose plan gets it first. */
const withPlan = (...steps: unknown[]) => ({ resources: [resource({})], jobs: [job([{ get: "r" }, ...steps])] });
const AWS_KEY = "AKIAABCDEFGHIJKLMNOP";
const FLY_REFUSES = "which UTF-8 cannot hold and fly refuses (found invalid Unicode character escape code)";

const brief = (ds: readonly Diagnostic[]) =>
  ds.map(({ ruleId, severity, path, message }) => ({ ruleId, severity, path, message }));
const notData = (path: (string | number)[], problem: string) => ({
  ruleId: "input/not-data",
  severity: "error",
  path,
  message: `the pipeline is not plain data: ${problem}`,
});

function cyclicParams() {
  const params: Record<string, unknown> = { a: "b" };
  params.self = params;
  return { resources: [resource({})], jobs: [job([{ put: "r", params }])] };
}

function cyclicPlan() {
  const plan: unknown[] = [{ get: "r" }];
  plan.push({ do: plan });
  return { resources: [resource({})], jobs: [job(plan)] };
}

function throwingGetter() {
  const source = { uri: "u" };
  Object.defineProperty(source, "branch", {
    enumerable: true,
    get() {
      throw new Error("no branch");
    },
  });
  return { resources: [resource(source)], jobs: [job([{ get: "r" }])] };
}

function nested(levels: number) {
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = { v };
  return { resources: [resource({})], jobs: [job([{ get: "r" }])], user_data: v };
}

describe("validateData: what is not plain data, wherever it is", () => {
  test.each<[string, unknown, ReturnType<typeof notData>]>([
    [
      "NaN in a task step's params",
      withPlan(task({}, { params: { X: Number.NaN } })),
      notData(["jobs", 0, "plan", 1, "params", "X"], "NaN, a number JSON cannot hold"),
    ],
    [
      "a function under a step key no descriptor reads",
      { resources: [resource({})], jobs: [job([{ get: "r", extra: () => 1 }])] },
      notData(["jobs", 0, "plan", 0, "extra"], "a function, not data (a factory not called?)"),
    ],
    [
      "a BigInt under a task config key left to a rule",
      withPlan(task({ extra: { n: 10n } })),
      notData(["jobs", 0, "plan", 1, "config", "extra", "n"], "a BigInt (10n), which JSON cannot hold"),
    ],
    [
      "Infinity as a cpu limit (a custom rule that takes any number)",
      withPlan(task({ container_limits: { cpu: Number.POSITIVE_INFINITY } })),
      notData(["jobs", 0, "plan", 1, "config", "container_limits", "cpu"], "Infinity, a number JSON cannot hold"),
    ],
    [
      "a function as a memory limit (a custom rule that takes any non-string)",
      withPlan(task({ container_limits: { memory: () => 1 } })),
      notData(
        ["jobs", 0, "plan", 1, "config", "container_limits", "memory"],
        "a function, not data (a factory not called?)",
      ),
    ],
    [
      "a symbol in a get's version",
      { resources: [resource({})], jobs: [job([{ get: "r", version: { ref: Symbol("x") } }])] },
      notData(["jobs", 0, "plan", 0, "version", "ref"], "a symbol (Symbol(x)), not data"),
    ],
    [
      "a BigInt in a task config's params (a custom rule that reads no value)",
      withPlan(task({ params: { X: 1n } })),
      notData(["jobs", 0, "plan", 1, "config", "params", "X"], "a BigInt (1n), which JSON cannot hold"),
    ],
    [
      "NaN in across values",
      { resources: [resource({})], jobs: [job([{ get: "r", across: [{ var: "v", values: [1, Number.NaN] }] }])] },
      notData(["jobs", 0, "plan", 0, "across", 0, "values", 1], "NaN, a number JSON cannot hold"),
    ],
    [
      "a function in a resource's source",
      { resources: [resource({ uri: () => "u" })], jobs: [job([{ get: "r" }])] },
      notData(["resources", 0, "source", "uri"], "a function, not data (a factory not called?)"),
    ],
    [
      "a function in user_data",
      { resources: [resource({})], jobs: [job([{ get: "r" }])], user_data: { f: () => 1 } },
      notData(["user_data", "f"], "a function, not data (a factory not called?)"),
    ],
    [
      "a cycle through params",
      cyclicParams(),
      notData(["jobs", 0, "plan", 0, "params", "self"], "a circular reference (back to jobs[0].plan[0].params)"),
    ],
    [
      "a cycle through steps",
      cyclicPlan(),
      notData(["jobs", 0, "plan", 1, "do"], "a circular reference (back to jobs[0].plan)"),
    ],
    [
      "a getter that throws",
      throwingGetter(),
      notData(["resources", 0, "source", "branch"], "a getter that throws: Error: no branch"),
    ],
    [
      "a lone surrogate in a job's name (a string field)",
      { resources: [resource({})], jobs: [job([{ get: "r" }], { name: "j\ud800" })] },
      notData(["jobs", 0, "name"], `a string holding a lone surrogate (\\ud800), ${FLY_REFUSES}`),
    ],
    [
      "a lone surrogate in a list of strings (passed)",
      { resources: [resource({})], jobs: [job([{ get: "r", passed: ["\udfff"] }])] },
      notData(["jobs", 0, "plan", 0, "passed", 0], `a string holding a lone surrogate (\\udfff), ${FLY_REFUSES}`),
    ],
    [
      "a lone surrogate in a step's params (a free-form value)",
      withPlan({ put: "r", params: { a: ["x\ud800y"] } }),
      notData(["jobs", 0, "plan", 1, "params", "a", 0], `a string holding a lone surrogate (\\ud800), ${FLY_REFUSES}`),
    ],
    [
      "a lone surrogate in a key of a resource's source",
      { resources: [resource({ "k\udc00": "v" })], jobs: [job([{ get: "r" }])] },
      notData(["resources", 0, "source", "k\udc00"], `a key holding a lone surrogate (\\udc00), ${FLY_REFUSES}`),
    ],
    [
      "a lone surrogate in a task config's run args",
      withPlan(task({ run: { path: "sh", args: ["\ud800"] } })),
      notData(
        ["jobs", 0, "plan", 1, "config", "run", "args", 0],
        `a string holding a lone surrogate (\\ud800), ${FLY_REFUSES}`,
      ),
    ],
    [
      "nesting past 1,000 levels",
      nested(1001),
      notData(["user_data", ...Array<string>(999).fill("v")], "nested more than 1000 levels deep"),
    ],
  ])("%s", (_, pipeline, expected) => {
    expect(brief(validateData(pipeline).diagnostics)).toEqual([expected]);
  });
});

const awsKey = (path: (string | number)[]) => ({
  ruleId: "secret-literal",
  severity: "warning",
  path,
  message: "this looks like a literal AWS access key id; use a ((var)) from a credential manager instead",
});
const localVar = (path: (string | number)[]) => ({
  ruleId: "dataflow-local-var-undefined",
  severity: "warning",
  path,
  message: "'((.:v))' uses local var 'v', which no earlier load_var, get or enclosing across step in job 'j' defines",
});

describe("validateData: the rules that look for rare strings find them wherever they are", () => {
  test.each<[string, unknown, ReturnType<typeof awsKey>[]]>([
    [
      "a task step's params",
      withPlan(task({}, { params: { KEY: AWS_KEY } })),
      [awsKey(["jobs", 0, "plan", 1, "params", "KEY"])],
    ],
    [
      "a task config key left to a rule",
      withPlan(task({ extra: [AWS_KEY] })),
      [
        {
          ruleId: "task-config-unknown-fields",
          severity: "error",
          path: ["jobs", 0, "plan", 1, "config"],
          message: 'unknown fields ["extra"]',
        },
        awsKey(["jobs", 0, "plan", 1, "config", "extra", 0]),
      ],
    ],
    [
      "a step key no descriptor reads",
      { resources: [resource({})], jobs: [job([{ get: "r", extra: { k: AWS_KEY } }])] },
      [
        {
          ruleId: "step-unknown-fields",
          severity: "error",
          path: ["jobs", 0, "plan", 0],
          message: 'unknown fields ["extra"]',
        },
        awsKey(["jobs", 0, "plan", 0, "extra", "k"]),
      ],
    ],
    [
      "a get's version",
      { resources: [resource({})], jobs: [job([{ get: "r", version: { ref: AWS_KEY } }])] },
      [awsKey(["jobs", 0, "plan", 0, "version", "ref"])],
    ],
    [
      "a resource's version",
      { resources: [resource({}, { version: { ref: AWS_KEY } })], jobs: [job([{ get: "r" }])] },
      [awsKey(["resources", 0, "version", "ref"])],
    ],
    [
      "a secret-named key of a resource's source",
      { resources: [resource({ password: "hunter22" })], jobs: [job([{ get: "r" }])] },
      [
        {
          ruleId: "secret-literal",
          severity: "warning",
          path: ["resources", 0, "source", "password"],
          message:
            "'password' has a literal value; use a ((var)) from a credential manager instead of writing the secret here",
        },
      ],
    ],
    [
      "a put's inputs",
      { resources: [resource({})], jobs: [job([{ put: "r", inputs: [AWS_KEY] }])] },
      [
        {
          ruleId: "dataflow-put-input-unknown",
          severity: "warning",
          path: ["jobs", 0, "plan", 0, "inputs", 0],
          message: `put 'r' lists input '${AWS_KEY}', which no earlier step in job 'j' produces`,
        },
        awsKey(["jobs", 0, "plan", 0, "inputs", 0]),
      ],
    ],
    [
      "a step's name",
      withPlan({ task: AWS_KEY, file: "f" }),
      [
        {
          ruleId: "identifier-invalid",
          severity: "warning",
          path: ["jobs", 0, "plan", 1, "task"],
          message: `'${AWS_KEY}' is not a valid identifier: must start with a lowercase letter or a number`,
        },
        awsKey(["jobs", 0, "plan", 1, "task"]),
      ],
    ],
    ["a step's tags", withPlan({ task: "t", file: "f", tags: [AWS_KEY] }), [awsKey(["jobs", 0, "plan", 1, "tags", 0])]],
    [
      "across values",
      { resources: [resource({})], jobs: [job([{ get: "r", across: [{ var: "v", values: [AWS_KEY] }] }])] },
      [awsKey(["jobs", 0, "plan", 0, "across", 0, "values", 0])],
    ],
    [
      "a step inside in_parallel",
      { resources: [resource({})], jobs: [job([{ in_parallel: [{ get: "r", params: { t: AWS_KEY } }] }])] },
      [awsKey(["jobs", 0, "plan", 0, "in_parallel", 0, "params", "t"])],
    ],
    [
      "user_data",
      { resources: [resource({})], jobs: [job([{ get: "r" }])], user_data: [AWS_KEY] },
      [awsKey(["user_data", 0])],
    ],
    [
      "a local var in a task's inline config",
      withPlan(task({ run: { path: "sh", args: ["((.:v))"] } })),
      [localVar(["jobs", 0, "plan", 1, "config", "run", "args", 0])],
    ],
    [
      "a local var in a job's hook",
      { resources: [resource({})], jobs: [job([{ get: "r" }], { ensure: { put: "r", params: { a: "((.:v))" } } })] },
      [localVar(["jobs", 0, "ensure", "params", "a"])],
    ],
    [
      "a local var outside the jobs (not a job's: nothing)",
      { resources: [resource({ tag: "((.:v))" })], jobs: [job([{ get: "r" }])] },
      [],
    ],
    [
      "nothing to find",
      { resources: [resource({ uri: "u" })], jobs: [job([{ get: "r", trigger: true }, task({})])] },
      [],
    ],
  ])("%s", (_, pipeline, expected) => {
    expect(brief(validateData(pipeline).diagnostics)).toEqual(expected);
  });
});

/** What validateData reported with its separate checks: plain data, then the shape (on a copy), then the rules. */
function separately(data: unknown): Diagnostic[] {
  const odd = findNotPlainData(data);
  if (odd !== undefined) {
    const message = `the pipeline is not plain data: ${odd.problem}`;
    return [{ ruleId: "input/not-data", severity: "error", parity: "hangar", message, path: odd.path }];
  }
  const copy = structuredClone(data);
  const shape = checkShape(copy);
  const found = [...shape.diagnostics];
  if (shape.wellFormed && shape.isMapping) found.push(...validate((copy ?? {}) as never));
  return finish(found, false);
}

// Pipelines of well-typed steps (so that most are plain data of the right shape), with values of any kind, plain or
// not, rare strings among them, in the places no descriptor reads in full: free-form values, keys left to a rule,
// the values of custom rules.
const odd = fc.constantFrom(Number.NaN, Number.NEGATIVE_INFINITY, 7n, Symbol("s"), () => 1, undefined);
const text = fc.constantFrom("a", "r", "t", "10m", "all", "hunter22", AWS_KEY, "((.:v))", "((var))");
const plainLeaf = fc.oneof(text, fc.integer({ min: -1, max: 2 }), fc.boolean(), fc.constant(null));
const leaf = fc.oneof({ weight: 12, arbitrary: plainLeaf }, { weight: 1, arbitrary: odd });
const key = fc.constantFrom("a", "password", "token", "uri", "v", "extra");
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(key, tie("value"), { maxKeys: 3 }),
  ),
}));
const params = fc.dictionary(key, value, { maxKeys: 2 });
const name = fc.constantFrom("r", "t");
const { step } = fc.letrec((tie) => ({
  step: fc.oneof(
    { depthSize: "small" },
    fc.record(
      { get: name, version: fc.oneof(text, fc.dictionary(key, leaf, { maxKeys: 2 })), params, trigger: fc.boolean() },
      { requiredKeys: ["get"] },
    ),
    fc.record(
      { put: name, params, inputs: fc.oneof(fc.constant("all"), fc.array(leaf, { maxLength: 2 })) },
      { requiredKeys: ["put"] },
    ),
    fc.record(
      {
        task: name,
        params,
        config: fc.record(
          {
            platform: fc.constant("linux"),
            run: fc.record({ path: text, args: fc.array(text, { maxLength: 2 }) }),
            params,
            container_limits: fc.record({ cpu: leaf, memory: leaf }, { requiredKeys: [] }),
            extra: value,
          },
          { requiredKeys: ["platform", "run"] },
        ),
      },
      { requiredKeys: ["task", "config"] },
    ),
    fc.record(
      { get: name, across: fc.array(fc.record({ var: text, values: value }), { maxLength: 1 }), extra: value },
      { requiredKeys: ["get", "across"] },
    ),
    fc.record({ in_parallel: fc.array(tie("step"), { maxLength: 2 }) }),
    fc.record({ do: fc.array(tie("step"), { maxLength: 2 }), ensure: tie("step") }, { requiredKeys: ["do"] }),
  ),
}));
const pipeline = fc.record(
  {
    resources: fc.array(
      fc.record(
        { name, type: fc.constant("git"), source: params, check_every: fc.oneof(text, leaf) },
        { requiredKeys: ["name", "type"] },
      ),
      { maxLength: 2 },
    ),
    jobs: fc.array(fc.record({ name: fc.constantFrom("j", "k"), plan: fc.array(step, { maxLength: 3 }) }), {
      maxLength: 2,
    }),
    user_data: value,
  },
  { requiredKeys: [] },
);

/** Every string inside a value, with the key of the mapping it is in (none in a list), one line each, sorted. */
function strings(value: unknown, key?: string): string[] {
  if (typeof value === "string") return [`${key ?? "-"}: ${value}`];
  if (typeof value !== "object" || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v)).sort();
  return Object.entries(value)
    .flatMap(([k, v]) => strings(v, k))
    .sort();
}

describe("the one walk against the separate checks", () => {
  test("says yes exactly when the plain-data check finds nothing and the shape check's quick pass says yes, having shown every string once", () => {
    const answers = { yes: 0, no: 0 };
    fc.assert(
      fc.property(pipeline, (p) => {
        const seen: string[] = [];
        const yes = quickDataCheck(p, { visit: (v, k, out) => out.push(`${k ?? "-"}: ${v}`), state: seen });
        expect(yes).toBe(findNotPlainData(p) === undefined && shapePasses.quick(p));
        answers[yes ? "yes" : "no"]++;
        if (yes) expect(seen.sort()).toEqual(strings(p));
      }),
      { numRuns: 400 },
    );
    expect(answers.yes).toBeGreaterThan(40);
    expect(answers.no).toBeGreaterThan(40);
  });

  test.each([
    ["a cycle", cyclicParams()],
    ["a cycle through steps", cyclicPlan()],
    ["a getter that throws", throwingGetter()],
    ["nesting past 1,000 levels", nested(1001)],
  ])("says no to %s", (_, p) => {
    expect(quickDataCheck(p, { visit: () => {}, state: undefined })).toBe(false);
  });
});

describe("validateData against the separate checks", () => {
  test("reports what the plain-data check, the shape check and the rules report one after the other", () => {
    fc.assert(
      fc.property(pipeline, (p) => {
        const expected = separately(p);
        expect(validateData(p).diagnostics).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a pipeline with very many findings", () => {
  test("gives them all, where joining them to the shape check's overflowed the call stack", () => {
    // a step list of 150,000 gets of an unknown resource: as many findings, each its own
    const data = { jobs: [{ name: "j", plan: Array.from({ length: 150_000 }, () => ({ get: "nope" })) }] };
    const found = validateValue(data).diagnostics.filter((d) => d.ruleId === "get-unknown-resource");
    expect(found).toHaveLength(150_000);
  });
});
