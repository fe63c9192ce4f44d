import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type RequestListener } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { join, resolve } from "node:path";
import { beforeEach, describe, expect, onTestFinished, test } from "vitest";
import { startConcourseServer } from "../../../test/helpers/concourse-server.ts";
import { memoryIo } from "../../../test/helpers/memory-io.ts";
import { hasOpenssl, selfSignedCertificate, withOpenssl } from "../../../test/helpers/self-signed.ts";
import { stoppedModule } from "../../../test/helpers/stopped-module.ts";
import { runCli } from "../run-cli.ts";

const repo = resolve(import.meta.dirname, "../../..");
const TOKEN = "tok-very-secret";

let work: string;
let server: Awaited<ReturnType<typeof startConcourseServer>>;
beforeEach(async () => {
  work = mkdtempSync(join(repo, "test/.tmp-apply-"));
  cpSync(join(repo, "test/fixtures/cli"), work, { recursive: true });
  server = await startConcourseServer({
    token: TOKEN,
    teams: ["main", "platform team"],
    validate: (config) =>
      JSON.stringify(config).includes("rejected-by-server") ? { errors: ["jobs.build.plan.do[0]: bad step"] } : {},
    credentials: ["registry"],
  });
  writeFileSync(
    join(work, ".flyrc"),
    `targets:\n  ci:\n    api: ${server.url}\n    team: main\n    token:\n      type: Bearer\n      value: ${TOKEN}\n` +
      `  expired:\n    api: ${server.url}\n    team: main\n`,
  );
  return async () => {
    await server.close();
    spawnSync("rm", ["-rf", work]);
  };
});

/**
 * Runs `hangar apply` with FLY_HOME in the scratch folder; `answer` is what the terminal answers (none: no terminal), or
 * gives it once what happens while the user is asked has happened.
 */
async function apply(argv: string[], answer?: string | (() => string)) {
  const run = memoryIo(work, { FLY_HOME: work });
  const asked: string[] = [];
  const ask = async (question: string) => {
    asked.push(question);
    return typeof answer === "function" ? answer() : answer;
  };
  const io = { ...run.io, ask };
  const code = await runCli(["apply", ...argv], io);
  return { code, stdout: run.stdout, stderr: run.stderr, asked };
}

const PIPELINE_YML = `jobs:
- name: build
  plan:
  - task: unit
    config: {platform: linux, run: {path: make, args: [test]}}
`;

