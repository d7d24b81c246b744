import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector } from './startCollector';
import type { Collector, CollectorOptions } from './types';

const running: Collector[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((collector) => collector.close()));
});

async function start(options: CollectorOptions = {}): Promise<Collector> {
  const collector = await startCollector({ port: 0, db: ':memory:', ...options });
  running.push(collector);
  return collector;
}

/** A valid track event; `device.seq` defaults to `n`. */
const makeEvent = (n: number, overrides: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'Product Added',
  properties: { sku: `A${n}`, price: 9.9, tags: ['x', 'y'], nested: { ok: true, none: null } },
  messageId: `msg-${n}`,
  anonymousId: 'anon-1',
  userId: null,
  timestamp: `2026-11-27T09:59:${String(n % 60).padStart(2, '0')}.120Z`,
  context: {
    library: { name: 'tidemark', version: '0.1.0' },
    page: { url: 'https://shop.test/p', path: '/p', referrer: '', title: 'P', search: '' },
    session: { id: 1764237599000, seq: n },
    device: { seq: n },
    locale: 'zh-CN',
  },
  ...overrides,
});
const makeBatch = (events: unknown[], writeKey = 'pk_test') => ({ writeKey, sentAt: '2026-11-27T10:00:00.000Z', batch: events });

const post = (collector: Collector, body: unknown, init: RequestInit = {}) =>
  fetch(`${collector.url}/v1/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(body),
    ...init,
  });
const getJson = async (collector: Collector, path: string) => (await fetch(`${collector.url}${path}`)).json();

describe('startCollector', () => {
  it('stores a valid batch and returns it from /v1/events field by field', async () => {
    const collector = await start();
    const events = [
      makeEvent(1),
      { ...makeEvent(2), type: 'page', name: 'Home', event: undefined },
      { ...makeEvent(3), type: 'identify', userId: 'u-1', traits: { plan: 'pro' }, event: undefined, properties: undefined },
    ];
    const res = await post(collector, makeBatch(events));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, stored: 3, duplicates: 0 });

    const { events: stored } = await getJson(collector, '/v1/events');
    // JSON drops `undefined` fields, exactly as on the wire.
    expect(stored).toEqual(JSON.parse(JSON.stringify(events)));
    expect(await getJson(collector, '/v1/stats')).toEqual({ received: 3, stored: 3, duplicates: 0, rejected: 0, rateLimited: 0, faulted: 0 });
  });

  it('filters and pages /v1/events and keeps arrival order', async () => {
    const collector = await start();
    await post(collector, makeBatch([makeEvent(5), makeEvent(4, { anonymousId: 'anon-2' })]));
    await post(collector, makeBatch([makeEvent(3, { event: 'Order Completed' }), { ...makeEvent(2), type: 'page', event: undefined }]));
    const ids = async (query: string) => ((await getJson(collector, `/v1/events${query}`)).events as { messageId: string }[]).map((e) => e.messageId);
    expect(await ids('')).toEqual(['msg-5', 'msg-4', 'msg-3', 'msg-2']);
    expect(await ids('?limit=2')).toEqual(['msg-5', 'msg-4']);
    expect(await ids('?limit=2&offset=2')).toEqual(['msg-3', 'msg-2']);
    expect(await ids('?type=page')).toEqual(['msg-2']);
    expect(await ids('?event=Order%20Completed')).toEqual(['msg-3']);
    expect(await ids('?anonymousId=anon-2')).toEqual(['msg-4']);
    expect(await ids('?type=track&anonymousId=anon-1')).toEqual(['msg-5', 'msg-3']);
    const bad = await fetch(`${collector.url}/v1/events?limit=10001`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues).toEqual([{ path: 'limit', message: 'expected an integer from 1 to 10000' }]);
  });

  it('dedupes by messageId across and within batches, counting duplicates', async () => {
    const collector = await start();
    const batch = makeBatch([makeEvent(1), makeEvent(2)]);
    expect(await (await post(collector, batch)).json()).toEqual({ ok: true, stored: 2, duplicates: 0 });
    expect(await (await post(collector, batch)).json()).toEqual({ ok: true, stored: 0, duplicates: 2 });
    const repeated = makeBatch([makeEvent(3), makeEvent(3, { event: 'Changed' }), makeEvent(1)]);
    expect(await (await post(collector, repeated)).json()).toEqual({ ok: true, stored: 1, duplicates: 2 });

    const { events } = await getJson(collector, '/v1/events');
    expect(events.map((e: { messageId: string }) => e.messageId)).toEqual(['msg-1', 'msg-2', 'msg-3']);
    expect(events[2].event).toBe('Product Added'); // the first copy wins
    expect(await getJson(collector, '/v1/stats')).toMatchObject({ received: 7, stored: 3, duplicates: 4 });
  });

  it('stores each event once when overlapping batches arrive concurrently', async () => {
    const collector = await start();
    // Batch k holds events k*5 .. k*5+9, so neighbours overlap by 5: 55 distinct of 100 sent.
    const batches = Array.from({ length: 10 }, (_, k) => makeBatch(Array.from({ length: 10 }, (_, i) => makeEvent(k * 5 + i + 1))));
    const answers = await Promise.all(batches.map(async (batch) => (await post(collector, batch)).json()));
    const sum = (key: 'stored' | 'duplicates') => answers.reduce((total, answer) => total + answer[key], 0);
    expect(sum('stored')).toBe(55);
    expect(sum('duplicates')).toBe(45);
    const { events } = await getJson(collector, '/v1/events?limit=1000');
    expect(new Set(events.map((e: { messageId: string }) => e.messageId)).size).toBe(55);
    expect(events).toHaveLength(55);
  });

  it('stores lone surrogates (legal in JSON, refused by DuckDB) as U+FFFD', async () => {
    const collector = await start();
    const odd = makeEvent(1, { messageId: 'msg-\udc00', properties: { text: 'a\ud800b', ['key\ud800']: 1, emoji: '😀' } });
    const answers = await Promise.all([post(collector, makeBatch([odd])), post(collector, makeBatch([makeEvent(2)]))]);
    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    const { events } = await getJson(collector, '/v1/events');
    expect(events.map((e: { messageId: string }) => e.messageId).sort()).toEqual(['msg-2', 'msg-\ufffd']);
    expect(events.find((e: { messageId: string }) => e.messageId === 'msg-\ufffd').properties).toMatchObject({ text: 'a\ufffdb', ['key\ufffd']: 1, emoji: '😀' });
  });

  it('accepts text/plain (beacon) and gzip bodies', async () => {
    const collector = await start();
    const plain = await post(collector, makeBatch([makeEvent(1)]), { headers: { 'Content-Type': 'text/plain;charset=UTF-8' } });
    expect(plain.status).toBe(200);
    const gz = await post(collector, new Uint8Array(gzipSync(JSON.stringify(makeBatch([makeEvent(2)])))), {
      headers: { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' },
    });
    expect(gz.status).toBe(200);
    expect((await getJson(collector, '/v1/events')).events.map((e: { messageId: string }) => e.messageId)).toEqual(['msg-1', 'msg-2']);

    const badGzip = await post(collector, 'not gzip', { headers: { 'Content-Encoding': 'gzip' } });
    expect(badGzip.status).toBe(400);
    const brotli = await post(collector, makeBatch([makeEvent(3)]), { headers: { 'Content-Encoding': 'br' } });
    expect(brotli.status).toBe(415);
    const form = await post(collector, makeBatch([makeEvent(3)]), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });

  it('rejects a whole batch with 400 naming the failing path', async () => {
    const collector = await start();
    const res = await post(collector, makeBatch([makeEvent(1), makeEvent(2), makeEvent(3), { ...makeEvent(4), messageId: '' }]));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('invalid batch');
    expect(body.issues).toEqual([{ path: 'batch.3.messageId', message: expect.any(String) }]);
    expect((await getJson(collector, '/v1/events')).events).toEqual([]);

    const json = await post(collector, '{"writeKey":');
    expect(json.status).toBe(400);
    expect((await json.json()).issues[0]).toMatchObject({ path: '(root)', message: expect.stringMatching(/^invalid JSON/) });
    expect(await getJson(collector, '/v1/stats')).toMatchObject({ rejected: 2, received: 0 });
  });

  it('answers 413 over the body cap, before and after gunzip', async () => {
    const collector = await start({ maxBodyBytes: 4096 });
    const big = makeBatch([makeEvent(1, { properties: { blob: 'x'.repeat(5000) } })]);
    expect((await post(collector, big)).status).toBe(413);
    // Compresses far below the cap but expands above it.
    const bomb = new Uint8Array(gzipSync(JSON.stringify(big)));
    expect(bomb.length).toBeLessThan(4096);
    expect((await post(collector, bomb, { headers: { 'Content-Encoding': 'gzip' } })).status).toBe(413);
    // Without Content-Length (chunked), the streamed count catches it; the connection still works after.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(`${collector.url}/v1/batch`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write(JSON.stringify(big).slice(i * 1000, (i + 1) * 1000));
      req.end();
    });
    expect(chunked).toBe(413);
    expect((await post(collector, makeBatch([makeEvent(2)]))).status).toBe(200);
  });

  it('sends CORS headers only to allowed origins and answers preflights', async () => {
    const collector = await start({ cors: ['https://shop.test/', 'http://127.0.0.1:4173'] });
    const allowed = await post(collector, makeBatch([makeEvent(1)]), { headers: { 'Content-Type': 'application/json', Origin: 'https://shop.test' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.test');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(allowed.headers.get('vary')).toBe('Origin');

    const other = await post(collector, makeBatch([makeEvent(2)]), { headers: { 'Content-Type': 'application/json', Origin: 'https://evil.test' } });
    expect([...other.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);

    const preflight = await fetch(`${collector.url}/v1/batch`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:4173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST, GET');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Content-Type, Content-Encoding');
    expect(Number(preflight.headers.get('access-control-max-age'))).toBeGreaterThan(0);

    const refused = await fetch(`${collector.url}/v1/batch`, { method: 'OPTIONS', headers: { Origin: 'https://evil.test' } });
    expect(refused.status).toBe(204);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('allows any origin with *', async () => {
    const collector = await start({ cors: ['*'] });
    const res = await fetch(`${collector.url}/v1/stats`, { headers: { Origin: 'https://any.test' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://any.test');
  });

  it('rate-limits per write key with 429 and Retry-After', async () => {
    const collector = await start({ rateLimit: { burst: 2, perSecond: 0.25 } });
    const statuses = [];
    for (let n = 1; n <= 3; n++) statuses.push((await post(collector, makeBatch([makeEvent(n)], 'pk_a'))).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await post(collector, makeBatch([makeEvent(9)], 'pk_a'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(4);
    expect((await post(collector, makeBatch([makeEvent(9)], 'pk_b'))).status).toBe(200);
    expect(await getJson(collector, '/v1/stats')).toMatchObject({ rateLimited: 2, stored: 3 });
  });

  it('reports gaps in device.seq per device at /v1/loss', async () => {
    const collector = await start();
    const on = (anonymousId: string, seqs: number[], from: number) =>
      seqs.map((seq, i) => makeEvent(from + i, { anonymousId, context: { ...makeEvent(1).context, device: { seq } } }));
    const first = await post(collector, makeBatch([...on('gappy', [1, 2, 5, 7], 100), ...on('dupes', [1, 2, 2, 3, 3], 200), ...on('clean', [1, 2, 3], 300)]));
    expect(first.status).toBe(200);
    expect(await getJson(collector, '/v1/loss')).toEqual({ devices: [{ anonymousId: 'gappy', received: 4, max: 7, streamMissing: 0, missing: 3 }], missing: 3 });
    // The missing ones arrive later (e.g. after a retry): the gap closes.
    expect((await post(collector, makeBatch(on('gappy', [3, 4, 6], 400)))).status).toBe(200);
    expect(await getJson(collector, '/v1/loss')).toEqual({ devices: [], missing: 0 });
  });

  it('finds the loss two tabs hide by sharing device.seq values, in their streams', async () => {
    const collector = await start();
    const event = (n: number, seq: number, stream: string, streamSeq: number) =>
      makeEvent(n, { anonymousId: 'two-tabs', context: { ...makeEvent(1).context, device: { seq, stream, streamSeq } } });
    // Tabs a and b tracked at the same moments and drew the same device seq values; b's second
    // event is lost, and a's copy of seq 2 hides that from the device counter.
    const batch = [event(1, 1, 'a', 1), event(2, 1, 'b', 1), event(3, 2, 'a', 2), event(4, 3, 'a', 3), event(5, 3, 'b', 3), event(6, 4, 'b', 4)];
    expect((await post(collector, makeBatch(batch))).status).toBe(200);
    expect(await getJson(collector, '/v1/loss')).toEqual({
      devices: [{ anonymousId: 'two-tabs', received: 4, max: 4, streamMissing: 1, missing: 1 }],
      missing: 1,
    });
    expect((await post(collector, makeBatch([event(7, 2, 'b', 2)]))).status).toBe(200);
    expect(await getJson(collector, '/v1/loss')).toEqual({ devices: [], missing: 0 });
  });

  it('answers an injected status without storing', async () => {
    const collector = await start({ faults: 'status=500:1' });
    const res = await post(collector, makeBatch([makeEvent(1)]));
    expect(res.status).toBe(500);
    expect((await getJson(collector, '/v1/events')).events).toEqual([]);

    await fetch(`${collector.url}/v1/_faults`, { method: 'POST', body: JSON.stringify({ faults: 'status=503:1' }) });
    const unavailable = await post(collector, makeBatch([makeEvent(1)]));
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    expect(await getJson(collector, '/v1/stats')).toMatchObject({ faulted: 2, stored: 0 });
  });

  it('stores on ackloss but answers 500, so a retry is a duplicate', async () => {
    const collector = await start({ faults: 'ackloss:1' });
    expect((await post(collector, makeBatch([makeEvent(1)]))).status).toBe(500);
    expect((await getJson(collector, '/v1/events')).events.map((e: { messageId: string }) => e.messageId)).toEqual(['msg-1']);

    const cleared = await fetch(`${collector.url}/v1/_faults`, { method: 'POST', body: JSON.stringify({ faults: '' }) });
    expect(await cleared.json()).toEqual({ ok: true, faults: [] });
    expect(await (await post(collector, makeBatch([makeEvent(1)]))).json()).toEqual({ ok: true, stored: 0, duplicates: 1 });
  });

  it('drops the connection without storing, and delays answers', async () => {
    const collector = await start({ faults: 'drop:1' });
    await expect(post(collector, makeBatch([makeEvent(1)]))).rejects.toThrow();
    expect((await getJson(collector, '/v1/events')).events).toEqual([]);

    await fetch(`${collector.url}/v1/_faults`, { method: 'POST', body: JSON.stringify({ faults: 'delay=300:1' }) });
    const started = performance.now();
    expect((await post(collector, makeBatch([makeEvent(1)]))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('uses the random source to choose faults', async () => {
    const draws = [0.05, 0.5, 0.15];
    const collector = await start({ faults: 'status=500:0.1,status=429:0.1', random: () => draws.shift() ?? 1 });
    const statuses = [];
    for (let n = 1; n <= 4; n++) statuses.push((await post(collector, makeBatch([makeEvent(n)]))).status);
    expect(statuses).toEqual([500, 200, 429, 200]);
  });

  it('refuses a bad fault spec at start and at run time', async () => {
    await expect(startCollector({ port: 0, faults: 'status=700:0.1' })).rejects.toThrow(/status must be an integer from 400 to 599/);
    const collector = await start();
    const res = await fetch(`${collector.url}/v1/_faults`, { method: 'POST', body: JSON.stringify({ faults: 'nope:0.5' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/unknown fault "nope"/);
    expect(await getJson(collector, '/v1/_faults')).toEqual({ faults: [] });
  });

  it('serves /healthz, a custom ingest path, 404 and 405', async () => {
    const collector = await start({ path: '/t/e' });
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
    const res = await fetch(`${collector.url}/t/e`, { method: 'POST', body: JSON.stringify(makeBatch([makeEvent(1)])) });
    expect(res.status).toBe(200);
    expect((await fetch(`${collector.url}/v1/batch`, { method: 'POST', body: '{}' })).status).toBe(404);
    const wrong = await fetch(`${collector.url}/v1/stats`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('keeps events and arrival order in a database file across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tidemark-collector-'));
    try {
      const db = join(dir, 'nested', 'events.duckdb');
      const first = await startCollector({ port: 0, db });
      await post(first, makeBatch([makeEvent(2), makeEvent(1)]));
      await first.close();
      const second = await start({ db });
      expect(await (await post(second, makeBatch([makeEvent(1), makeEvent(3)]))).json()).toEqual({ ok: true, stored: 1, duplicates: 1 });
      const { events } = await getJson(second, '/v1/events');
      expect(events.map((e: { messageId: string }) => e.messageId)).toEqual(['msg-2', 'msg-1', 'msg-3']);
    } finally {
      await Promise.all(running.splice(0).map((collector) => collector.close()));
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects when the port is taken', async () => {
    const collector = await start();
    await expect(startCollector({ port: collector.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
