// The script-tag build: defines `window.tidemark`, replaying calls the async snippet queued.
import type { Tracker } from '@tidemark/core';
import { createBrowserPlatform } from './createBrowserPlatform';
import { createTracker, type BrowserTrackerOptions } from './createTracker';

/** A queued call: method, arguments and, from snippets that record it, when it was made. */
type Call = [string, unknown[], unknown?];
type Api = Record<string, unknown>;

const METHODS = ['track', 'page', 'identify', 'alias', 'group', 'reset', 'consent', 'flush', 'on', 'use', 'stats', 'identity', 'destroy'];

const start = () => {
  const w = window as unknown as { tidemark?: { q?: Call[] } & Api };
  const stub = w.tidemark;
  if (stub && !stub.q && typeof stub.track === 'function') return; // already loaded
  const queued: Call[] = Array.isArray(stub?.q) ? stub.q : [];
  const buffer: Call[] = [];
  const el = document.currentScript as HTMLScriptElement | null;
  const data = el?.dataset ?? {};
  const defaults: Partial<BrowserTrackerOptions> = {};
  if (data.writeKey) defaults.writeKey = data.writeKey;
  if (data.endpoint) defaults.endpoint = data.endpoint;
  if (data.debug != null) defaults.debug = data.debug !== 'false';
  if (data.autoPage === 'false') defaults.autoPage = false;

  let tm: Tracker | undefined;
  /** While a queued call replays, the time it was made: its events carry that timestamp. */
  let at: number | undefined;
  const replay = ([m, args, t]: Call) => {
    const fn = api[m];
    at = typeof t == 'number' && t > 0 ? t : undefined;
    if (typeof fn == 'function') fn(...args); // tracker methods never throw
    at = undefined;
  };
  const api: Api = { version: __VERSION__ };
  // Tracker methods are closures, so they can be copied; plugins' APIs come along (`tidemark.experiments`).
  const adopt = () => Object.assign(api, tm, { use: (p: never) => (tm!.use(p), adopt()) });
  api.init = (options?: Partial<BrowserTrackerOptions>) => {
    if (tm) return;
    const o = { ...defaults, ...options } as BrowserTrackerOptions;
    const platform = createBrowserPlatform(o);
    const now = platform.now;
    platform.now = () => at ?? now();
    // Replayed, the init call's time is the first page view's.
    tm = createTracker({ ...o, platform });
    adopt();
    for (const call of buffer.splice(0)) replay(call);
  };
  for (const m of METHODS) {
    // Before init, calls wait in order; after it, adopt() has replaced these.
    api[m] = (...args: unknown[]) => void buffer.push([m, args, at ?? Date.now()]);
  }
  w.tidemark = api;
  if (defaults.writeKey && !queued.some(([m]) => m === 'init')) (api.init as () => void)();
  for (const call of queued) replay(call);
};

try {
  start();
} catch {
  // Whatever happens here stays here: the host page comes first.
}
