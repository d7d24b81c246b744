import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestPlatform, type TestPlatformOptions } from '../test/createTestPlatform';
import { createTracker } from './createTracker';
import type { QueueEntry, SendResult, SenderElection, TrackerOptions } from './types';

const setup = (options: Partial<TrackerOptions> = {}, platformOptions: TestPlatformOptions = {}) => {
  const test = createTestPlatform(platformOptions);
  const tm = createTracker({ writeKey: 'pk_test', endpoint: 'https://c.test', platform: test.platform, flushAt: 1000, flushInterval: 1000, ...options });
  return { ...test, tm };
};

describe('delivery', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 10, 27, 9) }));
  afterEach(() => vi.useRealTimers());

  it('retries network errors, 408, 429 and 5xx with exponential backoff and full jitter', async () => {
    const statuses = [0, 503, 408, 429, 500, 200];
    const times: number[] = [];
    const { tm, sent } = setup({}, { random: () => 0.5, respond: () => (times.push(Date.now()), { status: statuses.shift()! }) });
    const start = Date.now();
    tm.track('a');
    await vi.advanceTimersByTimeAsync(1000); // interval flush → 0
    await vi.advanceTimersByTimeAsync(60_000);
    // jittered delays at random() = 0.5: 500, 1000, 2000, 4000, 8000 ms
    expect(times.map((t, i) => t - (i ? times[i - 1]! : start))).toEqual([1000, 500, 1000, 2000, 4000, 8000]);
    expect(sent().map((e) => e.event)).toEqual(['a', 'a', 'a', 'a', 'a', 'a']);
    expect(tm.stats()).toMatchObject({ sent: 1, retries: 5, queued: 0 });
  });

  it('caps the backoff at 5 minutes', async () => {
    const times: number[] = [];
    const { tm } = setup({}, { random: () => 0.999999, respond: () => (times.push(Date.now()), { status: 500 }) });
    tm.track('a');
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(300_000);
    expect(gaps.at(-1)).toBeGreaterThan(299_000);
  });

  it.each([
    ['seconds', '7', 7000],
    ['an HTTP date', 'Fri, 27 Nov 2026 09:00:13 GMT', 12000],
  ])('honours Retry-After in %s', async (_, header, wait) => {
    const times: number[] = [];
    const answers: SendResult[] = [{ status: 429, retryAfter: header }, { status: 200 }];
    const { tm } = setup({ flushInterval: 1000 }, { respond: () => (times.push(Date.now()), answers.shift()!) });
    tm.track('a');
    await vi.advanceTimersByTimeAsync(1000 + wait - 1);
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(times).toHaveLength(2);
    expect(tm.stats().sent).toBe(1);
  });

  it('bisects a batch rejected with 400 or 413 down to the poison event, which alone is dropped', async () => {
    for (const status of [400, 413]) {
      const { tm, requests, sent } = setup({}, { respond: (r) => ({ status: r.body.batch.some((e) => e.properties?.poison) ? status : 200 }) });
      const drops: unknown[] = [];
      tm.on('drop', (d) => drops.push(d));
      for (let i = 0; i < 16; i++) tm.track('e', { i, poison: i === 11 });
      await tm.flush();
      const delivered = requests.filter((r) => !r.body.batch.some((e) => e.properties?.poison)).flatMap((r) => r.body.batch);
      expect(delivered.map((e) => e.properties!.i).sort((a, b) => Number(a) - Number(b))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15]);
      expect(drops).toEqual([expect.objectContaining({ reason: 'rejected', count: 1, events: [expect.objectContaining({ properties: { i: 11, poison: true } })] })]);
      expect(tm.stats()).toMatchObject({ sent: 15, queued: 0, dropped: { rejected: 1 } });
      expect(sent().length).toBeLessThan(16 * 4); // log2 splits, not one request per event
    }
  });

  it('drops a batch on another 4xx and reports it', async () => {
    const { tm } = setup({}, { respond: () => ({ status: 401 }) });
    tm.track('a');
    tm.track('b');
    await tm.flush();
    expect(tm.stats()).toMatchObject({ sent: 0, queued: 0, dropped: { rejected: 2 } });
  });

  it('sends nothing while offline and flushes on online', async () => {
    let online = false;
    const { tm, requests, emit } = setup({}, { online: () => online });
    tm.track('a');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests).toHaveLength(0);
    online = true;
    emit('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
  });

  it('hands queued events to beacons on page hide, in chunks under 60 KiB, and keeps them until acknowledged', async () => {
    // The collector is failing, so events pile up under backoff when the page goes away.
    const { tm, requests, persisted, emit } = setup({}, { beacon: () => true, random: () => 0.99, respond: () => ({ status: 503 }) });
    for (let i = 0; i < 12; i++) tm.track('Big', { blob: 'x'.repeat(4900) });
    await vi.advanceTimersByTimeAsync(1000);
    const before = requests.length;
    expect(before).toBeGreaterThan(0);
    emit('hide');
    const beacons = requests.filter((r) => r.beacon);
    expect(beacons.length).toBeGreaterThanOrEqual(2);
    for (const b of beacons) expect(JSON.stringify(b.body).length).toBeLessThan(60 * 1024);
    // A beacon gives no answer: the events stay persisted for a later page load to resend.
    expect(beacons.flatMap((r) => r.body.batch)).toHaveLength(12);
    expect(persisted.size).toBe(12);
    // …and this page does not send them again right away.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests.filter((r) => !r.beacon)).toHaveLength(before);
  });

  it('removes beaconed events once a keepalive answer arrives', async () => {
    const { tm, persisted, emit } = setup({}, { beacon: () => Promise.resolve({ status: 200 }) });
    tm.track('a');
    await vi.advanceTimersByTimeAsync(0);
    emit('hide');
    await vi.advanceTimersByTimeAsync(0);
    expect(persisted.size).toBe(0);
    expect(tm.stats().sent).toBe(1);
  });

  it('resends what an earlier page load left in the store, oldest first', async () => {
    const queue = new Map<string, QueueEntry>();
    const storage = new Map<string, string>();
    const first = setup({}, { queue, storage, online: () => false });
    first.tm.track('one');
    first.tm.track('two');
    await vi.advanceTimersByTimeAsync(0);
    first.tm.destroy();
    const second = setup({}, { queue, storage });
    second.tm.track('three');
    await second.tm.flush();
    expect(second.sent().map((e) => e.event)).toEqual(['one', 'two', 'three']);
    expect(queue.size).toBe(0);
  });

  it('keeps only recent bodies in memory and reads the rest back from the store when sending', async () => {
    let online = false;
    const { tm, persisted, sent } = setup({}, { online: () => online });
    for (let i = 0; i < 300; i++) tm.track('e', { i, pad: 'y'.repeat(500) });
    await vi.advanceTimersByTimeAsync(0);
    expect(persisted.size).toBe(300);
    online = true;
    await tm.flush();
    expect(sent().map((e) => e.properties!.i)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });
});

