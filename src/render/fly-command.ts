import { readReference, varSegment } from "../concourse/vars.ts";
import { argumentError } from "../model/arguments.ts";
import { isObject } from "../model/common.ts";
import { HangarError } from "../model/errors.ts";
import { formatPath } from "../source/path.ts";
import { findNotPlainData } from "../walk/plain-data.ts";
import { yamlString } from "./yaml.ts";

/** Options of {@link flyCommand}. */
export interface FlyCommandOptions {
  /** The fly target (`fly -t`). */
  readonly target: string;
  /** The pipeline's name. */
  readonly pipeline: string;
  /** The config file to set. @default "definition.json" */
  readonly config?: string | undefined;
  /** The team to set the pipeline in. */
  readonly team?: string | undefined;
  /** Instance vars (`-i key=value`), for a pipeline that is one instance of a group. */
  readonly instanceVars?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** Instance vars as typed for fly (`-i name=yaml`), repeated as they are, after {@link instanceVars}. */
  readonly instanceVarFlags?: Readonly<Record<string, string>> | undefined;
  /** Vars (`-v key=value`). */
  readonly vars?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** YAML vars (`-y key=yaml`), the value as written. */
  readonly yamlVars?: Readonly<Record<string, string>> | undefined;
  /** Var files (`-l file`). */
  readonly varFiles?: readonly string[] | undefined;
  /** Do not ask for confirmation (`-n`). */
  readonly nonInteractive?: boolean | undefined;
}

/**
 * A word quoted for a POSIX shell: left bare when safe, single-quoted otherwise. A leading `=` is
 * quoted too, since zsh (where users paste the command) expands `=name` to a command's path.
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

/**
 * An instance var's value as `fly -i` reads it back: fly reads the text after `=` as YAML (1.1, as go-yaml v2 does), so
 * a string YAML would read as something else (`true`, `1.10`, an empty string, which is null, text over several lines)
 * is written as a double-quoted YAML string; anything else as JSON, which YAML reads as the same value (numbers and
 * booleans as they are, an object or a list as a flow collection, as `hangar apply` sends it). The same text is what
 * fly reads back from a value in `-p name/key:value` (it splits there at commas outside quotes and brackets, which a
 * plain string has none of).
 */
export const instanceVarText = (value: unknown): string =>
  typeof value === "string" ? yamlString(value) : JSON.stringify(value);

/**
 * Why fly cannot carry an instance var's name, or undefined when it can. fly reads a name of `-i name=value` as a var's
 * path (`vars.ParseReference`: `-i branch.name=x` sets `{branch: {name: x}}`), so a name holding `,.:/` or a space is
 * written quoted, as Concourse writes such a segment (`"branch.name"`, see {@link varSegment}); fly sends the vars to
 * Concourse flattened into such paths at every depth (`vars.branch.name="x"`), which Concourse reads the same way.
 * Neither has a way to write a double quote in a name (both drop every one, and refuse a name with an odd number of
 * them), nor a name they trim or clean as a path (`a/`, ` x` with a tab, `..`, which they refuse), nor a quoted name
 * with a backslash (Go's quoting doubles it, their reading keeps both);
 * `-i` also ends a name at its first `=` (`top`: a name of the top level, which `-i` writes).
 */
export function instanceVarNameProblem(name: string, top = false): string | undefined {
  if (top && name.includes("=")) return "fly -i ends a var's name at its first '='";
  // the source a name may be read with is left aside, as fly and Concourse leave it when they gather the vars
  const read = readReference(varSegment(name));
  if ("error" in read) return `fly and Concourse refuse it (${read.error})`;
  const [field, ...more] = read.path;
  if (field === name && more.length === 0) return undefined;
  const as =
    more.length === 0 ? JSON.stringify(field) : `the path ${read.path.map((s) => JSON.stringify(s)).join(".")}`;
  return `fly and Concourse read it as ${as}${name.includes('"') ? " (they drop the double quotes of a var's name)" : ""}`;
}

/** An instance var whose name fly cannot carry: its path, its name and why. */
export interface UnwritableVar {
  readonly at: string;
  readonly name: string;
  readonly reason: string;
}

