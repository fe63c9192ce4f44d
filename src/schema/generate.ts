/**
 * JSON Schema (draft-07) of a pipeline YAML file, generated from the model's TypeScript types and doc
 * comments: `src/model/*.ts` is the only source; nothing here restates a field.
 *
 * The build (scripts/build-schema.mjs) runs {@link generateSchema}: ts-json-schema-generator turns the
 * `Pipeline` type into a schema (doc comments become `description`), then {@link shapeSchema} adapts it to
 * what Concourse reads from YAML:
 *
 * - a name where the model says `Ref<T>` (authors may pass the object in TypeScript; YAML holds the name);
 * - steps are read by Concourse's precedence (atc/steps.go `StepPrecedence`, the model's `STEP_KINDS`):
 *   an `if`/`then`/`else` chain, so a step with `task` is a task step whatever else it has;
 * - a `((var))` is accepted wherever the model asks for something other than a string (fly fills vars
 *   in before Concourse decodes the config);
 * - unknown keys rejected (`additionalProperties: false`) where `fly set-pipeline` rejects them: in jobs,
 *   resources, resource types, prototypes, groups, var sources, `build_log_retention` and `display`
 *   (atc.UnmarshalConfig decodes them strictly), steps and a task's inline config (the StepValidator);
 *   accepted, with any value, at the top level, whose unknown keys set-pipeline drops (files keep their
 *   YAML anchors there), and in the structs whose unknown keys Concourse ignores;
 * - `null` accepted for optional fields, as Go's decoder leaves the field unset;
 * - a YAML 1.1 boolean (`yes`, `on`, `N`, ...) accepted where a boolean is expected: Concourse's reader (go-yaml
 *   v2) reads it as one, the YAML 1.2 readers of editors and check-jsonschema as a string; likewise an int go-yaml
 *   reads that YAML 1.2 does not (`1_000`, `0b11`, `0X1F`) where an integer is expected;
 * - a Go duration's syntax where Concourse parses one when the pipeline is set (`check_every`, a `timeout` that wraps
 *   a step) or when the step runs (the `timeout` of get, put and task), and a task step's `file` or `config`, one of
 *   them;
 * - a list of types (`type: [string, number]`) written as `anyOf`, so ajv's strict mode reads the schema as it is;
 * - a number or boolean accepted where Concourse decodes a string outside steps (sigs.k8s.io/yaml makes a string of
 *   it), not in steps, which Concourse decodes again from JSON, strictly;
 * - `integer` where Concourse decodes a Go `int` (`attempts`, `max_in_flight`, `limit`, ...), which the model
 *   types as `number`: the shape check's descriptors of Concourse's types (src/parse/shape-types.ts) say which.
 */
import { GO_DURATION_SYNTAX } from "../concourse/go-duration.ts";
import { STEP_PRECEDENCE } from "../concourse/step-fields.ts";
import { isObject } from "../model/common.ts";
import { STEP_KINDS } from "../model/step.ts";
import { GO_YAML_INT_SYNTAX } from "../parse/go-yaml-numbers.ts";
import { FALSES, TRUES } from "../parse/go-yaml-schema.ts";
import { type Desc, GO_INT_BOUND } from "../parse/shape-descriptor.ts";
import { CONFIG, stepFieldType } from "../parse/shape-types.ts";

/** A JSON Schema node, as plain data. */
export type JsonSchema = { [key: string]: unknown };

/** Structs whose unknown keys Concourse ignores (atc/task.go, atc/steps.go decode them leniently). */
const OPEN_STRUCTS: ReadonlySet<string> = new Set([
  "ContainerLimits",
  "ImageResource",
  "TaskRunConfig",
  "TaskInput",
  "TaskOutput",
  "TaskCache",
  "InParallelConfig",
]);

/**
 * Fields the model requires of TypeScript authors that Concourse does not require of a file: a job with no `plan`
 * (or `plan: null`) runs an empty `do` (atc/job_config.go `StepConfig`), and a resource type or prototype with no
 * `source` has an empty one; atc/configvalidate asks only for their names and types. A task config with no `run`,
 * or a `run` with no `path`, is valid too (atc/task.go `TaskConfig.Validate` asks only for `platform` and the names
 * of inputs and outputs): the task step runs the image's ENTRYPOINT/CMD then, and fails the build if there is none
 * (atc/exec/task_step.go).
 */
