import { describe, expect, it } from 'vitest';
import { backoff, parseRetryAfter } from './backoff';

describe('backoff', () => {
  it('grows exponentially from 1 s and caps at 5 min, with full jitter', () => {
    expect([0, 1, 2, 3, 10, 20].map((n) => backoff(n, () => 0.999999))).toEqual([999, 1999, 3999, 7999, 299999, 299999]);
    expect(backoff(5, () => 0)).toBe(0);
    expect(backoff(2, () => 0.5)).toBe(2000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 27, 10, 0, 0);
  it('reads delta-seconds', () => expect(parseRetryAfter('7', now)).toBe(7000));
  it('reads an HTTP date', () => expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:30 GMT', now)).toBe(30000));
  it('treats a date in the past as now', () => expect(parseRetryAfter('Fri, 27 Nov 2026 09:00:00 GMT', now)).toBe(0));
  it('caps at 5 minutes', () => expect(parseRetryAfter('86400', now)).toBe(300000));
  it('ignores absent or unreadable values', () => {
    for (const v of [undefined, null, '', 'soon', '-5']) expect(parseRetryAfter(v, now)).toBeUndefined();
  });
});
