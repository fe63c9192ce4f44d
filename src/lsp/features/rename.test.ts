import { describe, expect, test } from "vitest";
import type { ResponseError, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { open, URI } from "../../../test/helpers/lsp-document.ts";
import { validateText } from "../../validate/validate-text.ts";
import { MAX_RENAME_WRITES, prepareRename, rename } from "./rename.ts";

/** A pipeline the validator finds nothing in, where `repo` is got by its own name and used as an artifact. */
const PIPELINE = `resource_types:
  - name: slack
    type: registry-image
    source: { repository: cfcommunity/slack-notification-resource }
resources:
  - name: repo
    type: git
    source: { uri: https://example.com/repo.git }
  - name: notify
    type: slack
    source: { url: https://hooks.example.com }
  - name: image
    type: registry-image
    source: { repository: example/app }
jobs:
  - name: unit
    plan:
      - get: repo
        trigger: true
      - task: build
        input_mapping: { source: repo }
        config:
          platform: linux
          image_resource: { type: registry-image, source: { repository: alpine } }
          inputs: [{ name: source }, { name: repo }]
          outputs: [{ name: built }]
          run: { path: repo/ci/build.sh }
      - put: image
        inputs: [built, repo]
        params: { image: built/image.tar, version: repo/.git/ref }
      - task: test
        file: repo/ci/test.yml
  - name: ship
    plan:
      - in_parallel:
          - { get: repo, passed: [unit], trigger: true }
          - get: image
            passed: [unit]
      - put: repo
        params: { repository: repo }
      - put: notify
        params: { text: shipped }
groups:
  - name: all
    jobs: [unit, ship]
    resources: [repo, image]
`;

const findings = (text: string) => validateText(text).diagnostics.map((d) => `${d.ruleId} ${d.message}`);

function renamed(
  marked: string,
  newName: string,
  at?: (o: ReturnType<typeof open>) => ReturnType<typeof open>["cursor"],
) {
  const opened = open(marked);
  const result = rename(opened.text, opened.document, at === undefined ? opened.cursor : at(opened), newName);
  if (!isEdit(result)) throw new Error(`rename refused: ${result.message}`);
  return TextDocument.applyEdits(opened.text, result.changes?.[URI] as TextEdit[]);
}
const isEdit = (r: WorkspaceEdit | ResponseError): r is WorkspaceEdit => "changes" in r;

describe("rename of a resource", () => {
  test("the starting pipeline is clean, so any finding after a rename is new", () => {
    expect(findings(PIPELINE)).toEqual([]);
  });

  test("a get or put named by the resource keeps its name (the artifact's) and is given `resource:`", () => {
    const after = renamed(PIPELINE, "source-code", (o) => o.at("name: repo", "name: r".length));
    expect(findings(after)).toEqual([]);
    expect(after).toContain("  - name: source-code\n    type: git\n");
    expect(after).toContain("      - get: repo\n        resource: source-code\n        trigger: true\n");
    expect(after).toContain("{ get: repo, resource: source-code, passed: [unit], trigger: true }");
    expect(after).toContain("      - put: repo\n        resource: source-code\n        params: { repository: repo }\n");
    expect(after).toContain("resources: [source-code, image]");
    // every use of the artifact is as it was
    expect(after).toContain("file: repo/ci/test.yml");
    expect(after).toContain("input_mapping: { source: repo }");
    expect(after).toContain("inputs: [built, repo]");
  });

  test("renaming the step as well would have broken the job: the check above can fail", () => {
    const naive = PIPELINE.replaceAll("get: repo", "get: source-code")
      .replaceAll("put: repo", "put: source-code")
      .replace("name: repo", "name: source-code")
      .replace("resources: [repo,", "resources: [source-code,");
    expect(findings(naive)).toEqual([
      "dataflow-task-input-not-produced input 'source' (mapped to 'repo') is not produced by any earlier step in job 'unit'",
      "dataflow-task-input-not-produced input 'repo' is not produced by any earlier step in job 'unit'",
      "dataflow-put-input-unknown put 'image' lists input 'repo', which no earlier step in job 'unit' produces",
    ]);
  });

  test("from a reference, the same edits as from the definition", () => {
    const fromDefinition = renamed(PIPELINE, "src", (o) => o.at("name: repo", "name: ".length));
    const fromGet = renamed(PIPELINE, "src", (o) => o.at("get: repo", "get: re".length, 2));
    const fromGroup = renamed(PIPELINE, "src", (o) => o.at("[repo, image]", 1));
    expect(fromGet).toBe(fromDefinition);
    expect(fromGroup).toBe(fromDefinition);
  });

  test("a get with `resource:` has only that value renamed", () => {
    const after = renamed(
      "resources:\n  - name: repo\n    type: git\n    source: {uri: u}\njobs:\n  - name: a\n    plan:\n      - get: src\n        resource: re|po\n      - task: t\n        file: src/t.yml\n",
      "code",
    );
    expect(after).toBe(
      "resources:\n  - name: code\n    type: git\n    source: {uri: u}\njobs:\n  - name: a\n    plan:\n      - get: src\n        resource: code\n      - task: t\n        file: src/t.yml\n",
    );
  });

  test("a get on the last line of a file without a final line break", () => {
    const after = renamed(
      "resources:\n  - name: r\n    type: git\njobs:\n  - name: a\n    plan:\n      - get: |r",
      "s",
    );
    expect(after).toBe(
      "resources:\n  - name: s\n    type: git\njobs:\n  - name: a\n    plan:\n      - get: r\n        resource: s",
    );
  });

  test("a get whose key is not the step's first, with a comment after the name, in a file with CRLF line breaks", () => {
    const text =
      "resources:\r\n  - name: r\r\n    type: git\r\njobs:\r\n  - name: a\r\n    plan:\r\n      - trigger: true\r\n        get: |r # the code\r\n";
    expect(renamed(text, "s")).toBe(
      "resources:\r\n  - name: s\r\n    type: git\r\njobs:\r\n  - name: a\r\n    plan:\r\n      - trigger: true\r\n        get: r # the code\r\n        resource: s\r\n",
    );
  });
});

describe("rename of other names", () => {
  test("a get whose step has an anchor before its first key: `resource:` at the step's keys' column", () => {
    const before =
      "resources:\n  - name: re|po\n    type: git\n    source: {uri: u}\njobs:\n  - name: a\n    plan:\n      - &s get: repo\n";
    const after = renamed(before, "code");
    expect(after).toBe(
      before.replace("re|po", "code").replace("&s get: repo\n", "&s get: repo\n        resource: code\n"),
    );
    expect(findings(after)).toEqual([]);
  });

  test("a job: its definition, `passed` and group entries", () => {
    const after = renamed(PIPELINE, "test", (o) => o.at("name: unit", "name: ".length));
    expect(findings(after)).toEqual([]);
    expect(after).toContain("  - name: test\n    plan:");
    expect(after).toContain("{ get: repo, passed: [test], trigger: true }");
    expect(after).toContain("          - get: image\n            passed: [test]\n");
    expect(after).toContain("jobs: [test, ship]");
  });

  test("a resource type: its definition and the resources of that type", () => {
    const after = renamed(PIPELINE, "slack-notification", (o) => o.at("type: slack", "type: s".length));
    expect(findings(after)).toEqual([]);
    expect(after).toContain("  - name: slack-notification\n    type: registry-image\n");
    expect(after).toContain("  - name: notify\n    type: slack-notification\n");
  });

  test("a prototype: its definition and the run steps' `type`", () => {
    const after = renamed(
      "prototypes:\n  - name: npm\n    type: registry-image\n    source: {repository: p}\njobs:\n  - name: a\n    plan:\n      - run: test\n        type: n|pm\n",
      "node",
    );
    expect(after).toContain("  - name: node\n");
    expect(after).toContain("        type: node\n");
  });

  test("quotes are kept; a name YAML would read as something else is quoted", () => {
    expect(renamed(`jobs:\n  - name: "a|"\n    plan: []\ngroups:\n  - name: g\n    jobs: ['a']\n`, "b")).toBe(
      `jobs:\n  - name: "b"\n    plan: []\ngroups:\n  - name: g\n    jobs: ['b']\n`,
    );
    expect(renamed("jobs:\n  - name: a|\n    plan: []\n", "yes")).toBe('jobs:\n  - name: "yes"\n    plan: []\n');
  });
});

describe("rename of a name written through a YAML alias or merge key", () => {
  test("a job named by an alias: the anchored scalar is renamed once and the alias kept", () => {
    const before =
      "groups:\n  - name: all\n    jobs: [&b build, ship]\njobs:\n  - name: *b\n    plan: [{ get: r }]\n  - name: ship\n    plan:\n      - get: r\n        passed: [bui|ld]\nresources:\n  - name: r\n    type: git\n    source: {uri: u}\n";
    const after = renamed(before, "compile");
    expect(after).toBe(before.replace("&b build", "&b compile").replace("[bui|ld]", "[compile]"));
    expect(findings(after)).toEqual([]);
  });

  test("a job named through a merge key: the name is renamed where the merged mapping holds it", () => {
    const before =
      "base: &base\n  name: build\n  plan: []\njobs:\n  - <<: *base\n  - name: ship\n    plan:\n      - get: r\n        passed: [bui|ld]\n";
    expect(renamed(before, "compile")).toBe(
      before.replace("name: build", "name: compile").replace("[bui|ld]", "[compile]"),
    );
  });

  test("a get named through an alias is refused: it cannot keep its name and change its resource", () => {
    const o = open(
      "resources:\n  - name: &r re|po\n    type: git\n    source: {uri: u}\njobs:\n  - name: a\n    plan:\n      - get: *r\n",
    );
    const result = rename(o.text, o.document, o.cursor, "code");
    expect(isEdit(result) ? undefined : result.message).toBe(
      "'repo' names a step through a YAML alias at 8:14: rename it by hand",
    );
  });
});

describe("rename of a step's name that an alias also uses", () => {
  test("a get whose name is anchored and used by an alias is refused: the alias would name the old resource", () => {
    const o = open(
      "resources:\n  - name: sr|c\n    type: git\n    source: {uri: u}\njobs:\n  - name: a\n    plan:\n      - get: &n src\n      - put: x\n        resource: *n\n",
    );
    const result = rename(o.text, o.document, o.cursor, "code");
    expect(isEdit(result) ? TextDocument.applyEdits(o.text, result.changes?.[URI] as TextEdit[]) : result.message).toBe(
      "'src' names a step at 8:17 whose anchor a YAML alias uses at 10:19: rename it by hand",
    );
  });
});

describe("rename of an anchored name that an alias uses elsewhere", () => {
  test("an alias to the name that is not a place of it (a job named by the resource's anchor) is refused", () => {
    const o = open(
      "resources:\n  - name: &n sr|c\n    type: git\n    source: {uri: u}\njobs:\n  - name: *n\n    plan:\n      - get: x\n        resource: src\n",
    );
    const result = rename(o.text, o.document, o.cursor, "code");
    expect(isEdit(result) ? TextDocument.applyEdits(o.text, result.changes?.[URI] as TextEdit[]) : result.message).toBe(
      "the YAML alias at 6:11 stands for 'src' too, where it is not that resource: rename it by hand",
    );
  });

  test("an alias that is a reference of the same name is renamed with it, once", () => {
    const before =
      "resource_types:\n  - name: &n sl|ack\n    type: registry-image\n    source: {repository: x}\nresources:\n  - name: r\n    type: *n\n    source: {}\n";
    expect(renamed(before, "notify")).toBe(before.replace("sl|ack", "notify"));
  });
});

describe("what rename refuses", () => {
  const refused = (marked: string, newName: string) => {
    const o = open(marked);
    const result = rename(o.text, o.document, o.cursor, newName);
    return isEdit(result) ? undefined : result.message;
  };

  test("a name Concourse would not accept", () => {
    expect(refused("jobs:\n  - name: a|\n    plan: []\n", "Build")).toBe(
      "'Build' is not a valid name: must start with a lowercase letter or a number",
    );
    expect(refused("jobs:\n  - name: a|\n    plan: []\n", "")).toBe("'' is not a valid name: a name cannot be empty");
    // a long one quoted cut
    expect(refused("jobs:\n  - name: a|\n    plan: []\n", `${"x".repeat(100)} y`)).toBe(
      `'${"x".repeat(60)}…' is not a valid name: illegal character ' '`,
    );
  });

  test("a name so long, at so many places, that the answer would write more than 64 Mi characters of it (an answer of gigabytes ran the server out of memory)", () => {
    const passed = Array.from(
      { length: 64 },
      (_, i) => `  - name: j${i}\n    plan:\n      - get: r\n        passed: [a]\n`,
    );
    const text = `resources:\n  - name: r\n    type: git\n    source: {}\njobs:\n  - name: a|\n    plan: []\n${passed.join("")}`;
    expect(refused(text, "n".repeat(2 ** 20))).toBe(
      `renaming 'a' at 65 places to a name of ${2 ** 20} characters would write ${65 * 2 ** 20} characters, more than the ${MAX_RENAME_WRITES} a rename writes`,
    );
    expect(refused(text.replace("passed: [a]\n", ""), "n".repeat(2 ** 20))).toBeUndefined();
  });

  test("a name in a text whose broken line was read as blank, where that line holds the name", () => {
    const broken = "jobs:\n  - name: a|\n    plan: []\n  - name: b\n    plan:\n      - get: r\n        passed: [a, b\n";
    expect(refused(broken, "c")).toBe(
      "the text cannot be read at 7:17, where 'a' may be written: fix it before renaming",
    );
    // a broken line without the name (as a whole word) does not stop it
    expect(renamed(broken.replace("[a, b", "[ba, b"), "c")).toBe(broken.replace("a|", "c").replace("[a, b", "[ba, b"));
    expect(renamed(broken.replace("[a, b", "[b, "), "c")).toBe(broken.replace("a|", "c").replace("[a, b", "[b, "));
  });

  test("a name already defined for that kind", () => {
    expect(refused("jobs:\n  - name: a|\n    plan: []\n  - name: b\n    plan: []\n", "b")).toBe(
      "there is already a job named 'b'",
    );
  });

  test("a place with no name", () => {
    const o = open("jobs:\n  - na|me: a\n    plan: []\n");
    expect(prepareRename(o.text, o.document, o.cursor)).toBeNull();
    expect(refused("jobs:\n  - na|me: a\n    plan: []\n", "b")).toBe("nothing to rename here");
  });

  test("prepareRename gives the range of the name under the cursor", () => {
    const o = open("jobs:\n  - name: ab|c\n    plan: []\n");
    expect(prepareRename(o.text, o.document, o.cursor)).toEqual({
      start: { line: 1, character: 10 },
      end: { line: 1, character: 13 },
    });
  });
});

describe("rename in a text with a key written twice in one mapping (fly refuses it; the editor reads the last one)", () => {
  const TWICE =
    "resources:\n  - name: repo\n    type: git\njobs:\n  - name: unit\n    plan:\n      - get: repo\njobs:\n  - name: ship\n    plan:\n      - get: repo\n        passed: [unit]\n";
  const refusal = (marked: string, newName: string) => {
    const o = open(marked);
    const result = rename(o.text, o.document, o.cursor, newName);
    return isEdit(result) ? undefined : result.message;
  };
  const at = (needle: string, delta: number) => {
    const i = TWICE.indexOf(needle) + delta;
    return `${TWICE.slice(0, i)}|${TWICE.slice(i)}`;
  };

  test("the validator reports the second `jobs:`, and the editor reads only what is under it", () => {
    expect(validateText(TWICE).diagnostics.map((d) => `${d.loc?.line}:${d.loc?.col} ${d.message}`)).toEqual([
      '8:1 mapping key "jobs" already defined at line 4',
    ]);
    expect(
      open(TWICE)
        .document.names.filter((s) => s.kind === "job")
        .map((s) => s.name),
    ).toEqual(["ship", "unit"]);
  });

  test("a name also written under the first `jobs:` is not renamed in part: refused, saying where and why", () => {
    expect(refusal(at("passed: [unit", 9), "test")).toBe(
      "the key 'jobs' at 4:1 is written again at 8:1, and only the last one is read, so 'unit' at 5:11 would not be renamed: fix the repeated key before renaming",
    );
    expect(refusal(at("get: repo\n        passed", 6), "src")).toBe(
      "the key 'jobs' at 4:1 is written again at 8:1, and only the last one is read, so 'repo' at 7:14 would not be renamed: fix the repeated key before renaming",
    );
  });

  test("on a name under the first `jobs:`: refused when the rename is prepared, with the reason", () => {
    const o = open(at("name: unit", 7));
    const prepared = prepareRename(o.text, o.document, o.cursor);
    expect(prepared).toMatchObject({
      message: "the key 'jobs' at 4:1 is written again at 8:1, and only the last one is read: fix it before renaming",
    });
    expect(refusal(at("name: unit", 7), "test")).toBe(
      "the key 'jobs' at 4:1 is written again at 8:1, and only the last one is read: fix it before renaming",
    );
  });

  test("a name written only under the last one is renamed", () => {
    expect(renamed(at("name: ship", 7), "deploy")).toBe(TWICE.replace("ship", "deploy"));
  });

  test("a key written twice in a job (a first `plan:`): a resource got there is not renamed in part either", () => {
    const text =
      "resources:\n  - name: re|po\n    type: git\njobs:\n  - name: unit\n    plan:\n      - get: repo\n    plan: []\n";
    expect(refusal(text, "src")).toBe(
      "the key 'plan' at 6:5 is written again at 8:5, and only the last one is read, so 'repo' at 7:14 would not be renamed: fix the repeated key before renaming",
    );
  });
});