const OPTIONAL_IN_FILES: Readonly<Record<string, readonly string[]>> = {
  Job: ["plan"],
  ResourceType: ["source"],
  Prototype: ["source"],
  TaskConfig: ["run"],
  TaskRunConfig: ["path"],
};

/** The model types that `Ref<T>` may stand for: in YAML, always their name. */
const NAMED_ENTITIES: ReadonlySet<string> = new Set(["Resource", "ResourceType", "Prototype", "Job"]);

/** Where a `((var))` is accepted in place of a value that is not a string. */
export const VAR_PATTERN = "^\\(\\(.+\\)\\)$";
const VAR: JsonSchema = {
  type: "string",
  pattern: VAR_PATTERN,
  description: "A `((var))`, filled in by `fly set-pipeline -v/-l` or a credential manager.",
};

/**
 * The YAML 1.1 booleans a YAML 1.2 reader (an editor's, check-jsonschema's) leaves strings: `yes`, `on`, `N`, ...
 * (`true` and `false` it reads as booleans, so the strings "true" and "false" were quoted, and Concourse refuses them).
 */
const YAML_1_1_BOOLEAN: JsonSchema = {
  type: "string",
  enum: [...TRUES, ...FALSES].filter((word) => !/^(?:true|false)$/i.test(word)),
  description: "A YAML 1.1 boolean, which Concourse reads as true (`yes`, `on`, `y`) or false (`no`, `off`, `n`).",
};

/**
 * The ints go-yaml v2 reads that a YAML 1.2 reader leaves strings: `1_000`, `0b11`, `0X1F`, `+0x1F`, `017` (as
 * go-yaml reads it, octal); not those YAML 1.2's core schema reads as ints too (`12`, `0o17`, `0x1F`), which as
 * strings were quoted, and Concourse refuses them. Beyond 64 bits go-yaml reads a float: the range is not checked.
 * A quoted `"1_000"`, a string to Concourse, passes too: a YAML 1.2 reader gives the same string for it.
 */
const GO_YAML_INTEGER: JsonSchema = {
  type: "string",
  pattern: `^(?![-+]?[0-9]+$|0o[0-7]+$|0x[0-9a-fA-F]+$)${GO_YAML_INT_SYNTAX.slice(1)}`,
  description:
    "An integer as Concourse's YAML reader reads it (`1_000`, `0b11`, `0X1F`), which YAML 1.2 leaves a string.",
};

/** A Go duration (`time.ParseDuration`: `30s`, `1h30m`, `1.5h`); one past about 292 years, which Go rejects, passes. */
const GO_DURATION: JsonSchema = {
  type: "string",
  pattern: GO_DURATION_SYNTAX,
  description: "A Go duration such as `30s`, `5m`, `1h30m` (units ns, us, ms, s, m, h).",
};

/**
 * `check_every` (atc/config.go `CheckEvery.UnmarshalJSON`): `never`, empty (the default), or a Go duration, an error
 * when the pipeline is set.
 */
const CHECK_EVERY: JsonSchema = {
  anyOf: [{ $ref: `#/definitions/GoDuration` }, { type: "string", enum: ["never", ""] }],
};

/**
 * The step kinds whose `timeout` is the TimeoutStep that wraps them, which the StepValidator parses (an empty or null
 * one is an invalid duration): those whose own Go type has no `timeout` (get, put, task and run keep theirs).
 */
const timeoutWrapped = (): readonly string[] =>
  STEP_PRECEDENCE.filter((d) => !d.wrapper && !(d.fields as readonly string[]).includes("timeout")).map((d) =>
    stepDefinition(d.key),
  );

/**
 * The step kinds that keep their own `timeout` and parse it when the step runs (atc/exec `MaybeTimeout`, called by the
 * get, put and task steps): a bad duration fails the build, not the pipeline. Run's is never read.
 */
const RUN_TIME_TIMEOUT: readonly string[] = ["get", "put", "task"];

/** A get, put or task step's own `timeout`: empty (or null) for the default, else a Go duration (`MaybeTimeout`). */
const STEP_TIMEOUT: JsonSchema = {
  anyOf: [{ $ref: `#/definitions/GoDuration` }, { type: "string", const: "" }],
};

/**
 * `user_data` of atc.Config: kept by Concourse and never read, so YAML files put their anchors there. The model
 * leaves it out (TypeScript has no use for it), but a file that has it is valid, with or without `--strict`.
 */
const USER_DATA: JsonSchema = {
  description: "Anything at all: Concourse keeps it with the pipeline and does not read it (a place for YAML anchors).",
};

