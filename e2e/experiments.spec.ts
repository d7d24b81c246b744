// The script-tag experiments example (examples/experiments) against the real collector: sticky
// assignment across reloads, one `Experiment Viewed` per session, the hash split across users,
// QA forcing by URL, and anti-flicker under a strict CSP.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { chooseVariation, getBucketRanges, hash, type ExperimentsApi, type ExperimentsConfig, type VariantResult } from '../packages/experiments/src/index';
import { test, expect, flush, holdSdk, type StoredEvent } from './fixtures';
import { SITE } from './servers';

const CONFIG = JSON.parse(readFileSync('examples/experiments/tidemark.json', 'utf8')) as ExperimentsConfig;
const EXP = CONFIG.experiments!.find((e) => e.key === 'cta_color')!;

/** The variation the config gives `anonymousId`, computed here with the package's own functions. */
const expected = (anonymousId: string) => {
  const n = hash(EXP.seed ?? EXP.key, anonymousId, EXP.hashVersion ?? 2)!;
  const index = chooseVariation(n, getBucketRanges(EXP.variations.length, EXP.coverage, EXP.variations.map((v) => v.weight)));
  return EXP.variations[index]!;
};
/** An anonymousId that the hash puts in variation `key`. */
const idIn = (key: string) => {
  for (;;) {
    const id = `e2e-${randomUUID()}`;
    if (expected(id).key === key) return id;
  }
};
const colorOf = (key: string) => (EXP.variations.find((v) => v.key === key)!.value as { color: string }).color;

const cta = (page: Page) => page.locator('[data-tm-exp="cta_color"]');
/** Waits for landing.js to apply a variation; returns the plugin's answer, which the CTA's colour matches. */
const shown = async (page: Page) => {
  await expect(cta(page)).toHaveClass(/cta--/);
  await expect(cta(page)).toBeVisible();
  const result = await page.evaluate(() => (window.tidemark as unknown as { experiments: ExperimentsApi }).experiments.variant('cta_color'));
  await expect(cta(page)).toHaveClass(`cta cta--${colorOf(result.key!)}`);
  return result;
};
const viewed = (events: StoredEvent[]) => events.filter((e) => e.event === 'Experiment Viewed');
const pages = (events: StoredEvent[]) => events.filter((e) => e.type === 'page');
const exposure = (key: string) => ({
  experiment_id: EXP.key,
  experiment_name: EXP.name,
  variation_id: key,
  variation_name: EXP.variations.find((v) => v.key === key)!.name,
  version: CONFIG.version,
});

test('a user keeps their variation across reloads; Experiment Viewed reaches the collector once per session', async ({ page, anonymousId, collector }) => {
  const { key, value } = expected(anonymousId);
  await page.goto('/experiments/');
  // landing.js's call assigned it; later calls of the page load give the same answer.
  expect(await shown(page)).toEqual({ key, value, inExperiment: true, reason: 'assigned' });
  for (let i = 0; i < 3; i++) {
    await page.reload();
    expect(await shown(page)).toEqual({ key, value, inExperiment: true, reason: 'sticky' });
  }
  await flush(page);

  await expect.poll(async () => pages(await collector.events(anonymousId)).length).toBe(4);
  const events = await collector.events(anonymousId);
  expect(viewed(events).map((e) => e.properties)).toEqual([exposure(key)]);
  // One session throughout: the dedupe is per session, not per page load.
  expect(new Set(events.map((e) => e.context.session.id)).size).toBe(1);
});

// The SDK loads async, so it may run before or after the experiments tag: the plugin must work
// either way, with the snippet's stub (index.html) or without one (csp.html, where the
// experiments tag puts a stub in place).
for (const path of ['/experiments/', '/experiments/csp.html']) {
  for (const first of ['SDK', 'experiments tag'] as const) {
    test(`${path}: works when the ${first} loads first`, async ({ page, anonymousId, collector }) => {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(first === 'SDK' ? '**/tidemark-experiments.min.js' : '**/tidemark.min.js', async (route) => {
        await held;
        await route.continue();
      });
      // The experiments tag blocks the parser: held, it holds back DOMContentLoaded too.
      await page.goto(path, { waitUntil: 'commit' });
      if (first === 'SDK') {
        // Polled, not per animation frame: nothing is painted while the parser waits.
        await page.waitForFunction(() => typeof window.tidemark?.identity === 'function', undefined, { polling: 50 });
        expect(await page.evaluate(() => 'experiments' in window.tidemark)).toBe(false);
      } else {
        await page.waitForFunction(() => !!window.tidemark && 'experiments' in window.tidemark, undefined, { polling: 50 });
        // No SDK yet: the plugin waits in the stub's queue.
        expect(await page.evaluate(() => window.tidemark.q?.map(([method]) => method))).toContain('use');
      }
      release();
      const { key } = expected(anonymousId);
      expect(await shown(page)).toMatchObject({ key, inExperiment: true });
      await flush(page);
      await expect.poll(async () => viewed(await collector.events(anonymousId)).map((e) => e.properties)).toEqual([exposure(key)]);
    });
  }
}

