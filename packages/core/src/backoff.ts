const BASE = 1000;
const CAP = 5 * 60 * 1000;

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^attempt)). */
export const backoff = (attempt: number, random: () => number): number =>
  Math.floor(random() * Math.min(CAP, BASE * 2 ** attempt));

/**
 * `Retry-After` in ms, from delta-seconds or an HTTP date; `undefined` when absent or
 * unreadable. Capped like backoff, so a hostile header cannot park the queue for days.
 */
export const parseRetryAfter = (value: string | null | undefined, now: number): number | undefined => {
  if (!value) return undefined;
  // delta-seconds is digits only; an HTTP date always names a weekday or month.
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : /[a-z]/i.test(value) ? Date.parse(value) - now : NaN;
  return isNaN(ms) ? undefined : Math.min(CAP, Math.max(0, ms));
};
