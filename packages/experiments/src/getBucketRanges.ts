import type { VariationRange } from './types';

/**
 * Splits [0, 1) into one range per variation, as GrowthBook does: each variation owns a slot of
 * its weight and uses the first `coverage` share of it. Coverage is clamped to [0, 1]; weights
 * that are missing, of the wrong length or not summing to 1 (±0.01) become equal weights.
 * `numVariations` is an integer count.
 */
export const getBucketRanges = (numVariations: number, coverage?: number, weights?: number[]): VariationRange[] => {
  const c = coverage === undefined ? 1 : coverage < 0 ? 0 : coverage > 1 ? 1 : coverage;
  const equal: number[] = numVariations > 0 ? Array(numVariations).fill(1 / numVariations) : [];
  let w = weights || equal;
  const total = w.length === numVariations ? w.reduce((s, x) => s + x, 0) : 0;
  if (total < 0.99 || total > 1.01) w = equal;
  let start = 0;
  return w.map((x) => {
    const s = start;
    start += x;
    return [s, s + c * x];
  });
};
