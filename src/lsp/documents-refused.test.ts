import { describe, expect, test, vi } from "vitest";
import { readDocument } from "./documents.ts";
import * as mend from "./mend.ts";

// the editor's own reading, counted: what a text parse refused costs the server beyond that parse
vi.mock("./mend.ts", async (actual) => {
  const module = await actual<typeof mend>();
  return { ...module, mendText: vi.fn(module.mendText) };
});

describe("a text parse refuses as a whole is not read again the editor's way", () => {
  test("nested deeper than parse reads: its one finding, no names, and no second reading", () => {
    const keys = Array.from({ length: 1_500 }, (_, i) => `${" ".repeat(i)}k${i}:\n`).join("");
    const read = vi.mocked(mend.mendText);
    read.mockClear();
    const document = readDocument(`jobs:\n${keys}`);
    expect(document.names).toEqual([]);
    expect(document.tree).toBeUndefined();
    expect(read).not.toHaveBeenCalled();
  });

  test("a text that does not read yet (a line being typed) is still mended", () => {
    const read = vi.mocked(mend.mendText);
    read.mockClear();
    const document = readDocument("resources:\n  - name: repo\n    type: [git\n");
    expect(read).toHaveBeenCalledTimes(1);
    expect(document.names.map((s) => s.name)).toEqual(["repo"]);
  });
});
