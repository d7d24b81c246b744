import { readFileSync } from 'node:fs';
import { SITE } from './servers';
import { test, expect, flush, label, sdkLoaded } from './fixtures';

const VERSION = (JSON.parse(readFileSync('packages/core/package.json', 'utf8')) as { version: string }).version;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SEARCH = '?id=p2&utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=tote&utm_content=hero';
const CAMPAIGN = { source: 'newsletter', medium: 'email', name: 'spring', term: 'tote', content: 'hero' };

// Not the defaults: proves locale and timezone are read from the browser.
test.use({ locale: 'de-DE', timezoneId: 'Asia/Shanghai' });

test('the stored envelope matches DESIGN §3 field by field', async ({ page, anonymousId, collector }) => {
  const bodies: string[] = [];
  page.on('request', (req) => {
    if (req.url().endsWith('/v1/batch')) bodies.push(req.postData() ?? '');
  });
  const before = Date.now();
  await page.goto(`/script-tag/product.html${SEARCH}`, { referer: 'http://news.example.com/spring-issue' });
  await sdkLoaded(page);
  await page.fill('[data-quantity]', '2');
  await page.click('[data-add]');
  await page.fill('[data-login] input', 'Grace@Example.com');
  await page.click('[data-login] button');
  await flush(page);
  const after = Date.now();

  await expect.poll(async () => (await collector.events(anonymousId)).map(label)).toEqual([
    'page /script-tag/product.html',
    'track Product Viewed',
    'track Product Added',
    expect.stringMatching(/^identify u_\w+$/),
  ]);
  const events = await collector.events(anonymousId);
  const [first, , added, identify] = events;
  const env = await page.evaluate(() => ({
    userAgent: navigator.userAgent,
    referrer: document.referrer,
    screen: { width: screen.width, height: screen.height, density: devicePixelRatio },
    cartId: (JSON.parse(localStorage.getItem('tideline_cart') ?? '{}') as { id?: string }).id,
    userId: (JSON.parse(localStorage.getItem('tideline_user') ?? '{}') as { id?: string }).id,
  }));
  expect(env.referrer).toBe('http://news.example.com/spring-issue');
  const url = `${SITE}/script-tag/product.html${SEARCH}`;

  expect(added).toEqual({
    type: 'track',
    event: 'Product Added',
    properties: {
      product_id: 'p2',
      sku: 'TL-TOTE-02',
      category: 'Bags',
      name: 'Harbor Tote',
      brand: 'Tideline',
      price: 24,
      currency: 'USD',
      url: `${SITE}/script-tag/product.html?id=p2`,
      cart_id: env.cartId,
      quantity: 2,
    },
    messageId: expect.stringMatching(UUID_V7),
    anonymousId,
    userId: null,
    timestamp: expect.stringMatching(ISO_MS),
    context: {
      library: { name: 'tidemark', version: VERSION },
      page: { url, path: '/script-tag/product.html', referrer: env.referrer, title: 'Harbor Tote · Tideline Goods', search: SEARCH },
      session: { id: first!.context.session.id, seq: 3 },
      device: { seq: 3, stream: expect.stringMatching(/^[0-9a-f]{12}$/), streamSeq: 3 },
      campaign: CAMPAIGN,
      attribution: { first: CAMPAIGN, last: CAMPAIGN },
      locale: 'de-DE',
      timezone: 'Asia/Shanghai',
      userAgent: env.userAgent,
      screen: env.screen,
    },
  });

  for (const e of events) {
    const t = Date.parse(e.timestamp);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(after);
    // UUIDv7: the first 48 bits are the event's time in ms.
    expect(parseInt(e.messageId.replace('-', '').slice(0, 12), 16)).toBe(t);
  }
  expect(new Set(events.map((e) => e.messageId)).size).toBe(events.length);
  // The session began with the first event, which says so; its ID is that start time.
  expect(first!.context.session).toEqual({ id: Date.parse(first!.timestamp), seq: 1, start: true });
  expect(first).toMatchObject({ type: 'page', properties: { url, path: '/script-tag/product.html', search: SEARCH } });
  expect(first!.name).toBeUndefined();

  expect(identify).toMatchObject({ type: 'identify', userId: env.userId, traits: { email: 'grace@example.com' } });
  expect(identify!.context.device.seq).toBe(4);

  // The request body around the events: writeKey, sentAt, batch.
  const sent = bodies.map((b) => JSON.parse(b) as { writeKey: string; sentAt: string; batch: Array<{ messageId: string }> });
  expect(sent.length).toBeGreaterThan(0);
  for (const body of sent) {
    expect(Object.keys(body).sort()).toEqual(['batch', 'sentAt', 'writeKey']);
    expect(body.writeKey).toBe('pk_demo');
    expect(body.sentAt).toMatch(ISO_MS);
  }
  expect(sent.flatMap((b) => b.batch.map((e) => e.messageId)).sort()).toEqual(events.map((e) => e.messageId).sort());
});