describe("hangar apply", () => {
  test("--check-creds has Concourse check the credentials first: a missing one refuses the pipeline (exit 1)", async () => {
    const uses = (vars: string) =>
      `resources:\n- name: img\n  type: registry-image\n  source: {repository: x, password: ((registry.password))}\n` +
      `jobs:\n- name: build\n  plan:\n  - get: img\n  - task: unit\n    params: {TOKEN: ${vars}}\n` +
      "    config: {platform: linux, run: {path: make}}\n";
    writeFileSync(join(work, "p.yml"), uses("((deploy.token))"));
    const refused = await apply(["p.yml", "-t", "ci", "--yes", "--check-creds"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "hangar apply: p: Concourse rejected the config:\n  credential validation failed\n  \n  1 error occurred:\n  \\t* undefined vars: deploy\nset 0 pipelines",
    );
    expect(server.pipelines).toEqual([]);
    expect(server.requests.filter((r) => r.method === "PUT").map((r) => new URL(r.url, server.url).search)).toEqual([
      "?check_creds=",
    ]);
    // without the flag Concourse is not asked, and with every credential there the check passes
    expect((await apply(["p.yml", "-t", "ci", "--yes"])).code).toBe(0);
    writeFileSync(join(work, "p.yml"), uses("((registry.token))"));
    const checked = await apply(["p.yml", "-t", "ci", "--yes", "--check-creds"]);
    expect(checked.code).toBe(0);
    expect(server.pipelines).toHaveLength(1);
  });

  test("creates a new pipeline paused, showing the whole diff, and says how to unpause", async () => {
    const run = await apply(["ok.ts", "--yes"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^pipeline app \(target ci, team platform team\) does not exist yet; it will be created:\n/,
    );
    expect(run.stdout).toContain("resources:\n  resource source has been added:\n  +name: source\n");
    expect(run.stderr).toContain(
      "created pipeline app; it is paused: unpause it with `fly -t ci unpause-pipeline -p app --team 'platform team'` or apply with --unpause\n",
    );
    expect(run.stderr).toContain("set 1 pipeline (1 created, 0 updated); 0 unchanged\n");
    expect(server.pipelines).toMatchObject([{ team: "platform team", name: "app", paused: true }]);
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
  });

  test("updates with the version read, shows only the change, and --unpause unpauses", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    expect((await apply(["p.yml", "-t", "ci", "--yes"])).code).toBe(0);
    writeFileSync(join(work, "p.yml"), PIPELINE_YML.replace("args: [test]", "args: [test, lint]"));
    const version = String(server.pipelines[0]?.version);
    const run = await apply(["p.yml", "-t", "ci", "--yes", "--unpause", "-U", "0"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "pipeline p (target ci, team main) will change:",
        "jobs:",
        "  job build has changed:",
        "  @@ -9,0 +10,1 @@",
        "  +      - lint",
        "",
      ].join("\n"),
    );
    expect(run.stderr).toContain("updated pipeline p and unpaused it\n");
    const put = server.requests.filter((r) => r.method === "PUT" && r.url.endsWith("/config")).at(-1);
    expect(put?.headers["x-concourse-config-version"]).toBe(version);
    expect(server.pipelines[0]?.paused).toBe(false);
    // nothing left to set
    const again = await apply(["p.yml", "-t", "ci"]);
    expect(again).toMatchObject({ code: 0, asked: [] });
    expect(again.stderr).toBe("nothing to set; 1 unchanged\n");
  });

  test("a pipeline set as it is written has no changes, as Concourse answers its config (task params as text, ...)", async () => {
    writeFileSync(
      join(work, "p.yml"),
      `meta:\n  image: &image {type: registry-image, source: {repository: busybox}}\n${PIPELINE_YML}    params: {CI: true, PORT: 8080}\n    container_limits: {memory: 1GB}\n`.replace(
        "config: {platform: linux,",
        "config: {platform: linux, image_resource: *image,",
      ),
    );
    // the config as Concourse answers it after `fly set-pipeline` of that file (atc.Config decoded and encoded)
    server.pipelines.push({
      team: "main",
      name: "p",
      instanceVars: "{}",
      version: 7,
      paused: false,
      config: {
        jobs: [
          {
            name: "build",
            plan: [
              {
                task: "unit",
                params: { CI: "true", PORT: "8080" },
                container_limits: { memory: 1073741824 },
                config: {
                  platform: "linux",
                  image_resource: { name: "", type: "registry-image", source: { repository: "busybox" } },
                  run: { path: "make", args: ["test"] },
                },
              },
            ],
          },
        ],
      },
    });
    const run = await apply(["p.yml", "-t", "ci"]);
    expect(run).toMatchObject({ code: 0, asked: [], stdout: "pipeline p (target ci, team main): no changes\n" });
    expect(run.stderr).toBe(
      'p.yml:meta warning unknown-field-dropped set-pipeline drops unknown top-level key "meta" and all it holds\n' +
        "nothing to set; 1 unchanged\n",
    );
  });

  test("an error in a helper the modules share is told once, every module that failed listed", async () => {
    writeFileSync(join(work, "helper.ts"), "export const x = ;\n");
    const user = 'import { x } from "./helper.ts";\nexport default { jobs: [{ name: String(x), plan: [] }] };\n';
    writeFileSync(join(work, "one.ts"), user);
    writeFileSync(join(work, "two.ts"), user);
    const run = await apply(["one.ts", "two.ts", "-t", "ci", "--dry-run"]);
    expect(run.code).toBe(2);
    expect(run.stderr.match(/helper\.ts:1:18/g)).toHaveLength(1);
    expect(run.stderr).toContain("failed: one.ts, two.ts\n");
  });

  test("--unpause unpauses a paused pipeline that has no changes, as the advice after creating it says", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    expect((await apply(["p.yml", "-t", "ci", "--yes"])).stderr).toContain("or apply with --unpause\n");
    const dry = await apply(["p.yml", "-t", "ci", "--unpause", "--dry-run"]);
    expect(dry).toMatchObject({
      code: 0,
      stdout: "pipeline p (target ci, team main): no changes; paused, it will be unpaused\n",
    });
    expect(dry.stderr).toBe("dry run: 0 pipelines would be set, 1 unpaused; 1 unchanged\n");
    expect(server.pipelines[0]?.paused).toBe(true);
    const refused = await apply(["p.yml", "-t", "ci", "--unpause"], "n");
    expect(refused).toMatchObject({ code: 1, asked: ["unpause pipeline p? [yN] "] });
    expect(server.pipelines[0]?.paused).toBe(true);
    const run = await apply(["p.yml", "-t", "ci", "--unpause"], "y");
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("unpaused pipeline p\nset 0 pipelines (0 created, 0 updated), 1 unpaused; 1 unchanged\n");
    expect(server.pipelines[0]?.paused).toBe(false);
    // running: nothing to do, nothing asked
    const again = await apply(["p.yml", "-t", "ci", "--unpause"]);
    expect(again).toMatchObject({ code: 0, asked: [], stdout: "pipeline p (target ci, team main): no changes\n" });
    expect(again.stderr).toBe("nothing to set; 1 unchanged\n");
  });

  test("an updated pipeline that is paused is said to be, as fly says; an archived one is set again, paused", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    await apply(["p.yml", "-t", "ci", "--yes"]);
    writeFileSync(join(work, "p.yml"), PIPELINE_YML.replace("unit", "unit-tests"));
    const paused = await apply(["p.yml", "-t", "ci", "--yes"]);
    expect(paused.code).toBe(0);
    expect(paused.stderr).toContain(
      "updated pipeline p; it is paused: unpause it with `fly -t ci unpause-pipeline -p p --team main` or apply with --unpause\n",
    );
    // archived (fly archive-pipeline): no config, version 0, paused
    Object.assign(server.pipelines[0] ?? {}, { archived: true, version: 0, config: {}, paused: true });
    const archived = await apply(["p.yml", "-t", "ci", "--yes"]);
    expect(archived.code).toBe(0);
    expect(archived.stdout).toMatch(
      /^pipeline p \(target ci, team main\) is archived; setting it unarchives it, paused, with this config:\n/,
    );
    expect(archived.stderr).toContain(
      "updated pipeline p; it is paused: unpause it with `fly -t ci unpause-pipeline -p p --team main` or apply with --unpause\n",
    );
    expect(server.pipelines).toMatchObject([{ name: "p", archived: false, paused: true }]);
    // unpaused: nothing more to say
    Object.assign(server.pipelines[0] ?? {}, { paused: false });
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const running = await apply(["p.yml", "-t", "ci", "--yes"]);
    expect(running.stderr).toContain("updated pipeline p\n");
  });

  test("someone else's change between reading and saving: stale version, nothing overwritten", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    await apply(["p.yml", "-t", "ci", "--yes"]);
    server.afterGet((pipeline) => server.bump(pipeline));
    writeFileSync(join(work, "p.yml"), PIPELINE_YML.replace("unit", "unit-tests"));
    const run = await apply(["p.yml", "-t", "ci", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "hangar apply: p: someone else changed the pipeline after its config was read; its config was not saved: run hangar apply again to see the new diff\n",
    );
    expect(JSON.stringify(server.pipelines[0]?.config)).not.toContain("unit-tests");
  });

  test("400: the server's errors are printed, exit 1", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML.replace("unit", "rejected-by-server"));
    const run = await apply(["p.yml", "-t", "ci", "--yes"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "hangar apply: p: Concourse rejected the config:\n  jobs.build.plan.do[0]: bad step\n",
    );
    expect(server.pipelines).toEqual([]);
  });

  test("401 and an unknown target say to log in with fly, a .flyrc that cannot be read says so; the token is never printed", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "expired", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "hangar apply: p: not authorized on target expired (the token is missing or expired): run `fly -t expired login` and try again\n",
    );
    // a .flyrc that cannot be read is not one without targets
    rmSync(join(work, ".flyrc"));
    mkdirSync(join(work, ".flyrc"));
    const unreadable = await apply(["p.yml", "-t", "ci", "--yes"]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/^hangar apply: cannot read the .flyrc '.*\.flyrc': is a folder \(EISDIR\)\n$/);
    rmSync(join(work, ".flyrc"), { recursive: true });
    const unknown = await apply(["p.yml", "-t", "nowhere", "--yes"]);
    expect(unknown.stderr).toContain(
      "hangar apply: p.yml: unknown target: nowhere (log in with `fly -t nowhere login -c URL`)\n",
    );
  });

  test("control characters of pipeline and team names are escaped in every line that names them", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "ci", "-p", "app\u001b[1A\rx", "--dry-run"]);
    expect(run.stdout).toMatch(/^pipeline app\\x1b\[1A\\rx \(target ci, team main\) does not exist yet/);
    const failed = await apply(["p.yml", "-t", "ci", "-p", "app\u001b[1A", "--team", "t\n", "--yes"]);
    expect(failed.stderr).toContain(
      "hangar apply: app\\x1b[1A: forbidden: the user logged in on target ci may not set pipelines in team t\\n: run `fly -t ci login --team-name 't\\n'`\n",
    );
    const printed = `${run.stdout}${run.stderr}${failed.stdout}${failed.stderr}`;
    expect(printed.includes("\u001b") || printed.includes("\r")).toBe(false);
  });

  test("the password of an api URL is never shown, and control characters of the target's name and URL are escaped", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    writeFileSync(
      join(work, ".flyrc"),
      'targets:\n  "in\\esec":\n    api: "https://me:pa55word@127.0.0.1:1/ci\\e[2J"\n    insecure: true\n',
    );
    const run = await apply(["p.yml", "-t", "in\u001bsec", "--dry-run"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^warning: target in\\x1bsec is insecure \(\.flyrc\): the TLS certificate of https:\/\/127\.0\.0\.1:1\/ci\\x1b\[2J is not verified\nhangar apply: p: cannot reach https:\/\/127\.0\.0\.1:1\/ci\\x1b\[2J: /,
    );
    expect(run.stderr).not.toContain("pa55word");
    expect(run.stderr).not.toContain("\u001b");
  });

  test("a line break or an escape in a target's name or a pipeline's name forges no line: every line names them escaped", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const unknown = await apply(["p.yml", "-t", "x\nhangar apply: forged\u001b[2J", "--yes"]);
    expect(unknown.stderr).toBe(
      "hangar apply: p.yml: unknown target: x\\nhangar apply: forged\\x1b[2J (log in with `fly -t 'x\\nhangar apply: forged\\x1b[2J' login -c URL`)\n" +
        "nothing to set; 0 unchanged; 1 failed: p.yml\n",
    );
    // a target of that name (no token: 401), and a pipeline name with a line break
    writeFileSync(join(work, ".flyrc"), `targets:\n  "t\\nforged":\n    api: ${server.url}\n`);
    const run = await apply(["p.yml", "-t", "t\nforged", "-p", "p\nforged", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "hangar apply: p\\nforged: not authorized on target t\\nforged (the token is missing or expired): run `fly -t 't\\nforged' login` and try again\n" +
        "nothing to set; 0 unchanged; 1 failed: p\\nforged\n",
    );
    writeFileSync(
      join(work, ".flyrc"),
      `targets:\n  "t\\nforged":\n    api: ${server.url}\n    token: {value: ${TOKEN}}\n`,
    );
    const dry = await apply(["p.yml", "-t", "t\nforged", "-p", "p\u001b", "--dry-run"]);
    expect(dry.stdout).toMatch(/^pipeline p\\x1b \(target t\\nforged, team main\) does not exist yet/);
  });

  test("--timeout bounds how long a module may take, as the message it gives says", async () => {
    writeFileSync(join(work, "never.ts"), "export default () => new Promise(() => {});\n");
    const run = await apply(["never.ts", "ok.ts", "--dry-run", "--timeout", "0.2"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "hangar apply: never.ts: gave no pipeline within 0.2 s (a promise that never settles, or work that takes longer: see --timeout)\n",
    );
    expect(run.stderr).toContain("dry run: 1 pipeline would be set; 0 unchanged; 1 failed: never.ts\n");
  });

  test("the fly commands it suggests quote what the shell would split or run", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "ci", "-p", "x; rm -rf ~", "--yes"]);
    expect(run.stderr).toContain(
      "created pipeline x; rm -rf ~; it is paused: unpause it with `fly -t ci unpause-pipeline -p 'x; rm -rf ~' --team main` or apply with --unpause\n",
    );
    const quoted = await apply(["p.yml", "-t", "ci", "-p", "it's", "--team", "no team", "--yes"]);
    expect(quoted.stderr).toContain("run `fly -t ci login --team-name 'no team'`\n");
  });

  test("an empty pipeline name, or one with a '/', is a usage error before any request", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "ci", "-p", "", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "hangar apply: p.yml: the pipeline name is empty: name it with -p or the module's `name`\n" +
        "nothing was set; 0 unchanged; 1 failed: p.yml\n",
    );
    // Concourse would create it, but fly refuses it: `-p app/x` is pipeline app with instance vars x
    const slash = await apply(["p.yml", "-t", "ci", "-p", "app/x", "--yes"]);
    expect(slash.code).toBe(2);
    expect(slash.stderr).toBe(
      "hangar apply: p.yml: pipeline name cannot contain '/': app/x (fly reads what follows it as instance vars)\n" +
        "nothing was set; 0 unchanged; 1 failed: p.yml\n",
    );
    expect(server.requests).toEqual([]);
  });

  test("a module that pipeline() stopped at undefined names is refused with them, before any request: its name, target and team are unknown", async () => {
    writeFileSync(join(work, "web.ts"), stoppedModule({ name: "web", target: "ci", team: "main" }));
    const finding =
      "web.ts:jobs[0].plan[1].get error pipeline/unknown-reference unknown resource 'sorce'; did you mean 'source'?\n";
    // validated as render validates it: the names are errors, which --no-validate cannot set
    const run = await apply(["web.ts", "--yes"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `${finding}hangar apply: web.ts has errors; nothing was set\nnothing to set; 0 unchanged; 1 failed: web.ts\n`,
    );
    const forced = await apply(["web.ts", "--yes", "--no-validate"]);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toBe(
      finding +
        "hangar apply: web.ts: pipeline() stopped the module at names it does not define, so its default export (name, target, team) is unknown; nothing was set\n" +
        "nothing to set; 0 unchanged; 1 failed: web.ts\n",
    );
    expect(server.requests).toEqual([]);
  });

  test("each pipeline is validated as render validates it: one with errors is not set nor asked about, one with warnings is; --no-validate sets it", async () => {
    const module = (name: string, jobs: string, resources = "[]") =>
      `export default { name: "${name}", target: "ci", team: "main", pipeline: { resources: ${resources}, jobs: ${jobs} } };\n`;
    const task = (inputs: string) =>
      `{ task: "unit", config: { platform: "linux", inputs: ${inputs}, run: { path: "make" } } }`;
    // an error of hangar's validator (Concourse's stand-in here accepts it), and a warning
    writeFileSync(
      join(work, "bad.ts"),
      module(
        "bad",
        `[{ name: "build", plan: [${task("[]")}] }]`,
        `[{ name: "unused", type: "git", source: { uri: "https://git.example.com/x.git" } }]`,
      ),
    );
    writeFileSync(join(work, "warn.ts"), module("warn", `[{ name: "build", plan: [${task('[{ name: "src" }]')}] }]`));
    const run = await apply(["bad.ts", "warn.ts"], "y");
    expect(run.code).toBe(1);
    const findings =
      "bad.ts:resources[0].name error resource-unused resource 'unused' is not used\n" +
      "hangar apply: bad.ts has errors; nothing was set (--no-validate sets it anyway)\n" +
      "warn.ts:jobs[0].plan[0].config.inputs[0].name warning dataflow-task-input-not-produced input 'src' is not produced by any earlier step in job 'build'\n";
    // the findings come before the diffs and the question, which names only the pipeline without errors
    expect(run.stderr.slice(0, findings.length)).toBe(findings);
    expect(run.stdout).toMatch(/^pipeline warn \(target ci, team main\) does not exist yet; it will be created:\n/);
    expect(run.stdout).not.toContain("pipeline bad");
    expect(run.asked).toEqual(["set pipeline warn? [yN] "]);
    expect(run.stderr).toContain("set 1 pipeline (1 created, 0 updated); 0 unchanged; 1 failed: bad.ts\n");
    const puts = () =>
      server.requests.filter((r) => r.method === "PUT").map((r) => new URL(r.url, server.url).pathname);
    expect(puts()).toEqual(["/api/v1/teams/main/pipelines/warn/config"]);
    expect(server.pipelines.map((p) => p.name)).toEqual(["warn"]);

    const forced = await apply(["bad.ts", "--yes", "--no-validate"]);
    expect(forced.code).toBe(0);
    expect(forced.stderr).not.toContain("resource-unused");
    expect(puts()).toEqual(["/api/v1/teams/main/pipelines/warn/config", "/api/v1/teams/main/pipelines/bad/config"]);
    expect(server.pipelines.map((p) => p.name)).toEqual(["warn", "bad"]);
  });

  test("two entries that set the same pipeline are refused, and nothing is set", async () => {
    mkdirSync(join(work, "other"));
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    writeFileSync(join(work, "other/p.yml"), PIPELINE_YML.replace("unit", "lint"));
    writeFileSync(join(work, "q.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "q.yml", "other/p.yml", "-t", "ci", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "hangar apply: p.yml and other/p.yml both set pipeline p (target ci, team main): give one of them another name; nothing will be set\n" +
        "nothing was set; 0 unchanged; 1 failed: other/p.yml\n",
    );
    expect(server.pipelines).toEqual([]);
  });

  test("--dry-run shows the diff and sets nothing", async () => {
    const run = await apply(["ok.ts", "--dry-run"]);
    expect(run).toMatchObject({ code: 0, asked: [] });
    expect(run.stdout).toContain("does not exist yet; it will be created:");
    expect(run.stderr).toBe("dry run: 1 pipeline would be set; 0 unchanged\n");
    expect(server.requests.every((r) => r.method === "GET")).toBe(true);
  });

  test("asks on a terminal; refuses without one unless --yes; 'n' sets nothing", async () => {
    const noTerminal = await apply(["ok.ts"]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain(
      "hangar apply: refusing to set pipelines without a terminal to confirm on: pass --yes\n(run `hangar apply --help` for usage)\n",
    );
    const declined = await apply(["ok.ts"], "n");
    expect(declined).toMatchObject({ code: 1, asked: ["set pipeline app? [yN] "] });
    expect(server.pipelines).toEqual([]);
    const accepted = await apply(["ok.ts"], "y");
    expect(accepted.code).toBe(0);
    expect(server.pipelines).toHaveLength(1);
  });

  test("a batch: every diff, one question, one summary; a failing pipeline does not stop the others", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    writeFileSync(join(work, "bad.yml"), PIPELINE_YML.replace("unit", "rejected-by-server"));
    const run = await apply(["ok.ts", "p.yml", "bad.yml", "throws.ts", "-t", "ci"], "yes");
    expect(run.asked).toEqual(["set these 3 pipelines? [yN] "]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("set 2 pipelines (2 created, 0 updated); 0 unchanged; 2 failed: throws.ts, bad\n");
    expect(server.pipelines.map((p) => p.name).sort()).toEqual(["app", "p"]);
  });

  describe("fly's var flags", () => {
    const USES_VARS = `resources:\n- name: src\n  type: git\n  source: {uri: ((repo)), private_key: ((git-key))}\njobs:\n- name: build\n  plan:\n  - get: src\n    trigger: ((auto))\n`;
    /** The config saved for the one pipeline set, as Concourse stored it. */
    const saved = () => server.pipelines.map((p) => p.config);

    test("-y and -v put their values in place in the config diffed and set; a var given no value stays a ((var))", async () => {
      writeFileSync(join(work, "p.yml"), USES_VARS);
      const run = await apply([
        "p.yml",
        "-t",
        "ci",
        "--yes",
        "-y",
        "auto=true",
        "-v",
        "repo=https://git.example.com/a",
      ]);
      expect(run.stderr).not.toContain("error");
      expect(run.code).toBe(0);
      expect(saved()).toEqual([
        {
          resources: [
            { name: "src", type: "git", source: { uri: "https://git.example.com/a", private_key: "((git-key))" } },
          ],
          jobs: [{ name: "build", plan: [{ get: "src", trigger: true }] }],
        },
      ]);
      expect(run.stdout).toContain("  +  trigger: true\n");
      // set again with the same values: nothing changed, as fly diffs the config with the vars in place
      const again = await apply(["p.yml", "-t", "ci", "-y", "auto=true", "-v", "repo=https://git.example.com/a"]);
      expect(again.stderr).toBe("nothing to set; 1 unchanged\n");
      // without the flag the typed field is refused, as render refuses it
      const refused = await apply(["p.yml", "-t", "ci", "--yes", "-v", "repo=x"]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("hangar apply: p.yml has errors; nothing was set");
    });

    test("-l reads a vars file, later files winning; a malformed flag or a missing file is render's usage error", async () => {
      writeFileSync(join(work, "p.yml"), USES_VARS);
      writeFileSync(join(work, "a.yml"), "auto: false\nrepo: https://git.example.com/a\n");
      writeFileSync(join(work, "b.yml"), "auto: true\n");
      const run = await apply(["p.yml", "-t", "ci", "--yes", "-l", "a.yml", "-l", "b.yml"]);
      expect(run.code).toBe(0);
      expect(saved()).toMatchObject([
        {
          resources: [{ source: { uri: "https://git.example.com/a", private_key: "((git-key))" } }],
          jobs: [{ plan: [{ get: "src", trigger: true }] }],
        },
      ]);
      const missing = await apply(["p.yml", "-t", "ci", "--yes", "-l", "nope.yml"]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^hangar apply: could not read template variables file \(nope\.yml\): /);
      const malformed = await apply(["p.yml", "-t", "ci", "--yes", "-y", "auto"]);
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toMatch(/^hangar apply: -y: /);
      expect(server.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    });

    test("a var that cannot be put in place is refused even with --no-validate, as fly refuses it", async () => {
      writeFileSync(join(work, "p.yml"), PIPELINE_YML.replace("args: [test]", "args: [test-((v))]"));
      const run = await apply(["p.yml", "-t", "ci", "--yes", "--no-validate", "-y", "v={a: 1}"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("hangar apply: p.yml: a var cannot be put in place; nothing was set\n");
      expect(server.pipelines).toEqual([]);
    });

    test("-i names the instance beside the module's instance vars, a flag of the same name winning, and fills its ((var))", async () => {
      writeFileSync(
        join(work, "inst.ts"),
        `import { pipeline } from "hangar";\nexport default {\n  name: "app",\n  target: "ci",\n  instanceVars: { branch: "main", pr: 1 },\n` +
          `  pipeline: pipeline({ jobs: [{ name: "build", plan: [{ task: "t", params: { B: "((branch))", PR: "((pr))" },` +
          ` config: { platform: "linux", run: { path: "make" } } }] }] }),\n};\n`,
      );
      const run = await apply(["inst.ts", "--yes", "-i", "pr=2", "-i", "env.name=prod"]);
      expect(run.stderr).not.toContain("error");
      expect(run.code).toBe(0);
      expect(server.pipelines).toMatchObject([
        {
          team: "main",
          name: "app",
          instanceVars: JSON.stringify({ branch: "main", env: { name: "prod" }, pr: 2 }),
          config: { jobs: [{ plan: [{ params: { B: "main", PR: 2 } }] }] },
        },
      ]);
      const put = server.requests.find((r) => r.method === "PUT");
      expect(new URL(put?.url ?? "", server.url).search).toBe(
        "?vars.branch=%22main%22&vars.env.name=%22prod%22&vars.pr=2",
      );
    });
  });
});

/** A server on 127.0.0.1 answering with `listener`, added to the .flyrc as target `odd`; closed after the test. */
async function oddTarget(listener: RequestListener): Promise<void> {
  const odd = createHttpServer(listener);
  await new Promise<void>((done) => odd.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
  writeFileSync(join(work, ".flyrc"), `targets:\n  odd:\n    api: ${url}\n    team: main\n`);
  onTestFinished(() => {
    odd.closeAllConnections();
    return new Promise<void>((done) => odd.close(() => done()));
  });
}

describe("hangar apply against a server that closes the connections it holds idle", () => {
  test("closed while the user was asked: the save goes on a new connection, once; the read after it is sent again", async () => {
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    expect((await apply(["p.yml", "-t", "ci", "--yes"])).code).toBe(0);
    writeFileSync(join(work, "p.yml"), PIPELINE_YML.replace("args: [test]", "args: [test, lint]"));
    const run = await apply(["p.yml", "-t", "ci"], () => {
      server.expireConnections(); // the user took longer than the server keeps an idle connection
      return "y";
    });
    expect(run.stderr).toBe(
      "updated pipeline p; it is paused: unpause it with `fly -t ci unpause-pipeline -p p --team main` or apply with --unpause\nset 1 pipeline (0 created, 1 updated); 0 unchanged\n",
    );
    expect(run.code).toBe(0);
    expect(server.pipelines[0]?.config).toMatchObject({
      jobs: [{ plan: [{ config: { run: { args: ["test", "lint"] } } }] }],
    });
    expect(server.requests.filter((r) => r.method === "PUT")).toHaveLength(2);
    // the read of the pipeline after the save came on the connection closed, and was sent again
    expect(server.dropped).toEqual(["GET /api/v1/teams/main/pipelines/p"]);
  });
});

describe("hangar apply against a server that misbehaves", () => {
  test("a server that never answers, or stops within its answer: --request-timeout gives up, exit 2", async () => {
    await oddTarget((req, res) => {
      if (req.method === "GET") return; // never answers
      res.writeHead(201, { "Content-Type": "application/json" });
      res.write('{"warnings":'); // stops within the answer
    });
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const read = await apply(["p.yml", "-t", "odd", "--yes", "--request-timeout", "0.2"]);
    expect(read.code).toBe(2);
    expect(read.stderr).toMatch(
      /^hangar apply: p: no answer from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/teams\/main\/pipelines\/p\/config for 0\.2 s \(target odd\): gave up; wait longer with --request-timeout\n/,
    );
    expect((await apply(["p.yml", "-t", "odd", "--dry-run", "--request-timeout", "0.2"])).code).toBe(2);
    expect((await apply(["p.yml", "-t", "odd", "--request-timeout", "0"])).stderr).toBe(
      "hangar apply: --request-timeout: '0' is not a positive number of seconds\n(run `hangar apply --help` for usage)\n",
    );
  });
});

/**
 * A target whose server answers each request with `answer`'s raw bytes for its first line, then closes; the request
 * lines it got, and its URL.
 */
async function rawTarget(answer: (requestLine: string) => string): Promise<{ lines: string[]; url: string }> {
  const lines: string[] = [];
  const raw = createNetServer((socket) => {
    socket.once("data", (data) => {
      const line = data.toString("latin1").split("\r\n")[0] ?? "";
      lines.push(line);
      socket.end(answer(line));
    });
  });
  await new Promise<void>((done) => raw.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  writeFileSync(join(work, ".flyrc"), `targets:\n  odd:\n    api: ${url}\n    team: main\n`);
  onTestFinished(() => new Promise<void>((done) => raw.close(() => done())));
  return { lines, url };
}

describe("hangar apply: a server reached that sends no whole HTTP answer", () => {
  const CONFIG = '{"config":{"jobs":[]}}';
  const head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Concourse-Config-Version: 3\r\n";
  test.each([
    [
      "a chunked body that ends early",
      `${head}Transfer-Encoding: chunked\r\n\r\n16\r\n${CONFIG}`,
      "the answer of URL stopped before its end (aborted)",
    ],
    [
      "a body shorter than its Content-Length",
      `${head}Content-Length: 100\r\n\r\n${CONFIG}`,
      "the answer of URL stopped before its end (aborted)",
    ],
    [
      "a close right after the headers",
      `${head}Content-Length: 100\r\n\r\n`,
      "the answer of URL stopped before its end (aborted)",
    ],
    ["a close without answering", "", "URL closed the connection without answering"],
    [
      "what is not HTTP",
      "SSH-2.0-OpenSSH_9.6\r\n\r\n",
      "URL answered with what is not HTTP (Parse Error: Expected HTTP/, RTSP/ or ICE/)",
    ],
    [
      "a status out of range",
      "HTTP/1.1 099 Odd\r\nContent-Length: 0\r\n\r\n",
      "URL answered with status 99, which is no HTTP status of an answer",
    ],
  ])(
    "%s: one line naming the pipeline, what broke and the target, not 'cannot reach'; exit 2, nothing PUT",
    async (_, answer, problem) => {
      const { lines, url } = await rawTarget(() => answer);
      writeFileSync(join(work, "p.yml"), PIPELINE_YML);
      const run = await apply(["p.yml", "-t", "odd", "--yes"]);
      expect(run).toMatchObject({ code: 2, stdout: "" });
      expect(run.stderr).toBe(
        `hangar apply: p: ${problem.replace("URL", `${url}/api/v1/teams/main/pipelines/p/config`)} (target odd)\nnothing to set; 0 unchanged; 1 failed: p\n`,
      );
      expect(lines).toEqual(["GET /api/v1/teams/main/pipelines/p/config HTTP/1.1"]);
    },
  );

  test("a save whose answer is cut short is not told as unreachable: whether it was done is not known", async () => {
    const { lines } = await rawTarget((line) =>
      line.startsWith("GET")
        ? "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        : `HTTP/1.1 201 Created\r\nContent-Length: 50\r\n\r\n{"warn`,
    );
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "odd", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^hangar apply: p: the answer of http:\/\/127\.0\.0\.1:\d+\/api\/v1\/teams\/main\/pipelines\/p\/config stopped before its end \(aborted\); whether it was done is not known \(target odd\)\n/,
    );
    expect(lines.map((line) => line.split(" ")[0])).toEqual(["GET", "GET", "PUT"]);
  });
});

describe("hangar apply: a config read that is not Concourse's answer", () => {
  const VERSION = { "Content-Type": "application/json", "X-Concourse-Config-Version": "3" };
  test.each([
    ["a body that is not JSON", VERSION, "<html>Sign in</html>", "the answer is not a config"],
    ["a config that is a list", VERSION, '{"config":[{"name":"build"}]}', "the answer is not a config"],
    ["a config that is null", VERSION, '{"config":null}', "the answer is not a config"],
    [
      "no version",
      { "Content-Type": "application/json" },
      '{"config":{"jobs":[]}}',
      "the answer has no config version (X-Concourse-Config-Version: none)",
    ],
    [
      "a version that is not a number",
      { ...VERSION, "X-Concourse-Config-Version": "3, 4" },
      '{"config":{"jobs":[]}}',
      "the answer has no config version (X-Concourse-Config-Version: '3, 4')",
    ],
  ])("%s: one line naming the pipeline and the target, exit 2, nothing PUT", async (_, headers, body, problem) => {
    const methods: string[] = [];
    await oddTarget((req, res) => {
      methods.push(req.method ?? "");
      res.writeHead(200, headers).end(body);
    });
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "odd", "--yes"]);
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toBe(
      `hangar apply: p: reading pipeline p: ${problem}; nothing was set (target odd)\nnothing to set; 0 unchanged; 1 failed: p\n`,
    );
    expect(methods).toEqual(["GET"]);
  });
});

describe("hangar apply against a proxy that answers a save with its own page", () => {
  test("a 200 that is not Concourse's JSON is no save: exit 2, saying so, not 'updated'", async () => {
    await oddTarget((req, res) => {
      if (req.method === "GET") {
        res.writeHead(200, { "Content-Type": "application/json", "X-Concourse-Config-Version": "3" });
        return void res.end('{"config":{"jobs":[]}}');
      }
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<html>Sign in</html>");
    });
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "odd", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "hangar apply: p: setting pipeline p: the answer 200 is not Concourse's (no JSON object: Sign in); whether the config was set is not known (target odd)\n" +
        "set 0 pipelines (0 created, 0 updated); 0 unchanged; 1 failed: p\n",
    );
  });
});

describe("hangar apply against a server that redirects", () => {
  test("the redirect is not followed: the message names where it goes and how to log in there, exit 2", async () => {
    await oddTarget((req, res) => {
      res.writeHead(301, { Location: `https://ci.example.com${req.url}` });
      res.end();
    });
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "odd", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "hangar apply: p: reading pipeline p: the server redirects (301) to https://ci.example.com/api/v1/teams/main/pipelines/p/config; hangar does not follow redirects: if that is where Concourse is, log in to it (`fly -t odd login -c https://ci.example.com`)\n",
    );
  });
});

describe("hangar apply: a 400 without the errors list", () => {
  test.each([
    [
      "plain text",
      "plain text error\u001b[2K",
      "hangar apply: p: Concourse rejected the config:\n  plain text error\\x1b[2K\n",
    ],
    ["long text", "x".repeat(2000), `hangar apply: p: Concourse rejected the config:\n  ${"x".repeat(500)}...\n`],
    ["no body", "", "hangar apply: p: Concourse rejected the config (it gave no reason)\n"],
  ])("%s: the server's reason is shown, cut and escaped; exit 1", async (_, body, shown) => {
    await oddTarget((req, res) => {
      if (req.method === "GET") return void res.writeHead(404).end();
      res.writeHead(400, { "Content-Type": "text/plain" }).end(body);
    });
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "odd", "--yes"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(shown);
  });
});

describe("hangar apply: answers of odd shapes and sizes", () => {
  test.each([
    ["errors as one text", { errors: "bad\u001b[2J step" }, ["  bad\\x1b[2J step"]],
    ["errors that are not texts", { errors: [{ at: "jobs" }, null, "x"] }, ['  {"at":"jobs"}', "  null", "  x"]],
    ["an error line of 100,000 characters", { errors: ["e".repeat(100_000)] }, [`  ${"e".repeat(500)}...`]],
    [
      "an error of 1,000 lines",
      { errors: [Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n")] },
      [...Array.from({ length: 100 }, (_, i) => `  line ${i}`), "  ... and 900 more lines"],
    ],
  ])("a 400 with %s: shown cut and escaped, exit 1", async (_, answer, shown) => {
    await oddTarget((req, res) => {
      if (req.method === "GET") return void res.writeHead(404).end();
      res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify(answer));
    });
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "odd", "--yes"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `hangar apply: p: Concourse rejected the config:\n${shown.join("\n")}\nset 0 pipelines (0 created, 0 updated); 0 unchanged; 1 failed: p\n`,
    );
  });

  test("a 500 page of HTML is quoted as its text, on one line, cut", async () => {
    const page = `<html>\n<head><title>500 Internal Server Error</title><style>body { color: red }</style></head>\n<body>\n<h1>500\u001b[31m Internal Server Error</h1>\n<script>var x = "<b>";</script>\n<p>${"y".repeat(3000)}</p></body>\n</html>\n`;
    await oddTarget((_, res) => void res.writeHead(500, { "Content-Type": "text/html; charset=utf-8" }).end(page));
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "odd", "--yes"]);
    expect(run.code).toBe(2);
    const text = `500 Internal Server Error 500\\x1b[31m Internal Server Error ${"y".repeat(3000)}`;
    expect(run.stderr).toBe(
      `hangar apply: p: reading pipeline p: unexpected answer 500: ${text.slice(0, 503)}... (target odd)\nnothing to set; 0 unchanged; 1 failed: p\n`,
    );
  });

  test("warnings that are not Concourse's (a text, a null, one without a message) are not printed as empty ones", async () => {
    await oddTarget((req, res) => {
      if (req.method === "GET") return void res.writeHead(404).end();
      res.writeHead(201, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({ warnings: ["text", null, 5, { type: "x" }, { type: "x", message: "m\u001b[2J\nforged" }] }),
      );
    });
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "odd", "--yes"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: p: m\\x1b\[2J\\nforged\ncreated pipeline p;/);
  });
});

describe("hangar apply: a save that works and an unpause that does not", () => {
  test("the pipeline is reported as created, its warnings kept, and the unpause failure told apart: exit 2", async () => {
    await oddTarget((req, res) => {
      if (req.method === "GET") return void res.writeHead(404).end();
      if (req.url?.includes("/unpause") === true) return void res.writeHead(500).end("db down");
      res.writeHead(201, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ warnings: [{ type: "pipeline", message: "the pipeline is deprecated-ish" }] }));
    });
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "odd", "--yes", "--unpause"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        "warning: p: the pipeline is deprecated-ish",
        // no advice to pass --unpause, which was passed
        "created pipeline p; it is paused: unpause it with `fly -t odd unpause-pipeline -p p --team main`",
        "hangar apply: p: unpausing pipeline p: unexpected answer 500: db down (target odd) (the config was set; only unpausing failed)",
        "set 1 pipeline (1 created, 0 updated); 1 not unpaused: p; 0 unchanged",
        "",
      ].join("\n"),
    );
  });
});

