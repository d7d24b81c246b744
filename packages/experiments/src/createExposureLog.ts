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
    /** Exposed in this session (by any page load or tab); records it when `add` and it was not. */
    _seen(key: string, sessionId: number, add?: boolean): boolean {
      const log = readJson<{ s: number; k: string[] }>(storage, EXPOSURE_KEY);
      const keys = log?.s === sessionId ? log.k : [];
      const seen = keys.includes(key);
      if (add && !seen) storage.set(EXPOSURE_KEY, JSON.stringify({ s: sessionId, k: [...keys, key] }));
      if (add || seen) known.set(key, sessionId);
      return seen;
    },
  };
};
