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
    /** Records the exposure; true when some page load or tab had recorded it in this session already. */
    _seen(key: string, sessionId: number): boolean {
      const log = readJson<{ s: number; k: string[] }>(storage, EXPOSURE_KEY);
      const keys = log?.s === sessionId ? log.k : [];
      known.set(key, sessionId);
      if (keys.includes(key)) return true;
      storage.set(EXPOSURE_KEY, JSON.stringify({ s: sessionId, k: [...keys, key] }));
      return false;
    },
  };
};