describe.skipIf(!hasOpenssl)(withOpenssl("hangar apply over HTTPS: the target's ca_cert and insecure"), () => {
  test("untrusted: one line naming the target and the problem; ca_cert or insecure (warned once) set the pipelines", async () => {
    const own = selfSignedCertificate();
    const other = selfSignedCertificate();
    const secure = await startConcourseServer({ token: TOKEN, teams: ["main"], tls: own });
    try {
      const target = (name: string, extra: string) =>
        `  ${name}:\n    api: ${secure.url}\n    team: main\n    token: {type: Bearer, value: ${TOKEN}}\n${extra}`;
      writeFileSync(
        join(work, ".flyrc"),
        "targets:\n" +
          target("plain", "") +
          target("trusting", `    ca_cert: ${JSON.stringify(own.cert)}\n`) +
          target("wrong", `    ca_cert: ${JSON.stringify(other.cert)}\n`) +
          target("insecure", "    insecure: true\n"),
      );
      writeFileSync(join(work, "p.yml"), PIPELINE_YML);
      writeFileSync(join(work, "q.yml"), PIPELINE_YML);

      const untrusted = await apply(["p.yml", "-t", "plain", "--yes"]);
      expect(untrusted.code).toBe(2);
      expect(untrusted.stderr).toBe(
        `hangar apply: p: cannot verify the TLS certificate of ${secure.url}: self-signed certificate (target plain): ` +
          "trust its CA with ca_cert in the .flyrc (`fly -t plain login --ca-cert FILE`) or skip verification with insecure: true (`fly -t plain login -k`)\n" +
          "nothing to set; 0 unchanged; 1 failed: p\n",
      );
      const wrong = await apply(["p.yml", "-t", "wrong", "--yes"]);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain(
        `hangar apply: p: cannot verify the TLS certificate of ${secure.url}: self-signed certificate (target wrong): `,
      );
      expect(secure.requests).toEqual([]);

      const trusting = await apply(["p.yml", "-t", "trusting", "--yes"]);
      expect(trusting.code).toBe(0);
      expect(trusting.stderr).not.toContain("warning");
      expect(secure.pipelines.map((p) => p.name)).toEqual(["p"]);

      const insecure = await apply(["p.yml", "q.yml", "-t", "insecure", "--yes"]);
      expect(insecure.code).toBe(0);
      expect(insecure.stderr).toBe(
        `warning: target insecure is insecure (.flyrc): the TLS certificate of ${secure.url} is not verified\n` +
          "created pipeline q; it is paused: unpause it with `fly -t insecure unpause-pipeline -p q --team main` or apply with --unpause\n" +
          "set 1 pipeline (1 created, 0 updated); 1 unchanged\n",
      );
      expect(secure.pipelines.map((p) => p.name)).toEqual(["p", "q"]);
    } finally {
      await secure.close();
    }
  });

  test("a server that wants a client certificate: told how to give one; client_cert_path and client_key_path give it", async () => {
    const own = selfSignedCertificate();
    const mine = selfSignedCertificate();
    const secure = await startConcourseServer({ token: TOKEN, teams: ["main"], tls: { ...own, ca: mine.cert } });
    try {
      writeFileSync(join(work, "me.pem"), mine.cert);
      writeFileSync(join(work, "me.key"), mine.key);
      const target = (name: string, extra: string) =>
        `  ${name}:\n    api: ${secure.url}\n    token: {type: Bearer, value: ${TOKEN}}\n    ca_cert: ${JSON.stringify(own.cert)}\n${extra}`;
      writeFileSync(
        join(work, ".flyrc"),
        "targets:\n" +
          target("bare", "") +
          // relative to the working directory, as fly reads them
          target("mtls", "    client_cert_path: me.pem\n    client_key_path: me.key\n") +
          target("lost", `    client_cert_path: ${join(work, "gone.pem")}\n    client_key_path: me.key\n`),
      );
      writeFileSync(join(work, "p.yml"), PIPELINE_YML);

      const bare = await apply(["p.yml", "-t", "bare", "--yes"]);
      expect(bare.code).toBe(2);
      expect(bare.stderr).toBe(
        `hangar apply: p: ${secure.url} wants a TLS client certificate it trusts: tlsv13 alert certificate required (target bare): ` +
          "give it one with client_cert_path and client_key_path in the .flyrc (`fly -t bare login --client-cert FILE --client-key FILE`)\n" +
          "nothing to set; 0 unchanged; 1 failed: p\n",
      );

      const lost = await apply(["p.yml", "-t", "lost", "--yes"]);
      expect(lost.code).toBe(2);
      expect(lost.stderr).toContain(
        `hangar apply: p.yml: cannot read the client certificate '${join(work, "gone.pem")}' of target lost: no such file (ENOENT)\n`,
      );
      expect(secure.requests).toEqual([]);

      const mtls = await apply(["p.yml", "-t", "mtls", "--yes"]);
      expect(mtls.code).toBe(0);
      expect(secure.pipelines.map((p) => p.name)).toEqual(["p"]);
    } finally {
      await secure.close();
    }
  });

  test("a .flyrc fly cannot read, for a target other than the one used, stops before any request, naming its place", async () => {
    writeFileSync(
      join(work, ".flyrc"),
      `targets:\n  ci:\n    api: ${server.url}\n    token: {type: Bearer, value: ${TOKEN}}\n  old: http://127.0.0.1:1\n`,
    );
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "ci", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `hangar apply: p.yml: in the file '${join(work, ".flyrc")}' (line 5, column 8): target old is a string, not a map\n`,
    );
    expect(server.pipelines).toEqual([]);
  });

  test("a ca_cert that holds no certificate stops before any request, naming the .flyrc and the target", async () => {
    writeFileSync(
      join(work, ".flyrc"),
      `targets:\n  ci:\n    api: https://127.0.0.1:1\n    ca_cert: "-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----"\n`,
    );
    writeFileSync(join(work, "p.yml"), PIPELINE_YML);
    const run = await apply(["p.yml", "-t", "ci", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `hangar apply: p.yml: in the file '${join(work, ".flyrc")}': the ca_cert of target ci is not valid: it holds no PEM certificate\n`,
    );
  });
});
