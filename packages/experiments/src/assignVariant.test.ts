import { describe, expect, it } from 'vitest';
import { createRandom } from '../test/random';
import { assignVariant } from './assignVariant';
import type { AssignInput } from './createAssigner';
import { hash } from './hash';
import type { Experiment } from './types';

const exp = (over: Partial<Experiment> = {}): Experiment => ({
  key: 'checkout_flow',
  status: 'running',
  variations: [
    { key: 'control', weight: 0.2 },
    { key: 'b', weight: 0.3 },
    { key: 'c', weight: 0.5 },
  ],
  ...over,
});
const input = (attributes: Record<string, unknown>, over: Partial<AssignInput> = {}): AssignInput => ({
  attributes,
  now: 0,
  sticky: () => undefined,
  ...over,
});

/** Pearson's chi-square p-value for an even number of degrees of freedom (closed form of Q(k, x/2)). */
const chiSquareP = (observed: number[], expected: number[]) => {
  const x = observed.reduce((sum, o, i) => sum + (o - expected[i]!) ** 2 / expected[i]!, 0);
  const k = (observed.length - 1) / 2;
  if (!Number.isInteger(k)) throw new Error('use an odd number of categories');
  let term = 1;
  let sum = 1;
  for (let i = 1; i < k; i++) sum += term *= x / 2 / i;
  return Math.exp(-x / 2) * sum;
};

/** Random UUID-shaped IDs from a seeded PRNG: random, yet the test is reproducible. */
const ids = (n: number, seed: number) => {
  const r = createRandom(seed);
  const hex = () => Math.floor(r.next() * 16).toString(16);
  return Array.from({ length: n }, () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, hex));
};

describe('assignVariant', () => {
  it('splits 100,000 random IDs within ±1% of the weights, without sample ratio mismatch', () => {
    const counts = [0, 0, 0];
    for (const id of ids(100_000, 42)) counts[assignVariant(exp(), input({ anonymousId: id })).index]!++;
    const weights = [0.2, 0.3, 0.5];
    counts.forEach((c, i) => expect(Math.abs(c / 100_000 - weights[i]!)).toBeLessThan(0.01));
    expect(chiSquareP(counts, weights.map((w) => w * 100_000))).toBeGreaterThan(0.001);
  });

  it('keeps weights among covered units with partial coverage and five variations', () => {
    const weights = [0.1, 0.1, 0.2, 0.25, 0.35];
    const e = exp({ coverage: 0.4, variations: weights.map((weight, i) => ({ key: 'v' + i, weight })) });
    const counts = [0, 0, 0, 0, 0];
    let covered = 0;
    for (const id of ids(100_000, 7)) {
      const a = assignVariant(e, input({ anonymousId: id }));
      if (a.reason == 'assigned') covered++, counts[a.index]!++;
    }
    expect(Math.abs(covered / 100_000 - 0.4)).toBeLessThan(0.01);
    counts.forEach((c, i) => expect(Math.abs(c / covered - weights[i]!)).toBeLessThan(0.01));
    expect(chiSquareP(counts, weights.map((w) => w * covered))).toBeGreaterThan(0.001);
  });

  it('the chi-square helper detects a mismatch', () => {
    expect(chiSquareP([21_000, 30_000, 49_000], [20_000, 30_000, 50_000])).toBeLessThan(0.001);
  });

  it('hashes with the seed and hash version of the experiment', () => {
    const n = hash('other_seed', 'u1', 1)!;
    const e = exp({ seed: 'other_seed', hashVersion: 1, variations: [{ key: 'a', weight: 0.5 }, { key: 'b', weight: 0.5 }] });
    expect(assignVariant(e, input({ anonymousId: 'u1' })).index).toBe(n < 0.5 ? 0 : 1);
    expect(assignVariant(exp({ hashVersion: 3 }), input({ anonymousId: 'u1' })).reason).toBe('outside-coverage');
  });

  it('hashes numbers and dotted attributes, and refuses empty units', () => {
    const byAccount = exp({ hashAttribute: 'traits.account' });
    expect(assignVariant(byAccount, input({ traits: { account: 42 } })).unit).toBe('traits.account||42');
    expect(assignVariant(byAccount, input({ traits: { account: '' } })).reason).toBe('not-targeted');
    expect(assignVariant(byAccount, input({ traits: { account: {} } })).reason).toBe('not-targeted');
  });

  it('checks targeting before the holdout, the holdout before sticky assignments', () => {
    const holdout = { key: 'h', percent: 1 };
    const targeted = exp({ targeting: { country: 'CN' } });
    expect(assignVariant(targeted, input({ anonymousId: 'u', country: 'US' }, { holdout })).reason).toBe('not-targeted');
    expect(assignVariant(targeted, input({ anonymousId: 'u', country: 'CN' }, { holdout, sticky: () => 'b' })).reason).toBe('holdout');
    expect(assignVariant(targeted, input({ anonymousId: 'u', country: 'CN' }, { sticky: () => 'b' }))).toEqual({ index: 1, reason: 'sticky', unit: 'anonymousId||u' });
  });

  it('lets a sticky assignment override namespace and coverage, but not targeting', () => {
    const closed = exp({ coverage: 0, namespace: ['ns', 0, 0] });
    expect(assignVariant(closed, input({ anonymousId: 'u' }, { sticky: () => 'c' })).index).toBe(2);
    expect(assignVariant(closed, input({ anonymousId: 'u' })).reason).toBe('outside-namespace');
  });
});
