import { describe, expect, test, vi } from "vitest";
import { builtSchemaDocs, open, URI } from "../../../test/helpers/lsp-document.ts";
import { readYaml } from "../../parse/read-yaml.ts";
import { completion } from "./completion.ts";
import { definition, references } from "./definition.ts";
import { hover } from "./hover.ts";
import { documentSymbols } from "./symbols.ts";

// every reading of YAML text (the validator's parse, the editor's mended reading) goes through readYaml: counted here
vi.mock("../../parse/read-yaml.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../parse/read-yaml.ts")>();
  return { ...original, readYaml: vi.fn(original.readYaml) };
});
const reads = (): number => vi.mocked(readYaml).mock.calls.length;

const docs = builtSchemaDocs();

describe("a text with a key written twice is read once per version, with its readings under each copy", () => {
  const TWICE = `resources:
  - name: repo
    type: git
jobs:
  - name: unit
    plan:
      - get: repo
        passed: [unit]
jobs:
  - name: ship
    plan:
      - get: repo
        passed: [unit]
`;

  test("hover, go to definition, references, the outline and completion under either copy read the text no more", () => {
    const before = reads();
    const twice = open(TWICE);
    // the validator's parse, which refuses the text, the editor's reading, and one under the first `jobs:`
    expect(reads() - before).toBeGreaterThan(0);
    const read = reads();
    const unit = twice.at("name: unit", "name: ".length);
    const underFirst = twice.at("get: repo", "get: ".length);
    const underLast = twice.at("[unit]", 1, 2);
    for (let i = 0; i < 3; i++) {
      expect(hover(twice.text, twice.document, docs, underFirst)?.contents).toMatchObject({
        value: "**resource** `repo`\n\n```yaml\nname: repo\ntype: git\n```",
      });
      expect(definition(twice.text, twice.document, underLast)).toEqual({
        uri: URI,
        range: { start: unit, end: { line: unit.line, character: unit.character + 4 } },
      });
      expect(definition(twice.text, twice.document, underFirst)?.range.start.line).toBe(1);
      expect(references(twice.text, twice.document, unit, false)).toHaveLength(2);
      expect(documentSymbols(twice.text, twice.document).map((s) => s.name)).toEqual(["repo", "unit", "ship"]);
      expect(completion(twice.text, twice.document, docs, underLast).map((c) => c.label)).toContain("unit");
    }
    expect(reads()).toBe(read);
  });
});
