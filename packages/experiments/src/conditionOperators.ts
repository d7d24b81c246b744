import { compare, evalObject, evalValue, isIn, isOperatorObject, type Any, type Operator } from './conditions';
import { isSafeRegex } from './isSafeRegex';
import { paddedVersion } from './paddedVersion';
import type { Experiment } from './types';

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

const fold = (x: Any): Any => (typeof x == 'string' ? x.toLowerCase() : x);

const typeOf = (v: Any): string => {
  const t = typeof v;
  return v === null ? 'null' : Array.isArray(v) ? 'array' : t == 'function' || t == 'bigint' || t == 'symbol' ? 'unknown' : t;
};

// RegExp#test stringifies its argument, so a missing attribute is tested as "null".
const matches = (flags: string): Operator => (actual, expected) => !!regex(expected, flags)?.test(actual);
const version = (op: string): Operator => (actual, expected) => compare(op, paddedVersion(actual), paddedVersion(expected))!;
const inList = (included: boolean): Operator => (actual, expected) =>
  Array.isArray(expected) && isIn(actual, (x) => expected.some((e) => fold(e) === fold(x))) == included;
// Case-insensitive only where a string condition compares: GrowthBook folds nothing deeper.
const all = (insensitive: boolean): Operator => (actual, expected) =>
  Array.isArray(expected) &&
  Array.isArray(actual) &&
  expected.every((x) => actual.some((a) => (insensitive && typeof x == 'string' ? fold(a + '') === fold(x) : evalValue(x, a))));

/**
 * The operators a condition rarely needs: the plugin loads them only for config documents that
 * use one, the exported `evalCondition` always has them.
 */
export const rareOperators: Record<string, Operator> = {
  $veq: version('eq'),
  $vne: version('ne'),
  $vlt: version('lt'),
  $vlte: version('lte'),
  $vgt: version('gt'),
  $vgte: version('gte'),
  $ini: inList(true),
  $nini: inList(false),
  $all: all(false),
  $alli: all(true),
  $size: (actual, expected) => Array.isArray(actual) && evalValue(expected, actual.length),
  $elemMatch: (actual, expected) =>
    Array.isArray(actual) && actual.some((x) => x != null && (isOperatorObject(expected) ? evalValue(expected, x) : evalObject(x, expected))),
  $regex: matches(''),
  $regexi: matches('i'),
  $type: (actual, expected) => typeOf(actual) === expected,
};

/** True when a condition holds a `$regex` that evaluation will refuse. */
const hasUnsafeRegex = (c: unknown): boolean =>
  !!c && typeof c == 'object' && Object.entries(c).some(([k, v]) => (k.startsWith('$regex') && typeof v == 'string' ? !isSafeRegex(v) : hasUnsafeRegex(v)));

/** Names the experiments whose targeting evaluation will find false for an unsafe `$regex`. */
export const warnUnsafeRegexes = (experiments: Iterable<Experiment>, warn: (message: string) => void) => {
  for (const e of experiments) if (hasUnsafeRegex(e.targeting)) warn(e.key + ': unsafe $regex, condition is false');
};
