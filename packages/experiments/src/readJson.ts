import type { KeyValueStorage } from '@tidemark/core';

/** A stored JSON object, or `undefined` when absent or unreadable (another version, manual edits). */
export const readJson = <T extends object>(storage: KeyValueStorage, key: string): T | undefined => {
  try {
    const v = JSON.parse(storage.get(key)!);
    return v && typeof v == 'object' ? v : undefined;
  } catch {
    return undefined;
  }
};
