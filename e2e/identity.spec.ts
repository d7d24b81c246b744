import type { Page } from '@playwright/test';
import { SITE } from './servers';
import { test, expect, flush, label, sdkLoaded } from './fixtures';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The anonymousId as the SDK, the cookie and localStorage each hold it. */
const ids = async (page: Page) => {
  await sdkLoaded(page);
  const [inPage, cookies] = await Promise.all([
    page.evaluate(() => ({ sdk: window.tidemark.identity?.().anonymousId, local: localStorage.getItem('tm_aid') })),
    page.context().cookies(SITE),
  ]);
  return { ...inPage, cookie: cookies.find((c) => c.name === 'tm_aid')?.value };
};

test('the anonymousId persists across page loads, and cookie and localStorage restore each other', async ({ page, context, collector }) => {
  await page.goto('/script-tag/');
  const first = await ids(page);
  expect(first.sdk).toMatch(UUID_V4);
  expect(first).toEqual({ sdk: first.sdk, local: first.sdk, cookie: first.sdk });
  const id = first.sdk!;
  const cookie = (await context.cookies(SITE)).find((c) => c.name === 'tm_aid');
  // About 400 days, first-party, readable by the SDK, Lax.
  expect(cookie).toMatchObject({ path: '/', httpOnly: false, sameSite: 'Lax' });
  expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(399 * 24 * 3600 * 1000);

  await page.goto('/script-tag/product.html?id=p4');
  expect(await ids(page)).toEqual({ sdk: id, local: id, cookie: id });

  // Cookie cleared (e.g. by a browser's cookie cap): localStorage brings it back.
  await context.clearCookies();
  await page.goto('/script-tag/cart.html');
  expect(await ids(page)).toEqual({ sdk: id, local: id, cookie: id });

  // localStorage entry gone: the cookie brings it back.
  await page.evaluate(() => localStorage.removeItem('tm_aid'));
  await page.goto('/script-tag/');
  expect(await ids(page)).toEqual({ sdk: id, local: id, cookie: id });
  await flush(page);

  await expect.poll(async () => (await collector.events(id)).map(label)).toEqual([
    'page /script-tag/',
    'track Product List Viewed',
    'page /script-tag/product.html',
    'track Product Viewed',
    'page /script-tag/cart.html',
    'page /script-tag/',
    'track Product List Viewed',
  ]);
  // One device, one unbroken counter: the loss ledger sees no gap.
  expect((await collector.events(id)).map((e) => e.context.device.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
});

test('with the SDK blocked, the snippet stub swallows every call and the shop still works', async ({ page }) => {
  await page.route('**/tidemark.min.js', (route) => route.abort('blockedbyclient'));
  const sdkRequests: string[] = [];
  page.on('requestfailed', (req) => sdkRequests.push(new URL(req.url()).pathname));

  await page.goto('/script-tag/');
  // Calls of every kind, including garbage, return nothing and throw nothing.
  const results = await page.evaluate(() => {
    const t = window.tidemark;
    return [
      t.init({ writeKey: 'pk_other' }),
      t.track('Blocked Track', { a: 1 }),
      t.track(),
      t.page(null, 5),
      t.identify({ not: 'an id' }),
      t.alias(),
      t.group(undefined),
      t.reset(),
      t.consent('maybe'),
      t.flush(),
      t.on('event', () => {}),
      t.use({}),
    ].map((r) => r === undefined);
  });
  expect(results.every(Boolean)).toBe(true);
  expect(await page.evaluate(() => window.tidemark.q?.length)).toBe(14); // 12 above, plus init and Product List Viewed

  // The shop does not depend on the SDK.
  await page.click('[data-product-id="p2"]');
  await page.click('[data-add]');
  await expect(page.locator('[data-cart-count]')).toHaveText('1');
  await page.fill('[data-login] input', 'blocked@example.com');
  await page.click('[data-login] button');
  await expect(page.locator('[data-account-email]')).toHaveText('blocked@example.com');
  expect(await page.evaluate(() => typeof window.tidemark.identity)).toBe('undefined');
  expect(sdkRequests).toEqual(['/tidemark.min.js', '/tidemark.min.js']);
});
