/**
 * A map that keeps only its most recently used entries: at most `max` of them, and entries whose sizes add up to at
 * most `maxSize` (the one used last is kept whatever its size). The language server keeps the readings of documents
 * in one (server.ts): a reading costs some thirty times its text, and a client may keep thousands of documents open;
 * a reading let go is made again from the text when a document is next used.
 */
export interface RecentlyUsed<V> {
  /** The entry of `key`, now the one used last; undefined when it is not kept (never set, deleted, or let go). */
  get(key: string): V | undefined;
  /** Sets the entry of `key`, now the one used last, and lets go of the least recently used ones past the bounds. */
  set(key: string, value: V): void;
  delete(key: string): void;
  /** How many entries are kept, and their sizes added up. */
  readonly held: () => { readonly entries: number; readonly size: number };
}

export interface RecentlyUsedBounds<V> {
  readonly max: number;
  readonly maxSize: number;
  readonly sizeOf: (value: V) => number;
}

export function recentlyUsed<V>({ max, maxSize, sizeOf }: RecentlyUsedBounds<V>): RecentlyUsed<V> {
  // a Map iterates in the order entries were set: the least recently used first
  const entries = new Map<string, V>();
  const total = { size: 0 };
  const remove = (key: string) => {
    const value = entries.get(key);
    if (value === undefined) return;
    entries.delete(key);
    total.size -= sizeOf(value);
  };
  const set = (key: string, value: V) => {
    remove(key);
    entries.set(key, value);
    total.size += sizeOf(value);
    for (const oldest of entries.keys()) {
      if (entries.size <= 1 || (entries.size <= max && total.size <= maxSize)) break;
      remove(oldest);
    }
  };
  return {
    get: (key) => {
      const value = entries.get(key);
      if (value !== undefined) set(key, value);
      return value;
    },
    set,
    delete: remove,
    held: () => ({ entries: entries.size, size: total.size }),
  };
}
