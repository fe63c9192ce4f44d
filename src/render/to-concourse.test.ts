import { describe, expect, test } from "vitest";
import { deepFreeze } from "../../test/helpers/deep-freeze.ts";
import { fragment } from "../fragment/fragment.ts";
import type {
  Group,
  Job,
  Pipeline,
  Prototype,
  Resource,
  ResourceType,
  Step,
  TaskConfig,
  VarSource,
} from "../model/index.ts";
import { toConcourse, toConcourseForText } from "./to-concourse.ts";

type Obj = Record<string, unknown>;

/** The keys of the object at `path` inside `value`, in order. */
function keysAt(value: unknown, ...path: (string | number)[]): string[] {
  let v = value;
  for (const seg of path) v = (v as Obj)[seg];
  return Object.keys(v as Obj);
}

// Fixtures. Each is frozen, so toConcourse() throws if it writes to any of them.

const imageType: ResourceType = deepFreeze({
  name: "oci",
  type: "registry-image",
  source: { repository: "example/oci-resource", tag: "1.2" },
});

/** A resource type whose own image comes from a custom type (a type of a type). */
const packerType: ResourceType = deepFreeze({
  source: { repository: "example/packer-resource" },
  type: imageType,
  name: "packer",
});

const src: Resource = deepFreeze({
  name: "src",
  type: "git",
  source: { uri: "https://example.com/src.git", branch: "main" },
});

const ami: Resource = deepFreeze({ name: "ami", type: packerType, source: { region: "us-east-1" } });

const tools: Resource = deepFreeze({ name: "tools", type: imageType, source: { repository: "example/tools" } });

const unitJob: Job = deepFreeze({ name: "unit", plan: [{ get: "src", trigger: true }] });

const proto: Prototype = deepFreeze({ name: "npm", type: imageType, source: { repository: "example/npm-prototype" } });

