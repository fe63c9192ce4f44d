import { callSiteOf, type Origin, type Provenance } from "../fragment/provenance.ts";
import type { FragmentLabel, LayoutOptions } from "./layout.ts";

/**
 * The fragment outlines' labels from a pipeline's provenance: one label per factory call, such as
 * `packerJobs() at pipeline.ts:47`, numbered in the order jobs, then resources, first name one.
 * `showFile` turns the stack's file (a path or `file://` URL) into what the label shows.
 */
export function fragmentLabels(
  provenance: Provenance,
  showFile: (file: string) => string,
): NonNullable<LayoutOptions["fragments"]> {
  const labels = new Map<Origin, FragmentLabel>();
  const labelOf = (origin: Origin): FragmentLabel => {
    const known = labels.get(origin);
    if (known !== undefined) return known;
    const site = callSiteOf(origin);
    const where = site === undefined ? "" : ` at ${showFile(site.file)}:${site.line}`;
    const made = { id: labels.size, label: `${origin.factory}()${where}` };
    labels.set(origin, made);
    return made;
  };
  const byName = (origins: ReadonlyMap<string, Origin>) =>
    new Map([...origins].map(([name, origin]) => [name, labelOf(origin)]));
  const jobs = byName(provenance.jobs);
  return { jobs, resources: byName(provenance.resources) };
}
