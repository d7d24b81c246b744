import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTracker, type TrackerEvent } from '@tidemark/core';
import { createTestPlatform, type TestPlatformOptions } from '../../core/test/createTestPlatform';
import { experimentsPlugin } from './experimentsPlugin';
import { hash } from './hash';

// The default visibility observer is a lazily loaded module: these tests see when it loads and what it is asked.
const lazyObserver = vi.hoisted(() => ({ observe: vi.fn(), stop: vi.fn() }));
vi.mock('./observeVisible', () => ({
  observeVisible: (key: string, onVisible: () => void) => (lazyObserver.observe(key, onVisible), lazyObserver.stop),
}));
import type { Experiment, ExperimentsApi, ExperimentsConfig, ExperimentsOptions } from './types';

const cta = (over: Partial<Experiment> = {}): Experiment => ({
  key: 'cta_color',
  name: 'CTA colour',
  status: 'running',
  variations: [
    { key: 'control', weight: 0.5, value: { color: 'blue' } },
    { key: 'green', weight: 0.5, value: { color: 'green' } },
  ],
  ...over,
});
const doc = (experiments: Experiment[], over: Partial<ExperimentsConfig> = {}): ExperimentsConfig => ({ version: 7, experiments, ...over });
const page = (search = '') => ({ url: 'https://shop.test/' + search, path: '/', referrer: '', title: 'Shop', search });

/** A tracker with the plugin over a test platform; `storage` shared between calls simulates a reload. */
const setup = (config: ExperimentsConfig | string, options: Omit<ExperimentsOptions, 'config'> = {}, platform: TestPlatformOptions = {}) => {
  const test = createTestPlatform(platform);
  const plugin = experimentsPlugin({ config, ...options });
  const tm = createTracker({ writeKey: 'pk', endpoint: 'https://c.test', platform: test.platform, plugins: [plugin], debug: true });
  const events: TrackerEvent[] = [];
  tm.on('event', (e) => events.push(e));
  const viewed = () => events.filter((e) => e.event === 'Experiment Viewed' || e.event === 'Holdout Viewed');
  return { ...test, tm, api: plugin.api, events, viewed };
};

