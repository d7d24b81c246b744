/** A seeded pseudo-random source: `next()` in [0, 1) and random UUID-shaped ids. */
export interface Prng {
  next(): number;
  uuid(): string;
}

/**
 * mulberry32: tiny, fast and good enough to stand in for random visitors; the same seed
 * always yields the same users, so `tidemark simulate` output is reproducible.
 */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const hex8 = () => nextUint32().toString(16).padStart(8, '0');
  return {
    next: () => nextUint32() / 4294967296,
    uuid: () => {
      const h = hex8() + hex8() + hex8() + hex8();
      // Version 4 / variant 1 nibbles, so ids look like the SDK's crypto.randomUUID() ones.
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