/**
 * The first instance var, at any depth, whose name fly cannot carry (see {@link instanceVarNameProblem}): its path
 * (`instanceVars["a\"b"]`), name and why; undefined when fly can carry every one. `flag`: the names of the top level
 * are written as `-i name=value` (the printed fly command), where an `=` cannot be.
 */
export function unwritableInstanceVar(
  instanceVars: Readonly<Record<string, unknown>>,
  flag: boolean,
): UnwritableVar | undefined {
  const find = (value: Readonly<Record<string, unknown>>, at: readonly string[]): UnwritableVar | undefined => {
    for (const [name, v] of Object.entries(value)) {
      const reason = instanceVarNameProblem(name, flag && at.length === 1);
      if (reason !== undefined) return { at: formatPath([...at, name]), name, reason };
      const inner = isObject(v) ? find(v, [...at, name]) : undefined;
      if (inner !== undefined) return inner;
    }
    return undefined;
  };
  return find(instanceVars, ["instanceVars"]);
}

/** The sentence for {@link unwritableInstanceVar}'s answer: `instance var "a\"b" cannot be given to fly: ...`. */
export const unwritableInstanceVarMessage = (found: UnwritableVar): string =>
  `instance var ${JSON.stringify(found.name)} cannot be given to fly or Concourse under that name: ${found.reason}`;

/** What an instance var's value must be for `fly -i` (and Concourse's API, which takes it as JSON). */
export const INSTANCE_VAR_VALUE = "data JSON can hold (a string, a number, a boolean, null, a list or an object)";

/**
 * The first instance var whose value is not {@link INSTANCE_VAR_VALUE} (undefined, NaN, a function, a Date: `-i`
 * would get `undefined`, `NaN` or `{}`), as its path (`instanceVars.v`) and value; undefined when every one is.
 */
export function badInstanceVar(instanceVars: unknown): { readonly at: string; readonly value: unknown } | undefined {
  if (!isObject(instanceVars)) return { at: "instanceVars", value: instanceVars };
  for (const key of Object.keys(instanceVars)) {
    const value = instanceVars[key];
    if (value === undefined || findNotPlainData(value) !== undefined) {
      return { at: formatPath(["instanceVars", key]), value };
    }
  }
  return undefined;
}

/**
 * The `fly set-pipeline` command that sets a rendered pipeline, quoted for a POSIX shell. An instance var that is not
 * {@link INSTANCE_VAR_VALUE}, or an empty target, is an `api/argument` error.
 * @example flyCommand({ target: "ci", pipeline: "app", team: "platform" })
 * // fly -t ci set-pipeline -p app -c definition.json --team platform
 */
export function flyCommand({
  target,
  pipeline,
  config = "definition.json",
  team,
  instanceVars = {},
  instanceVarFlags = {},
  vars = {},
  yamlVars = {},
  varFiles = [],
  nonInteractive = false,
}: FlyCommandOptions): string {
  // `fly -t ''` selects no target
  if (target === "") throw argumentError("flyCommand", "option 'target'", "the name of a fly target", target);
  const bad = badInstanceVar(instanceVars);
  if (bad !== undefined) throw argumentError("flyCommand", `option '${bad.at}'`, INSTANCE_VAR_VALUE, bad.value);
  const unwritable = unwritableInstanceVar(instanceVars, true);
  if (unwritable !== undefined)
    throw new HangarError(
      "api/argument",
      `flyCommand(): option '${unwritable.at}': ${unwritableInstanceVarMessage(unwritable)}`,
    );
  const words = ["fly", "-t", target, "set-pipeline", "-p", pipeline, "-c", config];
  if (team !== undefined) words.push("--team", team);
  for (const [key, value] of Object.entries(instanceVars))
    words.push("-i", `${varSegment(key)}=${instanceVarText(value)}`);
  for (const [key, value] of Object.entries(instanceVarFlags)) words.push("-i", `${key}=${value}`);
  for (const [key, value] of Object.entries(vars)) words.push("-v", `${key}=${value}`);
  for (const [key, value] of Object.entries(yamlVars)) words.push("-y", `${key}=${value}`);
  for (const file of varFiles) words.push("-l", file);
  if (nonInteractive) words.push("-n");
  return words.map((w, i) => (i === 0 ? w : shellQuote(w))).join(" ");
}
