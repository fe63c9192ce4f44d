import { describe, expect, test, vi } from "vitest";
import * as vars from "../concourse/vars.ts";
import { validateText } from "./validate-text.ts";
import { validateData } from "./validate-value.ts";

// counts the names read, the expensive part: the census's cheap test is to keep clean references from it
vi.mock("../concourse/vars.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../concourse/vars.ts")>();
  return {
    ...original,
    mayRefuseVar: vi.fn(original.mayRefuseVar),
    refusedVar: vi.fn(original.refusedVar),
    readReference: vi.fn(original.readReference),
  };
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

describe("var names in keys: only a key holding (( is given the cheap test, only one it passes is read", () => {
  /** `n` resources whose sources have keys of no var and keys of clean references. */
  const manyKeys = (n: number) => ({
    resources: Array.from({ length: n }, (_, i) => ({
      name: `r${i}`,
      type: "git",
      source: { [`plain-key-${i}`]: `v${i}`, [`((git.key_${i}))`]: `w${i}`, nested: { [`deep-key-${i}`]: [`x${i}`] } },
    })),
    jobs: [
      {
        name: "j",
        plan: [
          ...Array.from({ length: n }, (_, i) => ({ get: `r${i}` })),
          { put: "r0", params: { "step-key": "y", "((vault:creds.user))": "z" } },
        ],
      },
    ],
  });

  test("a clean pipeline of 1,000 keys with references reads no name, and the cheap test sees no other key", () => {
    vi.mocked(vars.mayRefuseVar).mockClear();
    vi.mocked(vars.refusedVar).mockClear();
    vi.mocked(vars.readReference).mockClear();
    const clean = manyKeys(1000);
    expect(validateData(clean).diagnostics).toEqual([]);
    expect(validateText(JSON.stringify(clean)).diagnostics).toEqual([]);
    expect(vi.mocked(vars.refusedVar).mock.calls.length + vi.mocked(vars.readReference).mock.calls.length).toBe(0);
    const tested = vi.mocked(vars.mayRefuseVar).mock.calls.map(([s]) => s);
    // the keys with a reference were tested (on both paths), no key without one
    expect(tested.filter((s) => s.startsWith("((git.key_")).length).toBe(2000);
    expect(tested.filter((s) => s.includes("-key"))).toEqual([]);

    const bad = manyKeys(1000);
    (bad.resources[700] as { source: Record<string, unknown> }).source["((a..b))"] = "v";
    vi.mocked(vars.refusedVar).mockClear();
    const expected = [["resources/700/source/((a..b))", "invalid var 'a..b': empty field"]];
    expect(validateData(bad).diagnostics.map((d) => [d.path.join("/"), d.message])).toEqual(expected);
    expect(validateText(JSON.stringify(bad)).diagnostics.map((d) => [d.path.join("/"), d.message])).toEqual(expected);
    expect(vi.mocked(vars.refusedVar).mock.calls).toEqual([["((a..b))"], ["((a..b))"]]);
  });
});
