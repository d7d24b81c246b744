/** FNV-1a 32 over UTF-16 code units; `Math.imul` by the FNV prime equals GrowthBook's shift-and-add form mod 2^32. */
export const fnv1a32 = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
};

/**
 * Deterministic number in [0, 1) for a seed and a unit, as GrowthBook hashes (DESIGN §4).
 * Version 2: `fnv1a32(String(fnv1a32(seed + value))) % 10000 / 10000`;
 * version 1: `fnv1a32(value + seed) % 1000 / 1000`; any other version → `null`.
 */
export const hash = (seed: string, value: string, version: number): number | null =>
  version === 2
    ? (fnv1a32(fnv1a32(seed + value) + '') % 10000) / 10000
    : version === 1
      ? (fnv1a32(value + seed) % 1000) / 1000
      : null;
