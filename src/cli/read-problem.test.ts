import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { workFolder } from "../../test/helpers/work-folder.ts";
import { readProblem } from "./read-problem.ts";

describe("readProblem", () => {
  const dir = workFolder("read-problem", { tmp: true });
  const failure = (path: string): unknown => {
    try {
      readFileSync(path);
    } catch (error) {
      return error;
    }
    throw new Error(`${path} was read`);
  };

  test("the errors a user mends are said in words, with Node's code", () => {
    expect(readProblem(failure(join(dir(), "gone.yml")))).toBe("no such file (ENOENT)");
    expect(readProblem(failure(dir()))).toBe("is a folder (EISDIR)");
    expect(readProblem(failure(join(import.meta.filename, "x.yml")))).toBe(
      "a part of the path is not a folder (ENOTDIR)",
    );
  });

  test("any other error by its message, with control characters shown", () => {
    expect(readProblem(new Error("EIO: i/o error, read"))).toBe("EIO: i/o error, read");
    expect(readProblem(new Error("bad\u001b[2Jname"))).not.toContain("\u001b");
    expect(readProblem("a sentence")).toBe("a sentence");
  });
});
