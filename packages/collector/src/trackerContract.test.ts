import { createTracker } from '@tidemark/core';
import type { Platform, TrackerEvent } from '@tidemark/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector } from './startCollector';
import type { Collector } from './types';

// The contract of DESIGN §3 from both ends: what @tidemark/core sends is what this collector
// accepts, stores and returns, field by field, with a clean loss ledger.
let collector: Collector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

/** A Node platform for core: memory storage and a fetch transport to the collector. */
function nodePlatform(): Platform {
  const memory = new Map<string, string>();
  return {
    storage: { get: (key) => memory.get(key) ?? null, set: (key, value) => void memory.set(key, value), remove: (key) => void memory.delete(key) },
    transport: {
      async send(url, body) {
        try {
          const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
          return { status: res.status, retryAfter: res.headers.get('retry-after') };
        } catch {
          return { status: 0 };
        }
      },
    },
    context: () => ({
      page: { url: 'https://shop.test/p?utm_source=wechat', path: '/p', referrer: '', title: 'P', search: '?utm_source=wechat' },
      campaign: { source: 'wechat' },
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    }),
    now: () => Date.now(),
    random: Math.random,
  };
}

describe('@tidemark/core → collector', () => {
  it('stores every call type exactly as the tracker built it', async () => {
    collector = await startCollector({ port: 0, db: ':memory:' });
    const tracker = createTracker({ writeKey: 'pk_core', endpoint: collector.url, platform: nodePlatform(), flushInterval: 60_000 });
    const built: TrackerEvent[] = [];
    tracker.on('event', (event) => built.push(event));

    tracker.page();
    tracker.track('Product Added', { sku: 'A1', price: 9.9, at: new Date(0), big: BigInt(2) ** 64n, skip: () => 1 });
    tracker.identify('u-1', { plan: 'pro' });
    tracker.alias('u-2');
    tracker.group('g-1', { name: 'Acme' });
    await tracker.flush();
    tracker.destroy();

    expect(built.map((event) => event.type)).toEqual(['page', 'track', 'identify', 'alias', 'group']);
    const res = await fetch(`${collector.url}/v1/events?anonymousId=${encodeURIComponent(built[0]!.anonymousId)}`);
    expect((await res.json()).events).toEqual(JSON.parse(JSON.stringify(built)));
    expect(await (await fetch(`${collector.url}/v1/loss`)).json()).toEqual({ devices: [], missing: 0 });
    expect(await (await fetch(`${collector.url}/v1/stats`)).json()).toMatchObject({ stored: 5, rejected: 0 });
  });
});
