// Runs the JSON vectors (test/cases/*.json) against tidemark and, where they must agree,
// against GrowthBook, so the vectors themselves are proven before other SDKs reuse them.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { chooseVariation, evalCondition, getBucketRanges, hash, inNamespace, isSafeRegex } from '@tidemark/experiments';
import type { Condition, Namespace, VariationRange } from '@tidemark/experiments';
import chooseCases from './cases/chooseVariation.json';
import conditionCases from './cases/evalCondition.json';
import rangeCases from './cases/getBucketRanges.json';
import hashCases from './cases/hash.json';
import namespaceCases from './cases/inNamespace.json';
import regexCases from './cases/isSafeRegex.json';
import { gb } from './growthbook';

beforeAll(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));

const files = [hashCases, rangeCases, chooseCases, namespaceCases, conditionCases, regexCases];

describe('test/cases', () => {
  it('every file carries the spec version', () => {
    for (const f of files) expect(f.specVersion).toBe('1.0.0');
  });

  it.each(hashCases.cases as [string, string, number, number | null][])('hash(%j, %j, %j) = %j', (seed, value, version, expected) => {
    expect(hash(seed, value, version)).toBe(expected);
    expect(gb.hash(seed, value, version)).toBe(expected);
  });

  it.each(rangeCases.cases as [string, [number, number | null, number[] | null], VariationRange[]][])('getBucketRanges: %s', (_, [n, coverage, weights], expected) => {
    expect(getBucketRanges(n, coverage ?? undefined, weights ?? undefined)).toEqual(expected);
    expect(gb.getBucketRanges(n, coverage ?? undefined, weights ?? undefined)).toEqual(expected);
  });

  it.each(chooseCases.cases as [number, VariationRange[], number][])('chooseVariation(%j, %j) = %j', (n, ranges, expected) => {
    expect(chooseVariation(n, ranges)).toBe(expected);
    expect(gb.chooseVariation(n, ranges)).toBe(expected);
  });

  it.each(namespaceCases.cases as [string, Namespace, boolean][])('inNamespace(%j, %j) = %j', (id, ns, expected) => {
    expect(inNamespace(id, ns)).toBe(expected);
    expect(gb.inNamespace(id, ns)).toBe(expected);
  });

  it.each(conditionCases.cases as { name: string; condition: Condition; expected: boolean; growthbook?: boolean }[])(
    'evalCondition: $name',
    ({ condition, expected, growthbook }) => {
      expect(evalCondition(conditionCases.attributes, condition)).toBe(expected);
      expect(gb.evalCondition(conditionCases.attributes, condition)).toBe(growthbook ?? expected);
    },
  );

  it.each(regexCases.cases as [string, boolean][])('isSafeRegex(%j) = %j', (pattern, expected) => {
    expect(isSafeRegex(pattern)).toBe(expected);
  });
});
