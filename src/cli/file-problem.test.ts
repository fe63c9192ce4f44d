import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { workFolder } from "../../test/helpers/work-folder.ts";
import { fileProblem } from "./file-problem.ts";

describe("fileProblem", () => {
  const dir = workFolder("file-problem", { tmp: true });
  const failure = (path: string): unknown => {
    try {
      readFileSync(path);
    } catch (error) {
      return error;
    }
    throw new Error(`${path} was read`);
  };

  test("the errors a user mends are said in words, with Node's code", () => {
    expect(fileProblem(failure(join(dir(), "gone.yml")), "read")).toBe("no such file (ENOENT)");
    expect(fileProblem(failure(dir()), "read")).toBe("is a folder (EISDIR)");
    expect(fileProblem(failure(join(import.meta.filename, "x.yml")), "read")).toBe(
      "a part of the path is not a folder (ENOTDIR)",
    );
    // a name past the file system's limit (255 bytes on Linux): Node's message would quote the whole path
    expect(fileProblem(failure(join(dir(), `${"x".repeat(300)}.yml`)), "read")).toBe(
      "file name too long (ENAMETOOLONG)",
    );
  });

  test("a write to a folder that is not there names the folder", () => {
    let error: unknown;
    try {
      writeFileSync(join(dir(), "gone", "x.json"), "{}");
    } catch (caught) {
      error = caught;
    }
    expect(fileProblem(error, "write")).toBe(`no such folder '${join(dir(), "gone")}' (ENOENT)`);
    expect(fileProblem(error, "read")).toBe("no such file (ENOENT)");
    expect(fileProblem(Object.assign(new Error("EFBIG: file too large, write"), { code: "EFBIG" }), "write")).toBe(
      "file too large (EFBIG)",
    );
  });

  test("any other error by its message, with control characters shown", () => {
    expect(fileProblem(new Error("EIO: i/o error, read"), "read")).toBe("EIO: i/o error, read");
    expect(fileProblem(new Error("bad\u001b[2Jname"), "read")).not.toContain("\u001b");
    expect(fileProblem("a sentence", "read")).toBe("a sentence");
  });
});
