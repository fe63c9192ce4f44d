import { resolve } from "node:path";
import type { ApplyPlan } from "../../api/apply.ts";
import type { ConcourseClient, PipelineRef } from "../../api/client.ts";
import type { FlyTarget } from "../../api/flyrc.ts";
import type { Flyrc } from "../../api/flyrc-read.ts";
import type { TlsOptions } from "../../api/request.ts";
import type { TemplateVars } from "../../parse/vars.ts";
import { defineCommand, EXIT, type ExitCode, reportError, usageError } from "../define-command.ts";
import type { Io } from "../io.ts";
import type { LoadedConfig } from "../load-config.ts";
import { readContext, readTimeout, requestTimeoutOption, stdinTwice, timeoutOption, VAR_OPTIONS } from "../options.ts";

export default defineCommand({
  name: "apply",
  summary: "Set pipelines on a Concourse through its API (no fly needed): validate, diff, confirm, save",
  arguments: "<entries...>",
  argumentsHelp: "pipeline modules (.ts, .js) or YAML or JSON files, globs of them (quoted), or - for standard input",
  options: [
    { flags: "-t, --target <target>", description: "fly target from ~/.flyrc (default: each module's `target`)" },
    { flags: "--team <team>", description: "team to set the pipelines in (default: the module's, else the target's)" },
    {
      flags: "-p, --pipeline <name>",
      description: "pipeline name, for one entry (default: the module's `name`, else the file's)",
    },
    {
      flags: "--yes",
      description: "set without asking (needed when standard input is not a terminal)",
      default: false,
    },
    { flags: "--dry-run", description: "show the diffs and stop; set nothing", default: false },
    {
      flags: "--unpause",
      description:
        "unpause each pipeline after setting it, and a paused one with no changes (new pipelines start paused)",
      default: false,
    },
    {
      flags: "--check-creds",
      description:
        "have Concourse check that every ((var)) the pipeline uses is in its credential manager, refusing it if not",
      default: false,
    },
    { flags: "-U, --context <lines>", description: "unchanged lines shown around each change", default: "3" },
    { flags: "--show-secrets", description: "show the values of secrets in the diff", default: false },
    { flags: "--no-validate", description: "set a pipeline even if the validator finds errors in it" },
    timeoutOption,
    requestTimeoutOption,
    { flags: "--debug", description: "show stack traces of errors in pipeline modules", default: false },
    ...VAR_OPTIONS,
  ],
  async run({ positionals, values }, io) {
    const usage = (message: string) => usageError(io, "apply", message);
    const context = readContext(values.context);
    if (typeof context !== "number") return usage(context.usageError);
    const timeoutMs = readTimeout(values.timeout);
    if (typeof timeoutMs !== "number") return usage(timeoutMs.usageError);
    const idleTimeoutMs = readTimeout(values.requestTimeout, "--request-timeout");
    if (typeof idleTimeoutMs !== "number") return usage(idleTimeoutMs.usageError);
    const [
      { expandEntries },
      { loadConfig },
      { errorsOnce, reportLoadFailure },
      { defaultName },
      flyrc,
      client,
      apply,
      format,
      { printable },
      { instanceVarsKey },
      { checkVars, givesVars },
    ] = await Promise.all([
      import("../expand-entries.ts"),
      import("../load-config.ts"),
      import("../report.ts"),
      import("../render-batch.ts"),
      import("../../api/flyrc.ts"),
      import("../../api/client.ts"),
      import("../../api/apply.ts"),
      import("../../diff/format.ts"),
      import("../../source/printable.ts"),
      import("../../concourse/instance-vars.ts"),
      import("../fly-vars.ts"),
    ]);
    const twice = stdinTwice(positionals);
    if (twice !== undefined) return usage(twice);
    const { files, unmatched } = expandEntries(positionals, io.cwd());
    if (unmatched.length > 0) return usage(`no file matches ${unmatched.map((p) => `'${p}'`).join(", ")}`);
    if (typeof values.pipeline === "string" && files.length > 1)
      return usage("-p names one pipeline; with several entries each is named by its module");
    // fly's vars, read as render reads them: each pipeline is checked, diffed and set with them put in place, as fly
    // set-pipeline sets it (a var given no value stays a ((var)) for the credential manager)
    const flagVars = givesVars(values)
      ? await (await import("../template-vars.ts")).readTemplateVars(values, io)
      : undefined;
    if (flagVars !== undefined && "error" in flagVars) return usage(flagVars.error);

    let flyrcFile: string;
    try {
      flyrcFile = flyrc.flyrcPath(io.env);
    } catch (error) {
      return reportLoadFailure(error, io, { command: "apply", debug: false });
    }
    // no .flyrc is no targets, as in fly; one that cannot be read is an error, as in fly (rc.LoadTargets)
    let flyrcBytes: Uint8Array | undefined;
    try {
      flyrcBytes = await io.readBytes(flyrcFile);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") {
        const { fileProblem } = await import("../file-problem.ts");
        reportError(io, "apply", `cannot read the .flyrc '${flyrcFile}': ${fileProblem(error, "read")}`);
        return EXIT.failure;
      }
    }
    // read as fly reads it, whole, once a target is asked for; kept, as is the error of a file fly cannot read
    let read: { rc: Flyrc } | { error: unknown } | undefined;
    const readFlyrc = (): Flyrc => {
      if (read === undefined) {
        try {
          read = { rc: flyrc.readFlyrc(flyrcBytes, flyrcFile) };
        } catch (error) {
          read = { error };
        }
      }
      if ("error" in read) throw read.error;
      return read.rc;
    };
    const targets = new Map<string, { target: FlyTarget; client: ConcourseClient }>();
    const failures: { label: string; code: ExitCode }[] = [];
    const plans: { plan: ApplyPlan; target: FlyTarget; client: ConcourseClient }[] = [];
    /** With --unpause: pipelines with no changes that are paused, to unpause. */
    const toUnpause: { ref: PipelineRef; target: FlyTarget; client: ConcourseClient }[] = [];
    const color = io.isTTY.stdout && (io.env.NO_COLOR ?? "") === "";
    /** The entry that sets each pipeline (by target URL, team, name and instance vars). */
    const entryOf = new Map<string, string>();
    /** Entries refused before reading anything: an empty name or one with a '/', or a pipeline another entry sets too. */
    let conflicts = 0;

    // an error in a file the modules share is the same message for each: told once, the modules that failed listed
    const loadIo = errorsOnce(io, "apply");
    for (const entry of files) {
      let loaded: Awaited<ReturnType<typeof loadConfig>>;
      try {
        loaded = await loadConfig(entry, io, { timeoutMs });
      } catch (error) {
        failures.push({
          label: entry,
          code: reportLoadFailure(error, loadIo, { command: "apply", debug: values.debug === true }),
        });
        continue;
      }
      const { definition } = loaded;
      // the module's instance vars among the -i flags' (a flag of the same name wins), as render's fly command has them
      const vars = checkVars(flagVars, definition?.instanceVars);
      // checked as render checks what it writes, before its diff: one with errors is not set, nor asked about
      if (!(await checkConfig(entry, loaded, io, { validate: values.validate !== false, vars }))) {
        failures.push({ label: entry, code: EXIT.findings });
        continue;
      }
      const filled = await withVars(entry, loaded.config, vars, io);
      if (filled === undefined) {
        failures.push({ label: entry, code: EXIT.findings });
        continue;
      }
      const targetName = typeof values.target === "string" ? values.target : definition?.target;
      let selected = targets.get(targetName ?? "");
      if (selected === undefined) {
        try {
          const target = flyrc.targetOf(readFlyrc, targetName);
          selected = {
            target,
            client: client.createClient({
              api: target.api,
              ...(target.authorization !== undefined && { authorization: target.authorization }),
              ...(target.caCert !== undefined && { caCert: target.caCert }),
              ...(await readClientCertificate(target, io)),
              insecure: target.insecure,
              idleTimeoutMs,
            }),
          };
          if (target.insecure && /^https:/i.test(target.api)) {
            const { withoutCredentials } = await import("../../api/request.ts");
            const url = printable(withoutCredentials(target.api));
            io.stderr(
              `warning: target ${printable(target.name)} is insecure (.flyrc): the TLS certificate of ${url} is not verified\n`,
            );
          }
          targets.set(target.name, selected);
        } catch (error) {
          reportError(io, "apply", `${entry}: ${(error as Error).message}`);
          failures.push({ label: entry, code: EXIT.failure });
          continue;
        }
      }
      const ref: PipelineRef = {
        team: typeof values.team === "string" ? values.team : (definition?.team ?? selected.target.team),
        name: typeof values.pipeline === "string" ? values.pipeline : (definition?.name ?? defaultName(entry)),
        ...(filled.instanceVars !== undefined && { instanceVars: filled.instanceVars }),
      };
      const label = apply.pipelineLabel(ref);
      if (ref.name === "") {
        reportError(io, "apply", `${entry}: the pipeline name is empty: name it with -p or the module's \`name\``);
        failures.push({ label: entry, code: EXIT.failure });
        conflicts++;
        continue;
      }
      // fly set-pipeline refuses it too (flaghelpers.PipelineFlag.Validate): fly could not name it afterwards
      if (ref.name.includes("/")) {
        reportError(
          io,
          "apply",
          `${entry}: pipeline name cannot contain '/': ${printable(ref.name)} (fly reads what follows it as instance vars)`,
        );
        failures.push({ label: entry, code: EXIT.failure });
        conflicts++;
        continue;
      }
      const key = JSON.stringify([selected.target.api, ref.team, ref.name, instanceVarsKey(ref.instanceVars)]);
      const earlier = entryOf.get(key);
      if (earlier !== undefined) {
        reportError(
          io,
          "apply",
          `${earlier} and ${entry} both set pipeline ${label} (target ${printable(selected.target.name)}, team ${printable(ref.team)}): give one of them another name; nothing will be set`,
        );
        failures.push({ label: entry, code: EXIT.failure });
        conflicts++;
        continue;
      }
      entryOf.set(key, entry);
      try {
        const plan = await apply.planApply(selected.client, ref, filled.config);
        const where = `target ${printable(selected.target.name)}, team ${printable(ref.team)}`;
        if (plan.archived === true)
          io.stdout(`pipeline ${label} (${where}) is archived; setting it unarchives it, paused, with this config:\n`);
        else if (plan.current === undefined)
          io.stdout(`pipeline ${label} (${where}) does not exist yet; it will be created:\n`);
        else if (plan.changes.length === 0) {
          // the advice after creating a pipeline is to apply with --unpause: one with no changes is unpaused too
          const paused =
            values.unpause === true &&
            (await selected.client.pipelineStatus(ref).catch(() => undefined))?.paused === true;
          if (paused) toUnpause.push({ ref, ...selected });
          io.stdout(`pipeline ${label} (${where}): no changes${paused ? "; paused, it will be unpaused" : ""}\n`);
        } else io.stdout(`pipeline ${label} (${where}) will change:\n`);
        io.stdout(format.formatChanges(plan.changes, { context, showSecrets: values.showSecrets === true, color }));
        if (plan.changes.length > 0) plans.push({ plan, ...selected });
      } catch (error) {
        reportError(io, "apply", apply.describeFailure(error, ref, selected.target.name));
        failures.push({ label, code: EXIT.failure });
      }
    }

    const worst = (): ExitCode => Math.max(EXIT.ok, ...failures.map((f) => f.code)) as ExitCode;
    const unchanged = files.length - failures.length - plans.length;
    const summary = (applied: string) => {
      const failed =
        failures.length === 0 ? "" : `; ${failures.length} failed: ${failures.map((f) => f.label).join(", ")}`;
      io.stderr(`${applied}; ${unchanged} unchanged${failed}\n`);
    };
    const count = (n: number) => (n === 1 ? "1 pipeline" : `${n} pipelines`);
    const alsoUnpaused = toUnpause.length === 0 ? "" : `, ${toUnpause.length} unpaused`;
    if (conflicts > 0 && values.dryRun !== true) {
      summary("nothing was set");
      return EXIT.failure;
    }
    if ((plans.length === 0 && toUnpause.length === 0) || values.dryRun === true) {
      summary(
        values.dryRun === true ? `dry run: ${count(plans.length)} would be set${alsoUnpaused}` : "nothing to set",
      );
      return worst();
    }

    if (values.yes !== true) {
      const setting =
        plans.length === 0
          ? ""
          : plans.length === 1
            ? `set pipeline ${apply.pipelineLabel(plans[0]?.plan.ref ?? { team: "", name: "" })}`
            : `set these ${plans.length} pipelines`;
      const unpausing =
        toUnpause.length === 0
          ? ""
          : toUnpause.length === 1
            ? `unpause pipeline ${apply.pipelineLabel(toUnpause[0]?.ref ?? { team: "", name: "" })}`
            : `unpause ${toUnpause.length} pipelines`;
      const question = `${[setting, unpausing].filter((part) => part !== "").join(" and ")}? [yN] `;
      const answer = await io.ask(question);
      if (answer === undefined) return usage("refusing to set pipelines without a terminal to confirm on: pass --yes");
      if (!/^\s*y(es)?\s*$/i.test(answer)) {
        io.stderr("bailing out: nothing was set\n");
        return EXIT.findings;
      }
    }

    let created = 0;
    let updated = 0;
    /** Pipelines set whose unpausing failed. */
    const notUnpaused: string[] = [];
    for (const { plan, target, client: api } of plans) {
      const label = apply.pipelineLabel(plan.ref);
      try {
        const outcome = await apply.executeApply(api, plan, {
          unpause: values.unpause === true,
          checkCreds: values.checkCreds === true,
        });
        for (const w of outcome.warnings) io.stderr(`warning: ${label}: ${printable(w.message)}\n`);
        if (outcome.created) {
          created++;
          io.stderr(`${apply.createdMessage(plan.ref, target.name, outcome.unpaused, values.unpause === true)}\n`);
        } else {
          updated++;
          io.stderr(`${apply.updatedMessage(plan.ref, target.name, outcome)}\n`);
        }
        if (outcome.unpauseError !== undefined) {
          const reason = apply.describeFailure(outcome.unpauseError, plan.ref, target.name);
          reportError(io, "apply", `${reason} (the config was set; only unpausing failed)`);
          notUnpaused.push(label);
        }
      } catch (error) {
        reportError(io, "apply", apply.describeFailure(error, plan.ref, target.name));
        const rejected = error instanceof client.ApiError && error.failure.kind === "invalid-config";
        failures.push({ label, code: rejected ? EXIT.findings : EXIT.failure });
      }
    }
    let unpaused = 0;
    for (const { ref, target, client: api } of toUnpause) {
      const label = apply.pipelineLabel(ref);
      try {
        await api.unpause(ref);
        unpaused++;
        io.stderr(`unpaused pipeline ${label}\n`);
      } catch (error) {
        reportError(io, "apply", apply.describeFailure(error, ref, target.name));
        notUnpaused.push(label);
      }
    }
    const unpauseFailed =
      notUnpaused.length === 0 ? "" : `; ${notUnpaused.length} not unpaused: ${notUnpaused.join(", ")}`;
    const unpausedToo = unpaused === 0 ? "" : `, ${unpaused} unpaused`;
    summary(`set ${count(created + updated)} (${created} created, ${updated} updated)${unpausedToo}${unpauseFailed}`);
    return notUnpaused.length === 0 ? worst() : EXIT.failure;
  },
});