describe("toConcourse: steps", () => {
  test("get with every field, references as objects, in canonical order", () => {
    const step: Step = deepFreeze({
      params: { depth: 1 },
      version: { ref: "abc123" },
      trigger: true,
      passed: [unitJob, "lint", "integration-*"],
      get: src,
    });
    const out = toConcourse(step);
    expect(out).toEqual({
      get: "src",
      passed: ["unit", "lint", "integration-*"],
      trigger: true,
      version: { ref: "abc123" },
      params: { depth: 1 },
    });
    expect(Object.keys(out as Obj)).toEqual(["get", "passed", "trigger", "version", "params"]);
  });

  test("get with an alias names the artifact in `get` and the resource in `resource`", () => {
    const out = toConcourse(deepFreeze({ resource: src, get: "code", version: "every" }) as Step);
    expect(out).toEqual({ get: "code", resource: "src", version: "every" });
    expect(Object.keys(out as Obj)).toEqual(["get", "resource", "version"]);
  });

  test("put with every field", () => {
    const step: Step = deepFreeze({
      no_get: false,
      get_params: { skip_download: true },
      params: { file: "built/ami.json", tags: ["a", "b"] },
      inputs: ["built"],
      resource: ami,
      put: "publish-ami",
    });
    const out = toConcourse(step);
    expect(out).toEqual({
      put: "publish-ami",
      resource: "ami",
      inputs: ["built"],
      params: { file: "built/ami.json", tags: ["a", "b"] },
      get_params: { skip_download: true },
      no_get: false,
    });
    expect(Object.keys(out as Obj)).toEqual(["put", "resource", "inputs", "params", "get_params", "no_get"]);
  });

  test("put by object, with inputs: detect", () => {
    expect(toConcourse(deepFreeze({ inputs: "detect", put: ami }) as Step)).toEqual({ put: "ami", inputs: "detect" });
  });

  test("task with an inline config and every field", () => {
    const config: TaskConfig = {
      run: { user: "root", dir: "src", args: ["-c", "make test"], path: "sh" },
      params: { CI: "true", LEVEL: 3 },
      caches: [{ path: ".cache" }],
      outputs: [{ path: "out/dist", name: "dist" }],
      inputs: [{ optional: true, path: "source", name: "src" }, { name: "tools" }],
      container_limits: { memory: "1GB", cpu: 512 },
      rootfs_uri: "docker:///busybox",
      image_resource: {
        tags: ["linux"],
        params: { format: "oci" },
        version: { digest: "sha256:0123" },
        source: { repository: "example/builder", tag: "latest" },
        type: imageType as unknown as string,
        name: "builder",
      },
      platform: "linux",
    };
    const step: Step = deepFreeze({
      output_mapping: { dist: "release" },
      input_mapping: { src: "code" },
      vars: { version: "1.0" },
      params: { EXTRA: "x" },
      container_limits: { cpu: 1024 },
      hermetic: true,
      privileged: true,
      image: tools,
      config,
      task: "unit",
    });
    const out = toConcourse(step);
    expect(out).toEqual({
      task: "unit",
      config: {
        platform: "linux",
        image_resource: {
          name: "builder",
          type: "oci",
          source: { repository: "example/builder", tag: "latest" },
          version: { digest: "sha256:0123" },
          params: { format: "oci" },
          tags: ["linux"],
        },
        rootfs_uri: "docker:///busybox",
        container_limits: { cpu: 512, memory: "1GB" },
        inputs: [{ name: "src", path: "source", optional: true }, { name: "tools" }],
        outputs: [{ name: "dist", path: "out/dist" }],
        caches: [{ path: ".cache" }],
        params: { CI: "true", LEVEL: 3 },
        run: { path: "sh", args: ["-c", "make test"], dir: "src", user: "root" },
      },
      image: "tools",
      privileged: true,
      hermetic: true,
      container_limits: { cpu: 1024 },
      params: { EXTRA: "x" },
      vars: { version: "1.0" },
      input_mapping: { src: "code" },
      output_mapping: { dist: "release" },
    });
    expect(keysAt(out)).toEqual([
      "task",
      "config",
      "image",
      "privileged",
      "hermetic",
      "container_limits",
      "params",
      "vars",
      "input_mapping",
      "output_mapping",
    ]);
    expect(keysAt(out, "config")).toEqual([
      "platform",
      "image_resource",
      "rootfs_uri",
      "container_limits",
      "inputs",
      "outputs",
      "caches",
      "params",
      "run",
    ]);
    expect(keysAt(out, "config", "image_resource")).toEqual(["name", "type", "source", "version", "params", "tags"]);
    expect(keysAt(out, "config", "container_limits")).toEqual(["cpu", "memory"]);
    expect(keysAt(out, "config", "inputs", 0)).toEqual(["name", "path", "optional"]);
    expect(keysAt(out, "config", "outputs", 0)).toEqual(["name", "path"]);
    expect(keysAt(out, "config", "run")).toEqual(["path", "args", "dir", "user"]);
    // user content keeps its own order
    expect(keysAt(out, "config", "params")).toEqual(["CI", "LEVEL"]);
  });

  test("task with a file", () => {
    const out = toConcourse(
      deepFreeze({ vars: { image_tag: "7" }, file: "src/ci/unit.yml", task: "unit", image: "tools" }) as Step,
    );
    expect(out).toEqual({ task: "unit", file: "src/ci/unit.yml", image: "tools", vars: { image_tag: "7" } });
    expect(Object.keys(out as Obj)).toEqual(["task", "file", "image", "vars"]);
  });

  test("run with its prototype as an object", () => {
    const out = toConcourse(
      deepFreeze({
        container_limits: { memory: 100 },
        privileged: false,
        params: { args: ["test"] },
        type: proto,
        run: "test",
      }) as Step,
    );
    expect(out).toEqual({
      run: "test",
      type: "npm",
      params: { args: ["test"] },
      privileged: false,
      container_limits: { memory: 100 },
    });
    expect(Object.keys(out as Obj)).toEqual(["run", "type", "params", "privileged", "container_limits"]);
  });

  test("set_pipeline with every field", () => {
    const out = toConcourse(
      deepFreeze({
        instance_vars: { branch: "feature/x" },
        var_files: ["src/ci/vars.yml"],
        vars: { image: "x" },
        team: "platform",
        file: "src/ci/pipeline.yml",
        set_pipeline: "self",
      }) as Step,
    );
    expect(out).toEqual({
      set_pipeline: "self",
      file: "src/ci/pipeline.yml",
      team: "platform",
      vars: { image: "x" },
      var_files: ["src/ci/vars.yml"],
      instance_vars: { branch: "feature/x" },
    });
    expect(Object.keys(out as Obj)).toEqual(["set_pipeline", "file", "team", "vars", "var_files", "instance_vars"]);
  });

  test("load_var with every field", () => {
    const out = toConcourse(
      deepFreeze({ reveal: true, format: "json", file: "src/version.json", load_var: "version" }) as Step,
    );
    expect(out).toEqual({ load_var: "version", file: "src/version.json", format: "json", reveal: true });
    expect(Object.keys(out as Obj)).toEqual(["load_var", "file", "format", "reveal"]);
  });

  test("try and do convert the steps they hold", () => {
    const out = toConcourse(
      deepFreeze({
        do: [{ try: { passed: [unitJob], get: src } }, { put: ami, params: { x: 1 } }, { try: { do: [{ get: ami }] } }],
      }) as Step,
    );
    expect(out).toEqual({
      do: [
        { try: { get: "src", passed: ["unit"] } },
        { put: "ami", params: { x: 1 } },
        { try: { do: [{ get: "ami" }] } },
      ],
    });
    expect(keysAt(out, "do", 0, "try")).toEqual(["get", "passed"]);
  });

  test("in_parallel as a list", () => {
    const out = toConcourse(deepFreeze({ in_parallel: [{ trigger: true, get: src }, { get: ami }] }) as Step);
    expect(out).toEqual({ in_parallel: [{ get: "src", trigger: true }, { get: "ami" }] });
    expect(keysAt(out, "in_parallel", 0)).toEqual(["get", "trigger"]);
  });

  test("in_parallel as { steps, limit, fail_fast }", () => {
    const out = toConcourse(
      deepFreeze({
        in_parallel: { fail_fast: true, limit: 2, steps: [{ put: ami }, { task: "t", file: "f.yml" }] },
      }) as Step,
    );
    expect(out).toEqual({
      in_parallel: { steps: [{ put: "ami" }, { task: "t", file: "f.yml" }], limit: 2, fail_fast: true },
    });
    expect(keysAt(out, "in_parallel")).toEqual(["steps", "limit", "fail_fast"]);
  });

  test("every modifier and hook, after the core fields, hooks converted too", () => {
    const step: Step = deepFreeze({
      ensure: { put: ami, params: { cleanup: true } },
      on_abort: { task: "abort", file: "ci/abort.yml" },
      on_error: { do: [{ get: src }] },
      on_failure: { in_parallel: [{ put: "notify" }] },
      on_success: { try: { put: { name: "slack", type: "slack", source: {} } as Resource } },
      tags: ["private"],
      timeout: "1h30m",
      attempts: 3,
      fail_fast: true,
      across: [
        { max_in_flight: "all", values: ["a", "b"], var: "flavour" },
        { var: "region", values: "((regions))", max_in_flight: 2 },
      ],
      params: { p: 1 },
      get: src,
    });
    const out = toConcourse(step);
    expect(out).toEqual({
      get: "src",
      params: { p: 1 },
      across: [
        { var: "flavour", values: ["a", "b"], max_in_flight: "all" },
        { var: "region", values: "((regions))", max_in_flight: 2 },
      ],
      fail_fast: true,
      attempts: 3,
      timeout: "1h30m",
      tags: ["private"],
      on_success: { try: { put: "slack" } },
      on_failure: { in_parallel: [{ put: "notify" }] },
      on_error: { do: [{ get: "src" }] },
      on_abort: { task: "abort", file: "ci/abort.yml" },
      ensure: { put: "ami", params: { cleanup: true } },
    });
    expect(Object.keys(out as Obj)).toEqual([
      "get",
      "params",
      "across",
      "fail_fast",
      "attempts",
      "timeout",
      "tags",
      "on_success",
      "on_failure",
      "on_error",
      "on_abort",
      "ensure",
    ]);
    expect(keysAt(out, "across", 0)).toEqual(["var", "values", "max_in_flight"]);
  });

  const modifiers = { ensure: { get: src }, timeout: "5m", attempts: 2 } as const;
  test.each([
    ["get", { get: src }, { get: "src" }],
    ["put", { put: ami }, { put: "ami" }],
    ["task", { task: "t", file: "t.yml" }, { task: "t", file: "t.yml" }],
    ["run", { run: "test", type: proto }, { run: "test", type: "npm" }],
    ["set_pipeline", { set_pipeline: "self", file: "p.yml" }, { set_pipeline: "self", file: "p.yml" }],
    ["load_var", { load_var: "v", file: "v.txt" }, { load_var: "v", file: "v.txt" }],
    ["try", { try: { get: src } }, { try: { get: "src" } }],
    ["do", { do: [{ get: src }] }, { do: [{ get: "src" }] }],
    ["in_parallel", { in_parallel: [{ get: src }] }, { in_parallel: [{ get: "src" }] }],
    [
      "in_parallel (long form)",
      { in_parallel: { steps: [{ get: src }] } },
      { in_parallel: { steps: [{ get: "src" }] } },
    ],
  ])("%s carries modifiers and hooks after its core fields", (_kind, core, expected) => {
    const out = toConcourse(deepFreeze({ ...modifiers, ...core }) as Step);
    expect(out).toEqual({ ...expected, attempts: 2, timeout: "5m", ensure: { get: "src" } });
    expect(Object.keys(out as Obj)).toEqual([...Object.keys(expected), "attempts", "timeout", "ensure"]);
  });
});

