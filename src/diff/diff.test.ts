import { describe, expect, test, vi } from "vitest";
import { copyData } from "../walk/plain-data.ts";
import { diffPipelines } from "./diff.ts";
import { formatChanges } from "./format.ts";

// copyData watched, to tell which objects a diff copies
vi.mock("../walk/plain-data.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../walk/plain-data.ts")>();
  return { ...actual, copyData: vi.fn(actual.copyData) };
});

const job = (name: string) => ({ name, plan: [{ get: "src", trigger: true }] });

describe("diffPipelines", () => {
  test("a section that is not a list is compared whole; repeated names are compared occurrence by occurrence", () => {
    expect(diffPipelines({ jobs: 5 }, { jobs: [{ name: "x" }] })).toEqual([
      { section: "jobs", kind: "changed", before: 5, after: [{ name: "x" }] },
    ]);
    expect(diffPipelines({ jobs: { name: "x" } }, {})).toEqual([
      { section: "jobs", kind: "removed", before: { name: "x" } },
    ]);
    expect(formatChanges(diffPipelines({ jobs: 5 }, { jobs: 6 }))).toBe("jobs has changed:\n@@ -1,1 +1,1 @@\n-5\n+6\n");
    const [a, b, c] = [
      { name: "a", plan: [] },
      { name: "a", plan: [{ get: "r" }] },
      { name: "a", plan: [{ get: "other" }] },
    ];
    expect(diffPipelines({ jobs: [a, b] }, { jobs: [a, c] })).toEqual([
      { section: "jobs", name: "a", occurrence: 2, kind: "changed", before: b, after: c },
    ]);
    expect(diffPipelines({ jobs: [a, b] }, { jobs: [a, b] })).toEqual([]);
    expect(diffPipelines({ jobs: [a] }, { jobs: [a, b] })).toEqual([
      { section: "jobs", name: "a", occurrence: 2, kind: "added", after: b },
    ]);
  });

  test("compares as Concourse stores the config: zero values of omitempty fields and check_every's form are no change", () => {
    const stored = {
      resources: [{ name: "r", type: "git", source: { uri: "x" }, check_every: "1h30m0s" }],
      resource_types: [{ name: "t", type: "registry-image", source: {} }],
      groups: [{ name: "g", jobs: ["a"] }],
      jobs: [
        {
          name: "a",
          plan: [
            { get: "r", passed: ["b"] },
            { in_parallel: { steps: [{ put: "r" }] } },
            { task: "t", file: "t.yml", attempts: 2 },
          ],
        },
      ],
    };
    const written = {
      resources: [
        { name: "r", type: "git", source: { uri: "x" }, check_every: "90m", public: false, tags: [], icon: "" },
      ],
      resource_types: [{ name: "t", type: "registry-image", source: {}, privileged: false, params: {} }],
      groups: [{ name: "g", jobs: ["a"], resources: [] }],
      jobs: [
        {
          name: "a",
          serial: false,
          public: false,
          max_in_flight: 0,
          plan: [
            { get: "r", passed: ["b"], trigger: false, params: {} },
            { in_parallel: [{ put: "r", get_params: {}, no_get: false }], tags: [] },
            { task: "t", file: "t.yml", attempts: 2, privileged: false, input_mapping: {} },
          ],
        },
      ],
    };
    expect(diffPipelines(stored, written)).toEqual([]);
    expect(diffPipelines(written, stored)).toEqual([]);
    // what the fields hold is compared as it is: a non-zero value, the contents of params, a source
    const changed = structuredClone(written);
    Object.assign(changed.jobs[0]?.plan[0] ?? {}, { trigger: true, params: { depth: 0 } });
    Object.assign(changed.resources[0] ?? {}, { check_every: "1h", source: { uri: "x", branch: "" } });
    expect(diffPipelines(stored, changed).map((c) => `${c.section} ${c.name}`)).toEqual(["resources r", "jobs a"]);
    // the input is not changed
    expect(written.jobs[0]?.serial).toBe(false);
    expect(Array.isArray(written.jobs[0]?.plan[1]?.in_parallel)).toBe(true);
  });

  test("a config as Concourse answers it is the config that was set: task params as text, image_resource's empty name, limits in bytes, a zero check_every as empty, no unknown top-level key", () => {
    // what a user writes ...
    const written = {
      meta: { image: { type: "registry-image", source: { repository: "busybox" } } },
      resources: [
        { name: "src", type: "git", source: { uri: "u" }, check_every: "0s" },
        { name: "m", type: "mock" },
      ],
      var_sources: [{ name: "v", type: "dummy" }],
      jobs: [
        {
          name: "build",
          build_log_retention: { builds: 0, days: 3 },
          plan: [
            { get: "src", version: "Latest" },
            { put: "src", inputs: "none", params: { repository: "src" } },
            {
              task: "unit",
              params: { CI: true, PORT: 8080, RATIO: 0.5, EMPTY: null, LIST: ["a", "<b>"], MAP: { z: 1, a: "x&y" } },
              container_limits: { memory: "1GB", cpu: 1.5 },
              config: {
                platform: "linux",
                rootfs_uri: "",
                image_resource: { type: "registry-image", source: { repository: "busybox" }, params: {}, tag: "x" },
                inputs: [{ name: "src", optional: false, path: "" }],
                outputs: [],
                caches: [{ path: "c", ttl: "" }],
                params: { DEBUG: false },
                container_limits: { memory: 512, cpus: 2 },
                run: { path: "make", args: [], dir: "", user: "" },
              },
            },
          ],
        },
      ],
    };
    // ... and what Concourse answers for it (atc.Config decoded, stored and encoded again: atc/task.go, atc/steps.go)
    const answered = {
      resources: [
        { name: "src", type: "git", source: { uri: "u" }, check_every: "" },
        { name: "m", type: "mock", source: null },
      ],
      var_sources: [{ name: "v", type: "dummy", config: null }],
      jobs: [
        {
          name: "build",
          build_log_retention: { days: 3 },
          plan: [
            { get: "src", version: "" },
            { put: "src", inputs: "", params: { repository: "src" } },
            {
              task: "unit",
              params: {
                CI: "true",
                PORT: "8080",
                RATIO: "0.5",
                EMPTY: "",
                LIST: '["a","\\u003cb\\u003e"]',
                MAP: '{"a":"x\\u0026y","z":1}',
              },
              container_limits: { cpu: 1, memory: 1073741824 },
              config: {
                platform: "linux",
                image_resource: { name: "", type: "registry-image", source: { repository: "busybox" } },
                inputs: [{ name: "src" }],
                caches: [{ path: "c" }],
                params: { DEBUG: "false" },
                container_limits: { memory: 512 },
                run: { path: "make" },
              },
            },
          ],
        },
      ],
    };
    expect(diffPipelines(answered, written)).toEqual([]);
    expect(diffPipelines(written, answered)).toEqual([]);
    // a value that Concourse stores differently is still a change
    const changed = structuredClone(written);
    Object.assign(changed.jobs[0]?.plan[2]?.params ?? {}, { CI: false });
    expect(diffPipelines(answered, changed)).toMatchObject([
      { section: "jobs", name: "build", kind: "changed", after: { plan: [{}, {}, { params: { CI: "false" } }] } },
    ]);
  });

  test("equal configs, in another key order and with objects reordered, have no changes", () => {
    const before = {
      resources: [
        { name: "a", type: "git", source: { uri: "u", branch: "main" } },
        { name: "b", type: "time", source: {} },
      ],
      jobs: [job("x"), job("y")],
    };
    const after = {
      jobs: [job("y"), { plan: [{ trigger: true, get: "src" }], name: "x" }],
      resources: [
        { type: "time", source: {}, name: "b" },
        { source: { branch: "main", uri: "u" }, type: "git", name: "a" },
      ],
    };
    expect(diffPipelines(before, after)).toEqual([]);
    expect(diffPipelines({ jobs: [job("x")], resources: [] }, { jobs: [job("x")] })).toEqual([]);
  });

  test.each([
    [
      "var_sources",
      { name: "vault", type: "vault", config: { url: "a" } },
      { name: "vault", type: "vault", config: { url: "b" } },
    ],
    ["resources", { name: "r", type: "git", source: { uri: "a" } }, { name: "r", type: "git", source: { uri: "b" } }],
    [
      "resource_types",
      { name: "t", type: "registry-image", source: { repository: "a" } },
      { name: "t", type: "registry-image", source: { repository: "b" } },
    ],
    [
      "prototypes",
      { name: "p", type: "registry-image", source: { repository: "a" } },
      { name: "p", type: "registry-image", source: { repository: "b" } },
    ],
    ["jobs", job("j"), { name: "j", plan: [{ get: "src", trigger: true, version: "every" }] }],
    ["groups", { name: "g", jobs: ["a"] }, { name: "g", jobs: ["a", "b"] }],
  ] as const)("%s are matched by name: changed, removed, added", (section, old, now) => {
    const extra = { ...old, name: "extra" };
    expect(diffPipelines({ [section]: [old, extra] }, { [section]: [{ ...now, name: "new" }, now] })).toEqual([
      { section, name: old.name, kind: "changed", before: old, after: now },
      { section, name: "extra", kind: "removed", before: extra },
      { section, name: "new", kind: "added", after: { ...now, name: "new" } },
    ]);
  });

  test("a group that changes position has moved (its tab moves), as in Concourse", () => {
    const [a, b] = [
      { name: "a", jobs: ["*"] },
      { name: "b", jobs: ["x"] },
    ];
    expect(diffPipelines({ groups: [a, b] }, { groups: [b, a] })).toEqual([
      { section: "groups", name: "a", kind: "moved", before: a, after: a, positions: [0, 1] },
      { section: "groups", name: "b", kind: "moved", before: b, after: b, positions: [1, 0] },
    ]);
  });

  test("display and other top-level keys are compared whole; null is absent", () => {
    const display = { background_image: "a.png" };
    expect(diffPipelines({ jobs: [] }, { jobs: [], display })).toEqual([
      { section: "display", kind: "added", after: display },
    ]);
    expect(diffPipelines({ display }, { display: { background_image: "b.png" } })).toEqual([
      { section: "display", kind: "changed", before: display, after: { background_image: "b.png" } },
    ]);
    expect(diffPipelines({ display: null }, {})).toEqual([]);
  });

  test("sections are reported in Concourse's order", () => {
    const changes = diffPipelines(
      {},
      { jobs: [job("j")], groups: [{ name: "g" }], resources: [{ name: "r" }], var_sources: [{ name: "v" }] },
    );
    expect(changes.map((c) => c.section)).toEqual(["groups", "var_sources", "resources", "jobs"]);
  });

  test("a pipeline of 3,000 jobs: each change is found, and only the objects that differ are copied to normalise", () => {
    // the shape of bench/workload.mjs: three resources per two jobs, gets, an in_parallel of puts, an inline task
    const large = (n: number) => ({
      resources: Array.from({ length: n / 2 }, (_, k) => [
        { name: `repo-${k}`, type: "git", source: { uri: `git@example.com:s-${k}.git`, branch: "main" } },
        { name: `image-${k}`, type: "registry-image", source: { repository: `s-${k}` } },
      ]).flat(),
      jobs: Array.from({ length: n }, (_, i) => {
        const k = i % (n / 2);
        return {
          name: `job-${i}`,
          plan: [
            { get: `repo-${k}`, trigger: true, ...(i > 0 && { passed: [`job-${i - 1}`] }) },
            { in_parallel: { steps: [{ put: `image-${k}` }, { put: `repo-${k}`, params: { only_tag: true } }] } },
            {
              task: `build-${i}`,
              config: { platform: "linux", params: { VERSION: `1.0.${i}` }, run: { path: "make", args: ["build"] } },
            },
          ],
          on_failure: { put: `image-${k}`, params: { text: `job-${i} failed` } },
        };
      }),
    });
    const before = large(3000);
    const after = large(3000);
    const [job1500, job10] = [after.jobs[1500], after.jobs[10]];
    if (job1500?.plan[2]?.config === undefined || job10 === undefined) throw new Error("no such job");
    job1500.plan[2].config.params.VERSION = "2.0.0";
    Object.assign(job10, { serial: false }); // a zero value: stored alike, no change
    Object.assign(after.resources[7]?.source ?? {}, { branch: "dev" });
    const newJob = { name: "job-new", plan: [{ get: "repo-0" }], on_failure: { put: "image-0" } };

    vi.mocked(copyData).mockClear();
    const changes = diffPipelines(before, { ...after, jobs: [...after.jobs.slice(0, 2999), newJob] });
    expect(changes.map((c) => `${c.kind} ${c.section} ${c.name}`)).toEqual([
      "changed resources image-3",
      "changed jobs job-1500",
      "removed jobs job-2999",
      "added jobs job-new",
    ]);
    expect(formatChanges(changes.slice(1, 2))).toBe(
      [
        "jobs:",
        "  job job-1500 has changed:",
        "  @@ -14,7 +14,7 @@",
        "     config:",
        "       platform: linux",
        "       params:",
        '  -      VERSION: "1.0.1500"',
        '  +      VERSION: "2.0.0"',
        "       run:",
        "         path: make",
        "         args:",
        "",
      ].join("\n"),
    );
    // the configs, their sections and the objects alike on both sides are compared as they are, not copied
    const copied = vi.mocked(copyData).mock.calls.map(([value]) => (value as { name?: unknown }).name);
    expect(new Set(copied)).toEqual(new Set(["image-3", "job-10", "job-1500", "job-2999", "job-new"]));
  });
});
