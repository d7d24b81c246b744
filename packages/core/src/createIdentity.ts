import { readJson } from './readJson';
import { STORAGE_KEYS as K } from './storageKeys';
import type { Json, KeyValueStorage } from './types';

/**
 * Who is being tracked: anonymousId, userId, traits, and the loss ledger's counters: the
 * device's (`context.device.seq`, persisted in platform storage like the rest) and this page
 * load's stream (`stream`, `streamSeq`).
 */
export const createIdentity = (storage: KeyValueStorage, uuid: () => string) => {
  let anonymousId = storage.get(K.anonymousId) || '';
  let userId = storage.get(K.userId);
  let traits = readJson<Record<string, Json>>(storage, K.traits) ?? {};
  const stored = () => Number(storage.get(K.deviceSeq)) || 0;
  let seq = stored();
  let readAt = 0;
  let stream = '';
  let streamSeq = 0;
  // A stream is one page load's events of one anonymousId: the collector counts its gaps.
  const startStream = () => {
    stream = uuid().slice(24); // the last, random, 12 hex digits
    streamSeq = 0;
  };
  const start = () => {
    anonymousId = uuid();
    seq = 0;
    startStream();
    storage.set(K.anonymousId, anonymousId);
  };
  startStream();
  if (!anonymousId) start();

  return {
    get _anonymousId() {
      return anonymousId;
    },
    get _userId() {
      return userId;
    },
    get _traits() {
      return traits;
    },
    /**
     * The next event's ledger. Other tabs count device events too, so the stored device counter
     * is read again (at most once per ms: storage reads cost more than the rest of track()) and
     * the write waits for the end of the task. Tabs that track at the same moment still reuse
     * numbers, which their streams show.
     */
    _ledger(now: number) {
      if (now !== readAt) [seq, readAt] = [Math.max(seq, stored()), now];
      return { seq: seq + 1, stream, streamSeq: streamSeq + 1 };
    },
    /** Counts one more accepted event; the device counter is persisted by `save()`. */
    _nextSeq() {
      seq++;
      streamSeq++;
    },
    _save() {
      storage.set(K.deviceSeq, String(Math.max(seq, stored())));
    },
    _setUser(id: string | null | undefined, newTraits: Record<string, Json>) {
      if (id !== undefined) {
        userId = id;
        if (id === null) storage.remove(K.userId);
        else storage.set(K.userId, id);
      }
      if (Object.keys(newTraits).length) {
        traits = { ...traits, ...newTraits };
        storage.set(K.traits, JSON.stringify(traits));
      }
    },
    /** Forgets the user and starts a new anonymous device identity. */
    _reset() {
      userId = null;
      traits = {};
      storage.remove(K.userId);
      storage.remove(K.traits);
      start();
      storage.set(K.deviceSeq, '0');
    },
    /** Removes every ID from storage (consent denied); a new anonymousId is made on next use. */
    _clear() {
      for (const key of Object.values(K)) storage.remove(key);
      userId = null;
      traits = {};
      anonymousId = '';
    },
    _ensure() {
      if (!anonymousId) start();
    },
  };
};
export type IdentityState = ReturnType<typeof createIdentity>;
