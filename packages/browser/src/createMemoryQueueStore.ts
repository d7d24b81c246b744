import type { QueueEntry, QueueStore } from '@tidemark/core';

/** The last resort: a queue that lives as long as the page. */
export const createMemoryQueueStore = (): QueueStore => {
  const all = new Map<string, QueueEntry>();
  return {
    kind: 'memory',
    load: async () => [...all.values()],
    get: async (ids) => ids.flatMap((id) => (all.has(id) ? [all.get(id)!] : [])),
    write: async (put, remove) => {
      for (const e of put) all.set(e.id, { ...e });
      for (const id of remove) all.delete(id);
    },
  };
};
