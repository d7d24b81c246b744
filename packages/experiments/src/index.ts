export { hash } from './hash';
export { getBucketRanges } from './getBucketRanges';
export { chooseVariation } from './chooseVariation';
export { inNamespace } from './inNamespace';
export { evalCondition } from './evalCondition';
export { isSafeRegex, MAX_REGEX_LENGTH } from './isSafeRegex';
export type { Attributes, Condition, Namespace, VariationRange } from './types';
export { experimentsPlugin } from './experimentsPlugin';
export { hideUntilReady } from './hideUntilReady';
export { assignVariant } from './assignVariant';
export type { AssignInput, Assignment } from './createAssigner';
export type {
  Experiment,
  ExperimentsApi,
  ExperimentsConfig,
  ExperimentsOptions,
  Holdout,
  Json,
  Reason,
  VariantResult,
  Variation,
} from './types';
