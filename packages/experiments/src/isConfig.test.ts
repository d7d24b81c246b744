import { describe, expect, it } from 'vitest';
import { isConfig } from './isConfig';

const experiment = { key: 'cta', status: 'running', variations: [{ key: 'control', weight: 1 }] };

describe('isConfig', () => {
  it.each([
    [{ version: 1 }],
    [{ version: 1, experiments: [experiment], holdout: { key: 'h', percent: 0.05 }, funnels: [], rules: [] }],
    [{ version: 2, experiments: [{ ...experiment, targeting: { 'traits.vip': true } }] }],
  ])('accepts %j', (doc) => expect(isConfig(doc)).toBe(true));

  it.each([
    [null],
    ['<html>'],
    [[]],
    [{}],
    [{ version: '1' }],
    [{ version: 1, experiments: {} }],
    [{ version: 1, experiments: [null] }],
    [{ version: 1, experiments: [{ ...experiment, key: 1 }] }],
    [{ version: 1, experiments: [{ ...experiment, status: 'paused' }] }],
    [{ version: 1, experiments: [{ ...experiment, variations: [] }] }],
    [{ version: 1, experiments: [{ ...experiment, variations: [{ key: 'a' }] }] }],
    [{ version: 1, experiments: [{ ...experiment, targeting: 'vip' }] }],
    [{ version: 1, holdout: { key: 'h' } }],
  ])('refuses %j', (doc) => expect(isConfig(doc)).toBe(false));
});