/**
 * Whether a pipeline may be set: validated as `hangar render` validates what it writes (the findings printed, warnings
 * not blocking), or with `validate` off (--no-validate) only refused when `pipeline()` stopped its module at names it
 * does not define, whose name, target and team are unknown.
 */
async function checkConfig(
  entry: string,
  loaded: LoadedConfig,
  io: Io,
  { validate, vars }: { readonly validate: boolean; readonly vars: TemplateVars | undefined },
): Promise<boolean> {
  const { definition, config } = loaded;
  const { refuseUnknownReferences, validateRendered } = await import("../validate-rendered.ts");
  const refusal = { command: "apply", done: "set" } as const;
  if (!validate) return refuseUnknownReferences(entry, definition?.unknownReferences, io, refusal);
  const { yamlSafeJson } = await import("../../render/yaml.ts");
  // the text `hangar render` writes of it (JSON), which keys the validation kept in hangar's cache
  const rendered = { data: config, text: `${yamlSafeJson(config, 2)}\n`, format: "json" } as const;
  const more = {
    unknownReferences: definition?.unknownReferences,
    vars,
    ...refusal,
  };
  return validateRendered(rendered, entry, io, more);
}

/**
 * The config as fly set-pipeline sends it, with the vars given put in place (a var given no value, or one with a
 * source, stays a `((var))` for the credential manager), and the instance vars that name the pipeline, expanded as fly
 * expands its `-i` pairs (`-i a.b=1` is `{a: {b: 1}}`). Undefined, the problems printed, when a var cannot be put in
 * place (fly fails on it too); the validator finds those first unless --no-validate.
 */
