/** A seeded pseudo-random source: `next()` in [0, 1) and random UUID-shaped ids. */
export interface Prng {
  next(): number;
  uuid(): string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

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
  // Four bytes of one draw as hex, through a byte table: simulate makes 100,000s of ids.
  const hex = (x: number) => HEX[x >>> 24]! + HEX[(x >>> 16) & 255]! + HEX[(x >>> 8) & 255]! + HEX[x & 255]!;
  return {
    next: () => nextUint32() / 4294967296,
    uuid: () => {
      const a = nextUint32();
      const b = nextUint32();
      const c = nextUint32();
      const d = nextUint32();
      // Version 4 / variant 1 bits, so ids look like the SDK's crypto.randomUUID() ones.
      const b4 = hex(((b & 0xffff0fff) | 0x4000) >>> 0);
      const c4 = hex(((c & 0x3fffffff) | 0x80000000) >>> 0);
      return `${hex(a)}-${b4.slice(0, 4)}-${b4.slice(4)}-${c4.slice(0, 4)}-${c4.slice(4)}${hex(d)}`;
    },
  };
}