/** An anonymousId whose v2 hash for `seed` is in [lo, hi). */
const idIn = (seed: string, lo: number, hi: number) => {
  for (let i = 0; ; i++) {
    const n = hash(seed, 'id-' + i, 2)!;
    if (n >= lo && n < hi) return 'id-' + i;
  }
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Storage where the device already has `anonymousId`. */
const device = (anonymousId: string) => new Map([['tm_aid', anonymousId]]);

// debug is on so warnings are exercised; keep them out of the test output.
beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('experimentsPlugin', () => {
  it('is reachable as tm.experiments and assigns by hash', () => {
    const { tm, api } = setup(doc([cta()]), {}, { storage: device(idIn('cta_color', 0.5, 1)) });
    expect((tm as unknown as { experiments: ExperimentsApi }).experiments).toBe(api);
    expect(api.variant('cta_color')).toEqual({ key: 'green', value: { color: 'green' }, inExperiment: true, reason: 'assigned' });
    expect(api.value('cta_color', { color: 'red' })).toEqual({ color: 'green' });
  });

  it('tracks Experiment Viewed once, with the Segment A/B fields and the config version', () => {
    const { api, viewed } = setup(doc([cta()]), {}, { storage: device(idIn('cta_color', 0, 0.5)) });
    for (let i = 0; i < 5; i++) api.variant('cta_color');
    expect(viewed()).toHaveLength(1);
    expect(viewed()[0]!.properties).toEqual({
      experiment_id: 'cta_color',
      experiment_name: 'CTA colour',
      variation_id: 'control',
      variation_name: 'control',
      version: 7,
    });
  });

  it('answers not-found and the fallback for unknown experiments', () => {
    const { api, viewed } = setup(doc([cta()]));
    expect(api.variant('nope')).toEqual({ key: undefined, value: undefined, inExperiment: false, reason: 'not-found' });
    expect(api.value('nope', 'fallback')).toBe('fallback');
    expect(viewed()).toHaveLength(0);
  });

  describe('status and dates', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    it.each([
      ['draft', cta({ status: 'draft' }), 'control', 'not-running'],
      ['stopped with a winner', cta({ status: 'stopped', winner: 'green' }), 'green', 'stopped'],
      ['stopped without a winner', cta({ status: 'stopped' }), 'control', 'stopped'],
      ['before startAt', cta({ startAt: '2026-11-28' }), 'control', 'not-running'],
      ['from endAt on', cta({ endAt: '2026-11-27T10:00:00Z' }), 'control', 'not-running'],
    ] as const)('%s serves %s without exposure', (_, exp, key, reason) => {
      const { api, viewed } = setup(doc([exp]), {}, { now: () => now, storage: device(idIn('cta_color', 0.5, 1)) });
      expect(api.variant('cta_color')).toMatchObject({ key, inExperiment: false, reason });
      expect(viewed()).toHaveLength(0);
    });

    it('assigns inside the date window', () => {
      const { api } = setup(doc([cta({ startAt: '2026-11-27', endAt: '2026-12-01' })]), {}, { now: () => now });
      expect(api.variant('cta_color').inExperiment).toBe(true);
    });
  });

  describe('targeting', () => {
    const zh = cta({ targeting: { 'context.locale': { $in: ['zh-CN', 'zh-TW'] } } });
    it('checks the page context', () => {
      expect(setup(doc([zh])).api.variant('cta_color').reason).toBe('not-targeted');
      const context = () => ({ page: page(), locale: 'zh-CN' });
      expect(setup(doc([zh]), {}, { context }).api.variant('cta_color').inExperiment).toBe(true);
    });

    it('sees traits after identify and custom attributes after setAttributes', () => {
      const { tm, api } = setup(doc([cta({ targeting: { 'traits.vip': true, plan: 'pro' } })]));
      expect(api.variant('cta_color').reason).toBe('not-targeted');
      tm.identify('u1', { vip: true });
      expect(api.variant('cta_color').reason).toBe('not-targeted');
      api.setAttributes({ plan: 'pro' });
      expect(api.variant('cta_color').inExperiment).toBe(true);
    });

    it('hashes another attribute, or the fallback attribute when it is empty', () => {
      const byUser = cta({ hashAttribute: 'userId' });
      const { tm, api } = setup(doc([byUser, cta({ key: 'fb', hashAttribute: 'userId', fallbackAttribute: 'anonymousId' })]));
      expect(api.variant('cta_color').reason).toBe('not-targeted');
      expect(api.variant('fb').inExperiment).toBe(true);
      tm.identify(idIn('cta_color', 0.5, 1));
      expect(api.variant('cta_color')).toMatchObject({ key: 'green', reason: 'assigned' });
    });

    it('refuses an unsafe $regex: not targeted, with a debug warning', async () => {
      const warn = vi.spyOn(console, 'warn');
      const { api } = setup(doc([cta({ targeting: { anonymousId: { $regex: '^(a+)+$' } } })]));
      await api.ready();
      expect(api.variant('cta_color').reason).toBe('not-targeted');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('unsafe $regex'), '');
    });

    it('puts a document with rare operators in force once they have loaded, the newest document first', async () => {
      const rare = (key: string, targeting: Record<string, unknown>) => cta({ key, targeting });
      const { api, tm } = setup(doc([cta({ targeting: { 'context.locale': { $in: ['de', 'en-US'] } } })]));
      tm.identify('u1', { app: '2.10.1', tags: ['Beta'] });
      // Common operators are in force at once.
      expect(api.variant('cta_color').inExperiment).toBe(true);
      expect(api.setConfig(doc([rare('v', { 'traits.app': { $vgt: '2.9' } }), rare('tags', { 'traits.tags': { $alli: ['beta'] } })], { version: 8 }))).toBe(true);
      // Until their code is in, the last document stays in force.
      expect(api.variant('cta_color').inExperiment).toBe(true);
      expect(api.variant('v').reason).toBe('not-found');
      await api.ready();
      expect(api.variant('cta_color').reason).toBe('not-found');
      expect(api.variant('v').inExperiment).toBe(true);
      expect(api.variant('tags').inExperiment).toBe(true);
      // A document accepted while the previous one waits replaces it.
      api.setConfig(doc([rare('r', { 'traits.app': { $regex: '^2\\.' } })], { version: 9 }));
      api.setConfig(doc([rare('last', { 'traits.app': { $exists: true } })], { version: 10 }));
      await api.ready();
      expect(api.variant('last').inExperiment).toBe(true);
      expect(api.variant('r').reason).toBe('not-found');
      expect(api.variant('v').reason).toBe('not-found');
    });

    it('puts a document with a $schema key and common operators in force at once', () => {
      const { api } = setup({ $schema: './tidemark.schema.json', ...doc([cta({ targeting: { 'context.locale': { $in: ['en-US'] } } })]) } as ExperimentsConfig);
      expect(api.variant('cta_color').inExperiment).toBe(true);
    });

    it('loads rare operators for a document that names one only outside experiments', async () => {
      const { api } = setup(doc([cta()]));
      expect(api.setConfig({ version: 8, rules: [{ if: { path: { $regex: '^/a' } } }] } as ExperimentsConfig)).toBe(true);
      await api.ready();
      expect(api.variant('cta_color').reason).toBe('not-found');
    });
  });

  it('leaves units outside coverage and outside the namespace out', () => {
    const covered = setup(doc([cta({ coverage: 0.5 })]), {}, { storage: device(idIn('cta_color', 0.25, 0.5)) });
    expect(covered.api.variant('cta_color')).toMatchObject({ key: 'control', inExperiment: false, reason: 'outside-coverage' });
    let id = 'x';
    for (let i = 0; hash('__checkout', id, 1)! < 0.5; i++) id = 'ns-' + i;
    const ns = setup(doc([cta({ namespace: ['checkout', 0, 0.5] })]), {}, { storage: device(id) });
    expect(ns.api.variant('cta_color').reason).toBe('outside-namespace');
    expect(covered.viewed().length + ns.viewed().length).toBe(0);
  });

  describe('sticky bucketing', () => {
    it('keeps the first assignment when weights and coverage change, until bucketVersion changes', () => {
      const storage = device(idIn('cta_color', 0, 0.5));
      expect(setup(doc([cta()]), {}, { storage }).api.variant('cta_color')).toMatchObject({ key: 'control', reason: 'assigned' });
      const shifted = cta({ coverage: 0.1, variations: [{ key: 'control', weight: 0 }, { key: 'green', weight: 1 }] });
      expect(setup(doc([shifted]), {}, { storage }).api.variant('cta_color')).toMatchObject({ key: 'control', inExperiment: true, reason: 'sticky' });
      const bumped = { ...shifted, coverage: 1, bucketVersion: 1 };
      expect(setup(doc([bumped]), {}, { storage }).api.variant('cta_color')).toMatchObject({ key: 'green', reason: 'assigned' });
      expect(JSON.parse(storage.get('tm_sb')!)).toEqual({ ['anonymousId||' + storage.get('tm_aid')]: { cta_color__0: 'control', cta_color__1: 'green' } });
    });

    it('re-hashes when the stored variation no longer exists', () => {
      const storage = device(idIn('cta_color', 0.5, 1));
      storage.set('tm_sb', JSON.stringify({ ['anonymousId||' + storage.get('tm_aid')]: { cta_color__0: 'removed' } }));
      expect(setup(doc([cta()]), {}, { storage }).api.variant('cta_color')).toMatchObject({ key: 'green', reason: 'assigned' });
    });
  });

  describe('exposure dedupe', () => {
    it('tracks once per session across reloads, and again in a new session', async () => {
      let now = Date.parse('2026-11-27T10:00:00Z');
      const storage = device('someone');
      const load = () => setup(doc([cta()]), {}, { storage, now: () => now });
      const first = load();
      first.api.variant('cta_color');
      await tick(); // core persists the session within the task, before any reload can happen
      const session = first.viewed()[0]!.context.session.id;
      now += 60_000;
      const reload = load();
      expect(reload.api.variant('cta_color').inExperiment).toBe(true);
      expect(reload.viewed()).toHaveLength(0);
      await tick();
      now += 31 * 60_000;
      const later = load();
      later.api.variant('cta_color');
      later.api.variant('cta_color');
      expect(later.viewed()).toHaveLength(1);
      expect(later.viewed()[0]!.context.session.id).not.toBe(session);
    });

    it('waits for the element to be visible when exposure is "visible"', () => {
      let visible: (() => void) | undefined;
      const observeVisible = vi.fn((_key: string, fn: () => void) => ((visible = fn), () => {}));
      const { api, viewed } = setup(doc([cta({ exposure: 'visible' })]), { observeVisible });
      api.variant('cta_color');
      api.variant('cta_color');
      expect(observeVisible).toHaveBeenCalledTimes(1);
      expect(observeVisible.mock.calls[0]![0]).toBe('cta_color');
      expect(viewed()).toHaveLength(0);
      visible!();
      api.variant('cta_color');
      expect(viewed()).toHaveLength(1);
      expect(observeVisible).toHaveBeenCalledTimes(1);
    });

    it('loads the default observer where IntersectionObserver exists, and stops it on destroy even while it loads', async () => {
      lazyObserver.observe.mockClear();
      lazyObserver.stop.mockClear();
      vi.stubGlobal('IntersectionObserver', class {});
      try {
        const { api, tm, viewed } = setup(doc([cta({ exposure: 'visible' }), cta({ key: 'hero', exposure: 'visible' })]));
        api.variant('cta_color');
        await vi.waitFor(() => expect(lazyObserver.observe).toHaveBeenCalledWith('cta_color', expect.any(Function)));
        expect(viewed()).toHaveLength(0);
        lazyObserver.observe.mock.calls[0]![1]();
        expect(viewed().map((e) => e.properties?.experiment_id)).toEqual(['cta_color']);
        api.variant('hero');
        tm.destroy();
        await vi.waitFor(() => expect(lazyObserver.stop).toHaveBeenCalledTimes(1));
        expect(lazyObserver.observe).toHaveBeenCalledTimes(2);
      } finally {
        vi.unstubAllGlobals();
      }
    });

    it('exposes at once where there is no IntersectionObserver', () => {
      vi.stubGlobal('IntersectionObserver', undefined);
      try {
        const { api, viewed } = setup(doc([cta({ exposure: 'visible' })]));
        api.variant('cta_color');
        expect(viewed()).toHaveLength(1);
      } finally {
        vi.unstubAllGlobals();
      }
    });
  });

  describe('forced variations', () => {
    it('takes ?tm_force from the URL: never exposed, never sticky, even for drafts', () => {
      const context = () => ({ page: page('?a=1&tm_force=cta_color%3Agreen,hero:b') });
      const { api, viewed, data } = setup(doc([cta({ status: 'draft' })]), {}, { context, storage: device(idIn('cta_color', 0, 0.5)) });
      expect(api.variant('cta_color')).toEqual({ key: 'green', value: { color: 'green' }, inExperiment: false, reason: 'forced' });
      expect(viewed()).toHaveLength(0);
      expect(data.has('tm_sb')).toBe(false);
    });

    it('takes force() from the API, ignores unknown variations, and clears', () => {
      const { api } = setup(doc([cta()]), {}, { storage: device(idIn('cta_color', 0, 0.5)) });
      api.force('cta_color', 'green');
      expect(api.variant('cta_color')).toMatchObject({ key: 'green', reason: 'forced' });
      api.force('cta_color', 'purple');
      expect(api.variant('cta_color')).toMatchObject({ key: 'control', reason: 'assigned' });
      api.force('cta_color', 'green');
      api.force('cta_color');
      expect(api.variant('cta_color').reason).toBe('sticky');
    });
  });

  describe('holdout', () => {
    const holdout = { key: 'global_holdout', percent: 0.5 };
    it('gives held-out units control and one Holdout Viewed per session instead of exposures', () => {
      const config = doc([cta(), cta({ key: 'hero' })], { holdout });
      const { api, viewed } = setup(config, {}, { storage: device(idIn('global_holdout', 0, 0.5)) });
      expect(api.variant('cta_color')).toEqual({ key: 'control', value: { color: 'blue' }, inExperiment: false, reason: 'holdout' });
      expect(api.variant('hero').reason).toBe('holdout');
      expect(viewed().map((e) => [e.event, e.properties])).toEqual([['Holdout Viewed', { holdout_id: 'global_holdout', version: 7 }]]);
    });

    it('lets the other units in', () => {
      const { api } = setup(doc([cta()], { holdout }), {}, { storage: device(idIn('global_holdout', 0.5, 1)) });
      expect(api.variant('cta_color').inExperiment).toBe(true);
    });
  });

  describe('config', () => {
    it('refuses an invalid document and keeps the last good one', () => {
      const { api } = setup(doc([cta()]));
      expect(api.setConfig({ version: 8, experiments: [{ key: 'cta_color', status: 'running' }] } as never)).toBe(false);
      expect(api.setConfig(null as never)).toBe(false);
      expect(api.variant('cta_color').reason).toBe('assigned');
      expect(api.setConfig(doc([cta({ status: 'draft' })]))).toBe(true);
      expect(api.variant('cta_color').reason).toBe('not-running');
    });

    it('loads a URL, then resolves ready()', async () => {
      const fetch = vi.fn(async () => new Response(JSON.stringify(doc([cta()]))));
      vi.stubGlobal('fetch', fetch);
      const { api } = setup('https://cdn.test/config.json');
      expect(api.variant('cta_color').reason).toBe('not-found');
      await api.ready();
      expect(fetch).toHaveBeenCalledWith('https://cdn.test/config.json');
      expect(api.variant('cta_color').reason).toBe('assigned');
    });

    it('resolves ready() when the URL fails or serves an invalid document', async () => {
      for (const response of [new Response('oops', { status: 500 }), new Response('{"version":"x"}')]) {
        vi.stubGlobal('fetch', async () => response);
        const { api } = setup('https://cdn.test/config.json');
        await api.ready();
        expect(api.variant('cta_color').reason).toBe('not-found');
      }
    });
  });

  it('records an exposure only when the tracker accepted its event', () => {
    const test = createTestPlatform();
    const plugin = experimentsPlugin({ config: doc([cta()]) });
    let open = false;
    // Another plugin that drops events for a while (as a filter or a sampling plugin may).
    const gate = { name: 'gate', enrich: (e: TrackerEvent) => (open ? e : null) };
    const tm = createTracker({ writeKey: 'pk', endpoint: 'https://c.test', platform: test.platform, plugins: [gate, plugin] });
    const viewed: TrackerEvent[] = [];
    tm.on('event', (e) => e.event === 'Experiment Viewed' && viewed.push(e));
    plugin.api.variant('cta_color');
    expect(test.data.has('tm_exp')).toBe(false);
    open = true;
    plugin.api.variant('cta_color');
    plugin.api.variant('cta_color');
    expect(viewed).toHaveLength(1);
    expect(JSON.parse(test.data.get('tm_exp')!).k).toEqual(['cta_color']);
  });

  it('forgets sticky assignments and exposures when consent is denied', () => {
    const { tm, api, data } = setup(doc([cta()]));
    api.variant('cta_color');
    expect(data.has('tm_sb')).toBe(true);
    tm.consent('denied');
    expect(data.has('tm_sb')).toBe(false);
    expect(data.has('tm_exp')).toBe(false);
  });

  it('forgets sticky assignments and exposures on reset(), but not on identify()', () => {
    const { tm, api, data } = setup(doc([cta()]));
    api.variant('cta_color');
    tm.identify('u1');
    expect(data.has('tm_sb')).toBe(true);
    tm.reset();
    expect(data.has('tm_sb')).toBe(false);
    expect(data.has('tm_exp')).toBe(false);
  });

  it('never throws into the host page', () => {
    const { api } = setup(doc([cta()]), {}, { context: () => { throw new Error('broken platform'); } });
    expect(api.variant('cta_color').reason).toBe('not-found');
    expect(api.value('cta_color', 1)).toBe(1);
  });
});