async function withVars(
  entry: string,
  config: unknown,
  vars: TemplateVars | undefined,
  io: Io,
): Promise<{ config: unknown; instanceVars?: Readonly<Record<string, unknown>> } | undefined> {
  if (vars === undefined) return { config };
  const { expandPairs, interpolate, varProblemDiagnostic } = await import("../../parse/vars.ts");
  const interpolated = interpolate(config, vars);
  if (interpolated.problems.length > 0) {
    const [{ formatText }, { colorOn }] = await Promise.all([
      import("../../validate/format.ts"),
      import("../validate-rendered.ts"),
    ]);
    const diagnostics = interpolated.problems.map((problem) => varProblemDiagnostic(problem));
    io.stderr(formatText({ file: entry, diagnostics }, colorOn(io)));
    reportError(io, "apply", `${entry}: a var cannot be put in place; nothing was set`);
    return undefined;
  }
  const instance = vars.instance ?? [];
  return {
    config: interpolated.value,
    ...(instance.length > 0 && { instanceVars: expandPairs(instance) }),
  };
}

/**
 * The PEM texts of a target's client certificate and key (`client_cert_path`, `client_key_path` of the `.flyrc`),
 * read as fly reads them: relative paths from the working directory.
 */
async function readClientCertificate(target: FlyTarget, io: Io): Promise<Pick<TlsOptions, "clientCert" | "clientKey">> {
  const { clientCertPath, clientKeyPath } = target;
  if (clientCertPath === undefined || clientKeyPath === undefined) return {};
  const read = (path: string, what: string) =>
    io.readFile(resolve(io.cwd(), path)).catch(async (error: unknown) => {
      const [{ fileProblem }, { printable }] = await Promise.all([
        import("../file-problem.ts"),
        import("../../source/printable.ts"),
      ]);
      throw new Error(
        `cannot read the client ${what} '${printable(path)}' of target ${printable(target.name)}: ${fileProblem(error, "read")}`,
      );
    });
  return { clientCert: await read(clientCertPath, "certificate"), clientKey: await read(clientKeyPath, "key") };
}
