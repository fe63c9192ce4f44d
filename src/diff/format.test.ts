import { describe, expect, test } from "vitest";
import { diffPipelines } from "./diff.ts";
import { changesToJson, formatChanges } from "./format.ts";
import { REDACTED, REDACTED_CHANGED, redact } from "./redact.ts";

const steps = (last: string) => ["a", "b", "c", "d", "e", "f", "g", last].map((put) => ({ put }));
const before = {
  resources: [
    { name: "src", type: "git", source: { uri: "https://git.example.com/app.git", branch: "main" } },
    { name: "old", type: "time", source: { interval: "1h" } },
  ],
  jobs: [{ name: "build", plan: [{ get: "src", trigger: true }, ...steps("z")] }],
};
const after = {
  resources: [{ name: "src", type: "git", source: { uri: "https://git.example.com/app.git", branch: "dev" } }],
  jobs: [{ name: "build", plan: [{ get: "src", trigger: false }, ...steps("h")] }],
};

describe("formatChanges", () => {
  test("per section, a heading per object and only the changed lines with 3 lines of context", () => {
    expect(formatChanges(diffPipelines(before, after))).toBe(
      [
        "resources:",
        "  resource src has changed:",
        "  @@ -2,4 +2,4 @@",
        "   type: git",
        "   source:",
        '     uri: "https://git.example.com/app.git"', // written as hangar render writes YAML
        "  -  branch: main",
        "  +  branch: dev",
        "  resource old has been removed:",
        "  -name: old",
        "  -type: time",
        "  -source:",
        '  -  interval: "1h"',
        "jobs:",
        "  job build has changed:",
        "  @@ -1,7 +1,6 @@",
        "   name: build",
        "   plan:",
        "   - get: src",
        "  -  trigger: true", // trigger: false is no field once Concourse has read it, as fly shows it
        "   - put: a",
        "   - put: b",
        "   - put: c",
        "  @@ -9,4 +8,4 @@",
        "   - put: e",
        "   - put: f",
        "   - put: g",
        "  -- put: z",
        "  +- put: h",
        "",
      ].join("\n"),
    );
  });

  test("a changed task script shows line by line", () => {
    const task = (script: string) => ({
      jobs: [
        { name: "j", plan: [{ task: "t", config: { platform: "linux", run: { path: "sh", args: ["-ec", script] } } }] },
      ],
    });
    const text = formatChanges(diffPipelines(task("set -x\nmake\nmake test\n"), task("set -x\nmake\nmake lint\n")), {
      context: 1,
    });
    expect(text).toBe(
      [
        "jobs:",
        "  job j has changed:",
        "  @@ -12,2 +12,2 @@",
        "           make",
        "  -        make test",
        "  +        make lint",
        "",
      ].join("\n"),
    );
  });

  test("-U sets the context; 0 shows only the changed lines", () => {
    const text = formatChanges(diffPipelines({ jobs: before.jobs }, { jobs: after.jobs }), { context: 0 });
    expect(text).toBe(
      [
        "jobs:",
        "  job build has changed:",
        "  @@ -4,1 +3,0 @@",
        "  -  trigger: true",
        "  @@ -12,1 +11,1 @@",
        "  -- put: z",
        "  +- put: h",
        "",
      ].join("\n"),
    );
  });

  test("a number YAML reads as NaN or infinite (.nan, .inf) is shown as YAML writes it", () => {
    const limit = (v: number) => ({ resources: [{ name: "r", type: "t", source: { limit: v } }] });
    const lines = formatChanges(diffPipelines(limit(Number.NaN), limit(Number.POSITIVE_INFINITY))).split("\n");
    expect(lines.filter((l) => /^ {2}[-+]/.test(l))).toEqual(["  -  limit: .nan", "  +  limit: .inf"]);
  });

  test("an object that holds no secret is shown, not copied, and one that does is copied", () => {
    const plain = { name: "r", source: { uri: "u", tags: ["a"] } };
    expect(redact(plain)).toBe(plain);
    const secret = { name: "r", source: { uri: "u", password: "hunter2" } };
    expect(redact(secret)).toEqual({ name: "r", source: { uri: "u", password: REDACTED } });
    expect(secret.source.password).toBe("hunter2");
  });

  test("keys in another order show no change of their own", () => {
    const reordered = { resources: [{ source: { branch: "dev", uri: "u" }, type: "git", name: "src" }] };
    const text = formatChanges(
      diffPipelines({ resources: [{ name: "src", type: "git", source: { uri: "u", branch: "main" } }] }, reordered),
    );
    expect(text.split("\n").filter((l) => /^ {2}[-+]/.test(l))).toEqual(["  -  branch: main", "  +  branch: dev"]);
  });

  test("keys named like what every object inherits (toString, constructor, __proto__) are keys like any other", () => {
    const resource = (source: string) => ({ resources: [{ name: "r", type: "git", source: JSON.parse(source) }] });
    const plain = resource('{"uri": "u"}');
    const odd = resource('{"uri": "u", "toString": "t", "constructor": "c", "__proto__": {"x": 1}}');
    const added = ["  +  toString: t", "  +  constructor: c", '  +  "__proto__":', "  +    x: 1"];
    const changed = (text: string) => text.split("\n").filter((l) => /^ {2}[-+]/.test(l));
    expect(changed(formatChanges(diffPipelines(plain, odd)))).toEqual(added);
    expect(changed(formatChanges(diffPipelines(odd, plain)))).toEqual(added.map((l) => l.replace("+", "-")));
    expect(changesToJson(diffPipelines(plain, odd)).changes[0]?.after).toEqual(odd.resources[0]);
  });

  test("display, moved groups, and colour on request", () => {
    const g = [
      { name: "a", jobs: ["*"] },
      { name: "b", jobs: ["x"] },
    ];
    const changes = diffPipelines({ groups: g }, { groups: [g[1], g[0]], display: { background_image: "x.png" } });
    expect(formatChanges(changes)).toBe(
      [
        "groups:",
        "  group a has moved from position 1 to 2",
        "  group b has moved from position 2 to 1",
        "display configuration has been added:",
        "+background_image: x.png",
        "",
      ].join("\n"),
    );
    expect(formatChanges(changes.slice(2), { color: true })).toBe(
      "\u001b[33mdisplay configuration has been added:\u001b[0m\n\u001b[32m+background_image: x.png\u001b[0m\n",
    );
  });

  test("a heading names each object unambiguously: a name that is not plain quoted, a repeated one's occurrence, an unnamed one's position", () => {
    const job = (name: unknown, get = "src") => ({ name, plan: [{ get }] });
    const names = ["#1", "a b", "a.b", "jobs[0]", "x/y", 'say "hi"', "back\\slash", "a", "a"];
    const changes = diffPipelines(
      { jobs: [job("plain"), { plan: [] }, job("a")] },
      { jobs: [...names.map((name) => job(name)), { plan: [{ get: "x" }] }, job(7)] },
    );
    const headings = formatChanges(changes)
      .split("\n")
      .filter((line) => !/^ *[-+]/.test(line));
    expect(headings).toEqual([
      "jobs:",
      "  job plain has been removed:",
      "  job at position 2, without a name has been removed:",
      '  job "#1" has been added:',
      '  job "a b" has been added:',
      '  job "a.b" has been added:',
      '  job "jobs[0]" has been added:',
      '  job "x/y" has been added:',
      '  job "say \\"hi\\"" has been added:',
      '  job "back\\\\slash" has been added:',
      "  job a (occurrence 2 of that name) has been added:",
      "  job at position 10, without a name has been added:",
      "  job at position 11, without a name has been added:",
      "",
    ]);
    // as data: a name, its occurrence, or the position of an object without one
    expect(changesToJson(changes).changes.map(({ name, occurrence, index }) => ({ name, occurrence, index }))).toEqual([
      { name: "plain" },
      { index: 1 },
      ...names.slice(0, 7).map((name) => ({ name })),
      { name: "a", occurrence: 2 },
      { index: 9 },
      { index: 10 },
    ]);
  });

  test("a job named #1 is not the unnamed object at position 1, nor a#2 the second of name a", () => {
    const job = (name: unknown, get: string) => ({ name, plan: [{ get }] });
    // unchanged: the unnamed job at position 1 and the job named '#1' keep their data
    expect(diffPipelines({ jobs: [job("#1", "x"), { plan: [] }] }, { jobs: [job("#1", "x"), { plan: [] }] })).toEqual(
      [],
    );
    const moved = diffPipelines({ jobs: [job("#1", "x"), { plan: [] }] }, { jobs: [{ plan: [] }, job("#1", "x")] });
    expect(moved.map((c) => [c.kind, c.name, c.index])).toEqual([
      ["removed", undefined, 1], // the unnamed job, matched by its position, not the job named '#1'
      ["added", undefined, 0],
    ]);
    const repeated = diffPipelines(
      { jobs: [job("a", "x"), job("a", "y")] },
      { jobs: [job("a", "x"), job("a#2", "y")] },
    );
    expect(repeated.map((c) => [c.kind, c.name, c.occurrence])).toEqual([
      ["removed", "a", 2],
      ["added", "a#2", undefined],
    ]);
  });

  test("control characters in names and keys are escaped in headings: a name cannot erase or forge lines", () => {
    const forged = "innocent\u001b[2K\r\u001b[1Ajob x\u202e";
    const changes = diffPipelines(
      { groups: [{ name: "g\nfake" }, { name: "h" }] },
      { jobs: [{ name: forged, plan: [] }], groups: [{ name: "h" }, { name: "g\nfake" }] },
    );
    const headings = formatChanges(changes)
      .split("\n")
      .filter((line) => !/^ *[-+]/.test(line));
    expect(headings).toEqual([
      "groups:",
      '  group "g\\nfake" has moved from position 1 to 2',
      "  group h has moved from position 2 to 1",
      "jobs:",
      '  job "innocent\\x1b[2K\\r\\x1b[1Ajob x\\u202e" has been added:',
      "",
    ]);
    // a section of a change made by hand (diffPipelines keeps only Concourse's top-level keys)
    expect(formatChanges([{ section: "odd\u0085key", kind: "added", after: 1 }])).toBe(
      "odd\\u0085key has been added:\n+1\n",
    );
  });

  test("a bidirectional control in a key or a value is escaped in the lines of YAML: a value cannot reorder its line", () => {
    const resource = (uri: string) => ({
      resources: [{ name: "r", type: "git", source: { uri, "k\u2067ey": "x" } }],
    });
    const lines = formatChanges(diffPipelines(resource("https://a.example"), resource("https://b.example/\u202egit.")))
      .split("\n")
      .filter((l) => /^ {2}[-+ ]/.test(l));
    expect(lines).toEqual([
      "   name: r",
      "   type: git",
      "   source:",
      '  -  uri: "https://a.example"',
      '  +  uri: "https://b.example/\\u202egit."',
      '     "k\\u2067ey": x',
    ]);
  });
});

