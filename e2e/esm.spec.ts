// The ESM example (examples/esm): an app that bundles @tidemark/browser and @tidemark/experiments
// with rollup from their package exports, as npm users do. The plugin's rare condition operators
// and its visibility observer must stay lazy chunks, fetched only by pages whose config needs them.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { chooseVariation, getBucketRanges, hash, type Experiment, type ExperimentsApi, type ExperimentsConfig, type Variation } from '../packages/experiments/src/index';
import { test, expect, flush, type StoredEvent } from './fixtures';

const DIST = 'examples/esm/dist';
const MAIN = readFileSync(`${DIST}/main.js`, 'utf8');
/**
 * A lazy chunk's file, found where main.js imports it dynamically: so it is of this build (rollup
 * hashes names and leaves old files behind), and a chunk merged into main.js fails here.
 */
const lazyChunk = (name: string) => {
  const found = new RegExp(`import\\("\\./(${name}-[\\w-]+\\.js)"\\)`).exec(MAIN);
  if (!found) throw new Error(`${DIST}/main.js does not import a ${name} chunk lazily; run pnpm build`);
  return found[1]!;
};
const OPERATORS = lazyChunk('conditionOperators');
const OBSERVER = lazyChunk('observeVisible');

const load = (name: string) => {
  const doc = JSON.parse(readFileSync(`examples/esm/${name}.json`, 'utf8')) as ExperimentsConfig;
  return { doc, exp: doc.experiments![0]! };
};
const PLAIN = load('plain');
const REGEX = load('regex');
const VISIBLE = load('visible');

/** The variation the hash gives `anonymousId`, computed with the package's own functions. */
const expected = (exp: Experiment, anonymousId: string) => {
  const n = hash(exp.seed ?? exp.key, anonymousId, exp.hashVersion ?? 2)!;
  return exp.variations[chooseVariation(n, getBucketRanges(exp.variations.length, exp.coverage, exp.variations.map((v) => v.weight)))]!;
};
const text = (v: Variation, field: 'headline' | 'button') => (v.value as Record<string, string>)[field]!;
const exposure = ({ doc, exp }: typeof PLAIN, v: Variation) => ({
  experiment_id: exp.key,
  experiment_name: exp.name,
  variation_id: v.key,
  variation_name: v.name,
  version: doc.version,
});
const viewed = (events: StoredEvent[]) => events.filter((e) => e.event === 'Experiment Viewed');

const headline = (page: Page) => page.locator('[data-tm-exp="hero_headline"]');
const newsletter = (page: Page) => page.locator('[data-tm-exp="newsletter_offer"]');

/** Files the page fetches from the app's dist folder, in order; empty it with `length = 0`. */
const appFiles = (page: Page) => {
  const files: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/esm/dist/')) files.push(pathname.slice('/esm/dist/'.length));
  });
  return files;
};

/** The plugin's answer once its config is in force (the page's own call made the exposure). */
const variant = (page: Page, key: string) =>
  page.evaluate(async (k) => {
    const { experiments } = window.tidemark as unknown as { experiments: ExperimentsApi };
    await experiments.ready();
    return experiments.variant(k);
  }, key);

test('plain config: the headline shows its variation and is exposed; no lazy chunk is fetched', async ({ page, anonymousId, collector }) => {
  const files = appFiles(page);
  await page.goto('/esm/?config=plain');
  const v = expected(PLAIN.exp, anonymousId);
  await expect(headline(page)).toHaveText(text(v, 'headline'));
  expect(await variant(page, 'hero_headline')).toMatchObject({ key: v.key, inExperiment: true });
  await flush(page);
  await expect.poll(async () => viewed(await collector.events(anonymousId)).map((e) => e.properties)).toEqual([exposure(PLAIN, v)]);
  // Assignment and exposure are done: the app ran in its one file.
  expect(files).toEqual(['main.js']);
});

test('regex config: the condition operators chunk loads and $regex targeting decides who is in', async ({ page, anonymousId, collector }) => {
  const files = appFiles(page);
  const control = REGEX.exp.variations[0]!;
  // Not from the newsletter: not targeted, control's headline, no exposure.
  await page.goto('/esm/?config=regex&utm_source=ads');
  expect(await variant(page, 'hero_headline')).toEqual({ key: control.key, value: control.value, inExperiment: false, reason: 'not-targeted' });
  await expect(headline(page)).toHaveText(text(control, 'headline'));
  await expect(headline(page)).toBeVisible();
  expect(files).toEqual(['main.js', OPERATORS]);

  // From the newsletter: in the experiment, where the hash puts the user. Without the chunk,
  // `$regex` would match nothing and this user would be not-targeted too.
  files.length = 0;
  await page.goto('/esm/?config=regex&utm_source=newsletter-june');
  const v = expected(REGEX.exp, anonymousId);
  await expect(headline(page)).toHaveText(text(v, 'headline'));
  expect(await variant(page, 'hero_headline')).toMatchObject({ key: v.key, inExperiment: true });
  expect(files).toEqual(['main.js', OPERATORS]);
  await flush(page);
  // One exposure: the first visit, not targeted, had none.
  await expect.poll(async () => viewed(await collector.events(anonymousId)).map((e) => e.properties)).toEqual([exposure(REGEX, v)]);
});

test('visible config: the observer chunk loads, and Experiment Viewed goes out once, when the form is seen', async ({ page, anonymousId, collector }) => {
  const files = appFiles(page);
  const observerLoaded = page.waitForResponse((r) => r.url().endsWith(`/esm/dist/${OBSERVER}`));
  await page.goto('/esm/?config=visible');
  const v = expected(VISIBLE.exp, anonymousId);
  const button = newsletter(page).getByRole('button');
  await expect(button).toHaveText(text(v, 'button'));
  expect(await variant(page, 'newsletter_offer')).toMatchObject({ key: v.key, inExperiment: true });
  await expect.poll(() => files).toContain(OBSERVER);
  await observerLoaded;
  // Two frames: time for the observer to start and report the form out of view.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(newsletter(page)).not.toBeInViewport();
  await flush(page);
  await expect.poll(async () => (await collector.events(anonymousId)).map((e) => e.type)).toEqual(['page']);
  expect(files).toEqual(['main.js', OBSERVER]);

  await newsletter(page).scrollIntoViewIfNeeded();
  await expect(newsletter(page)).toBeInViewport({ ratio: 0.5 });
  await expect
    .poll(async () => {
      await flush(page);
      return viewed(await collector.events(anonymousId)).map((e) => e.properties);
    })
    .toEqual([exposure(VISIBLE, v)]);

  // Seen again, then the goal: still one exposure, before the goal.
  await page.evaluate(() => scrollTo(0, 0));
  await expect(newsletter(page)).not.toBeInViewport();
  await newsletter(page).scrollIntoViewIfNeeded();
  await newsletter(page).getByRole('textbox').fill('reader@example.com');
  await button.click();
  await expect(newsletter(page)).toHaveText(/Thanks/);
  await flush(page);
  await expect
    .poll(async () => (await collector.events(anonymousId)).map((e) => e.event ?? e.type))
    .toEqual(['page', 'Experiment Viewed', 'Newsletter Joined']);
  expect(files).toEqual(['main.js', OBSERVER]);
});
