import type { KeyValueStorage } from '@tidemark/core';
import { readJson } from './readJson';

/** Storage key of the exposures of the current session: `{ s: sessionId, k: [keys] }`. */
export const EXPOSURE_KEY = 'tm_exp';

/**
 * Remembers which exposures were tracked in which session, across page loads and tabs (through
 * storage), so `Experiment Viewed` goes out once per experiment per session.
 */
export const createExposureLog = (storage: KeyValueStorage) => {
  const known = new Map<string, number>();
  return {
    /** Known to this page load, without reading storage: the fast path of `variant()`. */
    _known: (key: string, sessionId: number) => known.get(key) === sessionId,
    /**
     * Calls `track` unless a page load or tab recorded `key` in this session already, and records
     * `key` when `track` says the tracker accepted the event (denied consent, for one, does not).
     */
    _once(key: string, sessionId: number, track: () => unknown) {
      const log = readJson<{ s: number; k: string[] }>(storage, EXPOSURE_KEY);
      const keys = log?.s === sessionId ? log.k : [];
      const seen = keys.includes(key);
      if (seen || track()) {
        known.set(key, sessionId);
        if (!seen) storage.set(EXPOSURE_KEY, JSON.stringify({ s: sessionId, k: [...keys, key] }));
      }
    },
  };
};
