import { beforeAll, describe, expect, it, vi } from 'vitest';
import { gb } from '../test/growthbook';
import { createRandom } from '../test/random';
import { getBucketRanges } from './getBucketRanges';

// GrowthBook logs every weight/coverage correction outside production.
beforeAll(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));

describe('getBucketRanges', () => {
  it('equals GrowthBook on random counts, coverage and weights', () => {
    const r = createRandom(2);
    for (let i = 0; i < 20000; i++) {
      const n = r.int(7);
      const coverage = r.pick([undefined, 0, 1, -0.5, 1.5, r.next(), r.next()]);
      const weights = r.weights(n);
      const args = [n, coverage, weights] as const;
      expect(getBucketRanges(...args), JSON.stringify(args)).toEqual(gb.getBucketRanges(...args));
    }
  }, 60_000);

  it('uses the first `coverage` share of each weight slot', () => {
    expect(getBucketRanges(2, 0.5, [0.2, 0.8])).toEqual([
      [0, 0.1],
      [0.2, 0.6000000000000001],
    ]);
  });

  it('falls back to equal weights when weights do not sum to 1', () => {
    expect(getBucketRanges(2, 1, [0.5, 0.6])).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
  });
});
