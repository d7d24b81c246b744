import { test, expect, flush, holdSdk, label, sdkLoaded } from './fixtures';

test('calls made to the snippet stub before the SDK loaded are replayed in order', async ({ page, anonymousId, collector }) => {
  // Hold the SDK back until the test has made its calls.
  const release = await holdSdk(page);

  await page.goto('/script-tag/', { waitUntil: 'domcontentloaded' });
  const calledAt = await page.evaluate(() => {
    window.tidemark.track('Early Track', { n: 1 });
    window.tidemark.page('Early Page', { n: 2 });
    window.tidemark.identify('user-early', { plan: 'pro' });
    return Date.now();
  });
  // Still the stub: the snippet's init, shop.js's list view, then the three calls above.
  expect(await page.evaluate(() => window.tidemark.q?.map(([method]) => method))).toEqual(['init', 'track', 'track', 'page', 'identify']);

  // The SDK arrives well after the calls; their events must still say when they happened.
  await page.waitForTimeout(1500);
  const releasedAt = await page.evaluate(() => Date.now());
  release();
  await sdkLoaded(page);
  expect(await page.evaluate(() => 'q' in window.tidemark)).toBe(false);
  await flush(page);

  await expect.poll(async () => (await collector.events(anonymousId)).map(label)).toEqual([
    'page /script-tag/', // autoPage, at init
    'track Product List Viewed',
    'track Early Track',
    'page Early Page',
    'identify user-early',
  ]);
  const events = await collector.events(anonymousId);
  // Device and session counters both run 1..5 in one session: nothing lost, nothing reordered.
  expect(events.map((e) => e.context.device.seq)).toEqual([1, 2, 3, 4, 5]);
  expect(events.map((e) => e.context.session.seq)).toEqual([1, 2, 3, 4, 5]);
  expect(new Set(events.map((e) => e.context.session.id)).size).toBe(1);
  const times = events.map((e) => Date.parse(e.timestamp));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  for (const t of times) expect(t).toBeLessThanOrEqual(calledAt);
  expect(releasedAt - calledAt).toBeGreaterThanOrEqual(1500);
  expect(events[2]?.properties).toEqual({ n: 1 });
  expect(events[3]?.properties).toMatchObject({ n: 2, path: '/script-tag/' });
  expect(events[4]).toMatchObject({ userId: 'user-early', traits: { plan: 'pro' } });
  expect(events.slice(0, 4).map((e) => e.userId)).toEqual([null, null, null, null]);
});
