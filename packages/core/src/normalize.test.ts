import { describe, expect, it } from 'vitest';
import { normalize, normalizeRecord } from './normalize';

describe('normalize', () => {
  it('keeps JSON values as they are', () => {
    const v = { a: 1, b: 'x', c: true, d: null, e: [1, 'two', { f: false }] };
    expect(normalize(v)).toEqual(v);
  });

  it('drops functions, symbols and undefined in objects, and nulls them in arrays', () => {
    const v = { f() {}, s: Symbol('x'), u: undefined, keep: 1, arr: [() => 1, Symbol('y'), undefined, 2] };
    expect(normalize(v)).toEqual({ keep: 1, arr: [null, null, null, 2] });
  });

  it('turns Date into an ISO string and an invalid Date into null', () => {
    expect(normalize({ at: new Date(Date.UTC(2026, 10, 27, 10)) })).toEqual({ at: '2026-11-27T10:00:00.000Z' });
    expect(normalize({ at: new Date('nope') })).toEqual({ at: null });
  });

  it('turns BigInt into a string and non-finite numbers into null', () => {
    expect(normalize({ big: 12345678901234567890n, nan: NaN, inf: -Infinity })).toEqual({
      big: '12345678901234567890',
      nan: null,
      inf: null,
    });
  });

  it('cuts cycles instead of throwing', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    a.list = [a, { back: a }];
    expect(normalize(a)).toEqual({ name: 'a', list: [null, {}] });
  });

  it('keeps a value that appears twice without being a cycle', () => {
    const shared = { x: 1 };
    expect(normalize({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  it('cuts nesting deeper than 16 levels', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const out = JSON.stringify(normalize(deep));
    expect(out.match(/"d"/g)!.length).toBeLessThan(17);
  });

  it('uses toJSON like JSON.stringify does', () => {
    expect(normalize({ u: new URL('https://a.test/x') })).toEqual({ u: 'https://a.test/x' });
  });

  it('survives getters that throw only at the boundary it is called from', () => {
    const evil = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(() => normalize(evil)).toThrow();
  });
});

describe('normalizeRecord', () => {
  it('yields {} for anything but a plain object', () => {
    for (const v of [undefined, null, 1, 'x', [1, 2], () => 1]) expect(normalizeRecord(v)).toEqual({});
  });
});
