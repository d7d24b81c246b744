import type { KeyValueStorage } from '@tidemark/core';
import { readJson } from './readJson';
import type { Experiment } from './types';

/** Storage key prefix; the unit follows, e.g. `tm_sb:anonymousId||0193…`. */
export const STICKY_PREFIX = 'tm_sb:';

/**
 * Sticky assignments per unit, like GrowthBook's sticky bucket documents: for each unit one stored
 * object `{ "<experiment>__<bucketVersion>": "<variation key>" }`. A new `bucketVersion` finds no
 * entry, so the unit is hashed again.
 */
export const createStickyBuckets = (storage: KeyValueStorage) => {
  const units = new Map<string, Record<string, string>>();
  const load = (unit: string) => {
    let doc = units.get(unit);
    if (!doc) units.set(unit, (doc = readJson(storage, STICKY_PREFIX + unit) ?? {}));
    return doc;
  };
  const field = (exp: Experiment) => exp.key + '__' + (exp.bucketVersion ?? 0);
  return {
    get: (unit: string, exp: Experiment): string | undefined => load(unit)[field(exp)],
    set(unit: string, exp: Experiment, variationKey: string) {
      const doc = load(unit);
      doc[field(exp)] = variationKey;
      storage.set(STICKY_PREFIX + unit, JSON.stringify(doc));
    },
  };
};
