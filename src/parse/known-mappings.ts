/**
 * What the YAML reader knows of the large mappings it built (their entries in order, and how deep their values go),
 * by mapping: the passes that read the same value after it (the shape check, the rules' string census) take it
 * from here instead of walking the mapping again.
 *
 * V8 keeps an object of more than about a thousand keys as a hash table, and collecting its keys (`for...in`,
 * `Object.keys`) sorts them back into insertion order: 0.45-0.55 s for a mapping of 1,000,000 keys (node 20, this
 * machine), and looking each key up again costs 0.2-0.5 s more (a cache miss each). Two such walks (the shape
 * check's depth limit, the string census) were 2.5 of the 5.4 s of one profile (at load 3) of parsing and validating
 * a crafted file of one such mapping; read from the records, they took about 0.1 s.
 *
 * A record holds for the value exactly as it was read: it is found by the object itself (a copy, such as the one var
 * interpolation makes, has none), but nothing tells it that a value of the mapping was replaced since. So the
 * shape check reads only keys and heights (which its conversion of a number given for a string does not change),
 * and `parsePipeline` hands the records on to the rules only when the shape check converted nothing; a caller
 * that changes the pipeline must not pass them.
 */
export interface KnownMappings {
  /** What the reader recorded of `mapping`, when it did. */
  get(mapping: object): MappingRecord | undefined;
}

export interface MappingRecord {
  /** The mapping's own keys, in order. */
  readonly keys: readonly string[];
  /** Their values, in the same order. */
  readonly values: readonly unknown[];
  /** How many levels of lists and mappings its values hold (0 when they are all scalars). */
  readonly height: number;
}

/** A large mapping as the reader recorded it. */
export type RecordedMapping = readonly [mapping: object, record: MappingRecord];

/** Mappings with fewer keys are not recorded: collecting the keys of a small object is cheap. */
export const KNOWN_MAPPING_MIN = 1024;
