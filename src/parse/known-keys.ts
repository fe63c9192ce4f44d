/**
 * The keys of the large mappings the YAML reader built, in order, by mapping: the passes that read the same value
 * after it (the shape check, the rules' string census) take a mapping's keys from here instead of enumerating it.
 *
 * V8 keeps an object of more than about a thousand keys as a hash table, and collecting its keys (`for...in`,
 * `Object.keys`) sorts them back into insertion order: 0.45-0.55 s for a mapping of 1,000,000 keys (node 20, this
 * machine), where looking each known key up costs about 0.1 s. Two such passes were 1.3 of the 3.4 s a crafted
 * file of one such mapping took to parse and validate.
 *
 * A record holds for the value as it was read: it is keyed by the object itself (a copy, such as the one var
 * interpolation makes, has none), and the passes it is given to replace values but never add or remove keys.
 */
export interface KnownKeys {
  /** The own keys of `mapping`, in order, when the reader recorded them. */
  get(mapping: object): readonly string[] | undefined;
}

/** A large mapping as the reader recorded it: the object and its keys in order. */
export type KeyedMapping = readonly [mapping: object, keys: readonly string[]];

/** Mappings with fewer keys are not recorded: collecting the keys of a small object is cheap. */
export const KNOWN_KEYS_MIN = 1024;
