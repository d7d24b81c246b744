import { readJson } from './readJson';
import { STORAGE_KEYS as K } from './storageKeys';
import type { Json, KeyValueStorage } from './types';

/**
 * Who is being tracked: anonymousId, userId, traits, and the per-device event counter
 * (the loss ledger's `context.device.seq`), all persisted in platform storage.
 */
export const createIdentity = (storage: KeyValueStorage, uuid: () => string) => {
  let anonymousId = storage.get(K.anonymousId) || '';
  let userId = storage.get(K.userId);
  let traits = readJson<Record<string, Json>>(storage, K.traits) ?? {};
  const stored = () => Number(storage.get(K.deviceSeq)) || 0;
  let seq = stored();
  let readAt = 0;

  const start = () => {
    anonymousId = uuid();
    seq = 0;
    storage.set(K.anonymousId, anonymousId);
  };
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
     * The device counter: events accepted on this device so far. Other tabs count too, so the
     * stored value is read again (at most once per ms: storage reads cost more than the rest of
     * track()) and the write waits for the end of the task: tabs then rarely reuse a number,
     * which would hide a loss from the ledger.
     */
    _seq(now: number) {
      if (now !== readAt) [seq, readAt] = [Math.max(seq, stored()), now];
      return seq;
    },
    /** Counts one more accepted event; persisted by `save()`. */
    _nextSeq: () => ++seq,
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
