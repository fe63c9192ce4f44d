/**
 * Instance vars as Concourse keeps them: what tells one instance of a pipeline from another, shared by `hangar apply`,
 * `hangar render --out-dir` and the meta pipeline.
 */
import { isObject, setOwn } from "../model/common.ts";

/**
 * Instance vars as the pipeline set keeps them: a mapping with no value under it (`{a: {}}`, `{a: {b: {}}}`) is no
 * var, since fly's `-i` and the API's query (see `instanceVarsQuery`) flatten the vars to their values and have none
 * to give for it.
 */
export function keptInstanceVars(vars: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(vars)) {
    const k = isObject(value) ? keptInstanceVars(value) : value;
    if (!isObject(k) || Object.keys(k).length > 0) setOwn(kept, key, k);
  }
  return kept;
}

/**
 * What tells one pipeline's instance vars from another's, as Concourse keeps them (a JSON object): keys sorted at every
 * depth, so that the same vars in another order, nested too, are the same pipeline, and a mapping with no value under
 * it is no var (see {@link keptInstanceVars}); a name holding a dot
 * (`{"branch.name": "x"}`) is a name, not the path `{branch: {name: "x"}}`, which is another pipeline.
 */
export function instanceVarsKey(vars: Readonly<Record<string, unknown>> = {}): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : isObject(value)
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, sorted(value[key])]),
          )
        : value;
  return JSON.stringify(sorted(keptInstanceVars(vars)));
}
