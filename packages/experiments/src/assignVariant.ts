import { createAssigner } from './createAssigner';
import { evalCondition } from './evalCondition';

/**
 * Decides one unit's variation, GrowthBook's way, in this order: forced, stopped (winner or
 * control), not running (draft, before `startAt`, from `endAt`), targeting, holdout, sticky,
 * namespace, coverage and weights. Everything but `forced`, `sticky` and `assigned` gets control.
 */
export const assignVariant = /* @__PURE__ */ createAssigner(evalCondition);
