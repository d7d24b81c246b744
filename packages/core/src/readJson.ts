import type { KeyValueStorage } from './types';

/** Reads a JSON value from storage; a missing or corrupt value yields `undefined`. */
export const readJson = <T>(storage: KeyValueStorage, key: string): T | undefined => {
  try {
    const raw = storage.get(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
};
