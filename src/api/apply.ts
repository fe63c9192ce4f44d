/**
 * Setting pipelines on a Concourse without fly: read what is set, diff it with what is wanted, and
 * save the new config against the version that was read (so that a change made meanwhile by someone
 * else is not overwritten). The steps are separate so that the CLI can show every diff and ask once
 * before saving anything. No printing here: outcomes and failures are data and messages.
 */

import { keptInstanceVars } from "../concourse/instance-vars.ts";
import { varSegment } from "../concourse/vars.ts";
import { diffPipelines, type PipelineChange } from "../diff/diff.ts";
import { isObject } from "../model/common.ts";
import { instanceVarText, shellQuote } from "../render/fly-command.ts";
import { printable } from "../source/printable.ts";
import { ApiError, type ConcourseClient, type ConfigWarning, type CurrentConfig, type PipelineRef } from "./client.ts";

/** A pipeline to set, and what is set now. */
export interface ApplyPlan {
  readonly ref: PipelineRef;
  readonly config: unknown;
  /** The config set now and its version; undefined for a pipeline that does not exist yet, or is archived. */
  readonly current?: CurrentConfig;
  /** The pipeline exists but is archived: it has no config, and setting it unarchives it, paused. */
  readonly archived?: true;
  /** From the current config (or an empty one) to the wanted one. */
  readonly changes: readonly PipelineChange[];
}

/**
 * Reads what is set for `ref` and diffs it with `config`. A pipeline without a config is asked after, as Concourse
 * answers an archived pipeline's config with 404 too.
 */
export async function planApply(client: ConcourseClient, ref: PipelineRef, config: unknown): Promise<ApplyPlan> {
  const current = await client.getConfig(ref);
  const changes = diffPipelines(current?.config ?? {}, config);
  if (current !== undefined) return { ref, config, changes, current };
  const status = await client.pipelineStatus(ref).catch(() => undefined);
  return { ref, config, changes, ...(status?.archived === true && { archived: true }) };
}

/** What saving a plan did. */
export interface ApplyOutcome {
  readonly created: boolean;
  readonly warnings: readonly ConfigWarning[];
  /** Whether the pipeline was unpaused after saving. */
  readonly unpaused: boolean;
  /**
   * Whether an updated pipeline is paused (asked after saving, as fly asks, when it was not unpaused); undefined when
   * created (new pipelines start paused), unpaused, or not known.
   */
  readonly paused?: boolean;
  /** Why unpausing failed, when it was asked and failed: the config was saved all the same. */
  readonly unpauseError?: unknown;
}

/**
 * Saves a plan's config with the version it was read at, then unpauses the pipeline when asked. Throws when the
 * save fails; an unpause that fails after a save is part of the outcome, not a throw, since the config is set.
 */
export async function executeApply(
  client: ConcourseClient,
  plan: ApplyPlan,
  options: { readonly unpause?: boolean; readonly checkCreds?: boolean } = {},
): Promise<ApplyOutcome> {
  const { created, warnings } = await client.saveConfig(plan.ref, plan.config, plan.current?.version, {
    checkCreds: options.checkCreds === true,
  });
  if (options.unpause !== true) {
    if (created) return { created, warnings, unpaused: false };
    // a paused pipeline stays paused, and so does an archived one set again; the config is set whatever this answers
    const paused = (await client.pipelineStatus(plan.ref).catch(() => undefined))?.paused;
    return { created, warnings, unpaused: false, ...(paused !== undefined && { paused }) };
  }
  try {
    await client.unpause(plan.ref);
  } catch (unpauseError) {
    return { created, warnings, unpaused: false, unpauseError };
  }
  return { created, warnings, unpaused: true };
}

/**
 * A pipeline's name with its instance vars as fly writes it and reads it back from `-p` (`atc.PipelineRef.String`,
 * `flaghelpers.PipelineFlag`): `app/branch:main,pr:"123"`. The vars are flattened into dotted keys (a key holding
 * `,.:/` or a space quoted) and sorted; a string value is written plain only when fly's YAML reads it back as the
 * same string (`"123"`, `"1.10"` and `"true"` stay strings), other values as JSON.
 */
