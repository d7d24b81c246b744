import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestPlatform, type TestPlatformOptions } from '../test/createTestPlatform';
import { createTracker } from './createTracker';
import type { TrackerOptions } from './types';

const setup = (options: Partial<TrackerOptions> = {}, platformOptions: TestPlatformOptions = {}) => {
  const test = createTestPlatform(platformOptions);
  const tm = createTracker({ writeKey: 'pk_test', endpoint: 'https://c.test', platform: test.platform, ...options });
  return { ...test, tm };
};

describe('createTracker', () => {
  describe('envelope', () => {
    it('sends track events in the DESIGN §3 shape', async () => {
      const { tm, requests, sent } = setup();
      const id = tm.track('Product Added', { sku: 'A1', price: 9.9 });
      await tm.flush();
      expect(requests).toHaveLength(1);
      expect(requests[0]!.url).toBe('https://c.test/v1/batch');
      expect(requests[0]!.body.writeKey).toBe('pk_test');
      expect(new Date(requests[0]!.body.sentAt).toISOString()).toBe(requests[0]!.body.sentAt);
      const [e] = sent();
      expect(e).toMatchObject({
        type: 'track',
        event: 'Product Added',
        properties: { sku: 'A1', price: 9.9 },
        messageId: id,
        userId: null,
        context: {
          library: { name: 'tidemark', version: expect.any(String) },
          page: { url: 'https://shop.test/', path: '/', referrer: '', title: 'Shop', search: '' },
          session: { id: expect.any(Number), seq: 1, start: true },
          device: { seq: 1, stream: expect.stringMatching(/^[0-9a-f]{12}$/), streamSeq: 1 },
          locale: 'en-US',
          timezone: 'UTC',
        },
      });
      expect(e!.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(e!.anonymousId).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(e!.timestamp).toISOString()).toBe(e!.timestamp);
    });

    it('gives every event a unique messageId and consecutive session and device counters', async () => {
      const { tm, sent } = setup();
      for (let i = 0; i < 50; i++) tm.track('Tick', { i });
      await tm.flush();
      const events = sent();
      expect(new Set(events.map((e) => e.messageId)).size).toBe(50);
      expect(events.map((e) => e.context.device.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(events.map((e) => e.context.session.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('builds page, identify, alias and group calls per the Segment Spec', async () => {
      const { tm, sent } = setup();
      tm.page('Home', { section: 'top' });
      tm.identify('u1', { plan: 'pro' });
      tm.alias('u2');
      tm.group('acme', { seats: 3 });
      await tm.flush();
      const [page, identify, alias, group] = sent();
      expect(page).toMatchObject({ type: 'page', name: 'Home', properties: { path: '/', url: 'https://shop.test/', title: 'Shop', section: 'top' } });
      expect(identify).toMatchObject({ type: 'identify', userId: 'u1', traits: { plan: 'pro' } });
      expect(alias).toMatchObject({ type: 'alias', userId: 'u2', previousId: 'u1' });
      expect(group).toMatchObject({ type: 'group', groupId: 'acme', traits: { seats: 3 }, userId: 'u1' });
    });

    it('accepts page(properties) and identify(traits) without a name or ID', async () => {
      const { tm, sent } = setup();
      tm.page({ variant: 'b' });
      tm.identify({ email_opt_in: true });
      await tm.flush();
      expect(sent()[0]).toMatchObject({ type: 'page', properties: { variant: 'b' } });
      expect(sent()[0]).not.toHaveProperty('name');
      expect(sent()[1]).toMatchObject({ type: 'identify', userId: null, traits: { email_opt_in: true } });
    });

    it('normalises properties at track time', async () => {
      const { tm, sent } = setup();
      const cyclic: Record<string, unknown> = { n: 1 };
      cyclic.me = cyclic;
      tm.track('Weird', { at: new Date(0), big: 10n, fn: () => 1, cyclic });
      cyclic.n = 2; // later mutation must not leak into the queued event
      await tm.flush();
      expect(sent()[0]!.properties).toEqual({ at: '1970-01-01T00:00:00.000Z', big: '10', cyclic: { n: 1 } });
    });

    it('rejects an event over 32 KiB and counts it', async () => {
      const { tm, sent } = setup();
      const drops: unknown[] = [];
      tm.on('drop', (d) => drops.push(d.reason));
      expect(tm.track('Huge', { blob: 'x'.repeat(40_000) })).toBeUndefined();
      expect(tm.track('Fine', { blob: 'x'.repeat(30_000) })).toBeTypeOf('string');
      await tm.flush();
      expect(sent().map((e) => e.event)).toEqual(['Fine']);
      expect(tm.stats().dropped['too-large']).toBe(1);
      expect(drops).toEqual(['too-large']);
      // the rejected event did not consume a device counter value: no false gap in the loss ledger
      expect(sent()[0]!.context.device.seq).toBe(1);
    });
  });

  it('drops an event whose envelope takes it over 32 KiB once serialised, and reports it', async () => {
    const { tm, sent } = setup();
    const drops: string[] = [];
    tm.on('drop', (d) => drops.push(d.reason));
    expect(tm.track('Edge', { blob: 'x'.repeat(32_700) })).toBeTypeOf('string');
    tm.track('Fine');
    await tm.flush();
    expect(sent().map((e) => e.event)).toEqual(['Fine']);
    expect(drops).toEqual(['too-large']);
  });

  describe('input validation', () => {
    it('refuses missing, empty and non-string event names without throwing', async () => {
      const { tm, sent } = setup({ debug: true });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      for (const name of [undefined, null, '', '   ', 42, {}, [], () => 'x', Symbol('s')]) {
        expect(tm.track(name as never)).toBeUndefined();
      }
      await tm.flush();
      expect(sent()).toHaveLength(0);
      expect(tm.stats().invalid).toBe(9);
      expect(warn).toHaveBeenCalled();
      warn.mockRestore();
    });

    it('is silent without debug', () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { tm } = setup();
      tm.track(undefined as never);
      expect(warn).not.toHaveBeenCalled();
      warn.mockRestore();
    });

    it('never throws for garbage passed to any public method', async () => {
      const { tm } = setup();
      const garbage: unknown[] = [undefined, null, 0, -1, NaN, '', 'x', {}, [], () => {}, Symbol('s'), 10n, new Date(NaN), new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } })];
      const methods = ['track', 'page', 'identify', 'alias', 'group', 'reset', 'consent', 'on', 'use', 'stats', 'identity'] as const;
      for (const m of methods) {
        for (const a of garbage) {
          for (const b of garbage) {
            expect(() => (tm[m] as (...args: unknown[]) => unknown)(a, b)).not.toThrow();
          }
        }
      }
      await expect(tm.flush()).resolves.toMatchObject({ queued: expect.any(Number) });
    });

    it('returns an inert tracker for bad options instead of throwing', async () => {
      for (const bad of [undefined, {}, { writeKey: 'k' }, { writeKey: 'k', endpoint: 'ftp://x' }, { writeKey: 'k', endpoint: 'https://x' }]) {
        const tm = createTracker(bad as never);
        expect(tm.track('x')).toBeUndefined();
        await expect(tm.flush()).resolves.toEqual({ sent: 0, queued: 0 });
        expect(tm.stats().accepted).toBe(0);
        expect(() => tm.reset()).not.toThrow();
      }
    });

    it('survives a throwing platform storage and context', () => {
      const { platform } = createTestPlatform();
      platform.storage.set = () => {
        throw new Error('quota');
      };
      let calls = 0;
      platform.context = () => {
        if (calls++ > 0) throw new Error('context');
        return {};
      };
      const errors: string[] = [];
      const tm = createTracker({ writeKey: 'k', endpoint: 'https://c.test', platform, onError: (_, where) => errors.push(where) });
      expect(() => tm.track('a')).not.toThrow();
      expect(() => tm.track('b')).not.toThrow();
      expect(errors.length).toBeGreaterThan(0);
    });
  });

  describe('loss ledger', () => {
    it('numbers each page load\'s accepted events in a stream of its own, which reset() restarts', async () => {
      const storage = new Map<string, string>();
      const a = setup({}, { storage });
      const b = setup({}, { storage }); // another tab of the same device
      a.tm.track('a1');
      b.tm.track('b1');
      a.tm.track('');  // refused: counts nothing
      a.tm.track('a2');
      await Promise.all([a.tm.flush(), b.tm.flush()]);
      const [a1, a2] = a.sent().map((e) => e.context.device);
      const [b1] = b.sent().map((e) => e.context.device);
      expect([a1!.streamSeq, a2!.streamSeq, b1!.streamSeq]).toEqual([1, 2, 1]);
      expect(a2!.stream).toBe(a1!.stream);
      expect(b1!.stream).not.toBe(a1!.stream);
      a.tm.reset();
      a.tm.track('a3');
      await a.tm.flush();
      const a3 = a.sent()[2]!.context.device;
      expect(a3).toEqual({ seq: 1, stream: expect.any(String), streamSeq: 1 });
      expect(a3.stream).not.toBe(a1!.stream);
    });
  });

  describe('sessions', () => {
    beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 10, 27, 9) }));
    afterEach(() => vi.useRealTimers());

    it('keeps a session through activity and starts a new one after 30 minutes idle', async () => {
      const { tm, sent } = setup();
      tm.track('a');
      vi.advanceTimersByTime(29 * 60_000);
      tm.track('b');
      vi.advanceTimersByTime(29 * 60_000);
      tm.track('c');
      vi.advanceTimersByTime(30 * 60_000 + 1);
      tm.track('d');
      await tm.flush();
      const [a, b, c, d] = sent().map((e) => e.context.session);
      expect(a!.id).toBe(b!.id);
      expect(c!.id).toBe(a!.id);
      expect(c!.seq).toBe(3);
      expect(d!.id).not.toBe(a!.id);
      expect(d).toEqual({ id: Date.now(), seq: 1, start: true });
    });

    it('honours a custom sessionTimeout', async () => {
      const { tm, sent } = setup({ sessionTimeout: 1000 });
      tm.track('a');
      vi.advanceTimersByTime(1001);
      tm.track('b');
      await tm.flush();
      const [a, b] = sent().map((e) => e.context.session.id);
      expect(a).not.toBe(b);
    });

    it('starts a new session when a page view brings a different campaign', async () => {
      let campaign: Record<string, string> | undefined = { source: 'newsletter', medium: 'email', name: 'w47' };
      const { tm, sent } = setup({}, { context: () => (campaign ? { campaign } : {}) });
      tm.page();
      tm.track('x');
      campaign = undefined; // organic navigation inside the site keeps the session
      tm.page();
      campaign = { source: 'wechat', medium: 'social', name: 'w48' };
      tm.page();
      tm.track('y');
      await tm.flush();
      const s = sent();
      expect(s.map((e) => e.context.session.seq)).toEqual([1, 2, 3, 1, 2]);
      expect(s[3]!.context.session.id).not.toBe(s[0]!.context.session.id);
      expect(s[1]!.context.campaign).toEqual({ source: 'newsletter', medium: 'email', name: 'w47' });
      expect(s[4]!.context.campaign).toEqual(campaign);
      expect(s[4]!.context.attribution).toEqual({ first: { source: 'newsletter', medium: 'email', name: 'w47' }, last: campaign });
    });

    it('continues the session of another tab that was active meanwhile', async () => {
      const storage = new Map<string, string>();
      const a = setup({}, { storage });
      a.tm.track('a1');
      await a.tm.flush();
      vi.advanceTimersByTime(20 * 60_000);
      const b = setup({}, { storage });
      b.tm.track('b1');
      await b.tm.flush();
      vi.advanceTimersByTime(20 * 60_000); // 40 min after a1, 20 after b1
      a.tm.track("a2");
      await a.tm.flush();
      expect(a.sent()[1]!.context.session.id).toBe(a.sent()[0]!.context.session.id);
    });

    it('names in identity() the session the next event joins, also after a timeout or a campaign', async () => {
      let campaign: Record<string, string> | undefined;
      const { tm, sent } = setup({}, { context: () => (campaign ? { campaign } : {}) });
      const first = tm.identity().sessionId;
      expect(first).toBe(Date.now());
      vi.advanceTimersByTime(5);
      tm.track('a');
      vi.advanceTimersByTime(31 * 60_000);
      const second = tm.identity().sessionId;
      expect(second).not.toBe(first);
      vi.advanceTimersByTime(5);
      campaign = { source: 'newsletter' }; // the session has no event yet: it takes the campaign
      tm.page();
      campaign = { source: 'wechat' };
      tm.page();
      await tm.flush();
      expect(sent().map((e) => e.context.session)).toEqual([
        { id: first, seq: 1, start: true },
        { id: second, seq: 1, start: true },
        { id: expect.any(Number), seq: 1, start: true },
      ]);
      expect(sent()[2]!.context.session.id).toBeGreaterThan(second);
      expect(sent()[1]!.context.campaign).toEqual({ source: 'newsletter' });
      expect(tm.identity().sessionId).toBe(sent()[2]!.context.session.id);
    });
  });

  describe('identity', () => {
    it('persists anonymousId, userId and traits across page loads', async () => {
      const storage = new Map<string, string>();
      const first = setup({}, { storage });
      first.tm.identify('u42', { plan: 'pro' });
      await first.tm.flush();
      const second = setup({}, { storage });
      expect(second.tm.identity()).toMatchObject({ anonymousId: first.tm.identity().anonymousId, userId: 'u42', traits: { plan: 'pro' } });
      second.tm.track('Later');
      await second.tm.flush();
      expect(second.sent()[0]).toMatchObject({ userId: 'u42', anonymousId: first.tm.identity().anonymousId });
      // the device counter continues: no false gap for the loss ledger
      expect(second.sent()[0]!.context.device.seq).toBe(2);
    });

    it('keeps the device counter unique across tabs that take turns', async () => {
      vi.useFakeTimers();
      const storage = new Map<string, string>();
      const a = setup({}, { storage });
      const b = setup({}, { storage });
      for (let i = 0; i < 3; i++) {
        a.tm.track('a');
        await vi.advanceTimersByTimeAsync(2);
        b.tm.track('b');
        await vi.advanceTimersByTimeAsync(2);
      }
      vi.useRealTimers();
      await Promise.all([a.tm.flush(), b.tm.flush()]);
      const seqs = [...a.sent(), ...b.sent()].map((e) => e.context.device.seq).sort((x, y) => x - y);
      expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('merges traits and converts numeric user IDs to strings', () => {
      const { tm } = setup();
      tm.identify(7, { a: 1 });
      tm.identify({ b: 2 });
      expect(tm.identity()).toMatchObject({ userId: '7', traits: { a: 1, b: 2 } });
    });

    it('reset() clears the user and starts a new anonymousId, session and device counter', async () => {
      const { tm, sent, data } = setup();
      tm.identify('u1', { plan: 'pro' });
      const before = tm.identity();
      tm.reset();
      const after = tm.identity();
      expect(after.userId).toBeNull();
      expect(after.traits).toEqual({});
      expect(after.anonymousId).not.toBe(before.anonymousId);
      tm.track('After reset');
      await tm.flush();
      const last = sent().at(-1)!;
      expect(last).toMatchObject({ userId: null, anonymousId: after.anonymousId, context: { device: { seq: 1 }, session: { seq: 1, start: true } } });
      expect(data.get('tm_uid')).toBeUndefined();
    });
  });

  describe('batching', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('sends at flushAt events', async () => {
      const { tm, requests } = setup({ flushAt: 5 });
      for (let i = 0; i < 4; i++) tm.track('e');
      await vi.advanceTimersByTimeAsync(0);
      expect(requests).toHaveLength(0);
      tm.track('e');
      await vi.advanceTimersByTimeAsync(0);
      expect(requests).toHaveLength(1);
      expect(requests[0]!.body.batch).toHaveLength(5);
    });

    it('sends after flushInterval when fewer events are queued', async () => {
      const { tm, requests } = setup({ flushAt: 100, flushInterval: 2000 });
      tm.track('e');
      await vi.advanceTimersByTimeAsync(1999);
      expect(requests).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(requests).toHaveLength(1);
    });

    it('sends at 60 KiB and keeps every body under 60 KiB', async () => {
      const { tm, requests } = setup({ flushAt: 1000, flushInterval: 60_000 });
      for (let i = 0; i < 9; i++) tm.track('Big', { blob: 'x'.repeat(8000) });
      await vi.advanceTimersByTimeAsync(0);
      expect(requests.length).toBeGreaterThanOrEqual(2);
      expect(requests.flatMap((r) => r.body.batch)).toHaveLength(9);
      for (const r of requests) expect(JSON.stringify(r.body).length).toBeLessThan(60 * 1024);
    });

    it('stops sending after destroy() but keeps the queue persisted', async () => {
      const { tm, requests, persisted } = setup({ flushAt: 100, flushInterval: 1000 });
      tm.track('e');
      await vi.advanceTimersByTimeAsync(0);
      tm.destroy();
      await vi.advanceTimersByTimeAsync(5000);
      expect(requests).toHaveLength(0);
      expect(persisted.size).toBe(1);
      expect(tm.track('after')).toBeUndefined();
    });
  });

  describe('plugins', () => {
    it('runs enrich in order; null drops the event; a throwing plugin is skipped and disabled after 3 failures', async () => {
      let throws = 0;
      const { tm, sent } = setup({
        plugins: [
          { name: 'a', enrich: (e) => ({ ...e, properties: { ...e.properties, a: 1 } }) },
          { name: 'gate', enrich: (e) => (e.event === 'secret' ? null : e) },
          {
            name: 'boom',
            enrich: () => {
              throws++;
              throw new Error('boom');
            },
          },
        ],
      });
      for (const n of ['x', 'secret', 'y', 'z', 'w']) tm.track(n);
      await tm.flush();
      expect(sent().map((e) => [e.event, e.properties])).toEqual([
        ['x', { a: 1 }],
        ['y', { a: 1 }],
        ['z', { a: 1 }],
        ['w', { a: 1 }],
      ]);
      expect(throws).toBe(3);
      expect(tm.stats().dropped.plugin).toBe(1);
      expect(tm.stats().errors).toBe(3);
    });

    it('gives setup a context and attaches a plugin api to the tracker', () => {
      let seen: string | undefined;
      const { tm } = setup();
      tm.use({ name: 'hello', api: { greet: () => 'hi' }, setup: (ctx) => (seen = ctx.identity().anonymousId) });
      expect(seen).toBe(tm.identity().anonymousId);
      expect((tm as unknown as { hello: { greet(): string } }).hello.greet()).toBe('hi');
    });

    it('does not let a plugin api replace a tracker method', () => {
      const { tm } = setup();
      tm.use({ name: 'track', api: { evil: true } });
      expect(tm.track).toBeTypeOf('function');
    });
  });

  describe('on', () => {
    it('emits accepted events and acknowledgements; a throwing listener is contained', async () => {
      const { tm } = setup();
      const seen: string[] = [];
      tm.on('event', () => {
        throw new Error('listener');
      });
      const off = tm.on('event', (e) => seen.push(e.event!));
      let acked = 0;
      tm.on('sent', ({ count }) => (acked += count));
      tm.track('one');
      off();
      tm.track('two');
      await tm.flush();
      expect(seen).toEqual(['one']);
      expect(acked).toBe(2);
      expect(tm.stats()).toMatchObject({ accepted: 2, sent: 2, queued: 0 });
    });
  });
});
