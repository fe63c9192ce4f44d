import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { isNode, isScalar, LineCounter, parseDocument } from "yaml";
import type { PathSegment } from "../model/common.ts";
import { dedent } from "../validate/rule-tester.ts";
import { readYaml } from "./read-yaml.ts";
import {
  aliasedNode,
  buildYamlTree,
  findDuplicateKeys,
  reachNode,
  readYamlTree,
  type YamlNode,
  yamlTextLocator,
} from "./yaml-tree.ts";

const corpusDir = resolve(import.meta.dirname, "../../../shared/corpus/pipelines");
const corpusPresent = existsSync(corpusDir);

/** Every path of a decoded value, parents first (at most `limit`). */
function pathsOf(value: unknown, limit: number): PathSegment[][] {
  const out: PathSegment[][] = [];
  const visit = (v: unknown, path: PathSegment[]) => {
    if (out.length >= limit) return;
    out.push(path);
    if (Array.isArray(v)) for (const [i, item] of v.entries()) visit(item, [...path, i]);
    else if (typeof v === "object" && v !== null) for (const [k, item] of Object.entries(v)) visit(item, [...path, k]);
  };
  visit(value, []);
  return out;
}

/** Where the `yaml` package's document model puts the node at a path (the reference for positions). */
function referenceStart(text: string): (path: PathSegment[]) => string | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: "1.1", uniqueKeys: false });
  return (path) => {
    const node = doc.getIn(path, true);
    if (!isNode(node) || !node.range || (isScalar(node) && node.value === null && node.range[0] === node.range[1]))
      return undefined;
    const { line, col } = lineCounter.linePos(node.range[0]);
    return `${line}:${col}`;
  };
}