describe('page hide before the store write lands', () => {
  it('rescues not-yet-persisted events synchronously, even offline', () => {
    const { tm, platform, emit } = setup({}, { online: () => false });
    const rescued: string[] = [];
    platform.queue!.rescue = (entries) => rescued.push(...entries.map((e) => JSON.parse(e.json!).event));
    tm.track('clicked');
    tm.track('left');
    emit('hide');
    expect(rescued).toEqual(['clicked', 'left']);
  });
});

describe('restores', () => {
  it('never adds an event twice when the sender is told of new events several times at once', async () => {
    const queue = new Map<string, QueueEntry>();
    const listeners = new Set<() => void>();
    const other = createTestPlatform({ queue, online: () => false });
    other.platform.sender = { id: 'B', active: () => false, adopts: () => true, onChange: () => () => {}, nudge: () => {} };
    const b = createTracker({ writeKey: 'k', endpoint: 'https://c.test', platform: other.platform });
    for (let i = 0; i < 30; i++) b.track('from B', { i });
    await new Promise((r) => setTimeout(r));
    const leader = createTestPlatform({ queue, online: () => false });
    leader.platform.sender = { id: 'A', active: () => true, adopts: () => true, onChange: (fn) => (listeners.add(fn), () => listeners.delete(fn)), nudge: () => {} };
    const a = createTracker({ writeKey: 'k', endpoint: 'https://c.test', platform: leader.platform, maxQueue: 40 });
    for (let i = 0; i < 5; i++) listeners.forEach((fn) => fn());
    await new Promise((r) => setTimeout(r, 20));
    expect(a.stats()).toMatchObject({ queued: 30, dropped: {} });
  });
});

