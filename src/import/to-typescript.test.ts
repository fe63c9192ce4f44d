import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test, vi } from "vitest";
import { Alias } from "yaml";
import { typeCheck } from "../../test/helpers/type-check.ts";
import { workFolder } from "../../test/helpers/work-folder.ts";
import { loadPipelineModule } from "../cli/load-pipeline.ts";
import { parsePipeline } from "../parse/parse-pipeline.ts";
import { renderJson } from "../render/render.ts";
import { yamlSafeJson } from "../render/yaml.ts";
import { importPipeline } from "./to-typescript.ts";

const repo = resolve(import.meta.dirname, "../..");
const work = workFolder("import-unit");

const yaml = (text: string) => text.replace(/^\n/, "").replace(/^ {6}/gm, "");

/** The generated module's code; fails the test when the import fails. */
function code(text: string, options: Parameters<typeof importPipeline>[1] = {}): string {
  const result = importPipeline(yaml(text), options);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.modules[0]?.code ?? "";
}

let count = 0;
/** Loads generated code the way `hangar render` does and returns the data it renders to. */
async function rendered(source: string): Promise<unknown> {
  const file = join(work(), `m${count++}.ts`);
  writeFileSync(file, source);
  const definition = await loadPipelineModule(file, repo, { cacheDir: false });
  return parsePipeline(renderJson(definition.pipeline)).pipeline;
}

const dataOf = (text: string) => parsePipeline(yaml(text)).pipeline;

/** What `tsc` says of generated code under the repo's strict settings: "" when it type-checks. */
function tscSays(source: string): string {
  // a folder of its own: its tsconfig.json is not one `rendered` would compile the other modules under
  const dir = join(work(), "tsc");
  mkdirSync(dir, { recursive: true });
  const file = `t${count++}.ts`;
  writeFileSync(join(dir, file), source);
  const { output, status } = typeCheck(dir, [file]);
  return status === 0 ? output : output || `tsc exited with ${status}`;
}

/** That generated code `out` type-checks under the repo's strict settings and renders to the data of the YAML `input`. */
async function expectFaithful(out: string, input: string): Promise<void> {
  expect(tscSays(out)).toBe("");
  expect(await rendered(out)).toEqual(dataOf(input));
}

/** What `biome format` makes of generated code: the code itself when it is formatted. */
function biomeFormatted(source: string): string {
  const biome = spawnSync(join(repo, "node_modules/.bin/biome"), ["format", "--stdin-file-path=m.ts"], {
    input: source,
    encoding: "utf8",
    cwd: repo,
  });
  return biome.status === 0 ? biome.stdout : biome.stderr;
}

describe("named consts and step helpers", () => {
  const input = `
      resources:
      - name: app-src
        type: git
        source: {uri: "https://example.com/app.git", branch: develop}
      - name: unused-bucket
        type: s3
        source: {bucket: b}
      jobs:
      - name: build
        plan:
        - get: code
          resource: app-src
          trigger: true
        - put: app-src
          params: {repository: code}
          get_params: {depth: 1}
      `;

  test("resources are consts, jobs refer to them through get() and put(), unused ones are kept", async () => {
    const out = code(input);
    expect(out).toContain("const appSrc: Resource = {");
    expect(out).toContain('get(appSrc, { as: "code", trigger: true })');
    expect(out).toContain('put(appSrc, { params: { repository: "code" }, getParams: { depth: 1 } })');
    expect(out).toContain("resources: [appSrc, unusedBucket],");
    expect(await rendered(out)).toEqual(dataOf(input));
  });

  test("identifiers: camelCase, never a helper's name, collisions numbered", () => {
    const out = code(`
      resources:
      - {name: get, type: git, source: {}}
      - {name: my-repo, type: git, source: {}}
      - {name: my_repo, type: git, source: {}}
      - {name: 1password, type: git, source: {}}
      - {name: café-crème, type: git, source: {}}
      jobs:
      - {name: j, plan: [{get: get}, {get: my-repo}, {get: my_repo}, {get: 1password}, {get: café-crème}]}
      `);
    expect(out).toContain("const getResource: Resource");
    expect(out).toContain("const myRepo: Resource");
    expect(out).toContain("const myRepoResource: Resource");
    expect(out).toContain("const resource1password: Resource");
    // an accented letter is its letter, not the end of a word (`cAfeCreMe`)
    expect(out).toContain("const cafeCreme: Resource");
  });

  test("identifiers of names in other scripts keep their letters and marks, and type-check", async () => {
    const input = `
      resources:
      - {name: 日本-repo, type: git, source: {}}
      - {name: हिंदी, type: git, source: {}}
      - {name: данные, type: git, source: {}}
      - {name: ٣-logs, type: git, source: {}}
      jobs:
      - {name: j, plan: [{get: 日本-repo}, {get: हिंदी}, {get: данные}, {get: ٣-logs}]}
      `;
    const out = code(input);
    expect(out).toContain("const 日本Repo: Resource");
    expect(out).toContain("const हिंदी: Resource");
    expect(out).toContain("const данные: Resource");
    // a digit of another script, which JavaScript does not take at the start of an identifier: the kind's name first
    expect(out).toContain("const resource٣Logs: Resource");
    await expectFaithful(out, input);
  });
});

