import { isObject, type Path } from "../model/common.ts";
import { STEP_KINDS, stepKindOrUndefined } from "../model/step.ts";
import { type DocumentKind, plainKindOf } from "../parse/document-kind.ts";
import { type JsonSchema, PIPELINE_DEFINITION, stepDefinition } from "../schema/generate.ts";
import { TASK_CONFIG_DEFINITION } from "../schema/task-schema.ts";
import { valueIn } from "./documents.ts";

/** A field the schema describes: its key, its documentation, and whether it is required. */
export interface FieldDoc {
  readonly key: string;
  readonly description: string | undefined;
  readonly required: boolean;
}

const REF_PREFIX = "#/definitions/";

/** Each kind of document as the editor names it where both kinds' keys are offered (completion) or shown (hover). */
export const KIND_LABEL: Readonly<Record<DocumentKind, string>> = { pipeline: "pipeline", task: "task config" };

/**
 * The kinds of document whose keys a mapping of `document` may hold: anywhere in a document that is not yet plainly
 * a pipeline or a task config ({@link plainKindOf}: an empty file, `inputs:` alone, `image_resource:` being written),
 * both, at its top and under its keys (a key of one kind only: that kind's keys under it, the other's walk finding
 * none); else the document's own.
 */
export function kindsOf(document: { readonly value: unknown; readonly kind: DocumentKind }): readonly DocumentKind[] {
  return plainKindOf(document.value) === undefined ? ["pipeline", "task"] : [document.kind];
}

/**
 * What is said of a field beside its key: of which kind of document it is (`of`, given where both kinds' keys are
 * offered) and whether it is required (`task config, required`); empty when neither.
 */
export const fieldNote = (field: FieldDoc, of: DocumentKind | undefined): string =>
  [of === undefined ? undefined : KIND_LABEL[of], field.required ? "required" : undefined]
    .filter((part) => part !== undefined)
    .join(", ");

/**
 * Reads the generated pipeline schema as the editor needs it: which keys a mapping may have at a path,
 * and the documentation of each. Step kinds are told apart from the step's value, by precedence.
 */
export interface SchemaDocs {
  /**
   * The keys of the mapping at `path` (`value` is the parsed document, to tell steps apart) of a document of `kind`
   * (a pipeline unless given).
   */
  fieldsAt(path: Path, document: unknown, kind?: DocumentKind): FieldDoc[];
  /** The field a path ends in, with its documentation. */
  fieldAt(path: Path, document: unknown, kind?: DocumentKind): FieldDoc | undefined;
}

export function schemaDocs(schema: JsonSchema): SchemaDocs {
  const definitions = isObject(schema.definitions) ? schema.definitions : {};
  const resolve = (node: JsonSchema): JsonSchema => {
    let at = node;
    for (let i = 0; i < 16 && typeof at.$ref === "string"; i++) {
      const target = definitions[at.$ref.slice(REF_PREFIX.length)];
      if (!isObject(target)) break;
      at = target;
    }
    return at;
  };
  /** The mapping or list schema a node stands for (through refs, `anyOf`, and the step chain). */
  const shapeOf = (node: JsonSchema, value: unknown, want: "object" | "array"): JsonSchema | undefined => {
    const at = resolve(node);
    if (isObject(at.if)) return shapeOf(stepSchema(value), value, want);
    if (at.type === want) return at;
    if (Array.isArray(at.anyOf)) {
      for (const alt of at.anyOf) {
        const found = isObject(alt) ? shapeOf(alt, value, want) : undefined;
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const stepSchema = (value: unknown): JsonSchema => {
    const kind = typeof value === "object" && value !== null ? stepKindOrUndefined(value) : undefined;
    return kind === undefined ? ANY_STEP : { $ref: `${REF_PREFIX}${stepDefinition(kind)}` };
  };
  /** The schema of a step with no core key yet: the core keys and the modifiers every step has. */
  const ANY_STEP: JsonSchema = {
    type: "object",
    properties: Object.fromEntries([
      ...STEP_KINDS.map((kind) => {
        const def = definitions[stepDefinition(kind)];
        const props = isObject(def) && isObject(def.properties) ? def.properties : {};
        return [kind, props[kind] ?? {}];
      }),
      ...Object.entries(modifierProperties(definitions)),
    ]),
  };
  /** Walks the schema along `path`; returns the schema of the last node and the property schema it came from. */
  const walk = (
    path: Path,
    document: unknown,
    kind: DocumentKind,
  ): { node: JsonSchema; parent?: JsonSchema; key?: string } | undefined => {
    // the document's kind is known (readingOf): the schema's branch for it, not its top's if/then/else
    let node: JsonSchema = { $ref: `${REF_PREFIX}${kind === "task" ? TASK_CONFIG_DEFINITION : PIPELINE_DEFINITION}` };
    let value: unknown = document;
    let parent: JsonSchema | undefined;
    let key: string | undefined;
    for (const seg of path) {
      if (typeof seg === "number") {
        const list = shapeOf(node, value, "array");
        if (list === undefined || !isObject(list.items)) return undefined;
        node = list.items;
        value = Array.isArray(value) ? value[seg] : undefined;
      } else {
        const map = shapeOf(node, value, "object");
        const props = map !== undefined && isObject(map.properties) ? map.properties : undefined;
        const next = props?.[seg];
        if (!isObject(next) || map === undefined) return undefined;
        parent = map;
        key = seg;
        node = next;
        value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[seg] : undefined;
      }
    }
    return { node, ...(parent === undefined ? {} : { parent }), ...(key === undefined ? {} : { key }) };
  };
  const describe = (node: JsonSchema): string | undefined => {
    if (typeof node.description === "string") return node.description;
    const resolved = resolve(node);
    return typeof resolved.description === "string" ? resolved.description : undefined;
  };
  return {
    fieldsAt(path, document, kind = "pipeline") {
      const found = walk(path, document, kind);
      if (found === undefined) return [];
      const map = shapeOf(found.node, valueIn(document, path), "object");
      if (map === undefined || !isObject(map.properties)) return [];
      const required = new Set(Array.isArray(map.required) ? map.required : []);
      return Object.entries(map.properties).map(([key, prop]) => ({
        key,
        description: isObject(prop) ? describe(prop) : undefined,
        required: required.has(key),
      }));
    },
    fieldAt(path, document, kind = "pipeline") {
      const found = walk(path, document, kind);
      if (found?.key === undefined || found.parent === undefined) return undefined;
      const required = Array.isArray(found.parent.required) && found.parent.required.includes(found.key);
      return { key: found.key, description: describe(found.node), required };
    },
  };
}

/** The properties every step kind shares (the modifiers and hooks): those of the `do` step but `do`. */
function modifierProperties(definitions: JsonSchema): JsonSchema {
  const def = definitions.DoStep;
  const props = isObject(def) && isObject(def.properties) ? def.properties : {};
  return Object.fromEntries(Object.entries(props).filter(([key]) => key !== "do"));
}
