import { SourceMap, type SourceMapPayload } from "node:module";

/**
 * The source map inline at the end of `code` (`//# sourceMappingURL=data:...;base64,...`, as esbuild's `sourcemap:
 * "inline"` writes it), when it has one that parses.
 */
export function inlineSourceMap(code: string): SourceMap | undefined {
  const inline = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(code)?.[1];
  if (inline === undefined) return undefined;
  try {
    return new SourceMap(JSON.parse(Buffer.from(inline, "base64").toString("utf8")) as SourceMapPayload);
  } catch {
    return undefined;
  }
}