describe("anchors and merge keys", () => {
  const input = `
      resources:
      - name: src
        type: git
        source: &git
          uri: https://example.com/x.git
          private_key: ((key))
      - name: ci
        type: git
        source:
          <<: *git
          branch: ci
          uri: https://example.com/ci.git
      jobs:
      - name: a
        plan:
        - &get-src {get: src, trigger: true}
        - task: t
          config: &config
            platform: linux
            run: {path: make}
      - name: b
        plan:
        - *get-src
        - {task: t, config: *config}
      `;

  test("an aliased anchor is one const; a merge key is a spread in which written keys win", async () => {
    const out = code(input);
    expect(out).toContain('const git = { uri: "https://example.com/x.git", private_key: "((key))" };');
    expect(out).toContain("source: git,");
    expect(out).toContain('source: { ...git, branch: "ci", uri: "https://example.com/ci.git" },');
    expect(out).toContain("const getSrc: GetStep = get(src, { trigger: true });");
    // `config` is the name of the const of a plain-data export, so the anchor's const takes another
    expect(out).toContain('const configShared: TaskConfig = { platform: "linux", run: { path: "make" } };');
    expect(out.match(/getSrc/g)).toHaveLength(3);
    expect(out.match(/configShared/g)).toHaveLength(3);
    expect(await rendered(out)).toEqual(dataOf(input));
  });

  test("a key written before the merge key takes the source's value, as go-yaml v2 merges (in the order written): it is left out, with a note; one written after it wins", async () => {
    const input = `
      defaults: &defaults {branch: main, depth: 1}
      more: &more {depth: 5, tag_filter: v*}
      resources:
      - name: src
        type: git
        source:
          # replaced by the merge
          branch: dev
          uri: https://example.com/x.git
          <<: [*more, *defaults]
          tag_filter: v1*
      jobs:
      - name: j
        plan:
        - get: src
          # replaced too
          trigger: false
          <<: {trigger: true}
      `;
    expect(dataOf(input)?.resources?.[0]?.source).toEqual({
      uri: "https://example.com/x.git",
      branch: "main",
      depth: 5,
      tag_filter: "v1*",
    });
    expect(dataOf(input)?.jobs?.[0]?.plan[0]).toEqual({ get: "src", trigger: true });
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
    const out = result.modules[0]?.code ?? "";
    expect(out).toContain('source: { ...defaults, ...more, uri: "https://example.com/x.git", tag_filter: "v1*" },');
    expect(out).toContain("plan: [get(src, { trigger: true })],");
    expect(out).not.toContain("dev");
    expect(result.notes).toEqual(
      expect.arrayContaining([
        "resources[0].source.branch left out: written before the merge key, whose source gives it its value (go-yaml merges in the order written)",
        "jobs[0].plan[0].trigger left out: written before the merge key, whose source gives it its value (go-yaml merges in the order written)",
      ]),
    );
    expect(result.stats.commentsLost).toBe(2);
    expect(tscSays(out)).toBe("");
    const { defaults: _, more: __, ...pipeline } = dataOf(input) as unknown as Record<string, unknown>;
    expect(await rendered(out)).toEqual(pipeline);
  });

  test("a null that overrides a merged key stays absent: the object is written out rather than spread", async () => {
    const input = `
      base: &base
        on_failure: {put: alert}
        serial: true
      resources: [{name: alert, type: mock}]
      jobs:
      - name: quiet
        <<: *base
        on_failure: null
        plan: []
      - name: loud
        <<: *base
        plan: []
      `;
    const out = code(input);
    expect(out).toMatch(/\/\/ on_failure: null in the source/);
    expect(out).toContain("...base");
    const data = (await rendered(out)) as { jobs: Record<string, unknown>[] };
    expect(data.jobs).toEqual([
      { name: "quiet", serial: true, plan: [] },
      { name: "loud", on_failure: { put: "alert" }, serial: true, plan: [] },
    ]);
  });

  test("a redefined anchor: each alias refers to the nearest anchor before it", async () => {
    const input2 = `
      resources:
      - {name: r, type: git, source: {}}
      jobs:
      - name: a
        plan: [&s {get: r, trigger: true}, *s]
      - name: b
        plan: [&s {get: r, trigger: false}, *s]
      `;
    const out = code(input2);
    expect(out).toContain("const s: GetStep = get(r, { trigger: true });");
    expect(out).toContain("const sShared: GetStep = get(r, { trigger: false });");
    expect(out).toContain("plan: [s, s],");
    expect(out).toContain("plan: [sShared, sShared],");
    expect(await rendered(out)).toEqual(dataOf(input2));
  });

  test("an anchor aliased thousands of times: one const each alias names, read in one pass over the document", () => {
    // each alias was resolved by the YAML library's Alias.resolve, a walk of the whole document per alias, so that
    // 6,000 aliases in a plan took about 35 s (now about 1 s): the targets are found in one pass, the library's
    // walk never asked
    const resolve = vi.spyOn(Alias.prototype, "resolve");
    const resources = Array.from({ length: 100 }, (_, i) => `- {name: r${i}, type: git, source: *s}`).join("\n");
    const plan = Array(6000).fill("*g").join(", ");
    const input = `x_shared:\n  s: &s {uri: "https://example.com/x.git"}\n  g: &g {get: r0}\nresources:\n${resources}\njobs:\n- name: j\n  plan: [${plan}]\n`;
    const result = importPipeline(input);
    expect(resolve).not.toHaveBeenCalled();
    resolve.mockRestore();
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out.match(/source: s,/g)).toHaveLength(100);
    expect(out).toContain("const g: GetStep = get(r0);");
    expect(out.match(/\bg\b/g)).toHaveLength(6001);
    // the module is as long as the input, give or take: each alias is one name
    expect(out.length).toBeLessThan(3 * input.length);
  });

  test("a resource or resource type anchored as a whole and merged into another of its kind is spread from its own const", async () => {
    const input = `
      resource_types:
      - &rt {name: slack, type: registry-image, source: {repository: example/slack-resource}}
      - <<: *rt
        name: slack-2
      resources:
      - &git
        name: src
        type: git
        source: {uri: "https://example.com/x.git", branch: main}
      - <<: *git
        name: docs
        icon: book
      - {name: note, type: slack-2, source: {url: "https://example.com/hook"}}
      jobs:
      - name: a
        plan: [{get: src}, {get: docs}, {put: note}]
      `;
    const out = code(input);
    expect(out).toMatch(/const slack2Type: ResourceType = \{\n\s+\.\.\.slackType,\n\s+name: "slack-2",\n\};/);
    expect(out).toMatch(/const docs: Resource = \{\n\s+\.\.\.src,\n\s+name: "docs",\n\s+icon: "book",\n\};/);
    for (const once of [/example\/slack-resource/g, /x\.git/g]) expect(out.match(once)).toHaveLength(1);
    await expectFaithful(out, input);
  });

  test("a job anchored as a whole and merged into other jobs is a const (a Job) they spread and the jobs list holds", async () => {
    const input = `
      resources:
      - {name: src, type: git, source: {uri: "https://example.com/x.git"}}
      jobs:
      # the template job
      - &job
        name: a
        serial: true
        plan:
        - get: src
          version: every
      - <<: *job
        name: b
      - <<: *job
        name: c
        serial: false
        plan: []
      `;
    const out = code(input);
    expect(out).toContain(
      'const job: Job = {\n  name: "a",\n  serial: true,\n  plan: [get(src, { version: "every" })],\n};',
    );
    expect(out).toMatch(/jobs: \[\n\s+\/\/ the template job\n\s+job,\n\s+\{\n\s+\.\.\.job,\n\s+name: "b",\n\s+\},/);
    expect(out).toMatch(/\.\.\.job,\n\s+name: "c",\n\s+serial: false,\n\s+plan: \[\],/);
    expect(out.match(/version: "every"/g)).toHaveLength(1);
    await expectFaithful(out, input);
  });

  test("a string of a literal-typed field (version, inputs, format, an across var's max_in_flight) is `as const` where no type reaches it: in a step that spreads another, in a const declared without a type", async () => {
    const input = `
      resources: [{name: src, type: git, source: {uri: "https://example.com/x.git"}}]
      jobs:
      - name: a
        plan:
        - &t {get: src, trigger: true}
        - {<<: *t, version: every}
        - &p {put: src, params: {repository: src}}
        - {<<: *p, inputs: detect}
        - &lv {load_var: v, file: src/v.json}
        - {<<: *lv, format: json}
        - {get: src, <<: &every {version: every}}
        - {put: src, get_params: *every, <<: &all {inputs: all}}
        - {put: src, params: *all}
        - task: t
          across: &across [{var: x, values: [1, 2], max_in_flight: all}]
          config: &cfg {platform: linux, run: {path: echo}}
        - {task: u, across: *across, config: {<<: *cfg, platform: darwin}}
        - {get: src, <<: &latest {version: latest}}
        - {get: src, <<: *latest, trigger: true}
        - {get: src, version: latest}
      `;
    const out = code(input);
    expect(out).toContain('{ ...t, version: "every" as const },');
    expect(out).toContain('{ ...p, inputs: "detect" as const },');
    expect(out).toContain('{ ...lv, format: "json" as const },');
    // used as a step's part and as its params: the const has no one type
    expect(out).toContain('const every = { version: "every" as const };');
    expect(out).toContain('const all = { inputs: "all" as const };');
    expect(out).toContain('const across = [{ var: "x", values: [1, 2], max_in_flight: "all" as const }];');
    // where a type reaches the string, or the field takes any string, it is written as it is
    expect(out).toContain('const latest: Pick<GetStep, "version"> = { version: "latest" };');
    expect(out).toContain('get(src, { version: "latest" })');
    expect(out).toContain('const cfg = { platform: "linux", run: { path: "echo" } };');
    expect(out.match(/ as const/g)).toHaveLength(6);
    await expectFaithful(out, input);
  });

  test("an anchored in_parallel in its long form is a const typed as that form (InParallelConfig), not as a list of steps", async () => {
    const input = `
      resources: [{name: src, type: git, source: {uri: "https://example.com/x.git"}}]
      jobs:
      - name: a
        plan:
        - in_parallel: &both {steps: [{get: src}], limit: 1}
        - in_parallel: *both
        - in_parallel: {<<: &quick {limit: 2, fail_fast: true}, steps: [{get: src}]}
        - in_parallel: {<<: *quick, steps: []}
      `;
    const out = code(input);
    expect(out).toContain("const both: InParallelConfig = { steps: [get(src)], limit: 1 };");
    expect(out).toContain(
      'const quick: Pick<InParallelConfig, "limit" | "fail_fast"> = { limit: 2, fail_fast: true };',
    );
    expect(out).toContain("plan: [\n        { in_parallel: both },\n        { in_parallel: both },");
    await expectFaithful(out, input);
  });

  test("an anchored scalar (a number, a boolean, an empty string) aliased in several steps is one const, as a string is", async () => {
    const input = `
      retries: &retries 3
      resources:
      - {name: src, type: git, source: {uri: "https://example.com/x.git"}}
      jobs:
      - name: a
        plan:
        - get: src
          trigger: &auto true
          attempts: *retries
        - put: src
          attempts: *retries
          params: {repository: src, note: &quiet ""}
      - name: b
        plan:
        - get: src
          trigger: *auto
          params: {depth: *retries, note: *quiet}
      `;
    const out = code(input);
    expect(out).toContain("const retries = 3;");
    expect(out).toContain("const auto = true;");
    expect(out).toContain('const quiet = "";');
    expect(out).toContain("{ get: src, trigger: auto, attempts: retries },");
    expect(out).toContain('{ put: src, attempts: retries, params: { repository: "src", note: quiet } },');
    expect(out).toContain("{ get: src, trigger: auto, params: { depth: retries, note: quiet } }");
    expect(tscSays(out)).toBe("");
    const { retries: _, ...data } = dataOf(input) as unknown as Record<string, unknown>;
    expect(await rendered(out)).toEqual(data);
  });

  test("an anchor holding a reference (a step's resource, a scalar at a resource's name) used as data is one const of names, not of the resource", async () => {
    // render names a reference only in a field that takes one: in params, a task's file, a load_var's name, or a field
    // of another kind of step spread into a step, a const holding the resource rendered the whole resource
    const input = `
      resources: [{name: src, type: git, source: {uri: "https://example.com/x.git"}}]
      jobs:
      - name: a
        plan:
        - &fetch {get: src, trigger: true}
        - {put: src, params: *fetch}
        - {put: src, <<: *fetch}
        - get: &repo src
        - {task: t, file: *repo}
        - {load_var: *repo, file: src/v.yml}
        - {put: src, params: {repository: *repo}}
      `;
    const out = code(input);
    expect(out).toContain('const fetch = { get: "src", trigger: true };');
    expect(out).toContain('const repo = "src";');
    expect(out).toContain("{ put: src, params: fetch },");
    expect(out).toContain('{ ...fetch, put: "src" } as unknown as Step,');
    expect(out).toContain('task("t", { file: repo }),');
    await expectFaithful(out, input);
  });

  test("a resource a factory would make is a literal when the call would drop what the YAML writes in it (an anchor, an alias, a merge key, a comment): its data is written once; an anchor on its name keeps the call", async () => {
    const input = `
      resources:
      - name: &img img
        type: registry-image
        source: {repository: busybox}
      - name: pinned
        type: registry-image
        source: &pin {repository: busybox, tag: "1.36"}
      - name: mirror
        <<: &base {type: registry-image, source: {repository: example.com/busybox}}
      - name: mirror-2
        <<: *base
        icon: docker
      - name: noted
        type: registry-image
        source:
          # the upstream image
          repository: alpine
      jobs:
      - name: a
        plan:
        - get: *img
        - get: pinned
        - get: mirror
        - get: noted
        - task: t
          config:
            platform: linux
            image_resource: {type: registry-image, source: *pin}
            run: {path: echo}
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(result.stats.factoryCalls).toEqual({ registryImage: 1 });
    expect(out).toContain('const img = registryImage({ name: "img", imageRepository: "busybox", imageTag: null });');
    expect(out).toContain("source: pin,");
    expect(out).toContain('image_resource: { type: "registry-image", source: pin },');
    expect(out).toMatch(/const mirror: Resource = \{\n\s+\.\.\.base,\n\s+name: "mirror",\n\};/);
    expect(out).toContain("// the upstream image");
    for (const once of [/"1\.36"/g, /"example\.com\/busybox"/g]) expect(out.match(once)).toHaveLength(1);
    expect(result.stats.commentsLost).toBe(0);
    await expectFaithful(out, input);
  });
});

describe("anchored names", () => {
  test("a name anchored at its object or at a reference and aliased where a reference is: the object's const, through the step helpers", async () => {
    // the aliases were a const of their own (const n = img, or of the name where one was data), and a step holding one
    // an object literal ({ get: n, trigger: true }), a resource type's name a const its resources named it by
    const input = `
      resource_types:
      - name: &rt my-type
        type: registry-image
        source: {repository: example/my-type}
      resources:
      - name: &n img
        type: registry-image
        source: {repository: example/img}
      - {name: other, type: *rt, source: {}}
      jobs:
      - name: j
        plan:
        - get: *n
          trigger: true
        - {get: x, resource: *n}
        - put: *n
        - get: &o other
      - name: k
        plan:
        - {get: *o, passed: [j]}
        - {put: *o, params: {image: *n}}
      `;
    const out = code(input);
    expect(out).toContain('name: "my-type",');
    expect(out).toContain("type: myTypeType,");
    expect(out).toContain('plan: [get(img, { trigger: true }), get(img, { as: "x" }), put(img), get(other)],');
    expect(out).toContain('plan: [get(other, { passed: ["j"] }), put(other, { params: { image: n } })],');
    expect(out).toContain('const n = "img";');
    expect(out).not.toMatch(/const (rt|o) /);
    await expectFaithful(out, input);
  });
});

describe("comments", () => {
  test("comments after a bare - (a null entry) stay where they are written: its own, or before the next entry", async () => {
    // the parser gives the null every comment line up to the next entry: all were written before the null
    const input = `
      resources: [{name: a, type: git, source: {}}]
      jobs:
      - name: j
        serial_groups:
        - x
        - # on the dash
            # below it, deeper

        # before z
        - z
        -
        # before plan, as indented as the list
        plan:
        - get: a
          tags:
          -
          # before t
          - t
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toMatch(/\/\/ on the dash\n\s+\/\/ below it, deeper\n\s+null as never,\n\s+\/\/ before z\n\s+"z",/);
    expect(out).toMatch(/"z",\n\s+null as never,\n\s+\],\n\s+\/\/ before plan, as indented as the list\n\s+plan: \[/);
    expect(out).toMatch(/tags: \[\n\s+null as never,\n\s+\/\/ before t\n\s+"t",/);
    expect(result.stats.commentsLost).toBe(0);
    await expectFaithful(out, input);
    // the same in a plan (its code only: render leaves a null step out of a plan)
    const plan = code(`
      resources: [{name: a, type: git, source: {}}]
      jobs:
      - name: k
        plan:
        -
        # before the put
        - put: a
      `);
    expect(plan).toMatch(/plan: \[\n\s+null,\n\s+\/\/ before the put\n\s+\{ put: "a" \},/);
  });

  test("comments after a null mapping value (`key:` then comment lines) stay where they are written: its own, before the next key, or at the end of the mapping", async () => {
    // the parser gives the null the comment lines up to the first blank one: all were written before its key
    const input = `
      resources:
      - name: a
        type: git
        icon: # on the key's line
          # below it, deeper
        # before source
        source:
          uri: https://example.com/a.git
          tag:
          # after tag, ending source
      jobs:
      - name: j
        plan: []
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toMatch(
      /\/\/ on the key's line\n\s+\/\/ below it, deeper\n\s+\/\/ icon: null in the source[^\n]*\n\s+\/\/ before source\n\s+source: \{/,
    );
    expect(out).toMatch(/tag: null,\n\s+\/\/ after tag, ending source\n\s+\},/);
    expect(result.stats.commentsLost).toBe(0);
    expect(tscSays(out)).toBe("");
    expect(await rendered(out)).toEqual(parsePipeline(renderJson(dataOf(input) as never)).pipeline);
  });

  test("comment lines after a block collection less indented than its entries are its parent's: at the end of the document, the pipeline's", async () => {
    // the parser gives the innermost collection every comment line after its last entry
    const input = `
      resources:
        - name: a
          type: git
          source:
            uri: https://example.com/a.git
            # end of source
          # end of a
        # end of resources
      jobs:
      - name: j
        plan:
          - get: a
            # end of the get
          # end of the plan
        # end of j
      # before groups, as indented as the jobs list
      groups:
        - name: g
          jobs: [j]
      # end of the document
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toMatch(/uri: "https:\/\/example.com\/a.git",\n\s+\/\/ end of source\n\s+\},\n\s+\/\/ end of a\n\};/);
    expect(out).toMatch(/resources: \[\n\s+a,\n\s+\/\/ end of resources\n\s+\],\n\s+jobs: \[/);
    expect(out).toMatch(
      /get: a,\n\s+\/\/ end of the get\n\s+\},\n\s+\/\/ end of the plan\n\s+\],\n\s+\/\/ end of j\n\s+\},/,
    );
    expect(out).toMatch(
      /\/\/ end of j\n\s+\},\n\s+\],\n\s+\/\/ before groups, as indented as the jobs list\n\s+groups:/,
    );
    expect(out).toMatch(/\],\n\s+\/\/ end of the document\n\}\);\n$/);
    expect(result.stats.commentsLost).toBe(0);
    await expectFaithful(out, input);
  });

  test("a comment as indented as a list that is as indented as its key (`plan:` then `- get: x`) is before the next entry, or the key after the list, or at the end of the mapping: not at the end of the list", async () => {
    const input = `
      resources:
      - {name: src, type: git, source: {}}
      jobs:
      - name: j
        plan:
        - get: src
          passed:
          - k
          # before trigger, as indented as passed
          trigger: true
        # before the put, as indented as the plan
        - put: src
          params:
            k: v
        # before serial, as indented as the plan
        serial: true
        serial_groups:
        - a
        # at the end of j, as indented as serial_groups
      - name: k
        plan:
        - get: src
      # at the end of the pipeline, as indented as the jobs
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toMatch(/passed: \["k"\],\n\s+\/\/ before trigger, as indented as passed\n\s+trigger: true,/);
    expect(out).toMatch(/\n\s+\/\/ before the put, as indented as the plan\n\s+put\(src, /);
    expect(out).toMatch(/\}\),\n\s+\],\n\s+\/\/ before serial, as indented as the plan\n\s+serial: true,/);
    expect(out).toMatch(/serial_groups: \["a"\],\n\s+\/\/ at the end of j, as indented as serial_groups\n\s+\},/);
    expect(out).toMatch(/\],\n {2}\/\/ at the end of the pipeline, as indented as the jobs\n\}\);\n$/);
    expect(result.stats.commentsLost).toBe(0);
    await expectFaithful(out, input);
  });

  test("a comment before an anchored node is written once, where the node is (not also before its const)", async () => {
    const input = `
      resources:
      - {name: src, type: git, source: {uri: "https://example.com/x.git"}}
      jobs:
      - name: a
        plan:
        # fetch the code
        - &fetch {get: src, trigger: true}
        - task: t
          # the shared config
          config: &config {platform: linux, run: {path: make}}
      - name: b
        plan: [*fetch, {task: t, config: *config}]
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toMatch(/plan: \[\n\s+\/\/ fetch the code\n\s+fetch,/);
    expect(out).toMatch(/\/\/ the shared config\n\s+config: configShared,/);
    expect(out.match(/fetch the code/g)).toHaveLength(1);
    expect(out.match(/the shared config/g)).toHaveLength(1);
    expect(result.stats).toMatchObject({ comments: 2, commentsInSource: 2, commentsLost: 0 });
    expect(await rendered(out)).toEqual(dataOf(input));
  });

  test("YAML comments become // comments before what they were written next to", () => {
    const out = code(`
      # the pipeline of the app
      resources:
      - {name: tools, type: git, source: {}}
      # where the code lives
      - name: src
        type: git # the core type
        source: {}
      jobs:
      - name: build
        plan:
        - get: tools
        # fetch first
        - get: src
        - task: t
          file: src/ci/t.yml
          # no more steps
      `);
    expect(out).toContain("// the pipeline of the app");
    expect(out).toMatch(/\/\/ where the code lives\nconst src: Resource = \{/);
    expect(out).toMatch(/\/\/ the core type\n\s+type: "git",/);
    expect(out).toMatch(/\/\/ fetch first\n\s+get\(src\),/);
    expect(out).toContain("// no more steps");
  });

  test("a comment before the first item of a block list (or key of a block mapping) stays before it, also in a list of one; one on the key's line stays with the key", async () => {
    const input = `
      resources:
      - {name: src, type: git, source: {uri: "https://example.com/x.git"}}
      jobs:
      - name: one
        plan:
          # before task
          - task: t
            file: src/t.yml
      - name: two
        plan: # the steps
        # before get
        - get: src
          passed:
          # after one
          - one
        - task: t
          config:
            # the platform
            platform: linux
            run:
              path: sh
              args:
              # the flag
              - -c
              - echo hi
      `;
    const out = code(input);
    expect(out).toMatch(/ {6}plan: \[\n {8}\/\/ before task\n {8}task\("t", \{ file: "src\/t.yml" \}\),\n {6}\],/);
    expect(out).toMatch(/\/\/ the steps\n {6}plan: \[\n {8}\/\/ before get\n {8}get\(src, \{/);
    expect(out).toMatch(/passed: \[\n\s+\/\/ after one\n\s+"one",\n/);
    expect(out).toMatch(/args: \[\n\s+\/\/ the flag\n\s+"-c",\n/);
    expect(out).toMatch(/config: \{\n\s+\/\/ the platform\n\s+platform: "linux",\n/);
    await expectFaithful(out, input);
  });

  test("a comment in a mapping merged where it is written (`<<: &defaults` then the mapping, no alias to it) stays before the key it gives the data; one of a key the mapping overrides is said not carried over", async () => {
    const input = `
      resources:
      - {name: src, type: git, source: {uri: "https://example.com/x.git"}}
      jobs:
      - name: a
        <<: &defaults
          # one build at a time
          serial: true
          # keep few
          max_in_flight: 1
          public: true # visible
        public: false
        plan:
        - get: src
      - name: b
        plan: []
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toMatch(
      /name: "a",\n\s+\/\/ one build at a time\n\s+serial: true,\n\s+\/\/ keep few\n\s+max_in_flight: 1,/,
    );
    expect(out.match(/one build at a time/g)).toHaveLength(1);
    expect(result.notes).toContain('1 comment lines not carried over, at jobs[0]["<<"].public');
    expect(result.stats.commentsLost).toBe(1);
    expect(await rendered(out)).toEqual(dataOf(input));
  });

  test("a mapping anchored where a merge key merges it (`<<: &d` then the mapping, `<<: &d {...}`, in a list) is a const an alias reuses, as other anchors are, with its comments", async () => {
    const input = `
      resources:
      - {name: src, type: git, source: {uri: "https://example.com/x.git"}}
      - {name: other, type: git, source: {uri: "https://example.com/y.git"}}
      jobs:
      - name: a
        <<: &defaults
          # one build at a time
          serial: true
          max_in_flight: 1
          public: true # visible
        public: false
        plan:
        - <<: &fetch {get: src, trigger: true}
          attempts: 2
        - <<: [&tagged {tags: [big]}, *fetch]
          get: other
      - name: b
        <<: *defaults
        plan:
        - <<: *fetch
        - {task: t, file: t.yml, <<: *tagged}
      - name: c
        max_in_flight: 3
        <<: *defaults
        plan: []
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toMatch(
      /const defaults: Pick<Job, "serial" \| "max_in_flight" \| "public"> = \{\n\s+\/\/ one build at a time\n\s+serial: true,\n\s+max_in_flight: 1,\n\s+\/\/ visible\n\s+public: true,\n\};/,
    );
    expect(out).toContain("const fetch: GetStep = get(src, { trigger: true });");
    expect(out).toContain('const tagged = { tags: ["big"] };');
    expect(out).toMatch(/\.\.\.defaults,\n\s+name: "a",\n\s+public: false,/);
    expect(out).toContain("{ ...fetch, attempts: 2 }");
    expect(out).toContain("{ ...fetch, ...tagged, get: other }");
    expect(out).toContain('plan: [fetch, { ...tagged, task: "t", file: "t.yml" }]');
    expect(out.match(/serial: true/g)).toHaveLength(1);
    expect(result.stats.commentsLost).toBe(0);
    await expectFaithful(out, input);
  });

  test("a key of such a mapping every merge overrides has no data: the const leaves it out, and the data is the same", async () => {
    const input = `
      jobs:
      - name: a
        <<: &defaults {serial: true, public: true}
        public: false
        plan: []
      - name: b
        <<: *defaults
        public: false
        plan: []
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toMatch(/const defaults: Pick<Job, "serial"> = \{\n\s+serial: true,\n\};/);
    expect(result.notes).toContain(
      'left out of defaults: jobs[0]["<<"].public, which every merge of &defaults overrides (no data has it)',
    );
    await expectFaithful(out, input);
  });

  test("a mapping merged in place that has a merge key of its own (`<<: { <<: *d, x: 1 }`, `<<: &m { <<: *d, ... }`) spreads what it merges: its keys are the merging mapping's, an alias in it a const, an anchor on it a const that spreads", async () => {
    const input = `
      resources:
      - {name: src, type: git, source: {uri: "https://example.com/x.git"}}
      jobs:
      - name: a
        <<: &defaults {serial: true, public: true}
        plan:
        - &fetch {get: src, trigger: true}
      - name: b
        <<: { <<: *defaults, max_in_flight: 2 }
        plan:
        - <<: { <<: *fetch, attempts: 2 }
      - name: c
        <<: &team
          # shown to the team only
          <<: *defaults
          public: false
        plan: []
      - name: d
        <<: [{ <<: [*team, {max_in_flight: 3}], serial: false }, *defaults, {max_in_flight: 9, disable_manual_trigger: true}]
        plan: []
      - name: e
        <<: *team
        plan: [{<<: &pinned {get: src, <<: {version: every}}, passed: [a]}, *pinned]
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toMatch(
      /\.\.\.defaults,\n\s+name: "b",\n\s+max_in_flight: 2,\n\s+plan: \[\{ \.\.\.fetch, attempts: 2 \}\],/,
    );
    expect(out).toMatch(
      /\/\/ shown to the team only\nconst team: Pick<Job, "serial" \| "public"> = \{\n\s+\.\.\.defaults,\n\s+public: false,\n\};/,
    );
    expect(out).toMatch(/\.\.\.team,\n\s+name: "c",\n\s+plan: \[\],/);
    expect(out).toMatch(
      /\.\.\.defaults,\n\s+\.\.\.team,\n\s+name: "d",\n\s+serial: false,\n\s+max_in_flight: 3,\n\s+disable_manual_trigger: true,/,
    );
    expect(out).toContain('const pinned: GetStep = get(src, { version: "every" });');
    expect(out).toContain('plan: [{ ...pinned, passed: ["a"] }, pinned],');
    expect(out.match(/serial: true/g)).toHaveLength(1);
    expect(result.stats.commentsLost).toBe(0);
    await expectFaithful(out, input);
  });

  test("a mapping merged in place inside another (`<<: &a { <<: &b {...}, x: 1 }`, `<<: { <<: &e {...} }`) that an alias refers to is a const the other spreads and the alias uses, as is an anchor on a value inside one; the module shares what the YAML shares", async () => {
    const input = `
      resources:
      - {name: src, type: git, source: {uri: "https://example.com/x.git"}}
      jobs:
      - name: a
        <<: &a
          # the outer defaults
          <<: &b {serial: true, public: true}
          max_in_flight: 1
          on_failure: &notify {put: src, params: {repository: src}}
        plan: [{get: src}, *notify]
      - name: b
        <<: *b
        plan: []
      - name: c
        <<: *a
        public: false
        plan: []
      - name: d
        <<: { <<: &e {serial: false, max_in_flight: 5}, public: false }
        plan: []
      - name: f
        <<: [*e, *b]
        plan: []
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toContain('const b: Pick<Job, "serial" | "public"> = {\n  serial: true,\n  public: true,\n};');
    expect(out).toContain(
      '// the outer defaults\nconst a: Pick<Job, "serial" | "public" | "max_in_flight" | "on_failure"> = {\n  ...b,\n  max_in_flight: 1,\n  on_failure: notify,\n};',
    );
    expect(out).toContain('const e: Pick<Job, "serial" | "max_in_flight"> = {');
    expect(out).toContain("plan: [get(src), notify],");
    expect(out).toMatch(/\.\.\.b,\n\s+name: "b",\n\s+plan: \[\],/);
    expect(out).toMatch(/\.\.\.a,\n\s+name: "c",\n\s+public: false,/);
    expect(out).toMatch(/\.\.\.e,\n\s+name: "d",\n\s+public: false,/);
    expect(out).toMatch(/\.\.\.b,\n\s+\.\.\.e,\n\s+name: "f",\n\s+plan: \[\],/);
    // each piece of data the YAML writes once is written once
    for (const once of [/serial: true/g, /max_in_flight: 5/g, /repository: "src"/g])
      expect(out.match(once)).toHaveLength(1);
    expect(result.stats.commentsLost).toBe(0);
    await expectFaithful(out, input);
  });

  test("no text of the input becomes code: a comment or a key with a JavaScript line break stays in comments", async () => {
    const payload = "...(globalThis.injected = 1, {}),";
    // JavaScript breaks lines at U+2028 and U+2029; go-yaml too, but in a quoted scalar (a comment ends there)
    const input = [
      `"meta\\n${payload}//": 1`,
      `# note \u2028# ${payload}`,
      "resources:",
      "- name: r",
      "  type: git",
      `  "x\\u2029${payload}": null`,
      "  source: {uri: u}",
      "jobs: [{name: j, plan: [{get: r}]}]",
      "",
    ].join("\n");
    const result = importPipeline(input);
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    const lines = out.split(/\r\n|[\n\r\u2028\u2029]/);
    const withPayload = lines.filter((l) => l.includes("injected"));
    expect(withPayload).toHaveLength(3);
    for (const l of withPayload) expect(l.trimStart()).toMatch(/^\/\//);
    expect(out).toContain(`// Left out: top-level ${JSON.stringify(`meta\n${payload}//`)}`);
    expect(result.notes.join("\n")).not.toMatch(/\n\.\.\./);
    const data = await rendered(out);
    expect((globalThis as { injected?: unknown }).injected).toBeUndefined();
    expect(data).toEqual({
      resources: [{ name: "r", type: "git", source: { uri: "u" } }],
      jobs: [{ name: "j", plan: [{ get: "r" }] }],
    });
  });
  test("a bidi control, a C1 control or a BOM in a string or a text of several lines is an escape: the module holds none of them raw and renders the input's data", async () => {
    // (the C1 control written as an escape in the JSON text, as go-yaml refuses it raw)
    const input = yamlSafeJson({
      resources: [
        {
          name: "r",
          type: "git",
          source: { uri: "a\n\u202eb\n", bidi: "rtl\u202eevil", c1: "csi\u009b2J", bom: "\ufeffx\nx\u2066y\u061c" },
        },
      ],
      jobs: [{ name: "j", plan: [{ get: "r" }] }],
    });
    const result = importPipeline(input);
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).not.toMatch(/[\p{Cs}\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u);
    expect(out).toContain("`a\n\\u202eb\n`");
    expect(await rendered(out)).toEqual(JSON.parse(input));
  });

  test("a JSON text's escape of a lone surrogate, which UTF-8 cannot hold, is go-yaml's error, as fly reads it", () => {
    const result = importPipeline('{"jobs": [{"name": "j", "plan": [], "serial_groups": ["a\\n\\ud800b"]}]}');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.diagnostics.map((d) => d.message)).toEqual([
      "found invalid Unicode character escape code",
    ]);
  });
});

describe("a null where the model types a value", () => {
  test("an item of a list of strings (run.args, tags, serial_groups, var_files) or a value of a map of strings is kept, cast, with a note: the module type-checks and renders the input's data", async () => {
    const input = `
      resources:
      - name: src
        type: git
        source: {uri: "https://example.com/x.git", paths: [a, ~]}
        tags: [~, t]
      jobs:
      - name: j
        serial_groups: [~, x]
        plan:
        - get: src
          tags: [~]
        - task: t
          config:
            platform: linux
            image_resource: {type: registry-image, source: {repository: alpine, tag: ~}}
            run: {path: sh, args: [-c, ~, "echo hi"]}
          input_mapping: {in: ~}
        - set_pipeline: p
          file: src/p.yml
          var_files: [~]
          vars: {v: ~}
      `;
    const out = code(input);
    expect(tscSays(out)).toBe("");
    expect(out).toMatch(/\/\/ null kept as written[^\n]*\n\s+args: \["-c", null as never, "echo hi"\],/);
    expect(out).toMatch(/\/\/ null kept as written[^\n]*\n\s+serial_groups: \[null as never, "x"\],/);
    // in a payload the model types `unknown`, a null is written as it is
    expect(out).toContain('source: { repository: "alpine", tag: null }');
    expect(out).toContain("vars: { v: null }");
    expect(await rendered(out)).toEqual(dataOf(input));
  });

  test("where render leaves the null out (passed, task inputs, a field of run, a group's jobs), the module renders what the input renders to", async () => {
    const input = `
      resources:
      - {name: src, type: git, source: {uri: "https://example.com/x.git"}}
      jobs:
      - name: j
        plan:
        - get: src
          passed: [~]
        - task: t
          config:
            platform: linux
            inputs: [{name: src}, ~]
            run: {path: sh, dir: ~}
        - {task: t2, file: src/t2.yml, timeout: ~}
      groups:
      - {name: g, jobs: [j, ~]}
      `;
    const out = code(input);
    expect(tscSays(out)).toBe("");
    expect(out).toContain("// timeout: null in the source (Concourse reads it as absent)");
    expect(await rendered(out)).toEqual(parsePipeline(renderJson(dataOf(input) as never)).pipeline);
  });

  test("an anchor holding a null, used first in free-form data and then where the model types the value: one const with its nulls cast, the module type-checks and renders the same data", async () => {
    const input = `
      resources:
      - name: src
        type: git
        source: {uri: "https://example.com/x.git", branch: &nothing ~, paths: &some [a, ~], m: &map {k: ~}}
        tags: *some
      jobs:
      - name: j
        serial_groups: [*nothing, x]
        plan:
        - get: src
          passed: [*nothing]
          params: {depth: *nothing}
        - task: t
          file: src/t.yml
          input_mapping: *map
      `;
    const out = code(input);
    expect(out).toContain("const nothing = null as never;");
    expect(out).toContain('const some = ["a", null as never];');
    expect(out).toMatch(/const map = \{\n\s+\/\/ null kept as written[^\n]*\n\s+k: null as never,\n\};/);
    expect(out).toContain('source: { uri: "https://example.com/x.git", branch: nothing, paths: some, m: map },');
    expect(tscSays(out)).toBe("");
    expect(await rendered(out)).toEqual(parsePipeline(renderJson(dataOf(input) as never)).pipeline);
  });

  test("an anchor holding a null, used as a step and as free-form data: written in each place, where a step's const would leave the null out of the data", async () => {
    const input = `
      resources:
      - {name: src, type: git, source: {uri: "https://example.com/x.git"}}
      jobs:
      - name: j
        plan:
        - &fetch {get: src, trigger: ~}
        - put: src
          params: {step: *fetch}
      `;
    const out = code(input);
    expect(out).not.toContain("const fetch");
    expect(out).toContain('params: { step: { get: "src", trigger: null } }');
    expect(tscSays(out)).toBe("");
    const data = (await rendered(out)) as { jobs: { plan: Record<string, unknown>[] }[] };
    expect(data.jobs[0]?.plan[1]?.params).toEqual({ step: { get: "src", trigger: null } });
    expect(await rendered(out)).toEqual(parsePipeline(renderJson(dataOf(input) as never)).pipeline);
  });

  test("a null section or a null item of a section: kept, cast, the module type-checks and renders what the input renders to", async () => {
    const input = `
      display: ~
      resources: [~, {name: src, type: git, source: {}}]
      jobs: [~, {name: j, plan: [{get: src}]}]
      `;
    const out = code(input);
    expect(tscSays(out)).toBe("");
    expect(out).toMatch(/\/\/ null kept as written[^\n]*\n\s+display: null as never,/);
    expect(await rendered(out)).toEqual(parsePipeline(renderJson(dataOf(input) as never)).pipeline);
  });
});

describe("a bare `-` before a less indented entry", () => {
  test("is a null ending its list, as fly reads it: the entries after it are the outer list's, their comments with them", async () => {
    const input = `
      resources:
      - name: src
        type: git
        source:
          paths:
          -
      - name: tools
        # the second resource
        type: git
        source: {}
      jobs:
      - name: j
        plan:
        - get: src
        - get: tools
      `;
    expect(dataOf(input)?.resources?.map((r) => [r.name, r.source])).toEqual([
      ["src", { paths: [null] }],
      ["tools", {}],
    ]);
    const out = code(input);
    expect(out).toMatch(
      /const tools: Resource = \{\n {2}name: "tools",\n {2}\/\/ the second resource\n {2}type: "git",/,
    );
    await expectFaithful(out, input);
  });
});

describe("strings", () => {
  test("a script of several lines is a template literal with backticks, ${ and backslashes escaped", async () => {
    const input = `
      jobs:
      - name: j
        plan:
        - task: t
          config:
            platform: linux
            run:
              path: sh
              args:
              - -c
              - |
                echo "\${HOME}" \`date\` \\\\n
                printf 'done'
      `;
    const out = code(input);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the escaped placeholder is what is checked
    expect(out).toContain("`echo \"\\${HOME}\" \\`date\\` \\\\\\\\n\nprintf 'done'\n`");
    expect(await rendered(out)).toEqual(dataOf(input));
  });

  test("a __proto__ key is computed, so that it stays a key rather than setting the prototype", async () => {
    const input = `
      resources: [{name: r, type: mock, source: {__proto__: {x: 1}, "a b": 2}}]
      jobs: [{name: j, plan: [{get: r}]}]
      `;
    const out = code(input);
    expect(out).toContain('["__proto__"]: { x: 1 }');
    const data = (await rendered(out)) as { resources: { source: object }[] };
    expect(Object.keys(data.resources[0]?.source ?? {})).toEqual(["__proto__", "a b"]);
    expect(data).toEqual(dataOf(input));
  });

  test("one-line strings pick the quotes that need fewer escapes", () => {
    const out = code(`
      jobs:
      - name: j
        plan: [{task: t, file: 'say "hi"', params: {A: "it's", B: 'a "b" it''s'}}]
      `);
    expect(out).toContain(`file: 'say "hi"'`);
    expect(out).toContain(`A: "it's"`);
    expect(out).toContain(`B: 'a "b" it\\'s'`);
  });
});

describe("YAML 1.1 and ((vars))", () => {
  test("values are what Concourse reads: yes/on are booleans (keys too), 0755 is octal, ((vars)) stay as written", async () => {
    const input = `
      jobs:
      - name: j
        public: yes
        plan:
        - task: t
          file: f.yml
          params: {MODE: 0755, ON: on, TOKEN: ((token)), WHEN: 2024-01-01}
      `;
    const out = code(input);
    expect(out).toContain("public: true");
    expect(out).toContain('params: { MODE: 493, true: true, TOKEN: "((token))", WHEN: "2024-01-01" }');
    expect(await rendered(out)).toEqual(dataOf(input));
  });
});

describe("several documents", () => {
  test("a file of several documents is the first one, as fly reads it, with a note saying the others are left out", async () => {
    const input = `
      resources: [{name: r, type: git, source: {}}]
      jobs: [{name: j, plan: [{get: r}]}]
      # end of the first
      ---
      # in the second
      jobs: [{name: other, plan: []}]
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
    const out = result.modules[0]?.code ?? "";
    expect(result.notes).toContain(
      "line 4: the file holds more than one document: fly reads the first one only, and so does hangar",
    );
    expect(out).toContain("// end of the first");
    expect(out).not.toContain("other");
    expect(result.stats).toMatchObject({ comments: 1, commentsLost: 0 });
    await expectFaithful(out, input);
  });
});

describe("deprecated and untypable forms", () => {
  const input = `
      resources:
      - {name: a, type: git, source: {}}
      - {name: b, type: git, source: {}}
      jobs:
      - name: j
        build_logs_to_retain: 20
        plan:
        - aggregate:
          - get: a
          - get: b
      `;

  test("aggregate is kept as written, cast, with a comment saying why", async () => {
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toMatch(/\/\/ no step configured .*aggregate.*kept as written/);
    expect(out).toContain("as unknown as Step");
    expect(out).toContain("build_logs_to_retain: 20");
    expect(result.notes.some((n) => n.startsWith("jobs[0].plan[0] kept as written"))).toBe(true);
    const { jobs } = (await rendered(out)) as { jobs: { plan: unknown[] }[] };
    expect(jobs[0]?.plan[0]).toEqual({ aggregate: [{ get: "a" }, { get: "b" }] });
  });

  test("--upgrade rewrites aggregate as inParallel and build_logs_to_retain as build_log_retention, and says so", async () => {
    const result = importPipeline(yaml(input), { upgrade: true });
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toContain("inParallel([get(a), get(b)])");
    expect(out).toContain("build_log_retention: { builds: 20 }");
    expect(result.notes).toEqual([
      "jobs[0].build_logs_to_retain rewritten as build_log_retention.builds",
      "jobs[0].plan[0]: aggregate rewritten as in_parallel",
    ]);
    const { jobs } = (await rendered(out)) as { jobs: unknown[] };
    expect(jobs[0]).toEqual({
      name: "j",
      build_log_retention: { builds: 20 },
      plan: [{ in_parallel: [{ get: "a" }, { get: "b" }] }],
    });
  });

  test("--upgrade: an anchored aggregate list used again is one const, which each in_parallel step holds", async () => {
    const input = `
      resources: [{name: src, type: git, source: {uri: "https://example.com/x.git"}}]
      jobs:
      - name: a
        plan:
        - attempts: 2
          # both at once
          aggregate: &agg [{get: src, trigger: true}]
      - {name: b, plan: [{aggregate: *agg}]}
      `;
    const out = code(input, { upgrade: true });
    expect(out).toContain("const agg: Step[] = [get(src, { trigger: true })];");
    expect(out).toMatch(/\{\n\s+attempts: 2,\n\s+\/\/ both at once\n\s+in_parallel: agg,\n\s+\}/);
    expect(out).toContain("plan: [{ in_parallel: agg }],");
    expect(out.match(/trigger: true/g)).toHaveLength(1);
    expect(tscSays(out)).toBe("");
    const upgraded = JSON.parse(JSON.stringify(dataOf(input)).replaceAll('"aggregate":', '"in_parallel":'));
    expect(await rendered(out)).toEqual(upgraded);
  });

  test("a step with a second core key, written or merged, is kept as written, cast, with the validator's reason: names stay names", async () => {
    // Concourse reads each by its first core key (put before get, task before load_var); the other is an unknown field
    const input = `
      resources: [{name: src, type: git, source: {uri: "https://example.com/x.git"}}]
      jobs:
      - name: a
        plan:
        - {get: src, <<: &h {put: src}}
        - *h
        - {get: src, put: src}
        - &t {task: t, file: src/t.yml}
        - {load_var: v, <<: *t}
      `;
    const result = importPipeline(yaml(input));
    if (!result.ok) throw new Error("import failed");
    const out = result.modules[0]?.code ?? "";
    expect(out).toContain('// unknown fields ["get"]: not a valid step for Concourse, kept as written');
    expect(out).toContain('{ ...h, get: "src" } as unknown as Step,');
    expect(out).toContain('{ get: "src", put: "src" } as unknown as Step,');
    expect(out).toContain('{ ...t, load_var: "v" } as unknown as Step,');
    expect(result.notes).toEqual([
      'jobs[0].plan[0] kept as written: unknown fields ["get"]',
      'jobs[0].plan[2] kept as written: unknown fields ["get"]',
      'jobs[0].plan[4] kept as written: unknown fields ["load_var"]',
    ]);
    await expectFaithful(out, input);
  });

  test("a step kept as written that is anchored, or a hook or try, has its note on a line of its own: a const typed by the cast, formatted as Biome does", async () => {
    const input = `
      resources: [{name: src, type: git, source: {uri: "https://example.com/x.git"}}]
      jobs:
      - name: a
        plan:
        - &both {get: src, put: src}
        - *both
        - {put: src, on_success: {get: src, put: src}}
        - try: {get: src, trigger: ((auto))}
        - {task: t, file: src/t.yml, ensure: *both}
      `;
    const out = code(input);
    const note = '// unknown fields ["get"]: not a valid step for Concourse, kept as written';
    expect(out).toContain(`const both =\n  ${note}\n  { get: "src", put: "src" } as unknown as Step;`);
    expect(out).toMatch(
      / {10}on_success:\n {12}\/\/ unknown fields \["get"\][^\n]*\n {12}\{ get: "src", put: "src" \} as unknown/,
    );
    expect(out).toMatch(
      /tryStep\(\n {10}\/\/ json: cannot unmarshal [^\n]*\n {10}\{ get: "src", trigger: "\(\(auto\)\)" \}/,
    );
    expect(biomeFormatted(out)).toBe(out);
    await expectFaithful(out, input);
  });

  test("a step kept as written that is anchored and merged into a valid step of its kind is spread cast to that kind", async () => {
    const input = `
      resources: [{name: src, type: git, source: {uri: "https://example.com/x.git"}}]
      jobs:
      - name: a
        plan:
        - &u {get: src, trigger: ((auto))}
        - {<<: *u, trigger: true}
        - do: [{<<: *u, trigger: false, passed: [a]}]
      `;
    const out = code(input);
    expect(out).toContain('{ get: "src", trigger: "((auto))" } as unknown as Step;');
    expect(out).toContain("{ ...(u as GetStep), trigger: true }");
    await expectFaithful(out, input);
  });

  test("a step anchored inside a merge key and used as a step is judged by its data, kept as written", async () => {
    const input = `
      resources: [{name: src, type: git, source: {uri: "https://example.com/x.git"}}]
      jobs:
      - name: a
        plan:
        - {<<: &u {get: src, trigger: ((auto))}, trigger: true}
        - *u
        - {<<: &w {do: [{get: src, trigger: ((auto))}]}, attempts: 2}
        - *w
      `;
    const out = code(input);
    expect(out).toContain('{ get: "src", trigger: "((auto))" } as unknown as Step;');
    expect(out).toContain("{ ...(u as GetStep), trigger: true }");
    expect(out).toContain('{ get: "src", trigger: "((auto))" } as unknown as Step,');
    await expectFaithful(out, input);
  });

  test("a part of a step merged into steps that its kind refuses is kept as written, cast to that part; a whole step anchored in a key Concourse ignores is judged by its data", async () => {
    // each step overrides trigger, so no step is refused, but the const is a Pick of a get step: tsc refused the string
    // ((auto)) for its boolean, as the hook step in one, and the get step anchored in x-defaults declared a GetStep
    const input = `
      x-defaults:
        trigger: &t {trigger: ((auto))}
        step: &u {get: a, trigger: ((auto))}
      resources: [{name: a, type: git, source: {}}, {name: b, type: git, source: {}}]
      jobs:
      - name: j
        plan:
        - {<<: *t, get: a, trigger: true}
        - {<<: *t, get: b, trigger: false}
        - {<<: &h {on_success: {get: a, trigger: ((auto))}}, get: a}
        - {<<: *h, get: b}
        - {<<: *u, trigger: true}
        - {<<: *u, trigger: false}
      `;
    const out = code(input);
    expect(out).toContain('const t = { trigger: "((auto))" } as unknown as Pick<GetStep, "trigger">;');
    expect(out).toContain(
      'const h = { on_success: { get: "a", trigger: "((auto))" } } as unknown as Pick<GetStep, "on_success">;',
    );
    expect(out).toContain("not a valid part of a get step for Concourse, kept as written\nconst t =");
    expect(out).toContain('{ get: "a", trigger: "((auto))" } as unknown as Step;');
    expect(out).toContain("{ ...(u as GetStep), trigger: true }");
    expect(tscSays(out)).toBe("");
    const { "x-defaults": _, ...data } = dataOf(input) as unknown as Record<string, unknown>;
    expect(await rendered(out)).toEqual(data);
  });

  test("an anchored step judged by its own data reads its integers past 2^53 as the parser does", async () => {
    // judged without the parser's record of them, the reason named the rounded number (12345678901234567000)
    const input = `
      x-defaults: {part: &t {attempts: 12345678901234567890}}
      resources: [{name: src, type: git, source: {}}]
      jobs:
      - name: a
        plan:
        - {<<: &u {get: src, attempts: 12345678901234567890}, attempts: 2}
        - *u
        - {<<: *t, get: src, attempts: 3}
      `;
    const out = code(input);
    const reason =
      "json: cannot unmarshal number 12345678901234567890 into Go struct field RetryStep.attempts of type int";
    expect(out).toContain(`// ${reason}: not a valid step for Concourse, kept as written\n  { get: "src", attempts:`);
    expect(out).toContain(`// ${reason}: not a valid part of a get step for Concourse, kept as written\nconst t =`);
    expect(out).not.toContain("12345678901234567000 into");
    expect(tscSays(out)).toBe("");
    const { "x-defaults": _, ...data } = dataOf(input) as unknown as Record<string, unknown>;
    expect(await rendered(out)).toEqual(data);
  });

  test("a ((var)) where Concourse decodes a boolean is kept, cast, with the parser's reason", () => {
    const out = code(`
      resources: [{name: a, type: git, source: {}}]
      jobs:
      - name: j
        plan: [{get: a, trigger: ((auto))}]
      `);
    expect(out).toMatch(
      /\/\/ json: cannot unmarshal string into Go struct field GetStep.trigger of type bool; the var \(\(auto\)\) has no value/,
    );
    expect(out).toContain('{ get: "a", trigger: "((auto))" } as unknown as Step');
  });

  test("the reason of a ((var)) kept as written says who fills it (fly set-pipeline, hangar render), not to pass it to import, which takes no -y", () => {
    const result = importPipeline(`
      resources: [{name: a, type: git, source: {}}]
      jobs:
      - name: j
        plan: [{get: a, trigger: ((auto))}]
      `);
    expect(result.ok && result.notes).toEqual([
      "jobs[0].plan[0] kept as written: json: cannot unmarshal string into Go struct field GetStep.trigger of type bool; " +
        "the var ((auto)) has no value here: fly set-pipeline -y auto=<yaml> (or hangar render -y) fills it",
    ]);
  });

  test("top-level keys Concourse ignores are left out, and said so", () => {
    const result = importPipeline(
      yaml(`
      anchors:
        repo: &repo {uri: x}
      resources: [{name: a, type: git, source: *repo}, {name: b, type: git, source: *repo}]
      jobs: [{name: j, plan: [{get: a}, {get: b}]}]
      `),
    );
    if (!result.ok) throw new Error("import failed");
    expect(result.notes).toContain("left out top-level keys Concourse ignores: `anchors`");
    expect(result.modules[0]?.code).toContain('const repo = { uri: "x" };');
  });
});

describe("bad input", () => {
  test("text that is not YAML gives diagnostics with positions, not an exception", () => {
    const result = importPipeline("jobs: [\n  {name: a", { file: "p.yml" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]?.loc?.file).toBe("p.yml");
    expect(result.diagnostics[0]?.loc?.line).toBeGreaterThan(0);
  });

  test("a document that is not a mapping is refused", () => {
    const result = importPipeline("- just\n- a list\n");
    expect(result.ok).toBe(false);
  });

  test.each([
    [
      "an alias inside the node it names",
      "jobs:\n- &j\n  name: a\n  plan: [*j]\n",
      /anchor 'j' value contains itself/,
      4,
    ],
    [
      "a number JSON cannot hold",
      "resources: [{name: r, type: git, source: {n: .inf}}]\njobs: []\n",
      /unsupported value: \+Inf/,
      1,
    ],
    ["an empty document", "# nothing\n", /the document is empty/, undefined],
    ["no jobs", "resources: []\n", /has no `jobs`/, 1],
  ])("%s is refused with its position, not written as a module that cannot render it", (_, text, message, line) => {
    const result = importPipeline(text, { file: "p.yml" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]?.message).toMatch(message);
    expect(result.diagnostics[0]?.loc?.line).toBe(line);
  });
});

describe("pipeline() that would not give the pipeline back", () => {
  test("a get of an undeclared resource is exported as plain data, with the reason", async () => {
    const input = `
      jobs:
      - name: j
        plan: [{get: nowhere}]
      `;
    const out = code(input);
    expect(out).toMatch(/\/\/ Plain data rather than pipeline\(\).*unknown resource 'nowhere'/);
    expect(out).toContain("export default { pipeline: config };");
    expect(await rendered(out)).toEqual(dataOf(input));
  });
});

describe("split", () => {
  const input = `
      resources:
      - {name: src, type: git, source: {uri: x}}
      - {name: image, type: registry-image, source: {repository: r}}
      jobs:
      - {name: unit, plan: [{get: src, trigger: true}]}
      - {name: build, plan: [{get: src, passed: [unit]}, {put: image}]}
      - {name: deploy, plan: [{get: image, passed: [build]}]}
      groups:
      - {name: test, jobs: [unit, build]}
      - {name: release, jobs: [deploy]}
      `;

  test("one module per group, the consts in shared.ts, an index merging them; the same pipeline", async () => {
    const result = importPipeline(yaml(input), { split: { by: "group" } });
    if (!result.ok) throw new Error("import failed");
    expect(result.modules.map((m) => m.file)).toEqual(["pipeline.ts", "shared.ts", "test.ts", "release.ts"]);
    const byFile = Object.fromEntries(result.modules.map((m) => [m.file, m.code]));
    expect(byFile["pipeline.ts"]).toContain("export default pipeline(mergeFragments(testJobs, releaseJobs), {");
    expect(byFile["shared.ts"]).toContain("export const src: Resource = {");
    // the ES module names (release.js for release.ts), which tsc takes with no allowImportingTsExtensions
    expect(byFile["pipeline.ts"]).toContain(
      'import testJobs from "./test.js";\nimport releaseJobs from "./release.js";',
    );
    expect(byFile["release.ts"]).toContain('import { image } from "./shared.js";');
    expect(result.modules.map((m) => m.code).join("")).not.toMatch(/from "[^"]*\.ts"/);
    const dir = mkdtempSync(join(work(), "split-"));
    for (const m of result.modules) writeFileSync(join(dir, m.file), m.code);
    const definition = await loadPipelineModule(join(dir, "pipeline.ts"), repo, { cacheDir: false });
    expect(parsePipeline(renderJson(definition.pipeline)).pipeline).toEqual(dataOf(input));
  });

  test("module names differ in more than case (macOS and Windows do not tell Shared.ts from shared.ts)", () => {
    const result = importPipeline(
      yaml(`
      resources: [{name: src, type: git, source: {uri: x}}]
      jobs:
      - {name: a, plan: [{get: src}]}
      - {name: b, plan: [{get: src}]}
      - {name: c, plan: [{get: src}]}
      groups:
      - {name: Pipeline, jobs: [a]}
      - {name: Shared, jobs: [b]}
      - {name: pipeline, jobs: [c]}
      `),
      { split: { by: "group" } },
    );
    if (!result.ok) throw new Error("import failed");
    const files = result.modules.map((m) => m.file);
    expect(files).toEqual(["pipeline.ts", "shared.ts", "Pipeline-2.ts", "Shared-2.ts", "pipeline-3.ts"]);
  });

  test("a group name too long for a file name (most file systems take 255 bytes) is cut, still told apart", () => {
    const long = "g".repeat(300);
    const result = importPipeline(
      JSON.stringify({
        jobs: [
          { name: "a", plan: [] },
          { name: "b", plan: [] },
          { name: "c", plan: [] },
        ],
        groups: [
          { name: long, jobs: ["a"] },
          { name: `${long}x`, jobs: ["b"] },
          { name: "short", jobs: ["c"] },
        ],
      }),
      { split: { by: "group" } },
    );
    if (!result.ok) throw new Error("import failed");
    const files = result.modules.map((m) => m.file);
    const cut = "g".repeat(64);
    expect(files).toEqual(["pipeline.ts", `${cut}.ts`, `${cut}-2.ts`, "short.ts"]);
  });

  test("a group named as a Windows device (con, NUL, com1, lpt9, also before a dot) gives a file Windows can write", () => {
    const names = [
      "con",
      "NUL",
      "Com1",
      "lpt9.x",
      "aux!",
      "con_",
      "prn",
      "com10",
      "console",
      "com0",
      `con.${"g".repeat(70)}`,
    ];
    const result = importPipeline(
      JSON.stringify({
        jobs: names.map((_, i) => ({ name: `j${i}`, plan: [] })),
        groups: names.map((name, i) => ({ name, jobs: [`j${i}`] })),
      }),
      { split: { by: "group" } },
    );
    if (!result.ok) throw new Error("import failed");
    expect(result.modules.map((m) => m.file)).toEqual([
      "pipeline.ts",
      "con_.ts",
      "NUL_.ts",
      "Com1_.ts",
      "lpt9_.x.ts",
      "aux_.ts",
      "con_-2.ts",
      "prn_.ts",
      "com10.ts",
      "console.ts",
      "com0.ts",
      // still at most 64 characters
      `con_.${"g".repeat(59)}.ts`,
    ]);
  });

  test("per N jobs, in the jobs' order", () => {
    const result = importPipeline(yaml(input), { split: { jobsPerModule: 2 } });
    if (!result.ok) throw new Error("import failed");
    expect(result.modules.map((m) => m.file)).toEqual(["pipeline.ts", "shared.ts", "jobs-1.ts", "jobs-2.ts"]);
  });
});

describe("merge keys give go-yaml v2's values", () => {
  test.each([
    ["a key written before a merge key takes the source's value", "  serial: false\n  <<: *a\n"],
    ["a key written after a merge key keeps its own", "  <<: *a\n  serial: false\n"],
    ["of a merge's sources, the first has the last word", "  <<: [*a, *b]\n"],
    ["keys before and after a list of sources", "  max_in_flight: 7\n  <<: [*b, *a]\n  public: true\n"],
    ["`!!merge <<` is a merge key", "  serial: false\n  !!merge <<: *a\n"],
    ["`! <<` is a merge key", "  serial: false\n  ! <<: *a\n"],
    ["an explicit `? <<` is a merge key", "  serial: false\n  ? <<\n  : [*b, *a]\n"],
  ])("%s", async (_, merging) => {
    const input = `
      jobs:
      - name: a
        <<: &a {serial: true, max_in_flight: 1}
        plan: []
      - name: b
        <<: &b {serial: false, max_in_flight: 2, public: false}
        plan: []
      - name: c
        plan: []
      ${merging.replace(/\n(?=.)/g, "\n      ")}`;
    await expectFaithful(code(input), input);
  });
});
