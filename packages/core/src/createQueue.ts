import { byteLength } from './byteLength';
import type { QueueEntry, QueueStore, SenderElection } from './types';

/** Events whose bodies stay in memory once persisted: about what a page-hide beacon can carry. */
const BODY_CACHE_BYTES = 64 * 1024;
/** How many removed IDs are remembered, so a restore never brings back a sent event. */
const GONE_LIMIT = 20_000;

/** The entry's body as JSON text, serialising it if that has not happened yet. */
export const bodyOf = (e: QueueEntry): string => e.json ?? JSON.stringify(e.event);

/** What the store keeps of an entry: its body as JSON, not the event object. */
const stored = (e: QueueEntry): QueueEntry =>
  e.owner ? { id: e.id, size: e.size, json: bodyOf(e), owner: e.owner } : { id: e.id, size: e.size, json: bodyOf(e) };

/**
 * The event queue: an ordered in-memory index mirrored to a persistent store shared by tabs.
 * Once per task it serialises the new events (outside `track()`), refuses any over
 * `maxEventBytes`, and writes them to the store in one go. Once persisted, only the newest
 * events keep their body in memory; the sender reads the rest back when it sends them. A tab
 * that is not the sender forgets its events once they are persisted: the sender takes them.
 */
export const createQueue = (o: {
  _store: QueueStore | undefined;
  _sender: SenderElection | undefined;
  _max: number;
  _maxEventBytes: number;
  _onEvict(entries: QueueEntry[], reason: 'queue-full' | 'too-large'): void;
  _onStoreError(error: unknown): void;
  _onSerialized(): void;
}) => {
  const { _store: store, _sender: sender } = o;
  let entries: QueueEntry[] = [];
  let bytes = 0;
  const fresh: QueueEntry[] = [];
  const put = new Map<string, QueueEntry>();
  const del = new Set<string>();
  const gone = new Set<string>();
  let scheduled: Promise<void> | undefined;
  let persisting = true;
  let restoring = Promise.resolve(0);
  let waiting: Promise<number> | undefined;
  const passive = () => !!sender && !sender.active();

  const forget = (keep: (e: QueueEntry) => boolean) => {
    entries = entries.filter((e) => keep(e) || ((bytes -= e.size), false));
  };

  /** Drops bodies of persisted events past the cache, oldest first; forgets them entirely in a non-sending tab. */
  const trim = () => {
    if (passive()) return forget((e) => put.has(e.id));
    let kept = 0;
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i]!;
      if (e.json && (kept += e.size) > BODY_CACHE_BYTES && !put.has(e.id)) delete e.json;
    }
  };

  const remove = (ids: Set<string>) => {
    if (!ids.size) return;
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
    if (entries.length <= o._max) return;
    const evicted = entries.slice(0, entries.length - o._max);
    remove(new Set(evicted.map((e) => e.id)));
    o._onEvict(evicted, 'queue-full');
  };

  /** Serialises what `track()` queued in this task, so it costs the caller nothing. */
  const serialize = () => {
    const tooLarge: QueueEntry[] = [];
    for (const e of fresh.splice(0)) {
      if (!e.event) continue;
      const json = JSON.stringify(e.event);
      const size = byteLength(json);
      bytes += size - e.size;
      e.size = size;
      e.json = json;
      if (size > o._maxEventBytes) tooLarge.push(e);
      else delete e.event;
    }
    if (tooLarge.length) {
      remove(new Set(tooLarge.map((e) => e.id)));
      o._onEvict(tooLarge, 'too-large');
    }
    o._onSerialized();
  };

  const persist = (): Promise<void> =>
    (scheduled ||= Promise.resolve().then(async () => {
      scheduled = undefined;
      serialize();
      if (!store || !persisting || (!put.size && !del.size)) return;
      const p = [...put.values()].map(stored);
      const d = [...del];
      del.clear();
      try {
        await store.write(p, d);
        for (const e of p) put.delete(e.id);
        trim();
        if (p.length && passive()) sender!.nudge();
      } catch (error) {
        // Still queued in memory and still in `put`: the next write tries again (or the store's fallback does).
        for (const id of d) del.add(id);
        o._onStoreError(error);
      }
    }));

  return {
    get _entries(): readonly QueueEntry[] {
      return entries;
    },
    get _bytes() {
      return bytes;
    },
    _add(entry: QueueEntry) {
      entries.push(entry);
      fresh.push(entry);
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
    _restore(): Promise<number> {
      // One restore at a time (two overlapping ones would both add what the store holds), and
      // requests that arrive while one waits share it: a busy tab nudges on every write.
      return (waiting ||= restoring = restoring.then(async () => {
        waiting = undefined;
        if (!store || passive()) return 0;
        let added = 0;
        try {
          const stored = await store.load();
          // Known IDs are read after the load, which may have overlapped sends and acks.
          const known = new Set(entries.map((e) => e.id));
          for (const e of stored) {
            if (known.has(e.id) || gone.has(e.id) || (sender && e.owner !== sender.id && !sender.adopts(e))) continue;
            entries.push(e);
            bytes += e.size;
            added++;
          }
        } catch (error) {
          o._onStoreError(error);
        }
        if (added) {
          // UUIDv7 message IDs sort by creation time.
          entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
          trim();
          evict();
        }
        return added;
      }));
    },
    /**
     * The batch with every body present, read back from the store where needed. Entries the
     * store no longer has were sent by another tab: they are forgotten, not sent again.
     */
    async _bodies(batch: QueueEntry[]): Promise<Array<[QueueEntry, string]>> {
      const missing = batch.filter((e) => !e.json && !e.event).map((e) => e.id);
      if (missing.length && store) {
        const found = new Map((await store.get(missing)).map((e) => [e.id, e.json]));
        for (const e of batch) {
          const json = found.get(e.id);
          if (!e.json && json) e.json = json;
        }
        const lost = new Set(missing.filter((id) => !found.get(id)));
        if (lost.size) {
          forget((e) => !lost.has(e.id));
          for (const id of lost) gone.add(id);
        }
      }
      // Taken now: a later trim may drop the bodies from memory while the request is out.
      return batch.flatMap((e): Array<[QueueEntry, string]> => (e.json || e.event ? [[e, bodyOf(e)]] : []));
    },
    /** The page is going away: entries not yet in the store are kept synchronously where the store can. */
    _rescue() {
      serialize();
      if (store?.rescue && persisting && put.size) store.rescue([...put.values()].map(stored));
    },
    /** Stops or resumes persisting (consent denied keeps nothing on the device). */
    _setPersisting(on: boolean) {
      persisting = on;
      if (on) persist();
    },
  };
};
export type Queue = ReturnType<typeof createQueue>;