describe('queue bounds', () => {
  it('drops the oldest events past maxQueue and counts them', async () => {
    const { tm, sent } = setup({ maxQueue: 5 }, { online: () => false });
    const drops: number[] = [];
    tm.on('drop', (d) => d.reason === 'queue-full' && drops.push(d.count));
    for (let i = 0; i < 8; i++) tm.track('e', { i });
    expect(tm.stats()).toMatchObject({ queued: 5, dropped: { 'queue-full': 3 } });
    expect(drops).toEqual([1, 1, 1]);
    expect(sent()).toHaveLength(0);
  });

  it('rate-limits a runaway event name while letting a 200-event burst and other names through', () => {
    vi.useFakeTimers();
    const { tm } = setup({}, { online: () => false });
    for (let i = 0; i < 200; i++) tm.track('Product Viewed', { i });
    expect(tm.stats().accepted).toBe(200);
    for (let i = 0; i < 5000; i++) tm.track('Runaway');
    expect(tm.stats().dropped['rate-limited']).toBe(4000);
    expect(tm.track('Other')).toBeTypeOf('string');
    vi.advanceTimersByTime(1000); // refills 100 tokens
    let passed = 0;
    for (let i = 0; i < 150; i++) if (tm.track('Runaway')) passed++;
    expect(passed).toBe(100);
    vi.useRealTimers();
  });

  it('can turn the rate limit off', () => {
    const { tm } = setup({ rateLimit: false, maxQueue: 100_000 }, { online: () => false });
    for (let i = 0; i < 3000; i++) tm.track('Loop');
    expect(tm.stats().accepted).toBe(3000);
  });
});

describe('consent', () => {
  it('pending holds events, granted sends them, denied drops held events and clears IDs', async () => {
    const { tm, requests, data, persisted } = setup({ consent: 'pending' });
    tm.track('held');
    await tm.flush();
    expect(requests).toHaveLength(0);
    expect(tm.stats().queued).toBe(1);
    tm.consent('granted');
    await tm.flush();
    expect(requests.flatMap((r) => r.body.batch).map((e) => e.event)).toEqual(['held']);

    tm.consent('pending');
    tm.track('later');
    tm.consent('denied');
    await tm.flush();
    expect(tm.stats()).toMatchObject({ queued: 0, dropped: { consent: 1 } });
    expect([...data.keys()].filter((k) => k.startsWith('tm_'))).toEqual([]);
    expect(tm.track('while denied')).toBeUndefined();
    await Promise.resolve();
    expect(persisted.size).toBe(0);
    expect(requests).toHaveLength(1);

    tm.consent('granted');
    const id = tm.track('after');
    expect(id).toBeTypeOf('string');
    expect(tm.identity().anonymousId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('tabs sharing one queue', () => {
  /** A fake election: the tab named in `leader` sends. */
  const election = (id: string, state: { leader: string; listeners: Set<() => void> }): SenderElection => ({
    id,
    active: () => state.leader === id,
    adopts: () => true,
    onChange: (fn) => (state.listeners.add(fn), () => state.listeners.delete(fn)),
    nudge: () => state.listeners.forEach((fn) => fn()),
  });

  it('only the elected tab sends; a closed tab strands nothing; no event is sent twice', async () => {
    const queue = new Map<string, QueueEntry>();
    const storage = new Map<string, string>();
    const state = { leader: 'A', listeners: new Set<() => void>() };
    const requests: string[][] = [];
    const respond = (r: { body: { batch: Array<{ event?: string }> } }) => (requests.push(r.body.batch.map((e) => e.event!)), { status: 200 });
    const tab = (id: string) => {
      const t = createTestPlatform({ queue, storage, respond });
      t.platform.sender = election(id, state);
      return createTracker({ writeKey: 'k', endpoint: 'https://c.test', platform: t.platform, flushAt: 1000, flushInterval: 50 });
    };
    const a = tab('A');
    const b = tab('B');
    b.track('b1');
    b.track('b2');
    a.track('a1');
    await new Promise((r) => setTimeout(r, 120));
    expect(requests.flat().sort()).toEqual(['a1', 'b1', 'b2']);
    // B forgot its persisted events: it holds nothing a later election could resend.
    expect(b.stats().queued).toBe(0);

    // A closes with unsent events; B takes over and sends them, exactly once.
    a.track('a2');
    await new Promise((r) => setTimeout(r, 0));
    a.destroy();
    state.leader = 'B';
    state.listeners.forEach((fn) => fn());
    await b.flush();
    await new Promise((r) => setTimeout(r, 120));
    const all = requests.flat();
    expect(all.sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(queue.size).toBe(0);
  });
});