/**
 * The top level of a pipeline file: `user_data`, and any key of the file's own (`x-config:`, `anchors:`), which
 * set-pipeline drops with all it holds (atc.UnmarshalConfig keeps only atc.Config's keys) and `fly
 * validate-pipeline` accepts without `--strict`. hangar reports such a key as the warning `unknown-field-dropped`.
 */
function topLevel(pipeline: JsonSchema): JsonSchema {
  const { additionalProperties: _, ...open } = pipeline;
  return isObject(open.properties) ? { ...open, properties: { ...open.properties, user_data: USER_DATA } } : open;
}

const REF_PREFIX = "#/definitions/";
const refName = (node: JsonSchema): string | undefined =>
  typeof node.$ref === "string" && node.$ref.startsWith(REF_PREFIX)
    ? decodeURIComponent(node.$ref.slice(REF_PREFIX.length))
    : undefined;
/** The definition name of a step kind's type: `set_pipeline` → `SetPipelineStep`. */
export const stepDefinition = (kind: string): string =>
  `${kind
    .split("_")
    .map((w) => (w[0] ?? "").toUpperCase() + w.slice(1))
    .join("")}Step`;

/** Turns ts-json-schema-generator's schema of `Pipeline` into the schema of a pipeline YAML file. */
export function shapeSchema(raw: JsonSchema): JsonSchema {
  const definitions = raw.definitions;
  if (!isObject(definitions)) throw new Error("schema/no-definitions: the generated schema has no definitions");
  const shaped: Record<string, JsonSchema> = {};
  for (const [name, def] of Object.entries(goIntegers(definitions))) {
    if (name.startsWith("Ref<") || !isObject(def)) continue;
    shaped[name] = shapeDefinition(name, def);
  }
  shaped.Step = stepChain(shaped.Step ?? {});
  shaped.Var = VAR;
  shaped.Yaml11Boolean = YAML_1_1_BOOLEAN;
  shaped.GoYamlInteger = GO_YAML_INTEGER;
  shaped.GoDuration = GO_DURATION;
  shaped.Pipeline = topLevel(shaped.Pipeline ?? {});
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Concourse pipeline",
    description: "A Concourse pipeline config, as `fly set-pipeline` reads it (generated by hangar from its model).",
    $ref: `${REF_PREFIX}Pipeline`,
    definitions: unionTypes(durations(taskConfigOrFile(goStrings(shaped)))),
  };
}

/** The definitions that stand beside a value's own type as alternatives: never followed as its type. */
const ALTERNATIVES: ReadonlySet<string> = new Set(["Var", "Yaml11Boolean", "GoYamlInteger", "GoDuration"]);

/**
 * Walks a schema node alongside the shape check's descriptor of the same value: `visit` sees each node with its
 * descriptor and the definition it refers to, if any; a reference is followed into `definitions` when `visit`
 * returns true for it (never into a step, nor into the alternatives `((var))` and YAML 1.1 boolean).
 */
function walkTyped(
  definitions: Record<string, unknown>,
  node: unknown,
  desc: Desc | undefined,
  visit: (node: JsonSchema, desc: Desc, ref: string | undefined) => boolean,
): void {
  if (!isObject(node) || desc === undefined) return;
  if (desc.k === "custom") {
    for (const decoded of desc.decodes) walkTyped(definitions, node, decoded, visit);
    return;
  }
  if (Array.isArray(node.anyOf)) for (const member of node.anyOf) walkTyped(definitions, member, desc, visit);
  const ref = refName(node);
  if (!visit(node, desc, ref)) return;
  if (ref !== undefined) {
    if (desc.k !== "step" && !ALTERNATIVES.has(ref)) walkTyped(definitions, definitions[ref], desc, visit);
  } else if (desc.k === "list") walkTyped(definitions, node.items, desc.of, visit);
  else if (desc.k === "map") walkTyped(definitions, node.additionalProperties, desc.of, visit);
  else if (desc.k === "struct" && isObject(node.properties)) {
    for (const [key, value] of Object.entries(node.properties)) {
      walkTyped(definitions, value, desc.fields.get(key), visit);
    }
  }
}

