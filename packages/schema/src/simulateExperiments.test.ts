import { describe, expect, it } from 'vitest';
import { configSchema, type ConfigDocument, type ConfigDocumentInput } from './configSchema';
import { simulateExperiments } from './simulateExperiments';

type ExperimentInput = NonNullable<ConfigDocumentInput['experiments']>[number];

const variations = (...weights: number[]) => weights.map((weight, i) => ({ key: `v${i}`, weight, value: i }));
const experiment = (key: string, extra: Partial<ExperimentInput> = {}): ExperimentInput => ({
  key,
  status: 'running',
  variations: variations(0.5, 0.5),
  ...extra,
});
const experimentSchema = configSchema.shape.experiments.unwrap().element;
/** Parses each experiment on its own (defaults applied) so tests can build documents the list checks would refuse (namespace overlaps). */
const parsed = (experiments: ExperimentInput[], extra: Partial<ConfigDocumentInput> = {}): ConfigDocument => ({
  ...configSchema.parse({ version: 1, ...extra }),
  experiments: experiments.map((e) => experimentSchema.parse(e)),
});

describe('simulateExperiments', () => {
  it('splits 100,000 users within ±1% of the weights with an SRM p-value above 0.001', () => {
    const doc = parsed([experiment('even'), experiment('uneven', { variations: variations(0.2, 0.3, 0.5) })]);
    const result = simulateExperiments(doc, { users: 100_000, seed: 1 });
    for (const exp of result.experiments) {
      expect(exp.assigned).toBe(100_000);
      for (const v of exp.variations) expect(Math.abs(v.users / exp.assigned - v.weight)).toBeLessThan(0.01);
      expect(exp.srm!.pValue).toBeGreaterThan(0.001);
    }
  });

  it('passes the SRM check for many seeds about as often as chance allows', () => {
    const doc = parsed([experiment('e', { variations: variations(0.25, 0.25, 0.5) })]);
    const pValues = Array.from({ length: 40 }, (_, seed) => simulateExperiments(doc, { users: 2_000, seed }).experiments[0]!.srm!.pValue);
    // Under a correct split p is uniform on [0, 1]: mean about 0.5, and hardly any below 0.01.
    const mean = pValues.reduce((a, b) => a + b, 0) / pValues.length;
    expect(mean).toBeGreaterThan(0.3);
    expect(mean).toBeLessThan(0.7);
    expect(pValues.filter((p) => p < 0.01).length).toBeLessThanOrEqual(2);
  });

  it('reaches the configured coverage', () => {
    const doc = parsed([experiment('half', { coverage: 0.5, variations: variations(0.5, 0.25, 0.25) })]);
    const [exp] = simulateExperiments(doc, { users: 100_000, seed: 2 }).experiments;
    expect(exp!.eligible).toBe(100_000);
    expect(Math.abs(exp!.assigned / exp!.eligible - 0.5)).toBeLessThan(0.01);
    expect(exp!.srm!.pValue).toBeGreaterThan(0.001);
  });

  it('gives a tiny SRM p-value when units are hashed on a low-cardinality attribute', () => {
    const doc = parsed([experiment('by_user', { hashAttribute: 'userId' })]);
    const attributes = [{ userId: 'u1' }, { userId: 'u2' }, { userId: 'u3' }];
    const [exp] = simulateExperiments(doc, { users: 30_000, seed: 1, attributes }).experiments;
    expect(exp!.assigned).toBe(30_000);
    expect(exp!.srm!.pValue).toBeLessThan(1e-10);
  });

  it('only counts users the targeting condition matches', () => {
    const doc = parsed([experiment('zh', { targeting: { 'context.locale': { $in: ['zh-CN', 'zh-TW'] } } })]);
    const attributes = [{ context: { locale: 'zh-CN' } }, { context: { locale: 'en-US' } }, { context: { locale: 'zh-TW' } }, { context: {} }];
    const [exp] = simulateExperiments(doc, { users: 10_000, seed: 1, attributes }).experiments;
    expect(exp!.eligible).toBe(5_000);
  });

  it('falls back to fallbackAttribute and skips users with neither', () => {
    const doc = parsed([experiment('fb', { hashAttribute: 'userId', fallbackAttribute: 'traits.deviceId' })]);
    const attributes = [{ userId: 'a' }, { traits: { deviceId: 'd' } }, { traits: {} }];
    const [exp] = simulateExperiments(doc, { users: 3_000, seed: 1, attributes }).experiments;
    expect(exp!.eligible).toBe(2_000);
  });

  it('puts nobody in two experiments of a namespace with disjoint ranges', () => {
    const doc = parsed([
      experiment('a', { namespace: ['checkout', 0, 0.5] }),
      experiment('b', { namespace: ['checkout', 0.5, 1] }),
    ]);
    const result = simulateExperiments(doc, { users: 100_000, seed: 3 });
    expect(result.namespaces).toEqual([{ namespace: 'checkout', experiments: ['a', 'b'], conflicts: 0 }]);
    const [a, b] = result.experiments;
    expect(Math.abs(a!.eligible / 100_000 - 0.5)).toBeLessThan(0.01);
    expect(a!.eligible + b!.eligible).toBe(100_000);
  });

  it('flags users in two experiments of a namespace with overlapping ranges', () => {
    const doc = parsed([
      experiment('a', { namespace: ['checkout', 0, 0.6] }),
      experiment('b', { namespace: ['checkout', 0.4, 1] }),
    ]);
    const [ns] = simulateExperiments(doc, { users: 100_000, seed: 3 }).namespaces;
    expect(Math.abs(ns!.conflicts / 100_000 - 0.2)).toBeLessThan(0.01);
  });

  it('keeps the holdout share out of every experiment, as the SDK does', () => {
    const doc = parsed([experiment('a'), experiment('b', { coverage: 0.5 })], { holdout: { key: 'global_holdout', percent: 0.1 } });
    const [a, b] = simulateExperiments(doc, { users: 100_000, seed: 4 }).experiments;
    expect(Math.abs(a!.reasons.holdout! / 100_000 - 0.1)).toBeLessThan(0.01);
    // The holdout hashes the unit alone, so the same users are held out of both experiments.
    expect(b!.reasons.holdout).toBe(a!.reasons.holdout);
    expect(a!.assigned).toBe(100_000 - a!.reasons.holdout!);
    expect(Math.abs(b!.assigned / b!.eligible - 0.5)).toBeLessThan(0.01);
  });

  it('skips experiments that are not running', () => {
    const doc = parsed([experiment('d', { status: 'draft' }), experiment('s', { status: 'stopped', winner: 'v1' })]);
    const result = simulateExperiments(doc, { users: 100, seed: 1 });
    expect(result.experiments.map((e) => [e.skipped, e.assigned, e.srm])).toEqual([
      ['draft, not assigning', 0, null],
      ['stopped, not assigning', 0, null],
    ]);
  });

  it('is reproducible for a seed', () => {
    const doc = parsed([experiment('e')]);
    expect(simulateExperiments(doc, { users: 1_000, seed: 5 })).toEqual(simulateExperiments(doc, { users: 1_000, seed: 5 }));
  });
});
