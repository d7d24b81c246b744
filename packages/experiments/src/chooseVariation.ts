import type { VariationRange } from './types';

/** Index of the range holding `n` (start inclusive, end exclusive), or -1 when none does. */
export const chooseVariation = (n: number, ranges: VariationRange[]): number =>
  ranges.findIndex((r) => n >= r[0] && n < r[1]);
