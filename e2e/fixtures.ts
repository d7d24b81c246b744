// Shared fixtures: a fresh anonymousId per test (so tests never see each other's events in the
// shared collector), a reader of the collector's stored events, and a guard on page errors.
import { randomUUID } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import { COLLECTOR, SITE } from './servers';

/** An event as the collector stored it (DESIGN §3); only what the tests read is typed. */
export interface StoredEvent {
  type: 'track' | 'page' | 'identify' | 'alias' | 'group';
  event?: string;
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  messageId: string;
  anonymousId: string;
  userId: string | null;
  timestamp: string;
  context: {
    page: { url: string; path: string; referrer: string; title: string; search: string };
    session: { id: number; seq: number; start?: boolean };
    device: { seq: number; stream: string; streamSeq: number };
    campaign?: Record<string, string>;
    [key: string]: unknown;
  };
}

/** `window.tidemark`: the snippet's stub (with its `q`) until the SDK loads, then the SDK. */
export interface Tidemark {
  q?: Array<[string, unknown[]]>;
  init(options?: unknown): unknown;
  track(event?: unknown, properties?: unknown): unknown;
  page(name?: unknown, properties?: unknown): unknown;
  identify(userId?: unknown, traits?: unknown): unknown;
  alias(newId?: unknown, previousId?: unknown): unknown;
  group(groupId?: unknown, traits?: unknown): unknown;
  reset(): unknown;
  consent(state?: unknown): unknown;
  flush(): unknown;
  on(name?: unknown, fn?: unknown): unknown;
  use(plugin?: unknown): unknown;
  identity?(): { anonymousId: string; userId: string | null };
}

declare global {
  interface Window {
    tidemark: Tidemark;
  }
}

export interface Collector {
  /** Events stored for one anonymousId, in device order (`context.device.seq`). */
  events(anonymousId: string): Promise<StoredEvent[]>;
}

export const test = base.extend<{ anonymousId: string; collector: Collector; pageErrors: Error[] }>({
  /** A unique anonymousId, preset in the SDK's cookie before the first page load. */
  anonymousId: async ({ context }, use) => {
    const id = `e2e-${randomUUID()}`;
    await context.addCookies([{ name: 'tm_aid', value: id, url: SITE }]);
    await use(id);
  },
  collector: async ({ request }, use) => {
    await use({
      async events(anonymousId) {
        const res = await request.get(`${COLLECTOR}/v1/events`, { params: { anonymousId, limit: 1000 } });
        expect(res.status()).toBe(200);
        const { events } = (await res.json()) as { events: StoredEvent[] };
        return events.sort((a, b) => a.context.device.seq - b.context.device.seq);
      },
    });
  },
  /** Every test fails on an uncaught error in the page: the SDK must never throw into it. */
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await use(errors);
      expect(errors.map((e) => e.message)).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Resolves once the SDK has replaced the snippet's stub. */
/** Holds `tidemark.min.js` back until the returned function runs: calls meet the snippet's stub. */
export const holdSdk = async (page: Page) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/tidemark.min.js', async (route) => {
    await held;
    await route.continue();
  });
  return release;
};

export const sdkLoaded = (page: Page) => page.waitForFunction(() => typeof window.tidemark?.identity === 'function');

/** Sends what the SDK has queued now, instead of waiting for its 5 s interval. */
export const flush = (page: Page) => page.evaluate(() => window.tidemark.flush());

/** A compact name for order assertions: `page /path`, `track Product Added`, `identify u_1`. */
export const label = (e: StoredEvent): string => {
  if (e.type === 'track') return `track ${e.event}`;
  if (e.type === 'page') return `page ${e.name ?? e.context.page.path}`;
  if (e.type === 'identify') return `identify ${e.userId}`;
  return e.type;
};