describe("secrets", () => {
  const token = `ghp_${"a1B2".repeat(9)}`;
  const old = {
    resources: [
      {
        name: "repo",
        type: "git",
        source: { uri: "u", password: "hunter2-old", private_key: "((git.key))", username: "bot" },
      },
    ],
    jobs: [{ name: "j", plan: [{ task: "t", params: { GITHUB_TOKEN: "((gh))", NOTE: `curl -H ${token} x` } }] }],
  };
  const now = structuredClone(old);
  (now.resources[0] as { source: Record<string, string> }).source.password = "hunter2-new";

  test("values of secret keys and credential-shaped text are redacted; ((vars)) are shown as written", () => {
    expect(redact(old)).toEqual({
      resources: [
        {
          name: "repo",
          type: "git",
          source: { uri: "u", password: REDACTED, private_key: "((git.key))", username: "bot" },
        },
      ],
      jobs: [{ name: "j", plan: [{ task: "t", params: { GITHUB_TOKEN: "((gh))", NOTE: `curl -H ${REDACTED} x` } }] }],
    });
  });

  test("a changed secret shows as a change without either value; --show-secrets shows them", () => {
    const changes = diffPipelines(old, now);
    const text = formatChanges(changes);
    expect(text).toContain(`  -  password: "${REDACTED}"\n  +  password: "${REDACTED_CHANGED}"\n`);
    expect(text).not.toContain("hunter2");
    const shown = formatChanges(changes, { showSecrets: true });
    expect(shown).toContain("  -  password: hunter2-old\n  +  password: hunter2-new\n");
  });

  test("a secret YAML reads as a number is redacted too, and its change shows", () => {
    const pin = (password: number) => ({ resources: [{ name: "r", type: "git", source: { uri: "u", password } }] });
    const text = formatChanges(diffPipelines(pin(123456), pin(654321)));
    expect(text).toContain(`  -  password: "${REDACTED}"\n  +  password: "${REDACTED_CHANGED}"\n`);
    expect(text).not.toMatch(/123456|654321/);
    expect(JSON.stringify(changesToJson(diffPipelines({}, pin(123456))))).not.toContain("123456");
    // a number of a key that names no secret, and a placeholder, are shown
    expect(redact({ port: 8080, password: 0 })).toEqual({ port: 8080, password: 0 });
  });

  test("a Vault var source's AppRole secret_id is redacted, its role_id shown", () => {
    const vault = (secret_id: string) => ({
      var_sources: [
        {
          name: "v",
          type: "vault",
          config: { url: "u", auth_backend: "approle", auth_params: { role_id: "r-1", secret_id } },
        },
      ],
    });
    const text = formatChanges(diffPipelines(vault("s3cr3t-old"), vault("s3cr3t-new")));
    expect(text).toContain(`secret_id: "${REDACTED_CHANGED}"`);
    expect(text).not.toContain("s3cr3t");
    expect(formatChanges(diffPipelines({}, vault("s3cr3t-old")))).toContain("role_id: r-1");
  });

  test("added objects are redacted too, in text and JSON", () => {
    const changes = diffPipelines({}, old);
    expect(formatChanges(changes)).not.toMatch(/hunter2|ghp_/);
    expect(JSON.stringify(changesToJson(changes))).not.toMatch(/hunter2|ghp_/);
  });
});

test("changesToJson gives the same changes as data, with their diff lines", () => {
  const json = changesToJson(diffPipelines({ resources: before.resources }, { resources: after.resources }), {
    context: 0,
  });
  expect(json).toEqual({
    equal: false,
    changes: [
      {
        section: "resources",
        name: "src",
        change: "changed",
        before: before.resources[0],
        after: after.resources[0],
        diff: ["@@ -5,1 +5,1 @@", "-  branch: main", "+  branch: dev"],
      },
      {
        section: "resources",
        name: "old",
        change: "removed",
        before: before.resources[1],
        diff: ["-name: old", "-type: time", "-source:", '-  interval: "1h"'],
      },
    ],
  });
  expect(changesToJson([])).toEqual({ equal: true, changes: [] });
});
