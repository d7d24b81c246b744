import type { Identity, Plugin, PluginContext } from '@tidemark/core';
import { assignVariant } from './assignVariant';
import { createExposureLog } from './createExposureLog';
import { createStickyBuckets } from './createStickyBuckets';
import { hideUntilReady } from './hideUntilReady';
import { isConfig } from './isConfig';
import { isSafeRegex } from './isSafeRegex';
import { observeVisible } from './observeVisible';
import { parseForced } from './parseForced';
import type { Attributes, Experiment, ExperimentsApi, ExperimentsConfig, ExperimentsOptions, Json, VariantResult } from './types';

/** True when a condition holds a `$regex` that evaluation will refuse. */
const hasUnsafeRegex = (c: unknown): boolean =>
  !!c &&
  typeof c == 'object' &&
  Object.entries(c).some(([k, v]) => (k.startsWith('$regex') && typeof v == 'string' ? !isSafeRegex(v) : hasUnsafeRegex(v)));

/** Targeting attributes, rebuilt only when identity, page context or custom attributes change. */
interface AttributeCache {
  id: Identity;
  context: object;
  custom: Attributes;
  attributes: Attributes;
  forced: Record<string, string>;
}

/**
 * The A/B assignment plugin: `tm.experiments.variant(key)`. Assignment is GrowthBook-compatible
 * (DESIGN §4), sticky per unit, and tracks `Experiment Viewed` once per experiment per session.
 */
export const experimentsPlugin = (options: ExperimentsOptions = {}): Plugin & { name: 'experiments'; api: ExperimentsApi } => {
  let ctx: PluginContext | undefined;
  let doc: ExperimentsConfig | undefined;
  let experiments = new Map<string, Experiment>();
  let custom: Attributes = options.attributes ?? {};
  let cache: AttributeCache | undefined;
  let sticky: ReturnType<typeof createStickyBuckets>;
  let log: ReturnType<typeof createExposureLog>;
  let observe = options.observeVisible;
  let show: (() => void) | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve)).then(() => show?.());
  const forcedByApi: Record<string, string> = {};
  const watching = new Map<string, () => void>();
  /** Key of the exposure being tracked right now, for `enrich`. */
  let exposing: string | undefined;
  const warn = (message: string, detail?: unknown) => ctx?.warn('experiments: ' + message, detail);
  /** Public methods never throw into the host page. */
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => R, fallback: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (error) {
        warn('failed', error);
        return fallback(...args);
      }
    };

  const current = (c: PluginContext): AttributeCache => {
    const id = c.identity();
    const context = c.platform.context();
    if (!cache || cache.context !== context || cache.custom !== custom || cache.id.anonymousId !== id.anonymousId || cache.id.userId !== id.userId || cache.id.traits !== id.traits)
      cache = {
        id,
        context,
        custom,
        attributes: { ...custom, anonymousId: id.anonymousId, userId: id.userId, traits: id.traits, context },
        forced: parseForced(context.page?.search),
      };
    return cache;
  };

  /**
   * Tracks `event` unless this page load knows `key` was exposed in the current session. The
   * exact check waits for `enrich`, which sees the event's real session: before the first event
   * of a page load, `identity().sessionId` may still name a session that has timed out.
   */
  const expose = (c: PluginContext, key: string, event: string, properties: Record<string, Json>) => {
    if (log.known(key, c.identity().sessionId)) return;
    exposing = key;
    c.tracker.track(event, properties);
    exposing = undefined;
  };

  const variant = (key: string): VariantResult => {
    const exp = experiments.get(key);
    const c = ctx;
    if (!exp || !c) return { key: undefined, value: undefined, inExperiment: false, reason: 'not-found' };
    const { attributes, forced } = current(c);
    const holdout = doc!.holdout;
    const a = assignVariant(exp, { attributes, now: c.platform.now(), forced: forcedByApi[key] ?? forced[key], holdout, sticky: sticky.get });
    const v = exp.variations[a.index]!;
    const inExperiment = a.reason == 'assigned' || a.reason == 'sticky';
    if (a.reason == 'assigned') sticky.set(a.unit!, exp, v.key);
    if (inExperiment && !watching.has(key)) {
      const viewed = () =>
        expose(c, key, 'Experiment Viewed', {
          experiment_id: key,
          experiment_name: exp.name ?? key,
          variation_id: v.key,
          variation_name: v.name ?? v.key,
          version: doc!.version,
        });
      if (exp.exposure == 'visible' && observe) {
        if (!log.known(key, c.identity().sessionId))
          watching.set(
            key,
            observe(key, () => {
              watching.delete(key);
              viewed();
            }),
          );
      } else viewed();
    }
    // '!' cannot start a key (@tidemark/schema), so the holdout never collides with an experiment.
    if (a.reason == 'holdout') expose(c, '!' + holdout!.key, 'Holdout Viewed', { holdout_id: holdout!.key, version: doc!.version });
    return { key: v.key, value: v.value, inExperiment, reason: a.reason };
  };

  const setConfig = (next: ExperimentsConfig): boolean => {
    if (!isConfig(next)) {
      warn('config refused: not a config document; the previous one stays', next);
      return false;
    }
    doc = next;
    experiments = new Map(next.experiments?.map((e) => [e.key, e]));
    for (const e of experiments.values()) if (hasUnsafeRegex(e.targeting)) warn(`${e.key}: unsafe $regex, that condition is false`);
    markReady();
    return true;
  };

  const api: ExperimentsApi = {
    variant: guard(variant, () => ({ key: undefined, value: undefined, inExperiment: false, reason: 'not-found' as const })),
    value: guard(
      <T>(key: string, fallback: T): T => {
        const v = variant(key).value;
        return v === undefined ? fallback : (v as T);
      },
      (_, fallback) => fallback,
    ),
    setAttributes: guard((attributes: Attributes) => void (custom = { ...attributes }), () => {}),
    setConfig: guard(setConfig, () => false),
    force: guard((key: string, variationKey?: string) => {
      if (variationKey) forcedByApi[key] = variationKey;
      else delete forcedByApi[key];
    }, () => {}),
    ready: () => ready,
  };
  return {
    name: 'experiments',
    api,
    setup(c) {
      ctx = c;
      sticky = createStickyBuckets(c.storage);
      log = createExposureLog(c.storage);
      const hasDom = typeof document != 'undefined';
      if (!observe && hasDom && typeof IntersectionObserver != 'undefined') observe = observeVisible;
      const { antiFlicker, config } = options;
      if (config && typeof config == 'object') setConfig(config);
      if (antiFlicker && hasDom && !doc) show = hideUntilReady(antiFlicker === true ? 800 : antiFlicker);
      if (typeof config == 'string')
        Promise.resolve()
          .then(() => fetch(config))
          .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
          .then(setConfig)
          .catch((error) => warn('config not loaded: ' + config, error))
          .finally(markReady);
    },
    enrich(event) {
      if (exposing === undefined) return event;
      const session = event.context.session.id;
      // A duplicate of an exposure tracked earlier in this session (another page load or tab).
      if (log.has(exposing, session)) return null;
      log.add(exposing, session);
      return event;
    },
    teardown() {
      for (const stop of watching.values()) stop();
      watching.clear();
      show?.();
    },
  };
};