/** {@link walkTyped} over every step definition once (a step's hooks are steps again), its fields as its kind reads them. */
function walkStepDefinitions(
  definitions: Record<string, unknown>,
  visit: (node: JsonSchema, desc: Desc, ref: string | undefined) => boolean,
): void {
  for (const detector of STEP_PRECEDENCE) {
    const step = definitions[stepDefinition(detector.key)];
    if (detector.wrapper || !isObject(step) || !isObject(step.properties)) continue;
    for (const [key, value] of Object.entries(step.properties)) {
      walkTyped(definitions, value, stepFieldType(detector, key), visit);
    }
  }
}

/**
 * The definitions with a number or boolean accepted where Concourse decodes a string outside steps: there
 * sigs.k8s.io/yaml makes a string of one (`name: 2024`, `version: { ref: 12 }`), as the shape check does. Steps are
 * decoded again from JSON, strictly, so their strings stay strings; a definition that steps use too (`Tags`,
 * `Version`) is copied, loosened, where it is used outside them.
 */
function goStrings(definitions: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const inSteps = new Set<string>();
  walkStepDefinitions(definitions, (_, __, ref) => {
    if (ref === undefined) return true;
    const first = !inSteps.has(ref);
    inSteps.add(ref);
    return first;
  });
  const out = { ...definitions };
  const loosen = (node: JsonSchema, desc: Desc | undefined): JsonSchema => {
    if (desc === undefined) return node;
    if (desc.k === "custom") return desc.decodes.reduce(loosen, node);
    const here = Array.isArray(node.anyOf)
      ? { ...node, anyOf: (node.anyOf as JsonSchema[]).map((member) => loosen(member, desc)) }
      : node;
    const ref = refName(here);
    const def = ref === undefined ? undefined : definitions[ref];
    if (ref !== undefined && def !== undefined) {
      if (desc.k === "step" || ALTERNATIVES.has(ref)) return here;
      if (!inSteps.has(ref)) {
        out[ref] = loosen(def, desc);
        return here;
      }
      const { $ref: _, ...rest } = here;
      return { ...loosen(def, desc), ...rest };
    }
    if (desc.k === "string" && acceptsAnyString(here)) return { ...here, type: ["string", "number", "boolean"] };
    if (desc.k === "list" && isObject(here.items)) return { ...here, items: loosen(here.items, desc.of) };
    if (desc.k === "map" && isObject(here.additionalProperties)) {
      return { ...here, additionalProperties: loosen(here.additionalProperties, desc.of) };
    }
    if (desc.k === "struct" && isObject(here.properties)) {
      const properties = Object.entries(here.properties as Record<string, JsonSchema>);
      return {
        ...here,
        properties: Object.fromEntries(properties.map(([key, value]) => [key, loosen(value, desc.fields.get(key))])),
      };
    }
    return here;
  };
  out.Pipeline = loosen(definitions.Pipeline ?? {}, CONFIG);
  return out;
}

/**
 * The definitions with `integer` for `number` where Concourse decodes a Go `int`: the model's schema is read
 * alongside the shape check's descriptor of the same value, from the pipeline ({@link CONFIG}) down. An `int` has 64
 * bits: a number within ±2^63, as the shape check takes it ({@link GO_INT_BOUND}; a JSON Schema reader holds the
 * largest int64 as 2^63, so 2^63 itself, which Go rejects, passes).
 */
function goIntegers(definitions: Record<string, unknown>): Record<string, unknown> {
  const ints = new Set<JsonSchema>();
  const visit = (node: JsonSchema, desc: Desc, ref: string | undefined): boolean => {
    if (ref === undefined && desc.k === "int" && node.type === "number") ints.add(node);
    return true;
  };
  walkTyped(definitions, definitions.Pipeline, CONFIG, visit);
  walkStepDefinitions(definitions, visit);
  const retype = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(retype);
    if (!isObject(node)) return node;
    const out = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, retype(value)]));
    return ints.has(node) ? { ...out, type: "integer", minimum: -GO_INT_BOUND, maximum: GO_INT_BOUND } : out;
  };
  return retype(definitions) as Record<string, unknown>;
}

function shapeDefinition(name: string, def: JsonSchema): JsonSchema {
  const out = names(def);
  if (out.type === "object" && isObject(out.properties)) {
    const optional = OPTIONAL_IN_FILES[name] ?? [];
    const required = new Set(
      Array.isArray(out.required) ? (out.required as string[]).filter((key) => !optional.includes(key)) : [],
    );
    if (Array.isArray(out.required)) out.required = [...required];
    const properties: Record<string, JsonSchema> = {};
    for (const [key, value] of Object.entries(out.properties)) {
      if (isObject(value)) properties[key] = fieldValue(value, !required.has(key));
    }
    out.properties = properties;
    if (OPEN_STRUCTS.has(name)) delete out.additionalProperties;
  } else if (out.type === "object" && isObject(out.additionalProperties)) {
    out.additionalProperties = fieldValue(out.additionalProperties, false);
  }
  return out;
}

