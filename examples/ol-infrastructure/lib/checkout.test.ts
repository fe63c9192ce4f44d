import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { workFolder } from "../../../test/helpers/work-folder.ts";
import { pythonStringAfter, readCheckoutFile } from "./checkout.ts";

describe("readCheckoutFile", () => {
  const checkout = workFolder("checkout", { tmp: true });
  beforeAll(() => {
    mkdirSync(join(checkout(), "scripts"));
    writeFileSync(join(checkout(), "scripts", "hello.sh"), "echo hello\n");
  });

  test("reads a file of the checkout named by OL_INFRASTRUCTURE_DIR", () => {
    expect(readCheckoutFile("scripts/hello.sh", { OL_INFRASTRUCTURE_DIR: checkout() })).toBe("echo hello\n");
  });

  test("names the variable and the file when the variable is unset or empty", () => {
    const message =
      "OL_INFRASTRUCTURE_DIR is not set: set it to a checkout of https://github.com/mitodl/ol-infrastructure, " +
      "whose scripts/hello.sh holds this pipeline's task scripts";
    expect(() => readCheckoutFile("scripts/hello.sh", {})).toThrow(new Error(message));
    expect(() => readCheckoutFile("scripts/hello.sh", { OL_INFRASTRUCTURE_DIR: "" })).toThrow(new Error(message));
  });

  test("names the variable and the file when the checkout lacks the file", () => {
    expect(() => readCheckoutFile("scripts/bye.sh", { OL_INFRASTRUCTURE_DIR: checkout() })).toThrow(
      new Error(
        `OL_INFRASTRUCTURE_DIR=${checkout()} has no scripts/bye.sh (expected ${join(checkout(), "scripts/bye.sh")})`,
      ),
    );
  });
});

describe("pythonStringAfter", () => {
  test.each([
    ["a plain literal", `NAME = "one two"\nOTHER = "three"\n`, "NAME =", {}, "one two"],
    ["single quotes", `NAME = 'it says "hi"'\n`, "NAME =", {}, 'it says "hi"'],
    [
      "adjacent literals in parentheses, across lines and comments",
      `NAME = (\n  "a, "  # first\n  'b'\n)\n`,
      "NAME =",
      {},
      "a, b",
    ],
    [
      "escapes",
      String.raw`NAME = "tab\tquote\" back\\ line\n end\q"`,
      "NAME =",
      {},
      'tab\tquote" back\\ line\n end\\q',
    ],
    ["a raw literal keeps backslashes", String.raw`NAME = r"a\nb"`, "NAME =", {}, String.raw`a\nb`],
    [
      "a triple-quoted literal with a line continuation",
      `NAME = """\\\nfirst\n  second\n"""\n`,
      "NAME =",
      {},
      "first\n  second\n",
    ],
    [
      "f-string fields, by expression, and doubled braces",
      `NAME = (\n  f"cd {repo.name}/{ item }; "\n  f"echo {{x}} {path.split('/')[0]}"\n)`,
      "NAME =",
      { values: { "repo.name": "checkout", item: "pkg", "path.split('/')[0]": "docs" } },
      "cd checkout/pkg; echo {x} docs",
    ],
    [
      "the first string after a marker inside a call, dedented",
      `run(\n    args=[\n        "-c",\n        dedent(\n            """\\\n            for x in y:\n                print(x)\n\n            """\n        ),\n    ],\n)\n`,
      "dedent(",
      { dedent: true },
      "for x in y:\n    print(x)\n\n",
    ],
  ])("%s", (_, source, marker, options, expected) => {
    expect(pythonStringAfter(source, marker, options)).toBe(expected);
  });

  test("does not join a string on the next line outside parentheses", () => {
    expect(pythonStringAfter(`NAME = "a"\n"b"\n`, "NAME =")).toBe("a");
  });

  test.each([
    ["the marker is missing", `OTHER = "a"`, {}, "pipeline.py: 'NAME =' not found"],
    ["no string follows the marker", `NAME = 42`, {}, "pipeline.py: no string literal after 'NAME ='"],
    ["an f-string field has no value", `NAME = f"{x}"`, {}, "pipeline.py: no value given for the f-string field {x}"],
    ["a literal is not closed", `NAME = "abc`, {}, "pipeline.py: unterminated string literal"],
  ])("throws when %s", (_, source, options, message) => {
    expect(() => pythonStringAfter(source, "NAME =", { ...options, file: "pipeline.py" })).toThrow(new Error(message));
  });
});