describe("toConcourse: jobs, resources, types, pipelines", () => {
  const fullJob: Job = deepFreeze({
    ensure: { put: "notify", params: { text: "done" } },
    on_abort: { put: "notify", params: { text: "aborted" } },
    on_error: { put: "notify", params: { text: "errored" } },
    on_failure: { put: ami, params: { rollback: true } },
    on_success: { get: src, passed: [unitJob] },
    plan: [
      { get: src, trigger: true, passed: [unitJob] },
      { task: "build", file: "src/ci/build.yml" },
    ],
    build_log_retention: { days: 7, minimum_succeeded_builds: 1, builds: 50 },
    build_logs_to_retain: 10,
    tags: ["private"],
    max_in_flight: 2,
    serial_groups: ["deploy"],
    interruptible: true,
    serial: false,
    disable_reruns: true,
    disable_manual_trigger: true,
    public: true,
    old_name: "make",
    name: "build",
  });

  test("a job with every field and hooks", () => {
    const out = toConcourse(fullJob);
    expect(out).toEqual({
      name: "build",
      old_name: "make",
      public: true,
      disable_manual_trigger: true,
      disable_reruns: true,
      serial: false,
      interruptible: true,
      serial_groups: ["deploy"],
      max_in_flight: 2,
      tags: ["private"],
      build_logs_to_retain: 10,
      build_log_retention: { builds: 50, minimum_succeeded_builds: 1, days: 7 },
      plan: [
        { get: "src", passed: ["unit"], trigger: true },
        { task: "build", file: "src/ci/build.yml" },
      ],
      on_success: { get: "src", passed: ["unit"] },
      on_failure: { put: "ami", params: { rollback: true } },
      on_error: { put: "notify", params: { text: "errored" } },
      on_abort: { put: "notify", params: { text: "aborted" } },
      ensure: { put: "notify", params: { text: "done" } },
    });
    expect(keysAt(out)).toEqual([
      "name",
      "old_name",
      "public",
      "disable_manual_trigger",
      "disable_reruns",
      "serial",
      "interruptible",
      "serial_groups",
      "max_in_flight",
      "tags",
      "build_logs_to_retain",
      "build_log_retention",
      "plan",
      "on_success",
      "on_failure",
      "on_error",
      "on_abort",
      "ensure",
    ]);
    expect(keysAt(out, "build_log_retention")).toEqual(["builds", "minimum_succeeded_builds", "days"]);
    expect(keysAt(out, "plan", 0)).toEqual(["get", "passed", "trigger"]);
  });

  test("a resource with every field, its type given as an object", () => {
    const resource: Resource = deepFreeze({
      expose_build_created_by: true,
      icon: "package",
      version: { ref: "v1" },
      tags: ["private"],
      check_timeout: "10m",
      check_every: "never",
      source: { zeta: 1, alpha: 2 },
      type: packerType,
      webhook_token: "((token))",
      public: true,
      old_name: "old-ami",
      name: "ami",
    });
    const out = toConcourse(resource);
    expect(out).toEqual({
      name: "ami",
      old_name: "old-ami",
      public: true,
      webhook_token: "((token))",
      type: "packer",
      source: { zeta: 1, alpha: 2 },
      check_every: "never",
      check_timeout: "10m",
      tags: ["private"],
      version: { ref: "v1" },
      icon: "package",
      expose_build_created_by: true,
    });
    expect(keysAt(out)).toEqual([
      "name",
      "old_name",
      "public",
      "webhook_token",
      "type",
      "source",
      "check_every",
      "check_timeout",
      "tags",
      "version",
      "icon",
      "expose_build_created_by",
    ]);
    expect(keysAt(out, "source")).toEqual(["zeta", "alpha"]);
  });

  test("a resource type with every field, its own type given as an object", () => {
    const type: ResourceType = deepFreeze({
      params: { format: "oci" },
      tags: ["private"],
      check_every: "24h",
      privileged: true,
      defaults: { region: "us-east-1" },
      source: { repository: "example/packer" },
      type: imageType,
      name: "packer",
    });
    const out = toConcourse(type);
    expect(out).toEqual({
      name: "packer",
      type: "oci",
      source: { repository: "example/packer" },
      defaults: { region: "us-east-1" },
      privileged: true,
      check_every: "24h",
      tags: ["private"],
      params: { format: "oci" },
    });
    expect(keysAt(out)).toEqual(["name", "type", "source", "defaults", "privileged", "check_every", "tags", "params"]);
  });

  test("a task config on its own", () => {
    const out = toConcourse(deepFreeze({ run: { path: "make" }, platform: "linux" }) as TaskConfig);
    expect(out).toEqual({ platform: "linux", run: { path: "make" } });
    expect(keysAt(out)).toEqual(["platform", "run"]);
  });

  test("a group on its own keeps its name and names its jobs", () => {
    const group: Group = deepFreeze({ resources: [src], jobs: [unitJob, "deploy-*"], name: "ci" });
    const out = toConcourse(group);
    expect(out).toEqual({ name: "ci", jobs: ["unit", "deploy-*"], resources: ["src"] });
    expect(keysAt(out)).toEqual(["name", "jobs", "resources"]);
  });

  test("a fragment becomes its three sections", () => {
    const out = toConcourse(fragment(deepFreeze({ jobs: [unitJob], resources: [ami], resource_types: [packerType] })));
    expect(out).toEqual({
      resource_types: [{ name: "packer", type: "oci", source: { repository: "example/packer-resource" } }],
      resources: [{ name: "ami", type: "packer", source: { region: "us-east-1" } }],
      jobs: [{ name: "unit", plan: [{ get: "src", trigger: true }] }],
    });
    expect(keysAt(out)).toEqual(["resource_types", "resources", "jobs"]);
  });

  test("a whole pipeline: every section, references by object everywhere, canonical order", () => {
    const varSource: VarSource = {
      config: { url: "https://vault.example.com", path_prefix: "/ci" },
      type: "vault",
      name: "vault",
    };
    const deploy: Job = {
      plan: [
        { get: ami, passed: [unitJob], trigger: true },
        {
          task: "smoke",
          image: tools,
          config: {
            platform: "linux",
            image_resource: { type: "registry-image", source: { repository: "alpine" } },
            run: { path: "true" },
          },
        },
        { run: "lint", type: proto },
      ],
      name: "deploy",
    };
    const p: Pipeline = deepFreeze({
      display: { background_filter: "blur(4px)", background_image: "https://example.com/bg.png" },
      jobs: [unitJob, deploy],
      prototypes: [proto],
      resources: [src, ami, tools],
      resource_types: [imageType, packerType],
      var_sources: [varSource],
      groups: [
        { jobs: [unitJob, deploy], name: "all" },
        { jobs: ["deploy"], name: "cd", resources: [ami] },
      ],
    });
    const out = toConcourse(p);
    expect(out).toEqual({
      groups: [
        { name: "all", jobs: ["unit", "deploy"] },
        { name: "cd", jobs: ["deploy"], resources: ["ami"] },
      ],
      var_sources: [{ name: "vault", type: "vault", config: { url: "https://vault.example.com", path_prefix: "/ci" } }],
      resource_types: [
        { name: "oci", type: "registry-image", source: { repository: "example/oci-resource", tag: "1.2" } },
        { name: "packer", type: "oci", source: { repository: "example/packer-resource" } },
      ],
      resources: [
        { name: "src", type: "git", source: { uri: "https://example.com/src.git", branch: "main" } },
        { name: "ami", type: "packer", source: { region: "us-east-1" } },
        { name: "tools", type: "oci", source: { repository: "example/tools" } },
      ],
      prototypes: [{ name: "npm", type: "oci", source: { repository: "example/npm-prototype" } }],
      jobs: [
        { name: "unit", plan: [{ get: "src", trigger: true }] },
        {
          name: "deploy",
          plan: [
            { get: "ami", passed: ["unit"], trigger: true },
            {
              task: "smoke",
              config: {
                platform: "linux",
                image_resource: { type: "registry-image", source: { repository: "alpine" } },
                run: { path: "true" },
              },
              image: "tools",
            },
            { run: "lint", type: "npm" },
          ],
        },
      ],
      display: { background_image: "https://example.com/bg.png", background_filter: "blur(4px)" },
    });
    expect(keysAt(out)).toEqual([
      "groups",
      "var_sources",
      "resource_types",
      "resources",
      "prototypes",
      "jobs",
      "display",
    ]);
    expect(keysAt(out, "var_sources", 0)).toEqual(["name", "type", "config"]);
    expect(keysAt(out, "var_sources", 0, "config")).toEqual(["url", "path_prefix"]);
    expect(keysAt(out, "display")).toEqual(["background_image", "background_filter"]);
    expect(keysAt(out, "resource_types", 1)).toEqual(["name", "type", "source"]);
    expect(keysAt(out, "prototypes", 0)).toEqual(["name", "type", "source"]);
    expect(keysAt(out, "groups", 1)).toEqual(["name", "jobs", "resources"]);
    expect(keysAt(out, "jobs", 1)).toEqual(["name", "plan"]);
    expect(keysAt(out, "jobs", 1, "plan", 0)).toEqual(["get", "passed", "trigger"]);
    expect(keysAt(out, "jobs", 1, "plan", 1)).toEqual(["task", "config", "image"]);
  });
});

