import type { QueueEntry, QueueStore, SenderElection } from './types';

/** Events whose bodies stay in memory once persisted: about what a page-hide beacon can carry. */
export const BODY_CACHE_BYTES = 64 * 1024;
/** How many removed IDs are remembered, so a restore never brings back a sent event. */
const GONE_LIMIT = 20_000;

/**
 * The event queue: an ordered in-memory index mirrored to a persistent store shared by tabs.
 * Writes are coalesced into one store write per task. Once persisted, only the newest events
 * keep their body in memory; the sender reads the rest back when it sends them. A tab that is
 * not the sender forgets its events once they are persisted: the sender takes them from there.
 */
export const createQueue = (
  store: QueueStore | undefined,
  sender: SenderElection | undefined,
  max: number,
  onEvict: (entries: QueueEntry[]) => void,
  onStoreError: (error: unknown) => void,
) => {
  let entries: QueueEntry[] = [];
  let bytes = 0;
  const put = new Map<string, QueueEntry>();
  const del = new Set<string>();
  const gone = new Set<string>();
  let scheduled: Promise<void> | undefined;
  let persisting = true;

  const forget = (keep: (e: QueueEntry) => boolean) => {
    entries = entries.filter((e) => keep(e) || ((bytes -= e.size), false));
  };

  /** Drops bodies of persisted events past the cache, oldest first; forgets them entirely in a non-sending tab. */
  const trim = () => {
    if (sender && !sender.active()) return forget((e) => put.has(e.id));
    let kept = 0;
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i]!;
      if (e.event && (kept += e.size) > BODY_CACHE_BYTES && !put.has(e.id)) delete e.event;
    }
  };

  const persist = (): Promise<void> =>
    (scheduled ||= Promise.resolve().then(async () => {
      scheduled = undefined;
      if (!store || !persisting || (!put.size && !del.size)) return;
      const p = [...put.values()];
      const d = [...del];
      del.clear();
      try {
        await store.write(p, d);
        for (const e of p) if (put.get(e.id) === e) put.delete(e.id);
        trim();
        if (p.length && sender && !sender.active()) sender.nudge();
      } catch (error) {
        // Still queued in memory and still in `put`: the next write tries again (or the store's fallback does).
        for (const id of d) del.add(id);
        onStoreError(error);
      }
    }));

  const remove = (ids: Set<string>) => {
    forget((e) => !ids.has(e.id));
    for (const id of ids) {
      gone.add(id);
      // Never written yet: nothing to delete from the store either.
      if (store && !put.delete(id)) del.add(id);
    }
    for (const id of gone) {
      if (gone.size <= GONE_LIMIT) break;
      gone.delete(id);
    }
    persist();
  };

  const evict = () => {
    if (entries.length <= max) return;
    const evicted = entries.slice(0, entries.length - max);
    remove(new Set(evicted.map((e) => e.id)));
    onEvict(evicted);
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
      if (store) put.set(entry.id, entry);
      evict();
      persist();
    },
    _remove(ids: Iterable<string>) {
      remove(new Set(ids));
    },
    /** Drops everything, in memory and in the store. */
    _clear() {
      remove(new Set(entries.map((e) => e.id)));
    },
    /** Merges what the store holds that this instance may send (earlier page loads, other tabs), oldest first. */
    async _restore(): Promise<number> {
      if (!store || (sender && !sender.active())) return 0;
      let added = 0;
      try {
        const known = new Set(entries.map((e) => e.id));
        for (const e of await store.load()) {
          if (known.has(e.id) || gone.has(e.id) || (sender && e.owner !== sender.id && !sender.adopts(e))) continue;
          entries.push(e);
          bytes += e.size;
          added++;
        }
      } catch (error) {
        onStoreError(error);
      }
      if (added) {
        // UUIDv7 message IDs sort by creation time.
        entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        trim();
        evict();
      }
      return added;
    },
    /**
     * The batch with every body present, read back from the store where needed. Entries the
     * store no longer has were sent by another tab: they are forgotten, not sent again.
     */
    async _bodies(batch: QueueEntry[]): Promise<QueueEntry[]> {
      const missing = batch.filter((e) => !e.event).map((e) => e.id);
      if (missing.length && store) {
        const found = new Map((await store.get(missing)).map((e) => [e.id, e.event]));
        for (const e of batch) {
          const event = found.get(e.id);
          if (!e.event && event) e.event = event;
        }
        const lost = new Set(missing.filter((id) => !found.get(id)));
        if (lost.size) {
          forget((e) => !lost.has(e.id));
          for (const id of lost) gone.add(id);
        }
      }
      return batch.filter((e) => e.event);
    },
    /** Stops or resumes persisting (consent denied keeps nothing on the device). */
    _setPersisting(on: boolean) {
      persisting = on;
      if (on) persist();
    },
    /** Resolves once pending writes reached the store. */
    _persisted: () => persist(),
  };
};
export type Queue = ReturnType<typeof createQueue>;
