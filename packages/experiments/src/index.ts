export { hash } from './hash';
export { getBucketRanges } from './getBucketRanges';
export { chooseVariation } from './chooseVariation';
export { inNamespace } from './inNamespace';
export { evalCondition } from './evalCondition';
export { isSafeRegex, MAX_REGEX_LENGTH } from './isSafeRegex';
export type { Attributes, Condition, Namespace, VariationRange } from './types';
