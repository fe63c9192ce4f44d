import { describe, expect, test } from "vitest";
import { DiagnosticSeverity } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { open, URI } from "../../../test/helpers/lsp-document.ts";
import { parsePipeline } from "../../parse/parse-pipeline.ts";
import type { Diagnostic } from "../../source/diagnostic.ts";
import { validateParsed } from "../../validate/validate-text.ts";
import { MAX_PUBLISHED, quickFixes, TOO_MANY, toLspDiagnostics } from "./diagnostics.ts";

/** The LSP diagnostics the server publishes for a text: the validator's findings on its one parse. */
function published(content: string, strict = false) {
  const { text } = open(content);
  const parsed = parsePipeline(content, { file: URI });
  return toLspDiagnostics(validateParsed(parsed, { file: URI, strict }).diagnostics, text, parsed.pipeline);
}

const PIPELINE = `resources:
  - name: source-code
    type: git
    source: { uri: https://example.com/repo.git }
jobs:
  - name: build
    plan:
      - get: source-cod
      - put: elsewhere
`;

describe("the validator's findings as LSP diagnostics", () => {
  test.each([
    [
      "trigger: ((auto))",
      'json: cannot unmarshal string into Go struct field GetStep.trigger of type bool; the var ((auto)) has no value: give it in the setting hangar.vars ({ "auto": <value> }) or in a file of hangar.varsFiles',
    ],
    [
      "trigger: ((vault:auto))",
      "json: cannot unmarshal string into Go struct field GetStep.trigger of type bool; the var ((vault:auto)) is resolved only when the pipeline runs, too late for this field",
    ],
  ])(
    "a var with no value in a typed field (%s) is told to be given in the settings, not with flags",
    (field, message) => {
      const diagnostics = published(`jobs:\n  - name: build\n    plan:\n      - get: repo\n        ${field}\n`);
      expect(diagnostics.map((d) => d.message)).toEqual([message]);
    },
  );

  test("range, severity, rule id as code, and a suggestion from the names the validator read", () => {
    const diagnostics = published(PIPELINE);
    const typo = diagnostics.find((d) => d.code === "get-unknown-resource");
    expect(typo).toEqual({
      range: { start: { line: 7, character: 13 }, end: { line: 7, character: 23 } },
      severity: DiagnosticSeverity.Error,
      code: "get-unknown-resource",
      source: "hangar",
      message: "unknown resource 'source-cod'; did you mean 'source-code'?",
      data: { replacement: "source-code" },
    });
  });

  test("no suggestion when no defined name is close", () => {
    const far = published(PIPELINE).find((d) => d.code === "put-unknown-resource");
    expect(far?.message).toBe("unknown resource 'elsewhere'");
    expect(far?.data).toBeUndefined();
  });

  test("a warning (an unknown top-level key, which set-pipeline drops) is a warning; with strict, an error", () => {
    const text = "jobs:\n  - name: a\n    plan: []\nbogus: 1\n";
    const warning = published(text).find((d) => d.message.includes('"bogus"'));
    expect(warning?.severity).toBe(DiagnosticSeverity.Warning);
    expect(published(text, true).find((d) => d.message.includes('"bogus"'))?.severity).toBe(DiagnosticSeverity.Error);
  });

  test("a finding without a location is put at the start; one without an end covers one character", () => {
    const { text } = open("jobs: []\n");
    const base: Diagnostic = { ruleId: "x", severity: "error", parity: "hangar", message: "m", path: [] };
    const [nowhere, point] = toLspDiagnostics([base, { ...base, loc: { line: 1, col: 3 } }], text, undefined);
    expect(nowhere?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    expect(point?.range).toEqual({ start: { line: 0, character: 2 }, end: { line: 0, character: 3 } });
  });

  test("a suggestion the finding carries is used as it is, and not written twice into the message", () => {
    const { text } = open("jobs: []\n");
    const given: Diagnostic = {
      ruleId: "step-unknown-fields",
      severity: "error",
      parity: "concourse",
      message: "unknown field 'trigerr'; did you mean 'trigger'?",
      path: [],
      data: { didYouMean: "trigger" },
    };
    expect(toLspDiagnostics([given], text, undefined)[0]).toMatchObject({
      message: "unknown field 'trigerr'; did you mean 'trigger'?",
      data: { replacement: "trigger" },
    });
  });
});

describe("a document with more findings than are published", () => {
  /** A pipeline of `n` gets of resources it does not define (`nope-0`...), one a line from line 3. */
  const faulty = (n: number) =>
    `jobs:\n  - name: j\n    plan:\n${Array.from({ length: n }, (_, i) => `      - get: nope-${i}\n`).join("")}`;

  test("the first in the text are published, then one saying how many more there are, at the first left out", () => {
    const n = MAX_PUBLISHED + 5;
    const diagnostics = published(faulty(n));
    expect(diagnostics).toHaveLength(MAX_PUBLISHED + 1);
    const shown = diagnostics.slice(0, MAX_PUBLISHED);
    expect(shown.every((d) => d.code === "get-unknown-resource")).toBe(true);
    expect(shown.map((d) => d.range.start.line)).toEqual(Array.from({ length: MAX_PUBLISHED }, (_, i) => 3 + i));
    expect(diagnostics[MAX_PUBLISHED]).toEqual({
      range: { start: { line: 3 + MAX_PUBLISHED, character: 13 }, end: { line: 3 + MAX_PUBLISHED, character: 22 } },
      severity: DiagnosticSeverity.Information,
      code: TOO_MANY,
      source: "hangar",
      message: `5 more findings from here on not shown: hangar shows the first ${MAX_PUBLISHED} of a document (\`hangar validate\` lists them all)`,
    });
  });

  test("100,000 findings: the first by position, where all were sent, whatever order they are given in", () => {
    const text = TextDocument.create(URI, "yaml", 1, faulty(100_000));
    const base: Diagnostic = { ruleId: "x", severity: "warning", parity: "hangar", message: "m", path: [] };
    const found = Array.from({ length: 100_000 }, (_, i) => ({ ...base, loc: { line: 100_003 - i, col: 7 } }));
    const diagnostics = toLspDiagnostics(found, text, undefined);
    expect(diagnostics).toHaveLength(MAX_PUBLISHED + 1);
    expect(diagnostics[0]?.range.start.line).toBe(3);
    expect(diagnostics[MAX_PUBLISHED - 1]?.range.start.line).toBe(2 + MAX_PUBLISHED);
    expect(diagnostics[MAX_PUBLISHED]?.message).toMatch(/^99000 more findings from here on not shown/);
  });

  test("exactly as many as are published: no word of more", () => {
    const diagnostics = published(faulty(MAX_PUBLISHED));
    expect(diagnostics).toHaveLength(MAX_PUBLISHED);
    expect(diagnostics.some((d) => d.code === TOO_MANY)).toBe(false);
  });

  test("the defined names suggested from are read once for all findings, where each finding read its section", () => {
    const { text } = open("jobs: []\n");
    const reads = { resources: 0 };
    const pipeline = {
      get resources() {
        reads.resources++;
        return [{ name: "source-code" }];
      },
    };
    const base: Diagnostic = {
      ruleId: "get-unknown-resource",
      severity: "error",
      parity: "hangar",
      message: "m",
      path: [],
    };
    const found = Array.from({ length: 50 }, () => ({ ...base, data: { resource: "source-cod" } }));
    const diagnostics = toLspDiagnostics(found, text, pipeline);
    expect(diagnostics.map((d) => d.data)).toEqual(Array(50).fill({ replacement: "source-code" }));
    expect(reads.resources).toBe(1);
  });
});

describe("quick fixes", () => {
  test("each diagnostic with a replacement gives one preferred fix writing it over the diagnostic's range", () => {
    const diagnostics = published(PIPELINE);
    const fixes = quickFixes(URI, diagnostics);
    const typo = diagnostics.find((d) => d.code === "get-unknown-resource");
    expect(fixes).toEqual([
      {
        title: "Change to 'source-code'",
        kind: "quickfix",
        diagnostics: [typo],
        isPreferred: true,
        edit: { changes: { [URI]: [{ range: typo?.range, newText: "source-code" }] } },
      },
    ]);
  });

  test("a name a merge key brings in is fixed where it is written, in the anchored mapping", () => {
    const content = `fetch: &fetch { get: source-cdoe, trigger: true }\n${PIPELINE}      - <<: *fetch\n`;
    const { text } = open(content);
    const diagnostics = published(content).filter((d) => d.code === "get-unknown-resource");
    expect(diagnostics.map((d) => text.getText(d.range))).toEqual(["source-cdoe", "source-cod"]);
    const [merged] = quickFixes(URI, diagnostics);
    expect(merged?.edit?.changes?.[URI]).toEqual([
      { range: { start: { line: 0, character: 21 }, end: { line: 0, character: 32 } }, newText: "source-code" },
    ]);
  });

  test("none for diagnostics without one (or whose data is not the server's)", () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    expect(
      quickFixes(URI, [
        { range, message: "m" },
        { range, message: "m", data: { replacement: 3 } },
      ]),
    ).toEqual([]);
  });
});

describe("a document that starts with a byte order mark (a client that keeps it)", () => {
  /** What each published range covers in the document as the client holds it. */
  const covered = (content: string) => {
    const { text } = open(content);
    return published(content).map((d) => `${d.code} ${JSON.stringify(text.getText(d.range))}`);
  };

  test("each range covers the same text as without the BOM, on the first line and after it", () => {
    const oneLine = "jobs: [{name: j, plan: [{get: nope}]}]\n";
    expect(covered(`\uFEFF${oneLine}`)).toEqual(['get-unknown-resource "nope"']);
    expect(covered(`\uFEFF${PIPELINE}`)).toEqual(covered(PIPELINE));
    expect(covered(PIPELINE)).toContain('get-unknown-resource "source-cod"');
  });

  test("positions count the BOM as a character of line 0", () => {
    const [found] = published("\uFEFFjobs: [{name: j, plan: [{get: nope}]}]\n");
    expect(found?.range).toEqual({ start: { line: 0, character: 31 }, end: { line: 0, character: 35 } });
  });
});
