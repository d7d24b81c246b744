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
  const read = () => readJson<{ s: number; k: string[] }>(storage, EXPOSURE_KEY);
  return {
    /** What this page load already knows, without reading storage: the fast path of `variant()`. */
    known: (key: string, sessionId: number) => known.get(key) === sessionId,
    /** Exposed in this session, by this page load or another one (or tab). */
    has(key: string, sessionId: number): boolean {
      const log = read();
      const hit = known.get(key) === sessionId || (log?.s === sessionId && log.k.includes(key));
      if (hit) known.set(key, sessionId);
      return hit;
    },
    add(key: string, sessionId: number) {
      known.set(key, sessionId);
      const log = read();
      storage.set(EXPOSURE_KEY, JSON.stringify({ s: sessionId, k: log?.s === sessionId ? [...log.k, key] : [key] }));
    },
  };
};
