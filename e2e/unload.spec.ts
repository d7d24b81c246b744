import { SITE } from './servers';
import { test, expect, label, sdkLoaded } from './fixtures';

test('an event tracked as a link navigates away reaches the collector (keepalive on page hide)', async ({ page, anonymousId, collector }) => {
  await page.goto('/script-tag/');
  await sdkLoaded(page);
  // The next page must not load the SDK: it would resend the event from IndexedDB, and this
  // test would pass without the hand-off on page hide.
  await page.route('**/tidemark.min.js', (route) => route.abort());

  // shop.js tracks Product Clicked on click and lets the browser follow the link at once.
  await page.click('[data-product-id="p3"]');
  await page.waitForURL('**/product.html?id=p3');

  await expect.poll(async () => (await collector.events(anonymousId)).map(label)).toEqual([
    'page /script-tag/',
    'track Product List Viewed',
    'track Product Clicked',
  ]);
  const clicked = (await collector.events(anonymousId))[2];
  expect(clicked?.properties).toMatchObject({ product_id: 'p3', name: 'Beacon Lamp', position: 3, list_id: 'home', url: `${SITE}/script-tag/product.html?id=p3` });
});

test('the purchase funnel arrives whole, including Order Completed sent as checkout leaves', async ({ page, anonymousId, collector }) => {
  await page.goto('/script-tag/product.html?id=p1');
  await page.fill('[data-quantity]', '2');
  await page.click('[data-add]');
  await page.click('[data-added] a');
  await page.click('[data-checkout]');
  await page.waitForURL('**/checkout.html');
  await page.fill('[data-order] [name=name]', 'Ada Lovelace');
  await page.fill('[data-order] [name=email]', 'ada@example.com');
  await page.fill('[data-order] [name=address]', '1 Shore Road');
  // As above: only this page's hand-off may deliver Order Completed.
  await page.route('**/tidemark.min.js', (route) => route.abort());
  await page.click('text=Place order');
  await page.waitForURL('**/thanks.html');
  const orderId = /Order (\w+)/.exec((await page.textContent('[data-thanks]')) ?? '')?.[1];

  await expect.poll(async () => (await collector.events(anonymousId)).map(label)).toEqual([
    'page /script-tag/product.html',
    'track Product Viewed',
    'track Product Added',
    'page /script-tag/cart.html',
    'track Checkout Started',
    'page /script-tag/checkout.html',
    'track Order Completed',
  ]);
  const order = (await collector.events(anonymousId)).at(-1);
  // 2 × $14 = $28: under $50, so $5 shipping; 8% tax.
  expect(order?.properties).toMatchObject({
    order_id: orderId,
    subtotal: 28,
    shipping: 5,
    tax: 2.24,
    total: 35.24,
    currency: 'USD',
    products: [{ product_id: 'p1', sku: 'TL-MUG-01', price: 14, quantity: 2, position: 1 }],
  });
});
