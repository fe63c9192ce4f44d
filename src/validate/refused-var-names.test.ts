import { describe, expect, test, vi } from "vitest";
import * as vars from "../concourse/vars.ts";
import { validateText } from "./validate-text.ts";
import { validateData } from "./validate-value.ts";

// counts the names read, the expensive part: the census's cheap test is to keep clean references from it
vi.mock("../concourse/vars.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../concourse/vars.ts")>();
  return { ...original, refusedVar: vi.fn(original.refusedVar), readReference: vi.fn(original.readReference) };
});

/** A pipeline of `n` resources, each source holding clean references (as the bench's workload), and one job. */
const manyReferences = (n: number, extra: Record<string, string> = {}) => ({
  resources: Array.from({ length: n }, (_, i) => ({
    name: `r${i}`,
    type: "git",
    source: { uri: `((git.uri))/r${i}`, private_key: "((git.private_key))", user: "((vault:creds.user))", ...extra },
  })),
  jobs: [{ name: "j", plan: Array.from({ length: n }, (_, i) => ({ get: `r${i}` })) }],
});

describe("var names read only where the census's cheap test says one may be refused", () => {
  test("a clean pipeline of 3,000 references reads no name; one bad string is the only one read", () => {
    const reads = () => vi.mocked(vars.refusedVar).mock.calls.length + vi.mocked(vars.readReference).mock.calls.length;
    vi.mocked(vars.refusedVar).mockClear();
    vi.mocked(vars.readReference).mockClear();
    const clean = manyReferences(1000);
    expect(validateData(clean).diagnostics).toEqual([]);
    expect(validateText(JSON.stringify(clean)).diagnostics).toEqual([]);
    expect(reads()).toBe(0);

    const bad = manyReferences(1000);
    bad.resources[500] = { ...bad.resources[500], source: { uri: "((git..uri))" } } as (typeof bad.resources)[number];
    expect(validateData(bad).diagnostics.map((d) => [d.path.join("/"), d.message])).toEqual([
      ["resources/500/source/uri", "invalid var 'git..uri': empty field"],
    ]);
    expect(vi.mocked(vars.refusedVar).mock.calls).toEqual([["((git..uri))"]]);
  });
});