describe("positions", () => {
  test("block and flow collections, sequences of mappings, empty values, comments and anchors", () => {
    const text = dedent(`
      # a comment
      resources:
      - name: a   # trailing
        source: { uri: "x", branch: main }
        tags: [a, b]
      - &r
        name: b
        empty:
      jobs:
      - { name: j, plan: [{ get: a }, { put: b }] }
    `);
    const locate = yamlTextLocator(text, "p.yml");
    const at = (path: PathSegment[], target?: "key") => {
      const loc = locate(path, target);
      return `${loc?.line}:${loc?.col}`;
    };
    expect(at(["resources", 0, "name"])).toBe("3:9");
    expect(at(["resources", 0, "source", "branch"])).toBe("4:31");
    expect(at(["resources", 0, "tags", 1])).toBe("5:13");
    expect(at(["resources", 1])).toBe("7:3");
    expect(at(["resources", 1, "empty"])).toBe("8:3");
    expect(at(["resources", 1, "name"], "key")).toBe("7:3");
    expect(at(["jobs", 0, "plan", 1, "put"])).toBe("10:40");
    expect(at(["jobs", 0, "plan", 7])).toBe("10:20");
    expect(locate(["jobs"])).toEqual({ file: "p.yml", line: 10, col: 1, endLine: 10, endCol: 46 });
  });

  test("a bare `-` entry is located at its dash, and the entries after it keep their own places", () => {
    const text = dedent(`
      jobs:
      -
      - name: a
        plan:
        - get: nope
        -   # nothing but a comment
        - get: r
      - name: b
        plan:
          -
          - - x
            -
            - y
      -
    `);
    const locate = yamlTextLocator(text, "p.yml");
    const at = (path: PathSegment[]) => {
      const loc = locate(path);
      return `${loc?.line}:${loc?.col}`;
    };
    expect(at(["jobs", 0])).toBe("2:1");
    expect(at(["jobs", 0, "name"])).toBe("2:1");
    expect(at(["jobs", 1, "plan", 0, "get"])).toBe("5:10");
    expect(at(["jobs", 1, "plan", 1])).toBe("6:3");
    expect(at(["jobs", 1, "plan", 2, "get"])).toBe("7:10");
    expect(at(["jobs", 2, "name"])).toBe("8:9");
    expect(at(["jobs", 2, "plan", 0])).toBe("10:5");
    expect(at(["jobs", 2, "plan", 1, 1])).toBe("12:7");
    expect(at(["jobs", 2, "plan", 1, 2])).toBe("13:9");
    expect(at(["jobs", 3])).toBe("14:1");
    expect(locate(["jobs", 3])).toEqual({ file: "p.yml", line: 14, col: 1, endLine: 14, endCol: 2 });
  });

  test("a bare `-` before a less indented entry ends its list (go-yaml's reading), at its dash in the text", () => {
    const tags = Array.from({ length: 20 }, (_, i) => `tag-${i}`).join(", ");
    const text = dedent(`
      jobs:
      - name: a
        plan:
        - get: r
        -    # gone
      - &b
        name: b
        plan:
            -
        tags: [${tags}]
      - *b
    `);
    const locate = yamlTextLocator(text, "p.yml");
    const at = (path: PathSegment[]) => {
      const loc = locate(path);
      return `${loc?.line}:${loc?.col}-${loc?.endLine}:${loc?.endCol}`;
    };
    expect(at(["jobs", 0, "plan", 1])).toBe("5:3-5:4");
    expect(at(["jobs", 0, "plan"])).toBe("4:3-5:4");
    expect(at(["jobs", 1])).toBe("7:3-10:159");
    expect(at(["jobs", 1, "name"])).toBe("7:9-7:10");
    expect(at(["jobs", 1, "plan", 0])).toBe("9:7-9:8");
    expect(at(["jobs", 1, "tags", 1])).toBe("10:17-10:22");
    expect(at(["jobs", 2, "name"])).toBe("7:9-7:10");
    // every node starts where the yaml package (which reads the layout as go-yaml does) starts it
    const reference = referenceStart(text);
    const read = readYaml(text);
    expect(read.ok).toBe(true);
    for (const path of pathsOf(read.ok ? read.value : undefined, 1000)) {
      const loc = locate(path);
      expect([path.join("."), `${loc?.line}:${loc?.col}`]).toEqual([
        path.join("."),
        reference(path) ?? `${loc?.line}:${loc?.col}`,
      ]);
    }
    // the anchored job is job b; with the fast path taking the tags (a placeholder in the text read, put back after),
    // the tree is the same
    const tree = readYamlTree(text);
    expect(tree.anchors.get("b")?.map((node) => text.slice(node.start, node.end))).toEqual([
      text.slice(text.indexOf("name: b"), text.lastIndexOf("]") + 1),
    ]);
    expect(readYamlTree(text, 64)).toEqual(tree);
  });

  test("through merge keys and aliases, to where the value is written; a path ending at an alias, at the alias", () => {
    const text = dedent(`
      base: &base
        get: nope
        params: { a: 1 }
      more: &more { trigger: true, get: other }
      steps: &steps [{ put: out }]
      jobs:
      - name: j
        plan:
        - <<: *base
        - <<: [*more, *base]
          params: *steps
        - { <<: { attempts: 2 }, do: *steps }
    `);
    const locate = yamlTextLocator(text, "p.yml");
    const at = (path: PathSegment[], target?: "key") => {
      const loc = locate(path, target);
      return `${loc?.line}:${loc?.col}`;
    };
    const plan = ["jobs", 0, "plan"];
    expect(at([...plan, 0, "get"])).toBe("2:8");
    expect(at([...plan, 0, "get"], "key")).toBe("2:3");
    expect(at([...plan, 0, "params", "a"])).toBe("3:16");
    // the first source of a list that has the key; a key written in the mapping itself
    expect(at([...plan, 1, "get"])).toBe("4:35");
    expect(at([...plan, 1, "trigger"], "key")).toBe("4:15");
    expect(at([...plan, 1, "params"])).toBe("11:13");
    expect(at([...plan, 1, "params", 0, "put"])).toBe("5:23");
    expect(at([...plan, 2, "attempts"])).toBe("12:23");
    expect(at([...plan, 2, "do", 0, "put"])).toBe("5:23");
    // a key that is nowhere: the closest mapping on the way
    expect(at([...plan, 0, "timeout"])).toBe("9:5");
  });

  test.each([
    // a merge writes over a key written before it, a key written after a merge over the merge
    ["m: {x: own, <<: *a}", ["m", "x"], "a1"],
    ["m: {<<: *a, x: own}", ["m", "x"], "own"],
    ["m:\n  x: own\n  <<: *a\n  p: own\n", ["m", "x"], "a1"],
    ["m:\n  x: own\n  <<: *a\n  p: own\n", ["m", "p"], "own"],
    // of one merge's sources, the first has the last word
    ["m: {<<: [*a, *b]}", ["m", "x"], "a1"],
    ["m: {<<: [*b, *a]}", ["m", "x"], "b1"],
    ["m: {x: own, <<: [*b, *a]}", ["m", "p"], "a2"],
    // a later merge over an earlier one
    ["m:\n  <<: *a\n  ? <<\n  : *b\n", ["m", "x"], "b1"],
    ["m:\n  ? <<\n  : *b\n  <<: *a\n", ["m", "x"], "a1"],
    // every merge key go-yaml v2 reads, and no other `<<`
    ["m:\n  x: own\n  ! <<: *a\n", ["m", "x"], "a1"],
    ["m:\n  x: own\n  !!merge <<: *a\n", ["m", "x"], "a1"],
    ["m:\n  x: own\n  ? <<\n  : *a\n", ["m", "x"], "a1"],
    ["m:\n  x: own\n  ? !!merge <<\n  : *a\n", ["m", "x"], "a1"],
    ['m: {x: own, "<<": *b}', ["m", "<<", "x"], "b1"],
    ["m: {x: own, '<<': *b}", ["m", "x"], "own"],
    ["m: {x: own, !!str <<: *b}", ["m", "x"], "own"],
    ["m: {x: own, !!str <<: *b}", ["m", "<<", "q"], "b2"],
  ])("a merged key is where go-yaml v2's value comes from: %j at %j", (body, path, value) => {
    const text = `a: &a {x: a1, p: a2}\nb: &b {x: b1, q: b2}\n${body}\n`;
    const read = readYaml(text, { repeatsAllowed: true });
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const decoded = path.reduce<unknown>((v, seg) => (v as Record<string, unknown>)[seg], read.value);
    expect(decoded).toBe(value);
    const reached = reachNode(readYamlTree(text), text, path)?.node;
    expect(reached && text.slice(reached.start, reached.end)).toBe(value);
    const loc = yamlTextLocator(text)(path);
    const line = text.split("\n")[(loc?.line ?? 0) - 1];
    expect(line?.slice((loc?.col ?? 0) - 1, (loc?.endCol ?? 0) - 1)).toBe(value);
  });

  test.skipIf(!corpusPresent)(
    "match the yaml package's for every node of the corpus (skipped without ../shared/corpus)",
    () => {
      // every third file keeps the test quick (the yaml package's document model is slow)
      const files = readdirSync(corpusDir)
        .filter((f) => f.endsWith(".yml"))
        .sort()
        .filter((_, i) => i % 3 === 0);
      const mismatches: string[] = [];
      let compared = 0;
      for (const file of files) {
        const text = readFileSync(join(corpusDir, file), "utf8");
        const read = readYaml(text);
        if (!read.ok) continue;
        const reference = referenceStart(text);
        const locate = yamlTextLocator(text);
        for (const path of pathsOf(read.value, 3000)) {
          const want = reference(path);
          if (want === undefined) continue;
          const loc = locate(path);
          compared++;
          const got = `${loc?.line}:${loc?.col}`;
          if (got !== want) mismatches.push(`${file} ${JSON.stringify(path)}: ${got} != ${want}`);
        }
      }
      expect(compared).toBeGreaterThan(10_000);
      expect(mismatches.slice(0, 20)).toEqual([]);
    },
  );
});

