import { SITE } from './servers';
import { test, expect, flush, sdkLoaded, type StoredEvent } from './fixtures';

const pageView = (e: StoredEvent) => ({ type: e.type, ...e.context.page });
const view = (path: string, referrer: string, title: string) => ({ type: 'page', url: `${SITE}${path}`, path, referrer, title, search: '' });

test('pushState and back/forward navigation record page views with the right paths and referrers', async ({ page, anonymousId, collector }) => {
  await page.goto('/spa/');
  await sdkLoaded(page);
  await page.click('nav >> text=Articles');
  await expect(page).toHaveURL(`${SITE}/spa/articles`);
  await page.click('text=Slow coffee on a boat');
  await expect(page).toHaveURL(`${SITE}/spa/articles/slow-coffee`);
  await page.goBack();
  await expect(page).toHaveURL(`${SITE}/spa/articles`);
  await page.goForward();
  await expect(page).toHaveURL(`${SITE}/spa/articles/slow-coffee`);
  // Same URL again: a router's replaceState is not a new page view.
  await page.evaluate(() => history.replaceState({ scroll: 1 }, '', location.href));
  await page.click('text=Like');

  const articles = 'Articles · Tideline Journal';
  const coffee = 'Slow coffee on a boat · Tideline Journal';
  await expect
    .poll(async () => {
      await flush(page);
      return (await collector.events(anonymousId)).map((e) => (e.type === 'page' ? pageView(e) : e.event));
    })
    .toEqual([
      view('/spa/', '', 'Tideline Journal'),
      view('/spa/articles', `${SITE}/spa/`, articles),
      view('/spa/articles/slow-coffee', `${SITE}/spa/articles`, coffee),
      view('/spa/articles', `${SITE}/spa/articles/slow-coffee`, articles), // back (popstate)
      view('/spa/articles/slow-coffee', `${SITE}/spa/articles`, coffee), // forward (popstate)
      'Article Liked',
    ]);

  const events = await collector.events(anonymousId);
  // A page view's properties repeat its page context, as in Segment's page spec.
  for (const e of events.filter((x) => x.type === 'page')) expect(e.properties).toEqual(e.context.page);
  // The track call made on the article carries that route's page context.
  expect(events.at(-1)?.context.page).toMatchObject({ path: '/spa/articles/slow-coffee', referrer: `${SITE}/spa/articles`, title: coffee });
  expect(new Set(events.map((e) => e.context.session.id)).size).toBe(1);
});

test('a deep link into the SPA is served the app and records its own path', async ({ page, anonymousId, collector }) => {
  await page.goto('/spa/about');
  await expect(page.locator('h1')).toHaveText('About');
  await sdkLoaded(page);
  // Not the title: the SDK's first page view races the app's first render, and usually sees
  // the static <title> (the async SDK runs before the deferred app module sets it).
  await expect
    .poll(async () => {
      await flush(page);
      return (await collector.events(anonymousId)).map(({ type, context: { page: p } }) => ({ type, url: p.url, path: p.path, referrer: p.referrer, search: p.search }));
    })
    .toEqual([{ type: 'page', url: `${SITE}/spa/about`, path: '/spa/about', referrer: '', search: '' }]);
});
