/** The top-level lists whose entries Concourse checks for a valid name, in validate.go's order, read once per run. */
import type { SharedContext } from "../../define-rule.ts";
import { type NamedEntry, namedEntries, type Obj } from "./values.ts";

export const NAMED_SECTIONS = ["groups", "resources", "resource_types", "prototypes", "var_sources", "jobs"] as const;
export type NamedSection = (typeof NAMED_SECTIONS)[number];

const readEntries = {} as Record<NamedSection, (ctx: SharedContext) => readonly NamedEntry[]>;
const readNames = {} as Record<NamedSection, (ctx: SharedContext) => ReadonlySet<string>>;
for (const section of NAMED_SECTIONS) {
  readEntries[section] = (ctx) => namedEntries((ctx.pipeline as unknown as Obj)[section]);
  readNames[section] = (ctx) => {
    const names = new Set<string>();
    const entries = sectionEntries(ctx, section);
    // by index (see GoSteps)
    for (let e = 0; e < entries.length; e++) {
      const { name } = entries[e] as NamedEntry;
      if (name !== undefined) names.add(name);
    }
    return names;
  };
}

/** The entries of a section with Go's view of their names (read once per run, shared by the rules). */
export const sectionEntries = (ctx: SharedContext, section: NamedSection): readonly NamedEntry[] =>
  ctx.shared(readEntries[section]);

/** The names a section declares as Go reads them (`""` for a missing or null name; other types left out). */
export const declaredNames = (ctx: SharedContext, section: NamedSection): ReadonlySet<string> =>
  ctx.shared(readNames[section]);
