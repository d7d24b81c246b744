/** `[start, end)` of the hash values that get one variation. */
export type VariationRange = [number, number];

/** `[name, start, end)`: units whose namespace hash falls in the range may enter the experiment. */
export type Namespace = [string, number, number];

/** Attributes a condition is evaluated against, e.g. `{ anonymousId, userId, traits, context, … }`. */
export type Attributes = Record<string, unknown>;

/** A MongoDB-style condition as GrowthBook's `evalCondition` reads it: dotted paths to values or `$` operators. */
export type Condition = Record<string, unknown>;
