import { describe, expect, it } from 'vitest';
import { gb } from '../test/growthbook';
import { createRandom } from '../test/random';
import { fnv1a32, hash } from './hash';

describe('fnv1a32', () => {
  it('matches the FNV-1a 32 reference values', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});

describe('hash', () => {
  it('equals GrowthBook on random seeds and values, unicode included', () => {
    const r = createRandom(1);
    for (let i = 0; i < 20000; i++) {
      const seed = r.string();
      const value = r.string();
      const version = r.pick([1, 2, 2, 0, 3, -1]);
      expect(hash(seed, value, version), JSON.stringify([seed, value, version])).toBe(gb.hash(seed, value, version));
    }
  }, 60_000);

  it('returns null for unknown versions', () => {
    expect(hash('a', 'b', 3)).toBeNull();
    expect(hash('a', 'b', 1.5)).toBeNull();
  });

  it('hashes UTF-16 code units, not code points', () => {
    // An astral character is two code units; hashing it must equal hashing its surrogates.
    expect(hash('', '🎉', 2)).toBe(hash('', '\ud83c\udf89', 2));
    expect(hash('s', '中', 1)).toBe(gb.hash('s', '中', 1));
  });
});
