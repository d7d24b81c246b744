import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserTransport, KEEPALIVE_BUDGET } from './createBrowserTransport';

afterEach(() => vi.restoreAllMocks());

describe('createBrowserTransport', () => {
  it('sends text/plain (no CORS preflight) and reports status and Retry-After', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{}', { status: 429, headers: { 'Retry-After': '7' } }));
    const res = await createBrowserTransport().send('https://c.test/v1/batch', '{"a":1}');
    expect(res).toEqual({ status: 429, retryAfter: '7' });
    expect(fetch.mock.calls[0]![1]).toMatchObject({ method: 'POST', keepalive: false, headers: { 'Content-Type': 'text/plain' }, credentials: 'omit' });
  });

  it('reports a network error as status 0 instead of rejecting', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(createBrowserTransport().send('https://c.test/v1/batch', '{}')).resolves.toEqual({ status: 0 });
  });

  it('never has more than 64 KiB of keepalive bodies in flight; past that it uses a plain fetch', async () => {
    const pending: Array<() => void> = [];
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() => new Promise((resolve) => pending.push(() => resolve(new Response('{}')))));
    const t = createBrowserTransport();
    const body = 'x'.repeat(30 * 1024);
    t.beacon!('https://c.test/v1/batch', body);
    t.beacon!('https://c.test/v1/batch', body);
    t.beacon!('https://c.test/v1/batch', body);
    const keepalive = fetch.mock.calls.map((c) => c[1]!.keepalive);
    expect(keepalive).toEqual([true, true, false]);
    expect(2 * body.length).toBeLessThanOrEqual(KEEPALIVE_BUDGET);
    // Once the first keepalive request is answered, its bytes are free again.
    pending[0]!();
    await new Promise((r) => setTimeout(r));
    t.beacon!('https://c.test/v1/batch', body);
    expect(fetch.mock.calls[3]![1]!.keepalive).toBe(true);
  });
});
