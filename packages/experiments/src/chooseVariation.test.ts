import { beforeAll, describe, expect, it, vi } from 'vitest';
import { gb } from '../test/growthbook';
import { createRandom } from '../test/random';
import { chooseVariation } from './chooseVariation';
import { getBucketRanges } from './getBucketRanges';

beforeAll(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));

describe('chooseVariation', () => {
  it('equals GrowthBook on random hashes, including range edges', () => {
    const r = createRandom(3);
    for (let i = 0; i < 20000; i++) {
      const ranges = gb.getBucketRanges(1 + r.int(5), r.next(), r.weights(3));
      const edge = ranges[r.int(ranges.length)]![r.int(2)]!;
      const n = r.pick([r.next(), r.next(), edge, 0, 0.9999]);
      expect(chooseVariation(n, ranges), JSON.stringify([n, ranges])).toBe(gb.chooseVariation(n, ranges));
    }
  }, 60_000);

  it('returns -1 outside every range', () => {
    expect(chooseVariation(0.8, getBucketRanges(2, 0.5))).toBe(-1);
    expect(chooseVariation(0.5, [[0, 0.5]])).toBe(-1);
  });
});
