import { beforeAll, describe, expect, it, vi } from 'vitest';
import { gb } from '../test/growthbook';
import { createRandom, type Random } from '../test/random';
import { evalCondition } from './evalCondition';

// GrowthBook logs unknown operators.
beforeAll(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const VERSIONS = ['1.2.3', 'v1.2.3', '1.10.0', '1.2.3-beta.1', '1.2.3-rc.10', '1.2', '2.0.0+build.5', '10', 1, 1.2];
const STRINGS = ['', '0', '10', 'a', 'A', 'abc', 'ABC', 'zh-CN', 'Zh-cn', 'null', '1.2.3', 'é', '中文'];
const NUMBERS = [0, 1, -1, 10, 2.5, 1e21];
const TYPES = ['string', 'number', 'boolean', 'object', 'array', 'null', 'undefined', 'unknown'];
// Safe and invalid patterns only: unsafe ones are refused on purpose (tested below).
const PATTERNS = ['^a', 'c$', 'A', '\\d', 'a/b', 'x|y', '^(a|b)c?$', 'ul', 'undef', '[', '(', '^$', '中', '^1\\.'];
const PATHS = ['id', 'n', 's', 'b', 'v', 'tags', 'nested', 'nested.a', 'nested.b.c', 'list', 'nil', 'missing', 'missing.x', 'tags.length', 'tags.0', 's.length'];
const OPS = ['$eq', '$ne', '$lt', '$lte', '$gt', '$gte', '$veq', '$vne', '$vgt', '$vgte', '$vlt', '$vlte', '$exists', '$in', '$nin', '$ini', '$nini', '$all', '$alli', '$not', '$size', '$elemMatch', '$regex', '$regexi', '$type', '$unknown'];

const generators = (r: Random) => {
  const primitive = (): Json =>
    r.pick<() => Json>([() => r.pick(STRINGS), () => r.pick(NUMBERS), () => r.next() < 0.5, () => null, () => r.pick(VERSIONS), () => r.string(3)])();
  const list = (): Json[] => Array.from({ length: r.int(4) }, primitive);
  const value = (depth = 2): Json =>
    depth <= 0 || r.next() < 0.6
      ? primitive()
      : r.next() < 0.5
        ? Array.from({ length: r.int(4) }, () => value(depth - 1))
        : { a: value(depth - 1), b: value(depth - 1) };
  const attributes = () => ({
    id: r.string(),
    n: r.pick(NUMBERS),
    s: r.pick(STRINGS),
    b: r.next() < 0.5,
    v: r.pick(VERSIONS),
    tags: list(),
    nested: { a: primitive(), b: { c: primitive() } },
    list: Array.from({ length: r.int(4) }, () => ({ a: primitive(), b: primitive() })),
    nil: null,
  });
  const operand = (op: string, depth: number): Json => {
    switch (op) {
      case '$veq': case '$vne': case '$vgt': case '$vgte': case '$vlt': case '$vlte':
        return r.pick(VERSIONS);
      case '$in': case '$nin': case '$ini': case '$nini':
        return r.next() < 0.9 ? list() : primitive();
      case '$all': case '$alli':
        return r.next() < 0.8 ? Array.from({ length: r.int(3) }, () => pathValue(depth - 1)) : primitive();
      case '$not':
        return pathValue(depth - 1);
      case '$size':
        return r.next() < 0.6 ? r.int(4) : { [r.pick(['$gt', '$lte', '$eq'])]: r.int(4) };
      case '$elemMatch':
        return r.next() < 0.5 ? operators(depth - 1) : condition(depth - 1, ['a', 'b', 'missing']);
      case '$regex': case '$regexi':
        return r.next() < 0.95 ? r.pick(PATTERNS) : r.pick(NUMBERS);
      case '$type':
        return r.pick(TYPES);
      case '$exists':
        return r.next() < 0.8 ? r.next() < 0.5 : primitive();
    }
    return value(1);
  };
  const operators = (depth: number): { [k: string]: Json } => {
    const o: { [k: string]: Json } = {};
    for (let i = 1 + r.int(2); i--; ) {
      const op = depth > 0 ? r.pick(OPS) : r.pick(OPS.slice(0, 17));
      o[op] = operand(op, depth);
    }
    return o;
  };
  const pathValue = (depth: number): Json => (r.next() < 0.35 ? value() : operators(depth));
  const condition = (depth: number, paths = PATHS): { [k: string]: Json } => {
    const c: { [k: string]: Json } = {};
    for (let i = 1 + r.int(3); i--; ) {
      const k = depth > 0 && r.next() < 0.3 ? r.pick(['$and', '$or', '$nor', '$not']) : r.pick(paths);
      c[k] =
        k == '$not'
          ? condition(depth - 1, paths)
          : k[0] == '$'
            ? Array.from({ length: r.int(3) }, () => condition(depth - 1, paths))
            : pathValue(depth);
    }
    return c;
  };
  return { attributes, condition };
};

describe('evalCondition', () => {
  it('equals GrowthBook on random conditions over every operator', () => {
    const r = createRandom(5);
    const g = generators(r);
    let matched = 0;
    for (let i = 0; i < 30000; i++) {
      const attributes = g.attributes();
      const condition = g.condition(3);
      const expected = gb.evalCondition(attributes, condition);
      expect(evalCondition(attributes, condition), JSON.stringify({ attributes, condition })).toBe(expected);
      matched += +expected;
    }
    // The generator must exercise both outcomes, not only "false".
    expect(matched).toBeGreaterThan(3000);
    expect(matched).toBeLessThan(27000);
  }, 60_000);

  it('refuses unsafe patterns where GrowthBook would run them', () => {
    const attributes = { s: 'aaaa' };
    expect(gb.evalCondition(attributes, { s: { $regex: '^(a+)+$' } })).toBe(true);
    expect(evalCondition(attributes, { s: { $regex: '^(a+)+$' } })).toBe(false);
    expect(evalCondition(attributes, { s: { $regex: 'a'.repeat(257) } })).toBe(false);
    expect(evalCondition(attributes, { $not: { s: { $regex: '(a|aa)*' } } })).toBe(true);
  });

  it('is false instead of throwing on malformed conditions', () => {
    expect(evalCondition({}, { $or: null } as never)).toBe(false);
    expect(evalCondition({ a: [1] }, { a: { $elemMatch: null } })).toBe(false);
    expect(evalCondition({}, null as never)).toBe(false);
  });
});
