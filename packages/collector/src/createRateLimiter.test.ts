import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './createRateLimiter';

describe('createRateLimiter', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 3, perSecond: 0.5 }, () => now);
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([0, 0, 0]);
    expect(limiter.take('k')).toBe(2);
    now = 1000;
    expect(limiter.take('k')).toBe(1);
    now = 2000;
    expect(limiter.take('k')).toBe(0);
    expect(limiter.take('k')).toBe(2);
  });

  it('keeps one bucket per key', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 1 }, () => 0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
  });

  it('refills no higher than the burst', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 2, perSecond: 100 }, () => now);
    limiter.take('k');
    now = 60_000;
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([0, 0, 1]);
  });
});
