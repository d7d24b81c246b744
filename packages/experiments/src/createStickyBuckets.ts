import type { KeyValueStorage } from '@tidemark/core';
import { readJson } from './readJson';
import type { Experiment } from './types';

/** Storage key of the sticky assignments. */
export const STICKY_KEY = 'tm_sb';

type Buckets = Record<string, Record<string, string>>;

/**
 * Sticky assignments like GrowthBook's sticky bucket documents, all units in one stored object:
 * `{ "<attribute>||<value>": { "<experiment>__<bucketVersion>": "<variation key>" } }`. A new
 * `bucketVersion` finds no entry, so the unit is hashed again.
 */
export const createStickyBuckets = (storage: KeyValueStorage) => {
  const read = () => readJson<Buckets>(storage, STICKY_KEY) ?? {};
  let buckets = read();
  const field = (exp: Experiment) => exp.key + '__' + (exp.bucketVersion ?? 0);
  return {
    _get: (unit: string, exp: Experiment): string | undefined => buckets[unit]?.[field(exp)],
    _set(unit: string, exp: Experiment, variationKey: string) {
      // Read again first: another tab may have stored assignments since this page loaded.
      buckets = read();
      (buckets[unit] ??= {})[field(exp)] = variationKey;
      storage.set(STICKY_KEY, JSON.stringify(buckets));
    },
  };
};
