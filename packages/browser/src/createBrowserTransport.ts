import type { SendResult, Transport } from '@tidemark/core';

/** Browsers allow 64 KiB of keepalive bodies in flight per page, shared with sendBeacon. */
export const KEEPALIVE_BUDGET = 64 * 1024;

// text/plain keeps every request "simple": no CORS preflight, and beacons allow it.
const HEADERS = { 'Content-Type': 'text/plain' };

/** A request with no answer by then counts as a network error, so a hung connection can't stall the queue. */
const TIMEOUT_MS = 30_000;

const post = (url: string, body: string, keepalive: boolean): Promise<SendResult> =>
  fetch(url, {
    method: 'POST',
    body,
    headers: HEADERS,
    keepalive,
    credentials: 'omit',
    ...(AbortSignal.timeout ? { signal: AbortSignal.timeout(TIMEOUT_MS) } : {}),
  }).then(
    (r) => {
      // The answer's body is never needed: release the connection at once.
      r.body?.cancel().catch(() => {});
      return { status: r.status, retryAfter: r.headers.get('Retry-After') };
    },
    () => ({ status: 0 }),
  );

/**
 * `fetch` for normal sends. For page hide: `fetch` with `keepalive` while the 64 KiB budget
 * allows (its answer still arrives if the page lives on), a normal `fetch` past it, and
 * `sendBeacon` where keepalive is unsupported.
 */
export const createBrowserTransport = (): Transport => {
  let inFlight = 0;
  return {
    send: (url, body) => post(url, body, false),
    beacon(url, body) {
      const size = new Blob([body]).size;
      if (inFlight + size > KEEPALIVE_BUDGET) return post(url, body, false);
      try {
        inFlight += size;
        return post(url, body, true).finally(() => (inFlight -= size));
      } catch {
        // No fetch at all (old engines): the beacon API is all there is.
        inFlight -= size;
        try {
          return navigator.sendBeacon(url, new Blob([body], { type: HEADERS['Content-Type'] }));
        } catch {
          return false;
        }
      }
    },
  };
};
