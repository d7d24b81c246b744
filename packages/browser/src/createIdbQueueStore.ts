import { createStore, delMany, getMany, setMany, values } from 'idb-keyval';
import type { QueueEntry, QueueStore } from '@tidemark/core';

/**
 * The persistent queue in IndexedDB: one record per event, keyed by messageId, in a database of
 * its own so other idb-keyval users on the site are untouched.
 */
export const createIdbQueueStore = (name = 'tidemark'): QueueStore => {
  const store = createStore(name, 'queue');
  return {
    kind: 'indexeddb',
    load: () => values<QueueEntry>(store),
    get: async (ids) => (await getMany<QueueEntry | undefined>(ids, store)).filter((e): e is QueueEntry => !!e),
    write: async (put, remove) => {
      if (put.length) await setMany(put.map((e) => [e.id, e]), store);
      if (remove.length) await delMany(remove, store);
    },
  };
};
