import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll } from "vitest";

const repo = resolve(import.meta.dirname, "../..");

/**
 * A work folder for the tests of the suite it is called in (a file's, or a `describe`'s): `test/.tmp-<name>-*`, inside
 * the repository so that modules written there resolve `hangar`, or with `tmp`, `hangar-<name>-*` in the system's
 * temporary folder (for files that need no such resolution). Made before the suite's first test and removed after
 * its last; never made when none of them runs (skipped, or left out by `-t`). Returns the folder, for use in tests and
 * in the suite's own hooks (a `beforeAll` registered after this call sees it made).
 */
export function workFolder(name: string, { tmp = false }: { readonly tmp?: boolean } = {}): () => string {
  let work: string | undefined;
  beforeAll(() => {
    work = mkdtempSync(tmp ? join(tmpdir(), `hangar-${name}-`) : join(repo, `test/.tmp-${name}-`));
  });
  afterAll(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });
  return () => {
    if (work === undefined) throw new Error(`workFolder(${JSON.stringify(name)}): used outside a test of its suite`);
    return work;
  };
}
