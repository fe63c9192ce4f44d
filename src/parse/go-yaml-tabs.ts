import type { GoYamlError } from "./go-yaml-errors.ts";
import { contentStart } from "./yaml-to-json.ts";
import type { YamlNode } from "./yaml-tree.ts";

/**
 * The tabs go-yaml refuses where js-yaml reads them as blanks (scannerc.go, v2 and v3 alike). In the block context
 * go-yaml's scanner skips a tab between tokens only where no key may start: never in the blanks that start a line, nor
 * in those after a `-` or `?` indicator, where the tab is a "character that cannot start any token". Two readers of
 * their own take the blanks after a line break first:
 *
 * - a plain scalar reads on over blank lines (to find a line it goes on to): a tab there less indented than the block
 *   collection it stands in, plus one, "violates indentation" (in a flow collection too, against the block around it);
 * - a block scalar reads its indentation: a tab before it is known (before the first line of content), or less indented
 *   than it, on a line of the scalar or a blank line after it, is "where an indentation space is expected".
 *
 * js-yaml skips such tabs, or ends the scalar before them, and reads the document: {@link refusedTab} finds the first
 * one go-yaml refuses, in a document js-yaml read (`root`, its position tree).
 */

/** A text where a tab may start a line's blanks, or follow a `-` or `?` (a quick test first: most texts have none). */
const MAY_REFUSE = /(?:^|[\n\r])[ ]*\t|(?:^|[ \n\r])[-?][ ]*\t/;

const CANNOT_START = "found character that cannot start any token";
const VIOLATES = "found a tab character that violates indentation";
const NO_SPACE = "found a tab character where an indentation space is expected";

/** A tab go-yaml refuses: its error, and hangar's words for it. */
export interface RefusedTab {
  readonly error: GoYamlError;
  readonly message: string;
}

/** The first tab go-yaml refuses in `text` (one document), read by js-yaml as `root`; undefined when there is none. */
export function refusedTab(text: string, root: YamlNode): RefusedTab | undefined {
  if (!MAY_REFUSE.test(text)) return undefined;
  for (const run of text.matchAll(/[ \t\r\n]*\t[ \t\r\n]*/g)) {
    const before = run.index - 1;
    // the first tab of each line the run is on: the run's first line is the line of what precedes it
    let line = before === -1 ? run.index : -1;
    const end = run.index + run[0].length;
    for (let i = run.index; i < end; i++) {
      const c = text[i];
      if (c === "\n" || c === "\r") line = i + 1;
      else if (c === "\t" && line !== -2) {
        if (line === -1) {
          const error = afterIndicator(text, root, before, i);
          if (error !== undefined) return { error, message: `a tab must not follow a ${text[before]} indicator` };
        } else {
          const error = atLineStart(text, root, before, i);
          if (error !== undefined) return { error, message: "tab characters must not be used in indentation" };
        }
        // go-yaml skipped it: the others on its line are further right
        line = -2;
      }
    }
  }
  return undefined;
}

/** A tab in the blanks after a `-` or `?` that is an indicator of the block context (a plain scalar may hold one). */
function afterIndicator(text: string, root: YamlNode, before: number, tab: number): GoYamlError | undefined {
  const c = text[before];
  if (c !== "-" && c !== "?") return undefined;
  if (before > 0 && !/[ \n\r]/.test(text[before - 1] as string)) return undefined;
  if (inFlow(text, root, tab) || nodesAt(root, before).at(-1)?.kind === "scalar") return undefined;
  return at(CANNOT_START, tab, tab);
}

/** A tab in the blanks that start a line; `before`: the last character before them that is no blank (-1: none). */
function atLineStart(text: string, root: YamlNode, before: number, tab: number): GoYamlError | undefined {
  const chain = before === -1 ? [] : nodesAt(root, before);
  const leaf = chain.at(-1);
  const blocks = chain.filter((n) => n.kind !== "scalar" && !isFlow(text, n));
  const indent = blocks.length === 0 ? -1 : column(text, (blocks.at(-1) as YamlNode).start);
  if (leaf?.kind === "scalar") {
    const start = contentStart(text, leaf.start, leaf.end);
    const style = text[start];
    if (style === '"' || style === "'") {
      return leaf.end > tab || inFlow(text, root, tab) ? undefined : at(CANNOT_START, tab, tab);
    }
    if (style === "|" || style === ">") {
      const spaces = blockIndent(text, start, leaf.end, indent);
      if (spaces !== undefined && column(text, tab) >= spaces) return undefined;
      return { message: NO_SPACE, stage: "scanner", context: start, problem: tab };
    }
    // a plain scalar: in a flow collection too
    if (column(text, tab) > indent) return undefined;
    return { message: VIOLATES, stage: "scanner", context: start, problem: tab };
  }
  return inFlow(text, root, tab) ? undefined : at(CANNOT_START, tab, tab);
}

/**
 * The indentation of a block scalar's content (from its header at `start` to its `end`, in a block collection
 * indented `parent`): its indentation indicator's, or that of its first line of content; undefined before that line.
 */
function blockIndent(text: string, start: number, end: number, parent: number): number | undefined {
  const header = /^[|>][+-]?([1-9])?/.exec(text.slice(start, start + 3));
  const increment = header?.[1];
  if (increment !== undefined) return parent >= 0 ? parent + Number(increment) : Number(increment);
  const first = /\n([ ]*)[^ \n\r]/.exec(text.slice(start, end));
  if (first === null) return undefined;
  return Math.max(first[1]?.length ?? 0, parent + 1, 1);
}

/** The nodes whose text holds `offset`, outermost first. */
function nodesAt(root: YamlNode, offset: number): YamlNode[] {
  const chain: YamlNode[] = [];
  let node: YamlNode | undefined = root;
  while (node !== undefined && node.start <= offset && offset < node.end) {
    chain.push(node);
    const children: readonly (YamlNode | undefined)[] =
      node.kind === "mapping"
        ? node.pairs.flatMap((p) => [p.key, p.value])
        : node.kind === "sequence"
          ? node.items
          : [];
    node = children.find((c) => c !== undefined && c.start <= offset && offset < c.end);
  }
  return chain;
}

/** Whether `offset` is inside a flow collection. */
const inFlow = (text: string, root: YamlNode, offset: number): boolean =>
  nodesAt(root, offset).some((n) => isFlow(text, n));

const isFlow = (text: string, node: YamlNode): boolean =>
  node.kind !== "scalar" && (text[node.start] === "[" || text[node.start] === "{");

const column = (text: string, offset: number): number =>
  offset - (Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1);

const at = (message: string, context: number, problem: number): GoYamlError => ({
  message,
  stage: "scanner",
  context,
  problem,
});