// The script tag makes the API reachable before the SDK loads: a page that passes its config in
// code must not read the fallback after `ready()` (it once resolved before the plugin was set up).
test('setConfig() before the SDK has loaded: ready() waits until assignments work', async ({ page, anonymousId }) => {
  const release = await holdSdk(page);
  await page.goto('/experiments/', { waitUntil: 'domcontentloaded' });
  // The page passes its config in code, here the same document as data-config names.
  const result = page.evaluate(async (config: unknown) => {
    const { experiments } = window.tidemark as unknown as { experiments: ExperimentsApi };
    experiments.setConfig(config as ExperimentsConfig);
    await experiments.ready();
    return experiments.variant('cta_color');
  }, CONFIG as unknown);
  release();
  expect(await result).toMatchObject({ key: expected(anonymousId).key, inExperiment: true });
});

// The script-tag file holds the rare condition operators inline (an app bundle loads them as a
// chunk): a config that targets with `$regex` and `$vgte` works from data-config as well.
test('a data-config targeting with $regex and $vgte: the rare operators are in the script-tag file', async ({ page, anonymousId }) => {
  const targeted = (targeting: Record<string, unknown>) => ({ ...CONFIG, experiments: [{ ...EXP, targeting }] });
  for (const [targeting, inExperiment] of [
    [{ 'context.page.path': { $regex: '^/experiments/$' }, 'context.screen.width': { $vgte: '320' } }, true],
    [{ 'context.page.path': { $regex: '^/checkout' } }, false],
  ] as const) {
    await page.route('**/experiments/tidemark.json', (route) => route.fulfill({ json: targeted(targeting) }));
    await page.goto('/experiments/');
    const result = await shown(page);
    expect(result).toMatchObject(inExperiment ? { key: expected(anonymousId).key, reason: 'assigned' } : { key: 'control', reason: 'not-targeted' });
    await page.unroute('**/experiments/tidemark.json');
  }
});

