import type { KeyValueStorage } from './types';

/** Storage that cannot throw: a failing read is `null`, a failing write is ignored. */
export const safeStorage = (s: KeyValueStorage, onError: (error: unknown) => void): KeyValueStorage => {
  const wrap =
    <A extends unknown[], R>(fn: (...a: A) => R, fallback: R) =>
    (...a: A): R => {
      try {
        return fn(...a);
      } catch (error) {
        onError(error);
        return fallback;
      }
    };
  return { get: wrap(s.get, null), set: wrap(s.set, undefined), remove: wrap(s.remove, undefined) };
};
