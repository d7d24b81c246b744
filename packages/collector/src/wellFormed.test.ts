import { describe, expect, it } from 'vitest';
import { wellFormed } from './wellFormed';

describe('wellFormed', () => {
  it('replaces lone surrogates in strings and keys, deeply', () => {
    const value = { ['k\udc00']: ['a\ud800b', { x: '\udfff' }], ok: 'fine', n: 1, z: null, t: true };
    expect(wellFormed(value)).toEqual({ ['k\ufffd']: ['a\ufffdb', { x: '\ufffd' }], ok: 'fine', n: 1, z: null, t: true });
  });

  it('keeps surrogate pairs', () => {
    expect(wellFormed({ emoji: '😀 \ud83d\ude00' })).toEqual({ emoji: '😀 😀' });
    expect(wellFormed('\ude00\ud83d')).toBe('\ufffd\ufffd'); // reversed halves are not a pair
  });
});
