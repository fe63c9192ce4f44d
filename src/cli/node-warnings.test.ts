import { EventEmitter } from "node:events";
import { expect, test } from "vitest";
import { quietEsSyntaxAsCommonJsWarning } from "./node-warnings.ts";

/** A warning as process.emitWarning makes it. */
const warning = (message: string, name = "Warning", code?: string) =>
  Object.assign(new Error(message), { name }, code === undefined ? {} : { code });

const nodes = warning('To load an ES module, set "type": "module" in the package.json or use the .mjs extension.');

test("Node's printer gets every warning but Node's own on ES syntax loaded as CommonJS", () => {
  const proc = new EventEmitter();
  const printed: Error[] = [];
  proc.on("warning", (w: Error) => printed.push(w));
  quietEsSyntaxAsCommonJsWarning(proc as unknown as NodeJS.Process);
  const others = [
    warning("setFoo() goes in v2", "DeprecationWarning"),
    warning("mine"),
    // the same words, emitted by the user's code with a code or another name
    warning(nodes.message, "Warning", "MINE"),
    warning(nodes.message, "UserWarning"),
  ];
  for (const w of [nodes, ...others]) proc.emit("warning", w);
  expect(printed).toEqual(others);
  expect(proc.listenerCount("warning")).toBe(1);
});

test("with no printer (node --no-warnings) none is added", () => {
  const proc = new EventEmitter();
  quietEsSyntaxAsCommonJsWarning(proc as unknown as NodeJS.Process);
  expect(proc.listenerCount("warning")).toBe(0);
});
