import type { Tracker } from './types';

/**
 * A tracker that accepts nothing: what a misconfigured `createTracker()` returns, so the host
 * page keeps working (and its calls are plainly not accepted) instead of meeting an exception.
 */
export const createInertTracker = (): Tracker => {
  const none = () => undefined;
  const tracker: Partial<Tracker> = {
    flush: () => Promise.resolve({ sent: 0, queued: 0 }),
    on: () => none,
    stats: () => ({ accepted: 0, sent: 0, invalid: 0, retries: 0, errors: 0, dropped: {}, queued: 0, store: 'none' }),
    identity: () => ({ anonymousId: '', userId: null, traits: {}, sessionId: 0 }),
  };
  return new Proxy(tracker, { get: (t, k) => t[k as keyof Tracker] ?? none }) as Tracker;
};