function flyPipelineName(ref: PipelineRef): string {
  const pairs: [key: string, value: unknown][] = [];
  const flatten = (keys: readonly string[], value: unknown): void => {
    if (isObject(value)) for (const [key, v] of Object.entries(value)) flatten([...keys, key], v);
    else pairs.push([keys.map(varSegment).join("."), value]);
  };
  for (const [key, value] of Object.entries(keptInstanceVars(ref.instanceVars ?? {}))) flatten([key], value);
  if (pairs.length === 0) return ref.name;
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${ref.name}/${pairs.map(([key, value]) => `${key}:${instanceVarText(value)}`).join(",")}`;
}

/**
 * A pipeline's name with its instance vars, as fly shows it (`app/branch:main`), for printing: control characters
 * escaped (see {@link printable}).
 */
export const pipelineLabel = (ref: PipelineRef): string => printable(flyPipelineName(ref));

/** A fly command to suggest: each argument quoted for a POSIX shell where it needs it, control characters escaped. */
const fly = (...args: readonly string[]): string => printable(["fly", ...args.map(shellQuote)].join(" "));

/** The fly arguments that name a pipeline on the command line (`-p app/branch:main --team t`). */
const flyPipelineArgs = (ref: PipelineRef) => ["-p", flyPipelineName(ref), "--team", ref.team];

/** What to tell the user about a failed request for `ref` on fly target `target`; never includes the token. */
export function describeFailure(error: unknown, ref: PipelineRef, target: string): string {
  const label = pipelineLabel(ref);
  const at = printable(target);
  if (!(error instanceof ApiError)) {
    return `${label}: ${error instanceof Error ? error.message : String(error)} (target ${at})`;
  }
  const failure = error.failure;
  switch (failure.kind) {
    case "unauthorized":
      return `${label}: not authorized on target ${at} (the token is missing or expired): run \`${fly("-t", target, "login")}\` and try again`;
    case "forbidden":
      return `${label}: forbidden: the user logged in on target ${at} may not set pipelines in team ${printable(ref.team)}: run \`${fly("-t", target, "login", "--team-name", ref.team)}\``;
    case "invalid-config":
      if (failure.errors.length === 0) return `${label}: Concourse rejected the config (it gave no reason)`;
      return `${label}: Concourse rejected the config:\n${quotedErrors(failure.errors)}`;
    case "stale-version":
      return `${label}: someone else changed the pipeline after its config was read; its config was not saved: run hangar apply again to see the new diff`;
    case "not-found":
      return `${label}: not found (is team ${printable(ref.team)} on target ${at}?)`;
    case "untrusted-certificate":
      return `${label}: ${error.message} (target ${at}): trust its CA with ca_cert in the .flyrc (\`${fly("-t", target, "login", "--ca-cert")} FILE\`) or skip verification with insecure: true (\`${fly("-t", target, "login", "-k")}\`)`;
    case "client-certificate":
      return `${label}: ${error.message} (target ${at}): give it one with client_cert_path and client_key_path in the .flyrc (\`${fly("-t", target, "login", "--client-cert")} FILE --client-key FILE\`)`;
    case "unreachable":
      return `${label}: ${error.message} (is target ${at} up?)`;
    case "timed-out":
      return `${label}: ${error.message} (target ${at}): gave up; wait longer with --request-timeout`;
    case "too-large":
    case "broken-answer":
      return `${label}: ${error.message} (target ${at})`;
    case "unexpected":
      return `${label}: ${error.message} (target ${at})`;
    case "redirected":
      // fly's Go client follows it, and turns a PUT into a GET of the config, which it takes for a saved config
      return `${label}: ${error.message}; hangar does not follow redirects: if that is where Concourse is, log in to it (\`${fly("-t", target, "login", "-c", originOf(failure.location))}\`)`;
  }
}

/** The longest line of a server's error that is shown, and the most lines of its errors shown. */
const MAX_ERROR_LINE = 500;
const MAX_ERROR_LINES = 100;

/**
 * The errors Concourse gave for a config, indented two spaces, a line per line of theirs: each cut to
 * {@link MAX_ERROR_LINE} characters and at most {@link MAX_ERROR_LINES} of them, control characters escaped.
 */
function quotedErrors(errors: readonly string[]): string {
  const lines = errors.flatMap((e) => e.trimEnd().split("\n"));
  const shown = lines
    .slice(0, MAX_ERROR_LINES)
    .map((line) => `  ${printable(line.length > MAX_ERROR_LINE ? `${line.slice(0, MAX_ERROR_LINE)}...` : line)}`);
  const more = lines.length - MAX_ERROR_LINES;
  return [...shown, ...(more > 0 ? [`  ... and ${more} more line${more === 1 ? "" : "s"}`] : [])].join("\n");
}

/** The scheme, host and port of a URL (what `fly login -c` takes), or the text itself when it is not a URL. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * The message for a pipeline that was created: new pipelines start paused. `unpaused`: whether it was unpaused after,
 * `asked` whether that was tried (--unpause), so that a failed unpause does not advise --unpause again.
 */
export function createdMessage(ref: PipelineRef, target: string, unpaused: boolean, asked = false): string {
  const label = pipelineLabel(ref);
  if (unpaused) return `created pipeline ${label} and unpaused it`;
  return `created pipeline ${label}; ${pausedHint(ref, target, asked)}`;
}

/**
 * The message for a pipeline that was updated: unpaused after (--unpause), or paused still, as fly says after setting
 * one (a paused pipeline, or an archived one, which is set again paused).
 */
export function updatedMessage(
  ref: PipelineRef,
  target: string,
  outcome: Pick<ApplyOutcome, "unpaused" | "paused">,
): string {
  const label = pipelineLabel(ref);
  if (outcome.unpaused) return `updated pipeline ${label} and unpaused it`;
  if (outcome.paused === true) return `updated pipeline ${label}; ${pausedHint(ref, target, false)}`;
  return `updated pipeline ${label}`;
}

/** That a pipeline is paused and how to unpause it; `asked`: --unpause was given (and failed), so it is not advised. */
function pausedHint(ref: PipelineRef, target: string, asked: boolean): string {
  const command = `\`${fly("-t", target, "unpause-pipeline", ...flyPipelineArgs(ref))}\``;
  return `it is paused: unpause it with ${command}${asked ? "" : " or apply with --unpause"}`;
}