/**
 * A property's (or an element's) schema: a var where it is not a string; a YAML 1.1 boolean where it is a boolean;
 * null where it is optional.
 */
function fieldValue(node: JsonSchema, optional: boolean): JsonSchema {
  const { description, ...rest } = node;
  let value: JsonSchema = rest;
  if (value.type === "array" && isObject(value.items)) value = { ...value, items: fieldValue(value.items, false) };
  if (isObject(value.additionalProperties)) {
    value = { ...value, additionalProperties: fieldValue(value.additionalProperties, false) };
  }
  const alternatives = [value];
  if (value.type === "boolean") alternatives.push({ $ref: `${REF_PREFIX}Yaml11Boolean` });
  if (expectsInteger(value)) alternatives.push({ $ref: `${REF_PREFIX}GoYamlInteger` });
  if (!acceptsAnyString(value) && Object.keys(value).length > 0) alternatives.push({ $ref: `${REF_PREFIX}Var` });
  if (optional) alternatives.push({ type: "null" });
  const shaped = alternatives.length === 1 ? value : { anyOf: alternatives };
  return description === undefined ? shaped : { ...shaped, description };
}

/** Whether a node is an integer, or a choice of an integer and something else (`max_in_flight: 2 | all`). */
const expectsInteger = (node: JsonSchema): boolean =>
  node.type === "integer" || (Array.isArray(node.anyOf) && (node.anyOf as JsonSchema[]).some(expectsInteger));

/** Whether a node is a plain string (every `((var))` is one already). */
const acceptsAnyString = (node: JsonSchema): boolean =>
  node.type === "string" && node.enum === undefined && node.const === undefined && node.pattern === undefined;

/**
 * Replaces references (`Ref<T>`, `T | string` with T a named entity) by strings, and folds a string with
 * a few common values (`"linux" | ... | (string & {})`) into one string with `examples`.
 */
function names(node: JsonSchema): JsonSchema {
  const ref = refName(node);
  if (ref?.startsWith("Ref<")) return { type: "string", ...withDescription(node) };
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "anyOf" && Array.isArray(value)) continue;
    out[key] = isObject(value) && key !== "properties" ? names(value) : value;
    if (key === "properties" && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isObject(v) ? names(v) : v]));
    }
  }
  if (!Array.isArray(node.anyOf)) return out;
  const members = (node.anyOf as JsonSchema[])
    .map(names)
    .filter((m) => !NAMED_ENTITIES.has(refName(m) ?? ""))
    .filter((m, i, all) => all.findIndex((n) => JSON.stringify(n) === JSON.stringify(m)) === i);
  const plainString = members.some((m) => m.type === "string" && Object.keys(m).length === 1);
  const stringValues = members.flatMap((m) =>
    m.type === "string" && Array.isArray(m.enum)
      ? m.enum
      : m.type === "string" && m.const !== undefined
        ? [m.const]
        : [],
  );
  if (plainString && members.every((m) => m.type === "string")) {
    return { ...out, type: "string", ...(stringValues.length > 0 ? { examples: stringValues } : {}) };
  }
  if (members.length === 1) return { ...out, ...members[0] };
  return { ...out, anyOf: members };
}

const withDescription = (node: JsonSchema): JsonSchema =>
  node.description === undefined ? {} : { description: node.description };

/**
 * A mapping that has `key`: `required`, with the key among `properties` (any value), as ajv's strict mode asks of a
 * schema that requires a key.
 */
const has = (key: string): JsonSchema => ({ required: [key], properties: { [key]: true } });

/**
 * Concourse's precedence as a chain: if the step has `run`, it is a `run` step (and any other core key is
 * an unknown field of it); else if it has `task`, ...; a step with no core key matches none.
 */
function stepChain(union: JsonSchema): JsonSchema {
  const noCoreKey: JsonSchema = {
    description: `A step needs one of: ${STEP_KINDS.join(", ")}.`,
    anyOf: STEP_KINDS.map(has),
  };
  let chain = noCoreKey;
  for (const kind of [...STEP_KINDS].reverse()) {
    // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword here, not a promise
    chain = { if: has(kind), then: { $ref: `${REF_PREFIX}${stepDefinition(kind)}` }, else: chain };
  }
  return { type: "object", ...withDescription(union), ...chain };
}

