import { getPath } from './getPath';
import { isSafeRegex } from './isSafeRegex';
import { paddedVersion } from './paddedVersion';
import type { Attributes, Condition } from './types';

// Conditions are untyped marketer JSON, and GrowthBook's semantics rest on JS coercions
// (`<` across types, `value + ''`, `value * 1`), so values stay `any` here on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** Compiled patterns by flags + source; `null` for invalid or unsafe ones. */
const regexes = /* @__PURE__ */ new Map<string, RegExp | null>();

const regex = (source: unknown, flags: string): RegExp | null => {
  if (typeof source != 'string') return null;
  const key = flags + source;
  let r = regexes.get(key);
  if (r === undefined) {
    try {
      r = isSafeRegex(source) ? new RegExp(source, flags) : null;
    } catch {
      r = null;
    }
    regexes.set(key, r);
  }
  return r;
};

const isOperatorObject = (c: Any): boolean => {
  const keys = Object.keys(c);
  return keys.length > 0 && keys.every((k) => k[0] == '$');
};

const fold = (x: Any): Any => (typeof x == 'string' ? x.toLowerCase() : x);

/** `expected` holds `actual`, or any element of it when `actual` is an array. */
const isIn = (actual: Any, expected: Any[], insensitive: boolean): boolean => {
  const has = (x: Any) => (insensitive ? expected.some((e) => fold(e) === fold(x)) : expected.includes(x));
  return Array.isArray(actual) ? actual.some(has) : has(actual);
};

const typeOf = (v: Any): string => {
  const t = typeof v;
  return v === null ? 'null' : Array.isArray(v) ? 'array' : t == 'function' || t == 'bigint' || t == 'symbol' ? 'unknown' : t;
};

/** The comparison operators, also used on padded version strings; `undefined` for other names. */
const compare = (op: string, a: Any, b: Any): boolean | undefined =>
  op == 'eq' ? a === b : op == 'ne' ? a !== b : op == 'lt' ? a < b : op == 'lte' ? a <= b : op == 'gt' ? a > b : op == 'gte' ? a >= b : undefined;

const evalOperator = (op: string, actual: Any, expected: Any): boolean => {
  const c = op[1] == 'v' ? compare(op.slice(2), paddedVersion(actual), paddedVersion(expected)) : compare(op.slice(1), actual, expected);
  if (c !== undefined) return c;
  const ci = op.endsWith('i');
  switch (op) {
    case '$exists':
      return expected ? actual != null : actual == null;
    case '$in':
    case '$ini':
      return Array.isArray(expected) && isIn(actual, expected, ci);
    case '$nin':
    case '$nini':
      return Array.isArray(expected) && !isIn(actual, expected, ci);
    case '$not':
      return !evalValue(expected, actual);
    case '$size':
      return Array.isArray(actual) && evalValue(expected, actual.length);
    case '$elemMatch':
      return Array.isArray(actual) && actual.some((x) => x != null && (isOperatorObject(expected) ? evalValue(expected, x) : evalObject(x, expected)));
    case '$all':
    case '$alli':
      return Array.isArray(expected) && Array.isArray(actual) && expected.every((e) => actual.some((x) => evalValue(e, x, ci)));
    case '$regex':
    case '$regexi':
      // RegExp#test stringifies its argument, so a missing attribute is tested as "null".
      return !!regex(expected, ci ? 'i' : '')?.test(actual);
    case '$type':
      return typeOf(actual) === expected;
  }
  return false; // unknown operator
};

/** One path's condition: a literal to compare with, or an object of operators. */
const evalValue = (condition: Any, value: Any, insensitive?: boolean): boolean => {
  const t = typeof condition;
  return t == 'string'
    ? insensitive
      ? fold(value + '') === fold(condition)
      : value + '' === condition
    : t == 'number'
      ? value * 1 === condition
      : t == 'boolean'
        ? value !== null && !!value === condition
        : condition === null
          ? value === null
          : Array.isArray(condition) || !isOperatorObject(condition)
            ? JSON.stringify(value) === JSON.stringify(condition)
            : Object.keys(condition).every((op) => evalOperator(op, value, condition[op]));
};

const evalOr = (obj: Any, conditions: Any[]): boolean => !conditions.length || conditions.some((c) => evalObject(obj, c));

const evalObject = (obj: Any, condition: Any): boolean =>
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
 * Evaluates a MongoDB-style condition with the semantics of GrowthBook's `evalCondition`
 * (type-strict comparisons, `$in`/`$nin` intersecting arrays, `$elemMatch`, `$size`, `$all`,
 * `$exists`, `$type`, `$not`, `$and`/`$or`/`$nor`, `$v…` version comparisons, dotted paths,
 * case-insensitive `$ini $nini $alli $regexi`). Differences, on purpose: a `$regex` that is invalid
 * or fails {@link isSafeRegex} is false; saved groups do not exist; malformed input is false
 * instead of a throw.
 */
export const evalCondition = (attributes: Attributes, condition: Condition): boolean => {
  try {
    return evalObject(attributes, condition);
  } catch {
    return false;
  }
};
