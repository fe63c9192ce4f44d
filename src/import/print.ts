/**
 * A small pretty printer for the code the importer writes: documents made of text, groups and line
 * breaks (Wadler's "prettier printer", as Prettier and Biome use it), laid out to a line width. A group
 * is printed on one line when it fits, else its lines break; the builders in this file lay out the few
 * constructs the importer emits (objects, arrays, calls, consts) the way Biome's formatter does, so
 * that `biome format` leaves the output unchanged.
 */

export type Doc =
  | string
  | readonly Doc[]
  | {
      readonly kind: "group";
      readonly contents: Doc;
      readonly shouldBreak: boolean;
      /** Whether the contents hold a hard line break, worked out once when the group is made. */
      readonly hard: boolean;
      readonly shape?: Shape;
    }
  | { readonly kind: "indent"; readonly contents: Doc }
  | { readonly kind: "line"; readonly soft: boolean; readonly hard: boolean }
  | { readonly kind: "ifBreak"; readonly broken: Doc; readonly flat: Doc }
  | { readonly kind: "choice"; readonly states: readonly Doc[]; readonly hard: boolean };

/** What an object or array literal's group holds (Biome lays out arrays of such literals by it). */
export interface Shape {
  readonly kind: "object" | "array";
  readonly size: number;
}

/** A group: printed flat when it fits on the line, else with every line of its own broken. */
export const group = (contents: Doc, shouldBreak = false, shape?: Shape): Doc => {
  const hard = hasHardline(contents);
  return shape === undefined
    ? { kind: "group", contents, shouldBreak, hard }
    : { kind: "group", contents, shouldBreak, hard, shape };
};

/** The shape of an object or array literal's document, if it is one. */
export const shapeOf = (doc: Doc): Shape | undefined =>
  typeof doc === "object" && !Array.isArray(doc) && (doc as { kind: string }).kind === "group"
    ? (doc as { shape?: Shape }).shape
    : undefined;
export const indent = (contents: Doc): Doc => ({ kind: "indent", contents });
/** A space when flat, a line break when broken. */
export const line: Doc = { kind: "line", soft: false, hard: false };
/** Nothing when flat, a line break when broken. */
export const softline: Doc = { kind: "line", soft: true, hard: false };
/** Always a line break (breaks every enclosing group). */
export const hardline: Doc = { kind: "line", soft: false, hard: true };
export const ifBreak = (broken: Doc, flat: Doc = ""): Doc => ({ kind: "ifBreak", broken, flat });
/**
 * The first state that fits (up to its first line break), else the last, printed broken: Prettier's
 * `conditionalGroup`, used for calls whose last argument hugs the parentheses.
 */
export const choice = (states: readonly Doc[]): Doc => ({
  kind: "choice",
  states,
  hard: states.every((state) => hasHardline(state)),
});

export const join = (separator: Doc, docs: readonly Doc[]): Doc[] =>
  docs.flatMap((doc, i) => (i === 0 ? [doc] : [separator, doc]));

type Mode = "flat" | "break";
interface Command {
  readonly indent: number;
  readonly mode: Mode;
  readonly doc: Doc;
}

/**
 * Whether a document holds a hard line break (which breaks every group around it). Groups know theirs
 * from when they were made, so this only looks as deep as the nearest groups.
 */
export function hasHardline(doc: Doc): boolean {
  if (typeof doc === "string") return doc.includes("\n");
  if (Array.isArray(doc)) return doc.some((d) => hasHardline(d));
  const d = doc as Exclude<Doc, string | readonly Doc[]>;
  switch (d.kind) {
    case "group":
      return d.shouldBreak || d.hard;
    case "choice":
      return d.hard;
    case "indent":
      return hasHardline(d.contents);
    case "line":
      return d.hard;
    case "ifBreak":
      return hasHardline(d.broken);
  }
}

