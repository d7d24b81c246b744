import { getPath } from './getPath';
import type { Attributes, Condition } from './types';

// Conditions are untyped marketer JSON, and GrowthBook's semantics rest on JS coercions
// (`<` across types, `value + ''`, `value * 1`), so values stay `any` here on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

/** An operator beyond the common ones, e.g. `$regex`. */
export type Operator = (actual: Any, expected: Any) => boolean;

/**
 * The operators beyond the common ones, by name: empty until `conditionOperators` is loaded into
 * it, by `evalCondition` or by the plugin for a document that needs them. Operators are pure, so
 * one table serves every evaluation on the page.
 */
export const operators: Record<string, Operator> = {};

export const isOperatorObject = (c: Any): boolean => {
  const keys = Object.keys(c);
  return keys.length > 0 && keys.every((k) => k[0] == '$');
};

/** `has(actual)`, or `has` of any element when `actual` is an array: how `$in` and the like read arrays. */
export const isIn = (actual: Any, has: (x: Any) => boolean): boolean => (Array.isArray(actual) ? actual.some(has) : has(actual));

/** The comparison operators, also used on padded version strings; `undefined` for other names. */
export const compare = (op: string, a: Any, b: Any): boolean | undefined =>
  op == 'eq' ? a === b : op == 'ne' ? a !== b : op == 'lt' ? a < b : op == 'lte' ? a <= b : op == 'gt' ? a > b : op == 'gte' ? a >= b : undefined;

/** One path's condition: a literal to compare with, or an object of operators. */
export const evalValue = (condition: Any, value: Any): boolean => {
  const t = typeof condition;
  return t == 'string'
    ? value + '' === condition
    : t == 'number'
      ? value * 1 === condition
      : t == 'boolean'
        ? value !== null && !!value === condition
        : condition === null
          ? value === null
          : Array.isArray(condition) || !isOperatorObject(condition)
            ? JSON.stringify(value) === JSON.stringify(condition)
            : Object.keys(condition).every((op) => {
                const expected = condition[op];
                const c = compare(op.slice(1), value, expected);
                return c !== undefined
                  ? c
                  : op == '$exists'
                    ? expected
                      ? value != null
                      : value == null
                    : op == '$in' || op == '$nin'
                      ? Array.isArray(expected) && isIn(value, (x) => expected.includes(x)) == (op == '$in')
                      : op == '$not'
                        ? !evalValue(expected, value)
                        : !!operators[op]?.(value, expected); // `$` names never reach Object.prototype
              });
};

const evalOr = (obj: Any, conditions: Any[]): boolean => !conditions.length || conditions.some((c) => evalObject(obj, c));

export const evalObject = (obj: Any, condition: Any): boolean =>
  Object.keys(condition).every((k) => {
    const v = condition[k];
    return k == '$or'
      ? evalOr(obj, v)
      : k == '$nor'
        ? !evalOr(obj, v)
        : k == '$and'
          ? v.every((c: Any) => evalObject(obj, c))
          : k == '$not'
            ? !evalObject(obj, v)
            : evalValue(v, getPath(obj, k));
  });

/**
 * GrowthBook's condition evaluation with the common operators (`$eq $ne $lt $lte $gt $gte $exists
 * $in $nin $not`, `$and $or $nor`, literals, dotted paths) and those loaded into `operators`; any
 * other operator is false. Malformed input is false, never a throw.
 */
export const matchCondition = (attributes: Attributes, condition: Condition): boolean => {
  try {
    return evalObject(attributes, condition);
  } catch {
    return false;
  }
};
