/** mulberry32: a tiny seeded PRNG, so a failing random case can be replayed. */
export const createRandom = (seed: number) => {
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  // ASCII, Latin-1, CJK, and astral characters (emoji) that become surrogate pairs.
  const chars = ['a', 'b', 'Z', '0', '9', '_', '-', '.', ' ', '/', 'é', 'ß', '中', '文', '🎉', '👍🏽', '\u0000', '\uffff'];
  const string = (max = 12) => Array.from({ length: int(max + 1) }, () => pick(chars)).join('');
  /** Weights for `n` variations: missing, raw, wrong length, near the ±0.01 tolerance, or normalised. */
  const weights = (n: number): number[] | undefined => {
    const raw = Array.from({ length: n }, next);
    const sum = raw.reduce((a, b) => a + b, 0) || 1;
    const kind = int(6);
    if (kind == 0) return undefined;
    if (kind == 1) return raw;
    if (kind == 2) return raw.slice(1);
    return raw.map((w) => (w / sum) * (kind == 3 ? 0.985 + next() * 0.03 : 1));
  };
  return { next, int, pick, string, weights };
};
export type Random = ReturnType<typeof createRandom>;