/** Whether `next` fits in `width` columns, measured up to the first line break of the rest. */
function fits(next: Command, rest: readonly Command[], width: number): boolean {
  let remaining = width;
  const stack: Command[] = [next];
  let restIndex = rest.length;
  while (remaining >= 0) {
    let cmd = stack.pop();
    if (cmd === undefined) {
      if (restIndex === 0) return true;
      cmd = rest[--restIndex] as Command;
    }
    const { mode, doc } = cmd;
    if (typeof doc === "string") {
      const newline = doc.indexOf("\n");
      if (newline !== -1) return remaining - newline >= 0;
      remaining -= doc.length;
    } else if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) stack.push({ indent: cmd.indent, mode, doc: doc[i] as Doc });
    } else {
      const d = doc as Exclude<Doc, string | readonly Doc[]>;
      switch (d.kind) {
        case "group": {
          const groupMode: Mode = d.shouldBreak || d.hard ? "break" : mode;
          stack.push({ indent: cmd.indent, mode: groupMode, doc: d.contents });
          break;
        }
        case "indent":
          stack.push({ indent: cmd.indent, mode, doc: d.contents });
          break;
        case "ifBreak":
          stack.push({ indent: cmd.indent, mode, doc: mode === "break" ? d.broken : d.flat });
          break;
        case "choice":
          stack.push({
            indent: cmd.indent,
            mode,
            doc: mode === "break" ? (d.states.at(-1) as Doc) : (d.states[0] as Doc),
          });
          break;
        case "line":
          if (mode === "break" || d.hard) return true;
          if (!d.soft) remaining -= 1;
          break;
      }
    }
  }
  return false;
}

/** Lays `doc` out in `width` columns with two-space indentation. */
export function printDoc(doc: Doc, width: number): string {
  const out: string[] = [];
  let column = 0;
  const stack: Command[] = [{ indent: 0, mode: "break", doc }];
  while (stack.length > 0) {
    const cmd = stack.pop() as Command;
    const { mode, doc: d } = cmd;
    if (typeof d === "string") {
      out.push(d);
      const newline = d.lastIndexOf("\n");
      column = newline === -1 ? column + d.length : d.length - newline - 1;
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push({ indent: cmd.indent, mode, doc: d[i] as Doc });
      continue;
    }
    const node = d as Exclude<Doc, string | readonly Doc[]>;
    switch (node.kind) {
      case "group": {
        const flat: Command = { indent: cmd.indent, mode: "flat", doc: node.contents };
        const broken = node.shouldBreak || node.hard;
        stack.push(!broken && fits(flat, stack, width - column) ? flat : { ...flat, mode: "break" });
        break;
      }
      case "choice": {
        const [first] = node.states;
        const flat: Command = { indent: cmd.indent, mode: "flat", doc: first as Doc };
        if (!hasHardline(first as Doc) && fits(flat, stack, width - column)) {
          stack.push(flat);
          break;
        }
        const states = node.states.slice(1);
        const fitting = states.slice(0, -1).find((state) => fits({ ...flat, doc: state }, stack, width - column));
        stack.push(
          fitting !== undefined
            ? { ...flat, doc: fitting }
            : { ...flat, mode: "break", doc: states.at(-1) ?? (first as Doc) },
        );
        break;
      }
      case "indent":
        stack.push({ indent: cmd.indent + 2, mode, doc: node.contents });
        break;
      case "ifBreak":
        stack.push({ indent: cmd.indent, mode, doc: mode === "break" ? node.broken : node.flat });
        break;
      case "line":
        if (mode === "flat" && !node.hard) {
          if (!node.soft) {
            out.push(" ");
            column += 1;
          }
          break;
        }
        // trailing spaces never end a line
        while (out.length > 0 && / +$/.test(out[out.length - 1] as string)) {
          out[out.length - 1] = (out[out.length - 1] as string).replace(/ +$/, "");
          if (out[out.length - 1] !== "") break;
        }
        out.push(`\n${" ".repeat(cmd.indent)}`);
        column = cmd.indent;
        break;
    }
  }
  return out.join("");
}