describe("toConcourse: undefined and null", () => {
  test("undefined is never written; null is dropped from the model's fields and kept inside payloads", () => {
    const p = deepFreeze({
      groups: undefined,
      display: null,
      resources: [
        {
          name: "src",
          type: "git",
          icon: undefined,
          check_every: null,
          source: { uri: "u", branch: undefined, private_key: null, nested: { a: null, b: [1, null, 2] } },
        },
        null,
        undefined,
      ],
      jobs: [
        {
          name: "build",
          serial: undefined,
          on_failure: null,
          plan: [
            null,
            { get: "src", trigger: undefined, passed: [undefined, "unit", null], params: { x: undefined, y: null } },
            {
              task: "t",
              file: undefined,
              config: {
                platform: "linux",
                image_resource: { type: "registry-image", source: { repository: "r", tag: undefined }, version: null },
                inputs: [{ name: "src", path: undefined, optional: null }],
                params: { A: null, B: undefined, C: "c" },
                run: { path: "sh", args: undefined, dir: null },
              },
            },
            { in_parallel: { steps: [{ get: "src", ensure: undefined }], limit: undefined, fail_fast: null } },
            { do: [undefined, { put: "src", inputs: null }] },
          ],
        },
      ],
    }) as unknown as Pipeline;
    const out = toConcourse(p);
    expect(out).toEqual({
      resources: [
        { name: "src", type: "git", source: { uri: "u", private_key: null, nested: { a: null, b: [1, null, 2] } } },
      ],
      jobs: [
        {
          name: "build",
          plan: [
            { get: "src", passed: ["unit"], params: { y: null } },
            {
              task: "t",
              config: {
                platform: "linux",
                image_resource: { type: "registry-image", source: { repository: "r" } },
                inputs: [{ name: "src" }],
                params: { A: null, C: "c" },
                run: { path: "sh" },
              },
            },
            { in_parallel: { steps: [{ get: "src" }] } },
            { do: [{ put: "src" }] },
          ],
        },
      ],
    });
    const noUndefined = (v: unknown): boolean =>
      v === undefined
        ? false
        : Array.isArray(v)
          ? v.every(noUndefined)
          : typeof v === "object" && v !== null
            ? Object.values(v).every(noUndefined)
            : true;
    expect(noUndefined(out)).toBe(true);
    expect(toConcourseForText(p)).toEqual(out);
  });

  test("undefined in a list of user data is refused, where the model's lists leave it out", () => {
    // a hole (never written) is undefined too
    const hole = [1];
    hole[2] = 2;
    for (const list of [[1, undefined, 2], hole]) {
      const p = { resources: [{ name: "src", type: "git", source: { uri: "u", list } }] } as unknown as Pipeline;
      expect(() => toConcourse(p)).toThrow(
        expect.objectContaining({
          code: "api/argument",
          message: expect.stringMatching(
            /^toConcourse\(\): the value is not plain data at resources\[0\]\.source\.list\[1\]: undefined in a list/,
          ),
        }),
      );
      expect(() => toConcourseForText(p)).toThrow(TypeError);
    }
  });
});

