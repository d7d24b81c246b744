import { rareOperators } from './conditionOperators';
import { matchCondition, operators } from './conditions';
import type { Attributes, Condition } from './types';

/**
 * Evaluates a MongoDB-style condition with the semantics of GrowthBook's `evalCondition`
 * (type-strict comparisons, `$in`/`$nin` intersecting arrays, `$elemMatch`, `$size`, `$all`,
 * `$exists`, `$type`, `$not`, `$and`/`$or`/`$nor`, `$v…` version comparisons, dotted paths,
 * case-insensitive `$ini $nini $alli $regexi`). Differences, on purpose: a `$regex` that is invalid
 * or fails `isSafeRegex` is false; saved groups do not exist; malformed input is false
 * instead of a throw.
 */
export const evalCondition = (attributes: Attributes, condition: Condition): boolean => {
  operators.$regex || Object.assign(operators, rareOperators);
  return matchCondition(attributes, condition);
};
