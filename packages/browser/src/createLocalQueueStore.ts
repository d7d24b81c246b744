import type { QueueEntry, QueueStore } from '@tidemark/core';

const KEY = 'tm_queue';

/**
 * The queue in one localStorage key, for browsers where IndexedDB fails (some private modes).
 * Each write rewrites the key, so it suits the small queues of that case; a full quota throws
 * and the next fallback takes over.
 */
export const createLocalQueueStore = (): QueueStore => {
  const read = (): Record<string, QueueEntry> => JSON.parse(localStorage.getItem(KEY) || '{}');
  const write = (put: QueueEntry[], remove: string[]) => {
    const all = read();
    for (const e of put) all[e.id] = e;
    for (const id of remove) delete all[id];
    localStorage.setItem(KEY, JSON.stringify(all));
  };
  return {
    kind: 'localStorage',
    load: async () => Object.values(read()),
    get: async (ids) => {
      const all = read();
      return ids.flatMap((id) => (all[id] ? [all[id]] : []));
    },
    write: async (put, remove) => write(put, remove),
    rescue: (entries) => write(entries, []),
  };
};