describe("toConcourse: inputs", () => {
  test("returns new objects and leaves frozen inputs as they were", () => {
    const source = { uri: "https://example.com/x.git" };
    const resource: Resource = deepFreeze({ name: "x", type: packerType, source });
    const job: Job = deepFreeze({ name: "j", plan: [{ get: resource, params: { a: [1] } }] });
    const p: Pipeline = deepFreeze({ jobs: [job], resources: [resource], resource_types: [packerType, imageType] });
    const before = JSON.stringify(p);
    const out = toConcourse(p) as { resources: Obj[]; jobs: { plan: Obj[] }[] };
    expect(JSON.stringify(p)).toBe(before);
    expect(resource.type).toBe(packerType);
    expect(out.resources[0]).not.toBe(resource);
    expect(out.resources[0]?.source).not.toBe(source);
    expect(out.resources[0]?.source).toEqual(source);
    expect(out.jobs[0]?.plan[0]?.params).not.toBe((job.plan[0] as { params: unknown }).params);
  });

  test("the same input twice gives equal output", () => {
    const p: Pipeline = deepFreeze({ jobs: [unitJob], resources: [src] });
    expect(toConcourse(p)).toEqual(toConcourse(p));
  });
});

describe("toConcourse: keys", () => {
  test("model objects written with keys in any order come out the same", () => {
    const a = toConcourse(
      deepFreeze({ name: "r", type: "git", source: { uri: "u" }, icon: "git", check_every: "1m" }) as Resource,
    );
    const b = toConcourse(
      deepFreeze({ check_every: "1m", icon: "git", source: { uri: "u" }, type: "git", name: "r" }) as Resource,
    );
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  test("unknown keys are kept, after the known ones, in their own order", () => {
    const out = toConcourse(deepFreeze({ zz_extra: 1, get: "src", aa_extra: 2, trigger: true }) as unknown as Step);
    expect(out).toEqual({ get: "src", trigger: true, zz_extra: 1, aa_extra: 2 });
    expect(Object.keys(out as Obj)).toEqual(["get", "trigger", "zz_extra", "aa_extra"]);
  });

  test("keys named like Object.prototype members are kept as data", () => {
    const source = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": "c", "toString": "t", "hasOwnProperty": 1}',
    );
    const step = JSON.parse('{"get": "src", "constructor": "c", "toString": "t", "params": {"__proto__": "p"}}');
    const out = toConcourse(
      deepFreeze({ jobs: [{ name: "j", plan: [step] }], resources: [{ name: "src", type: "git", source }] }),
    );
    expect(JSON.stringify(out)).toBe(
      '{"resources":[{"name":"src","type":"git","source":' +
        '{"__proto__":{"polluted":true},"constructor":"c","toString":"t","hasOwnProperty":1}}],' +
        '"jobs":[{"name":"j","plan":[{"get":"src","params":{"__proto__":"p"},"constructor":"c","toString":"t"}]}]}',
    );
    const outSource = (out as { resources: { source: object }[] }).resources[0]?.source;
    expect(Object.getPrototypeOf(outSource)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