/**
 * A property's schema with its value (the first alternative of those {@link fieldValue} made) replaced: the rest
 * (`((var))`, and null unless `nullable` is false) and its description kept.
 */
function withValue(property: unknown, value: JsonSchema, nullable = true): JsonSchema {
  const node = isObject(property) ? property : {};
  const rest = Array.isArray(node.anyOf) ? (node.anyOf as JsonSchema[]).slice(1) : [];
  const kept = rest.filter((alternative) => nullable || alternative.type !== "null");
  return { anyOf: [value, ...kept], ...withDescription(node) };
}

/** A definition's property replaced by `replace` of it, when the definition has that property. */
function replaceProperty(
  definitions: Record<string, JsonSchema>,
  name: string,
  key: string,
  replace: (property: unknown) => JsonSchema,
): void {
  const def = definitions[name];
  if (def === undefined || !isObject(def.properties) || !(key in def.properties)) return;
  definitions[name] = { ...def, properties: { ...def.properties, [key]: replace(def.properties[key]) } };
}

/**
 * The definitions with a Go duration's syntax where Concourse parses one when the pipeline is set (fly
 * validate-pipeline fails on a bad one): `check_every`, and `timeout` where it wraps the step; and where it parses
 * one when the step runs (the build fails on a bad one): the `timeout` of get, put and task.
 */
function durations(definitions: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const out = { ...definitions };
  for (const name of ["Resource", "ResourceType", "Prototype"]) {
    replaceProperty(out, name, "check_every", (property) => withValue(property, CHECK_EVERY));
  }
  for (const name of timeoutWrapped()) {
    replaceProperty(out, name, "timeout", (property) =>
      withValue(property, { $ref: `${REF_PREFIX}GoDuration` }, false),
    );
  }
  for (const kind of RUN_TIME_TIMEOUT) {
    replaceProperty(out, stepDefinition(kind), "timeout", (property) => withValue(property, STEP_TIMEOUT));
  }
  return out;
}

/**
 * A task step with one of `file` (not empty) and `config` (not null), as the StepValidator asks
 * (atc/step_validator.go `VisitTask`; hangar's rule task-config-or-file).
 */
function taskConfigOrFile(definitions: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const task = definitions.TaskStep;
  if (task === undefined) return definitions;
  const file: JsonSchema = { required: ["file"], properties: { file: { type: "string", minLength: 1 } } };
  const config: JsonSchema = { required: ["config"], properties: { config: { not: { type: "null" } } } };
  return {
    ...definitions,
    TaskStep: { ...task, anyOf: [file, config], not: { allOf: [file, config] } },
  };
}

/**
 * Every list of types (`type: [string, number]`) written as `anyOf` one type each, which says the same and which ajv's
 * strict mode reads without `allowUnionTypes`.
 */
function unionTypes(definitions: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!isObject(node)) return node;
    const out = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, rewrite(value)]));
    if (!Array.isArray(out.type)) return out;
    const { type, ...rest } = out;
    const types = (type as string[]).map((t) => ({ type: t }));
    return Array.isArray(rest.anyOf) ? { ...rest, allOf: [{ anyOf: types }] } : { ...rest, anyOf: types };
  };
  return rewrite(definitions) as Record<string, JsonSchema>;
}

/** Options of {@link generateSchema}. */
export interface GenerateOptions {
  /** The file that exports `Pipeline` (src/model/pipeline.ts). */
  readonly path: string;
  /** The tsconfig to read it with. */
  readonly tsconfig: string;
}

/**
 * Generates the schema from the model's sources with ts-json-schema-generator (a build-time tool: it
 * brings its own TypeScript 5 compiler API, which the TypeScript 7 used for type-checking lacks).
 */
export async function generateSchema({ path, tsconfig }: GenerateOptions): Promise<JsonSchema> {
  const { createGenerator } = await import("ts-json-schema-generator");
  const generator = createGenerator({
    path,
    tsconfig,
    type: "Pipeline",
    skipTypeCheck: true,
    jsDoc: "extended",
    expose: "export",
    topRef: true,
    additionalProperties: false,
    sortProps: false,
  });
  return shapeSchema(generator.createSchema("Pipeline") as JsonSchema);
}
