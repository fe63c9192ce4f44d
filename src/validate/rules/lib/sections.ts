/** The top-level lists whose entries Concourse checks for a valid name, in validate.go's order. */
import type { Pipeline } from "../../../model/pipeline.ts";
import { namedEntries, type Obj } from "./values.ts";

export const NAMED_SECTIONS = ["groups", "resources", "resource_types", "prototypes", "var_sources", "jobs"] as const;
export type NamedSection = (typeof NAMED_SECTIONS)[number];

/** Every named entry of every section, with Go's view of its name. */
export function* namedSectionEntries(
  pipeline: Readonly<Pipeline>,
): Generator<{ section: NamedSection; value: Obj; index: number; name: string | undefined }> {
  const p = pipeline as unknown as Obj;
  for (const section of NAMED_SECTIONS) {
    for (const e of namedEntries(p[section])) yield { section, ...e };
  }
}
