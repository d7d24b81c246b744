import type { QueueEntry, QueueStore } from './types';

/**
 * The event queue: an ordered in-memory list mirrored to a persistent store. Writes are
 * coalesced into one store write per task, so a burst of `track()` calls costs one write.
 * An entry leaves only through `remove` (acknowledged or dropped) or eviction past `max`.
 */
export const createQueue = (
  store: QueueStore | undefined,
  max: number,
  onEvict: (entries: QueueEntry[]) => void,
  onStoreError: (error: unknown) => void,
) => {
  let entries: QueueEntry[] = [];
  let bytes = 0;
  const put = new Map<string, QueueEntry>();
  const del = new Set<string>();
  let scheduled: Promise<void> | undefined;
  let persisting = true;

  const persist = () =>
    (scheduled ||= Promise.resolve().then(() => {
      scheduled = undefined;
      if (!store || !persisting || (!put.size && !del.size)) return;
      const p = [...put.values()];
      const d = [...del];
      put.clear();
      del.clear();
      return store.write(p, d).catch(onStoreError);
    }));

  const drop = (ids: Set<string>) => {
    entries = entries.filter((e) => {
      if (!ids.has(e.id)) return true;
      bytes -= e.size;
      return false;
    });
    for (const id of ids) {
      // Never written yet: nothing to delete from the store either.
      if (!put.delete(id)) del.add(id);
    }
    persist();
  };

  return {
    get _entries(): readonly QueueEntry[] {
      return entries;
    },
    get _bytes() {
      return bytes;
    },
    _add(entry: QueueEntry) {
      entries.push(entry);
      bytes += entry.size;
      put.set(entry.id, entry);
      if (entries.length > max) {
        const evicted = entries.slice(0, entries.length - max);
        drop(new Set(evicted.map((e) => e.id)));
        onEvict(evicted);
      }
      persist();
    },
    _remove(ids: Iterable<string>) {
      drop(new Set(ids));
    },
    /** Drops everything, in memory and in the store. */
    _clear() {
      drop(new Set(entries.map((e) => e.id)));
    },
    /** Merges entries persisted by earlier page loads (or other tabs), oldest first. */
    async _restore(): Promise<number> {
      if (!store) return 0;
      const known = new Set(entries.map((e) => e.id));
      let added = 0;
      try {
        for (const e of await store.load()) {
          if (known.has(e.id) || del.has(e.id)) continue;
          entries.push(e);
          bytes += e.size;
          added++;
        }
      } catch (error) {
        onStoreError(error);
      }
      // UUIDv7 message IDs sort by creation time.
      if (added) entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return added;
    },
    /** Stops or resumes persisting (consent denied keeps nothing on the device). */
    _setPersisting(on: boolean) {
      persisting = on;
    },
  };
};
export type Queue = ReturnType<typeof createQueue>;