test('20 users land in both variations, each where the hash puts them, with a matching exposure', async ({ browser, collector }) => {
  // 20 fresh browser contexts: a few at a time, and time enough for a busy machine.
  test.setTimeout(120_000);
  const ids = Array.from({ length: 20 }, () => `e2e-${randomUUID()}`);
  const got: Record<string, string | undefined> = {};
  const errors: string[] = [];
  const visit = async (id: string) => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'tm_aid', value: id, url: SITE }]);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${SITE}/experiments/`);
    got[id] = (await shown(page)).key;
    await flush(page);
    await context.close();
  };
  const lanes = 4;
  const lane = async (first: number) => {
    for (let i = first; i < ids.length; i += lanes) await visit(ids[i]!);
  };
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  expect(errors).toEqual([]);
  expect(got).toEqual(Object.fromEntries(ids.map((id) => [id, expected(id).key])));
  // 20 random IDs all in one of two halves: p = 2 · 0.5^20 ≈ 2e-6.
  expect(new Set(Object.values(got))).toEqual(new Set(['control', 'green']));

  const exposures = async () => Promise.all(ids.map(async (id) => viewed(await collector.events(id)).map((e) => e.properties?.variation_id)));
  await expect.poll(exposures).toEqual(ids.map((id) => [expected(id).key]));
});

test('?tm_force= forces a variation without exposure and without sticking', async ({ page, collector }) => {
  // A user the hash puts in control, so forcing green changes something.
  const anonymousId = idIn('control');
  await page.context().addCookies([{ name: 'tm_aid', value: anonymousId, url: SITE }]);
  const green = EXP.variations.find((v) => v.key === 'green')!;
  const control = EXP.variations[0]!;
  const forced: VariantResult = { key: 'green', value: green.value, inExperiment: false, reason: 'forced' };
  const hashed = (reason: 'assigned' | 'sticky'): VariantResult => ({ key: 'control', value: control.value, inExperiment: true, reason });

  await page.goto('/experiments/?tm_force=cta_color:green');
  expect(await shown(page)).toEqual(forced);
  // Without the parameter: the hashed variation, as if the forced visit never happened.
  await page.goto('/experiments/');
  expect(await shown(page)).toEqual(hashed('assigned'));
  // Forcing wins over the sticky assignment and does not replace it.
  await page.goto('/experiments/?tm_force=cta_color:green');
  expect(await shown(page)).toEqual(forced);
  await page.goto('/experiments/');
  expect(await shown(page)).toEqual(hashed('sticky'));
  await flush(page);

  await expect.poll(async () => pages(await collector.events(anonymousId)).length).toBe(4);
  // QA visits are not measured: the only exposure is the real one.
  expect(viewed(await collector.events(anonymousId)).map((e) => e.properties)).toEqual([exposure('control')]);
});

interface Violation {
  directive: string;
  blocked: string;
}

/** What the page painted: the time the experiments tag ran, and the CTA at every frame. */
interface PaintLog {
  tagRan: number;
  /** `[performance.now(), visible, className]` per animation frame. */
  frames: Array<[number, boolean, string]>;
}

test.describe('anti-flicker under a strict CSP (style-src self, no inline script)', () => {
  /** csp.html sets data-anti-flicker="1500". */
  const TIMEOUT = 1_500;

  /** Holds the config request until `release()`; `asked` resolves when the plugin requested it. */
  const holdConfig = async (page: Page) => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let requested!: () => void;
    const asked = new Promise<void>((resolve) => (requested = resolve));
    await page.route('**/experiments/tidemark.json', async (route) => {
      requested();
      await held;
      await route.continue().catch(() => undefined); // the page may be gone by then
    });
    return { asked, release };
  };

  /**
   * Records CSP violations and, frame by frame, what the CTA looked like: the page's own clock,
   * so a busy test machine cannot make the assertions racy. Init scripts run before the page's
   * own and are not subject to its CSP.
   */
  const watch = async (page: Page) => {
    await page.addInitScript(() => {
      const w = window as unknown as { violations: Violation[]; paint: PaintLog };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.violations.push({ directive: e.violatedDirective, blocked: e.blockedURI }));
      const paint: PaintLog = (w.paint = { tagRan: NaN, frames: [] });
      // A script's load event fires right after it ran; it does not bubble, so capture it.
      document.addEventListener(
        'load',
        (e) => {
          if (e.target instanceof HTMLScriptElement && e.target.src.endsWith('/tidemark-experiments.min.js')) paint.tagRan = performance.now();
        },
        true,
      );
      const frame = (t: number) => {
        const el = document.querySelector('[data-tm-exp="cta_color"]');
        if (el) paint.frames.push([t, getComputedStyle(el).visibility !== 'hidden', el.className]);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
    });
    return {
      paint: () => page.evaluate(() => (window as unknown as { paint: PaintLog }).paint),
      noViolations: async () => {
        expect(await page.evaluate(() => (window as unknown as { violations: Violation[] }).violations)).toEqual([]);
        expect(consoleErrors).toEqual([]);
      },
    };
  };

  test('the CTA is never painted without its variation, and the exposure goes out', async ({ page, anonymousId, collector }) => {
    const { paint, noViolations } = await watch(page);
    const { asked, release } = await holdConfig(page);
    await page.goto('/experiments/csp.html');
    await asked; // the SDK and the plugin run; only the config is missing
    // Let a few frames be painted while the config is held.
    await page.waitForFunction(() => (window as unknown as { paint: PaintLog }).paint.frames.length >= 5);
    release();
    const { key } = expected(anonymousId);
    expect(await shown(page)).toMatchObject({ key, inExperiment: true });

    const { tagRan, frames } = await paint();
    expect(tagRan).toBeGreaterThan(0);
    const applied = frames.find(([, , cls]) => cls.includes('cta--'))![0];
    // Until the variation (or the timeout): hidden in every frame, from the very first one: the
    // tag is not async, so hiding starts before the first paint…
    const waiting = frames.filter(([t]) => t < Math.min(applied, tagRan + TIMEOUT));
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.filter(([, visible]) => visible)).toEqual([]);
    // …then visible with its colour in every frame: shown and styled in the same frame.
    expect(frames.filter(([t, visible]) => t >= applied && !visible)).toEqual([]);

    await flush(page);
    await expect.poll(async () => viewed(await collector.events(anonymousId)).map((e) => e.properties)).toEqual([exposure(key)]);
    await noViolations();
  });

  test('a config that does not arrive in time: control shows after the timeout', async ({ page, anonymousId }) => {
    const { paint, noViolations } = await watch(page);
    const { asked, release } = await holdConfig(page);
    await page.goto('/experiments/csp.html');
    await asked;
    // Unstyled is control's colour: the page still looks right.
    await expect(cta(page)).toBeVisible({ timeout: TIMEOUT + 5_000 });
    await expect(cta(page)).toHaveClass('cta');
    const { tagRan, frames } = await paint();
    const firstVisible = frames.find(([, visible]) => visible)!;
    // The timer started while the tag ran, just before its load event: allow a little.
    expect(firstVisible[0] - tagRan).toBeGreaterThan(TIMEOUT - 100);

    // A late config still applies.
    release();
    const { key } = expected(anonymousId);
    expect(await shown(page)).toMatchObject({ key, inExperiment: true });
    await noViolations();
  });
});
