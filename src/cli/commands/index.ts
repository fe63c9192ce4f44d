import type { Command } from "../define-command.ts";
import apply from "./apply.ts";
import diff from "./diff.ts";
import graph from "./graph.ts";
import importCommand from "./import.ts";
import init from "./init.ts";
import lsp from "./lsp.ts";
import render from "./render.ts";
import schema from "./schema.ts";
import validate from "./validate.ts";

/** Every command of the CLI, in the order `hangar --help` lists them. */
export const commands: readonly Command[] = [render, validate, diff, apply, graph, init, importCommand, schema, lsp];
