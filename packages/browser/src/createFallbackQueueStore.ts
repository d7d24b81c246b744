import type { QueueEntry, QueueStore } from '@tidemark/core';

/**
 * Uses the first store that works, moving down the list for good when one fails (IndexedDB →
 * localStorage → memory). Reads and deletes reach every store, so events written before a
 * switch are neither stranded nor sent twice.
 */
export const createFallbackQueueStore = (stores: QueueStore[]): QueueStore => {
  let current = 0;
  const gather = async (read: (s: QueueStore) => Promise<QueueEntry[]>) => {
    const seen = new Map<string, QueueEntry>();
    for (const s of stores) {
      try {
        for (const e of await read(s)) seen.set(e.id, e);
      } catch {
        // An unreadable store holds nothing we can send.
      }
    }
    return [...seen.values()];
  };
  return {
    get kind() {
      return stores[current]!.kind;
    },
    load: () => gather((s) => s.load()),
    get: (ids) => gather((s) => s.get(ids)),
    rescue(entries) {
      // The first store that can write synchronously: localStorage, which reads and deletes reach too.
      for (const s of stores) {
        try {
          if (s.rescue) return s.rescue(entries);
        } catch {
          // Full or blocked: try the next.
        }
      }
    },
    async write(put, remove) {
      for (;;) {
        try {
          await stores[current]!.write(put, remove);
          break;
        } catch (error) {
          if (current === stores.length - 1) throw error;
          current++;
        }
      }
      // Deletes also reach the stores left behind, where older copies may live.
      for (const s of stores) if (s !== stores[current] && remove.length) s.write([], remove).catch(() => {});
    },
  };
};