describe("repeated keys", () => {
  test("are found in linear time with go-yaml v3's comparison of keys", () => {
    const text = 'a: 1\nb: {x: 1, "x": 2}\n<<: {c: 1}\n<<: {d: 1}\n0x10: a\n16: b\na: 3\n';
    expect(findDuplicateKeys(buildYamlTree(text), text).map((d) => [d.key, d.offset, d.firstLine])).toEqual([
      ["x", 15, 2],
      ["<<", 34, 3],
      ["a", 59, 1],
    ]);
  });
});

describe("anchors", () => {
  /** The text of the node each alias of a text stands for, in text order. */
  function aliased(text: string, flowFastPathMin?: number): string[] {
    const tree = readYamlTree(text, flowFastPathMin);
    const aliases: YamlNode[] = [];
    const visit = (node: YamlNode | undefined) => {
      if (node?.kind === "alias") aliases.push(node);
      if (node?.kind === "sequence") node.items.forEach(visit);
      if (node?.kind === "mapping")
        for (const p of node.pairs) {
          visit(p.key);
          visit(p.value);
        }
    };
    visit(tree.root);
    return aliases.map((a) => {
      const node = aliasedNode(tree, a, text);
      return `${text.slice(a.start, a.end)} -> ${node === undefined ? "nothing" : text.slice(node.start, node.end)}`;
    });
  }

  test("an alias stands for the node anchored with its name: a scalar, a mapping, a sequence, a key", () => {
    const text = dedent(`
      name: &n build
      base: &base
        serial: true
        plan: [{ get: src }]
      list: &l [a, b]
      &k key: 1
      job: { name: *n, <<: *base }
      again: [*l, *k]
    `);
    expect(aliased(text)).toEqual([
      "*n -> build",
      "*base -> serial: true\n  plan: [{ get: src }]",
      "*l -> [a, b]",
      "*k -> key",
    ]);
  });

  test("a name anchored again: each alias stands for the last node anchored before it", () => {
    const text = "a: &x first\nb: *x\nc: &x second\nd: *x\ne: &x\n  inner: &x third\n  at: *x\nf: *x\n";
    // inside `e`, `*x` is `third`; after `e`, the mapping (anchored, and finished, last)
    expect(aliased(text)).toEqual(["*x -> first", "*x -> second", "*x -> third", "*x -> inner: &x third\n  at: *x"]);
  });

  test("an alias inside the collection it names stands for that collection, as the reader reads it", () => {
    expect(aliased("a: &a [b, *a]\n")).toEqual(["*a -> [b, *a]"]);
  });

  test("an anchored collection holding one the fast path read is at its place in the text", () => {
    const items = Array.from({ length: 40 }, (_, i) => `item-${i}`);
    const text = `base: &base\n  list: [${items.join(", ")}]\n  block:\n${items.map((i) => `    - ${i}`).join("\n")}\nuse: *base\n`;
    const slow = aliased(text);
    expect(slow).toEqual([`*base -> ${text.slice(text.indexOf("list:"), text.lastIndexOf("\nuse:"))}`]);
    // the same with the fast path taking the two lists (placeholders in the text read, put back after)
    expect(aliased(text, 64)).toEqual(slow);
    expect(readYamlTree(text, 64).root).toEqual(readYamlTree(text).root);
  });

  test("a text without anchors has none, and the tree is buildYamlTree's", () => {
    const text = "jobs:\n- name: j\n  plan: [{ get: a }]\n";
    expect(readYamlTree(text)).toEqual({ root: buildYamlTree(text), anchors: new Map() });
  });
});
