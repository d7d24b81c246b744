/**
 * Token buckets per key: `burst` calls at once, refilled at `perSecond`. Stops a runaway loop
 * in the host page from flooding the queue while real bursts (a list page's 200 impressions) pass.
 */
export const createRateLimiter = (burst: number, perSecond: number) => {
  const buckets = new Map<string, { _tokens: number; _at: number }>();
  return (key: string, now: number): boolean => {
    const b = buckets.get(key) ?? { _tokens: burst, _at: now };
    b._tokens = Math.min(burst, b._tokens + ((now - b._at) / 1000) * perSecond);
    b._at = now;
    buckets.set(key, b);
    return b._tokens >= 1 && b._tokens-- > 0;
  };
};
