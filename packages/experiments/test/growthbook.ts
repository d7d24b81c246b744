// GrowthBook's npm package is the dev-only oracle. Its root exports only `evalCondition`;
// the hashing helpers live in its util module, which the exports map hides, so load the file.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = require.resolve('@growthbook/growthbook');

type Range = [number, number];
export const gb = {
  ...(require(root.replace(/index\.js$/, 'util.js')) as {
    hash(seed: string, value: string, version: number): number | null;
    getBucketRanges(n: number, coverage: number | undefined, weights?: number[]): Range[];
    chooseVariation(n: number, ranges: Range[]): number;
    inNamespace(hashValue: string, namespace: [string, number, number]): boolean;
    paddedVersionString(v: unknown): string;
  }),
  evalCondition: (require(root) as { evalCondition(obj: unknown, condition: unknown): boolean }).evalCondition,
};
