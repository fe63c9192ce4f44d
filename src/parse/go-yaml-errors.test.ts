import { describe, expect, test } from "vitest";
import { goYamlLine } from "./go-yaml-errors.ts";
import { parsePipeline } from "./parse-pipeline.ts";
import { readYaml } from "./read-yaml.ts";

/** fly's line for the first problem of a text read as a pipeline, after fly's prefix. */
const flyOf = (text: string): string | undefined => {
  const read = readYaml(text);
  return read.ok ? undefined : read.problems[0]?.fly?.replace("error parsing yaml before applying templates: ", "");
};

// What go-yaml v3 (fly's first read of a pipeline) prints for each text: its words, and its line, that of the
// construct in error when past the first line (1-based for the scanner's errors, 0-based for the parser's), else that
// of the place the error was found, else none.
describe("a syntax error's fly line is go-yaml v3's words and line", () => {
  test.each([
    // a quoted scalar the text ends in: the scalar's line, or on the first line the end's
    ["double quote to the end", 'team: a\nname: "build\nplan: []\n', "line 2: found unexpected end of stream"],
    ["single quote on line 1, text ends in a line break", "name: 'build\n", "line 2: found unexpected end of stream"],
    ["quote on line 1, no line break at the end", 'name: "build', "found unexpected end of stream"],
    ["quote after a tag in a list", "a:\n  - b\n  - !!str 'c\n", "line 3: found unexpected end of stream"],
    ["quote ended by the next document", 'a: 1\nb: "x\n---\nc: 1\n', "line 2: found unexpected document indicator"],
    // a flow collection the text ends in: the parser's (0-based) line of its start, or of the end of the stream
    ["flow list on line 2", "a: 1\nb: [1,\n  2\n", "line 1: did not find expected ',' or ']'"],
    ["flow mapping inside a flow list", "a: [1, {b: 2\n", "line 1: did not find expected ',' or '}'"],
    ["flow list, no line break at the end", "a: [1, 2", "line 1: did not find expected ',' or ']'"],
    ["flow list ending in a comma", "jobs:\n- plan: [\n    {get: x},\n", "line 3: did not find expected node content"],
    // an entry of a flow collection followed by neither a `,` nor its end: the parser's line of the collection's start
    [
      "flow mapping left open before the next key",
      "a: 1\nb: {c: x\nd: 1\n",
      "line 1: did not find expected ',' or '}'",
    ],
    ["two entries of a flow list without a comma", 'a: 1\nb: ["c" d]\n', "line 1: did not find expected ',' or ']'"],
    [
      "a flow list left open before a list entry",
      "j:\n- p: 1\n  q: [{g: x}\n  - g: y\n",
      "line 2: did not find expected ',' or ']'",
    ],
    ["a } in a flow list", "a: 1\nb: {c: [1, 2}\n", "line 1: did not find expected ',' or ']'"],
    ["a flow mapping on line 1", "a: {b: 1 c: 2}\n", "did not find expected ',' or '}'"],
    [
      "a flow list on line 1, the entry found on line 3",
      'a: [b,\n  "c"\n  d]\n',
      "line 2: did not find expected ',' or ']'",
    ],
    // an entry of a flow collection followed by no `,` nor its end: the parser's (0-based) line of the collection's
    // start, or of what follows the entry
    ["a second key in a flow mapping", "x: 1\na: {b: 1 c: 2}\n", "line 1: did not find expected ',' or '}'"],
    ["a second value in a flow list", "x: 1\na:\n  b: [c: d: e]\n", "line 2: did not find expected ',' or ']'"],
    ["a key over lines in a flow list", "x: [a\n : b]\n", "line 1: did not find expected ',' or ']'"],
    ["a scalar after a quoted one", 'x: ["a" b]\n', "did not find expected ',' or ']'"],
    ["a quoted key over lines", 'x: 1\na: {"b\n c": 1}\n', "line 1: did not find expected ',' or '}'"],
    // a key over two lines among a mapping's keys: the key's line
    ["key without a colon", "a: 1\nserial\nb: 2\n", "line 2: could not find expected ':'"],
    ["key without a colon, nested", "x: 1\ny:\n  a: 1\n  b\n  c: 2\n", "line 4: could not find expected ':'"],
    ["root key over two lines", "a\nb: 1\n", "line 2: mapping values are not allowed in this context"],
    // after the root: the parser's line of the root's start, or of what follows it
    ["a list entry after a root mapping", "a: 1\n- b\n", "line 1: did not find expected key"],
    ["a ] after a root mapping past a ---", "# c\n---\na: 1\nb: 2\n]\n", "line 2: did not find expected key"],
    ["a key after a root list", "# c\n- a\n- b\nd: 1\n", "line 1: did not find expected '-' indicator"],
    // a key: value line more indented than a plain value's collection goes on with the value: its `:`'s line
    ["a key more indented than its mapping", "a: 1\n b: 2\n", "line 2: mapping values are not allowed in this context"],
    [
      "a key more indented than a nested key",
      "x: 1\na:\n  b: 1\n   c: 2\n",
      "line 4: mapping values are not allowed in this context",
    ],
    [
      "a key under a list entry",
      "x: 1\na:\n  - b\n   c: d\n",
      "line 4: mapping values are not allowed in this context",
    ],
    // a verbatim tag the text ends in: the tag's line
    ["an unclosed verbatim tag", "x: 1\na: !<tag:yaml.org,2002:str x\n", "line 2: did not find the expected '>'"],
    ["an unclosed verbatim tag in a flow list", "x: 1\na: [!<foo]\n", "line 2: did not find the expected '>'"],
    // on the line of the character
    ["an @ value", "a: 1\nb: @x\n", "line 2: found character that cannot start any token"],
    ["a backquote in a flow list", "a: 1\nb: [`x`]\n", "line 2: found character that cannot start any token"],
    ["a % inside a line", "a: 1\nb: %x\n", "line 2: found character that cannot start any token"],
    ["an anchor without a name, first line", "a: &\n", "did not find expected alphabetic or numeric character"],
    ["an alias without a name", "a: 1\nb: [*, 1]\n", "line 2: did not find expected alphabetic or numeric character"],
    ["a block scalar header with junk", "a: 1\nb: >-  x\n  y\n", "line 2: did not find expected comment or line break"],
    // an anchor or alias name go-yaml refuses (letters, digits, _ and - only; a blank or ?:,]}%@` after it)
    ["an anchor name with a dot", "a: 1\nb: &x.y 2\n", "line 2: did not find expected alphabetic or numeric character"],
    ["an anchor name with a dot, first line", "a: &x.y 1\n", "did not find expected alphabetic or numeric character"],
    [
      "an alias name with a slash",
      "a: &x 1\nb: [*x/y]\n",
      "line 2: did not find expected alphabetic or numeric character",
    ],
    ["a name not ASCII", "a: 1\nb: &\u00e9 2\n", "line 2: did not find expected alphabetic or numeric character"],
    ["an anchor before a {", "a: 1\nb: [&x{ 1]\n", "line 2: did not find expected alphabetic or numeric character"],
    ["an anchor before an @", "a: 1\nb: &x@ 1\n", "line 2: found character that cannot start any token"],
    [
      "a name refused after a key repeated",
      "a: 1\na: 2\nb: &x.y 3\n",
      "line 3: did not find expected alphabetic or numeric character",
    ],
    [
      "a name refused before a flow unclosed",
      "a: 1\nb: &x.y [\n",
      "line 2: did not find expected alphabetic or numeric character",
    ],
    // a tab indenting a line: a character no token starts with, or the end of a plain scalar before it
    ["a tab after a key", "a:\n\tb: 1\n", "line 2: found character that cannot start any token"],
    ["a tab after a quoted value", 'a: "x"\n\tb: 1\n', "line 2: found character that cannot start any token"],
    [
      "a tab after a plain value",
      "x: 1\na:\n  b: 1\n\tc: 2\n",
      "line 3: found a tab character that violates indentation",
    ],
    ["a tab after a blank line", "a: x\n\n\tb: 1\n", "line 3: found a tab character that violates indentation"],
    ["a tab after a comment", "a:\n  b: x # c\n\tc: 1\n", "line 3: found character that cannot start any token"],
    // a tab in the blanks that start a line, where js-yaml reads on: after a plain value, less indented than its
    // block collection plus one, the value's line; after any other token (or none), a character no token starts with
    [
      "a tab on a blank line after a plain value",
      "a: 1\n\t\nb: 2\n",
      "line 2: found a tab character that violates indentation",
    ],
    ["a tab before a comment", "a: x\n\t# c\n", "line 2: found a tab character that violates indentation"],
    [
      "a tab less indented than a nested list",
      "a: 1\nb:\n  - x\n  \t\n",
      "line 3: found a tab character that violates indentation",
    ],
    ["a tab in a flow list", "a: 1\nb: [c\n\t, d]\n", "line 2: found a tab character that violates indentation"],
    ["a tab after a quoted value", 'a: "x"\n\t\nb: 2\n', "line 2: found character that cannot start any token"],
    ["a tab after a key", "a:\n\t\n  b: 1\n", "line 2: found character that cannot start any token"],
    ["a tab after a comment", "a: 1 # c\n  \t\n", "line 2: found character that cannot start any token"],
    ["a tab after a flow list", "a: [1]\n\t\nb: 2\n", "line 2: found character that cannot start any token"],
    ["a tab first", "\t\na: 1\n", "found character that cannot start any token"],
    ["a tab after a --- line", "---\n\t\na: 1\n", "line 2: found character that cannot start any token"],
    ["a tab after a list entry's dash", "a: 1\nb:\n- \tc\n", "line 3: found character that cannot start any token"],
    // a block scalar's indentation: a tab before its first line, or less indented than it, the scalar's line
    [
      "a tab after a block scalar",
      "a: 1\nb: |\n  x\n\t\nc: 1\n",
      "line 2: found a tab character where an indentation space is expected",
    ],
    [
      "a tab before a block scalar's first line",
      "a: 1\nb: |\n\t\n  x\n",
      "line 2: found a tab character where an indentation space is expected",
    ],
    // where js-yaml stops at a line after the tab (or at it), in its own words
    [
      "a tab-indented line in a block scalar",
      "run:\n  args:\n  - -c\n  - |\n    set -e\n\techo hi\n",
      "line 4: found a tab character where an indentation space is expected",
    ],
    [
      "a tab on a blank line in a folded scalar",
      "a: 1\nb: >\n  x\n\t\n  y\n",
      "line 2: found a tab character where an indentation space is expected",
    ],
    ["a tab before a nested key", "a:\n  b: 1\n  \tc: 2\n", "line 2: found a tab character that violates indentation"],
    // go-yaml counts a line at a CR, a NEL
    ["lines ended by CR", 'x: 1\ra: "b\rd: 1\r', "line 2: found unexpected end of stream"],
    ["lines ended by CRLF", 'x: 1\r\na: "b\r\nd: 1\r\n', "line 2: found unexpected end of stream"],
    ["a NEL in a scalar", 'x: 1\na: "b\u0085c"\nd: "e\n', "line 4: found unexpected end of stream"],
  ])("%s", (_, text, fly) => {
    expect(flyOf(text)).toBe(`yaml: ${fly}`);
  });

  // fly execute reads a task config file with go-yaml v2 alone, whose line is that of the place the error was found
  // when past the first line, else of the construct in error (0-based), and which fly prints bare
  test.each([
    ["a quoted scalar the text ends in", 'a: b\nc: "abc\nd\n', "line 4: found unexpected end of stream"],
    ["a quoted scalar a document ends", 'a: b\nc: "abc\n---\nd: 1\n', "line 3: found unexpected document indicator"],
    ["a flow mapping the text ends in", "x: 1\na: {b: 1\n", "line 2: did not find expected ',' or '}'"],
    ["a flow list over lines", "x: 1\na: [1,\n  2,\n  3\n", "line 4: did not find expected ',' or ']'"],
    [
      "a flow list with an entry after its last",
      'x: 1\na: [\n  "b"\n  c]\n',
      "line 3: did not find expected ',' or ']'",
    ],
    ["a key without a colon", "a: 1\nb\nc: 2\n", "line 3: could not find expected ':'"],
    [
      "a flow mapping left open before the next key",
      "platform: linux\nrun: {path: x\n  args: [a]\n",
      "line 2: did not find expected ',' or '}'",
    ],
    ["a key of two words without a colon", "a: 1\nb c\nd\ne: 1\n", "line 3: could not find expected ':'"],
    ["a key without a colon before a comment", "x: 1\n\n# c\nb\n\n# d\nc: 2\n", "line 6: could not find expected ':'"],
    ["a list entry after a root mapping", "# c\n---\na: 1\nb: 2\n- c\n", "line 4: did not find expected key"],
    [
      "a tab after a plain value",
      "x: 1\na:\n  b: 1\n\tc: 2\n",
      "line 4: found a tab character that violates indentation",
    ],
    [
      "an anchor name with a dot",
      "platform: linux\nrun: {path: &p.q x}\n",
      "line 2: did not find expected alphabetic or numeric character",
    ],
    ["an anchor name with a dot, first line", "a: &x.y 1\n", "did not find expected alphabetic or numeric character"],
    [
      "a tab on a blank line after a plain value",
      "platform: linux\nrun:\n  path: x\n\t\n",
      "line 4: found a tab character that violates indentation",
    ],
  ])("in a task config file: %s", (_, text, fly) => {
    const [diagnostic] = parsePipeline(text, { as: "task" }).diagnostics;
    expect(diagnostic?.fly).toBe(`yaml: ${fly}`);
  });

  test("a tab go-yaml skips is read", () => {
    // as indented as a plain value's collection plus one, within a block scalar's indentation, in a quoted scalar, in
    // a flow collection, between tokens on a line, in an indentless list
    const text = 'a:\n  b: x\n   \t\n  c: 1 \t\nd: |\n  p\n  \tq\ne: "r\n\t s"\nf: [1,\n\t2]\ng:\n- h\n \t\ni: 1\n';
    expect(readYaml(text)).toEqual({
      ok: true,
      value: { a: { b: "x", c: 1 }, d: "p\n\tq\n", e: "r s", f: [1, 2], g: ["h"], i: 1 },
    });
  });

  test("an error whose go-yaml words the reader cannot tell keeps the reader's words, at its line", () => {
    const [diagnostic] = parsePipeline('a: "b"\n  c: d\n').diagnostics;
    expect(diagnostic?.fly).toBe(
      "error parsing yaml before applying templates: yaml: line 2: bad indentation of a mapping entry",
    );
  });

  test("go-yaml's lines: one at each CR, LF, CRLF, NEL, LS and PS", () => {
    expect(goYamlLine("a\r\nb\rc\nd\u0085e\u2028f\u2029g", 13)).toBe(6);
    expect(goYamlLine("a\rb", 2)).toBe(1);
    expect(goYamlLine("a\r\nb", 3)).toBe(1);
  });
});
