import { describe, expect, it } from 'vitest';
import { createPrng } from './createPrng';

describe('createPrng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
    expect(createPrng(7).uuid()).toBe(createPrng(7).uuid());
  });

  it('gives different sequences for different seeds', () => {
    expect(createPrng(1).uuid()).not.toBe(createPrng(2).uuid());
  });

  it('draws uniformly from [0, 1)', () => {
    const prng = createPrng(3);
    const bins: number[] = Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = prng.next();
      if (x < 0 || x >= 1) outside++;
      else bins[Math.floor(x * 10)]!++;
    }
    expect(outside).toBe(0);
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('makes unique version-4-shaped UUIDs', () => {
    const prng = createPrng(9);
    const ids = new Set<string>();
    for (let i = 0; i < 100_000; i++) ids.add(prng.uuid());
    expect(ids.size).toBe(100_000);
    for (const id of [...ids].slice(0, 1000)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
