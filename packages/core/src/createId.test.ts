import { describe, expect, it } from 'vitest';
import { uuidFromRandom, uuidV7 } from './createId';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidFromRandom', () => {
  it('makes distinct well-formed v4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidFromRandom(Math.random)));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(V4);
  });
});

describe('uuidV7', () => {
  it('puts the time first so IDs sort by creation', () => {
    const a = uuidV7(1764237599000, crypto.randomUUID());
    const b = uuidV7(1764237599001, crypto.randomUUID());
    expect(a).toMatch(V7);
    expect(a.slice(0, 13).replace('-', '')).toBe((1764237599000).toString(16).padStart(12, '0'));
    expect(a < b).toBe(true);
  });
});
