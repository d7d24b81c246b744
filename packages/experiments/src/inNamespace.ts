import { hash } from './hash';
import type { Namespace } from './types';

/** True when the unit's version-1 hash of `"__" + name` falls in `[start, end)`, as GrowthBook does. */
export const inNamespace = (hashValue: string, namespace: Namespace): boolean => {
  const n = hash('__' + namespace[0], hashValue, 1)!;
  return n >= namespace[1] && n < namespace[2];
};
