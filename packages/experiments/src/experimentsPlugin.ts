import type { Plugin, PluginContext } from '@tidemark/core';
import { assignVariant, type Assignment } from './assignVariant';
import { createExposureLog, EXPOSURE_KEY } from './createExposureLog';
import { createStickyBuckets, STICKY_KEY } from './createStickyBuckets';
import { hideUntilReady } from './hideUntilReady';
import { isConfig } from './isConfig';
import { isSafeRegex } from './isSafeRegex';
import { observeVisible } from './observeVisible';
import { parseForced } from './parseForced';
import type { Attributes, Experiment, ExperimentsApi, ExperimentsConfig, ExperimentsOptions, Json, VariantResult } from './types';

/** True when a condition holds a `$regex` that evaluation will refuse. */
const hasUnsafeRegex = (c: unknown): boolean =>
  !!c && typeof c == 'object' && Object.entries(c).some(([k, v]) => (k.startsWith('$regex') && typeof v == 'string' ? !isSafeRegex(v) : hasUnsafeRegex(v)));

const notFound = (): VariantResult => ({ key: undefined, value: undefined, inExperiment: false, reason: 'not-found' });

/**
 * The A/B assignment plugin, reachable as `tm.experiments`. Assignment is GrowthBook-compatible
 * (DESIGN §4) and sticky per unit; `Experiment Viewed` is tracked once per experiment per session.
 */
export const experimentsPlugin = (options: ExperimentsOptions = {}): Plugin & { name: 'experiments'; api: ExperimentsApi } => {
  let ctx: PluginContext | undefined;
  let doc: ExperimentsConfig | undefined;
  let experiments = new Map<string, Experiment>();
  let custom: Attributes = options.attributes ?? {};
  // Attributes and URL-forced variations, rebuilt only when what they are made of changes.
  let deps: unknown[] = [];
  let attributes: Attributes;
  let forcedByUrl: Record<string, string>;
  const forcedByApi: Record<string, string> = {};
  /** Assignments of the current attributes and config, by experiment key. */
  const memo = new Map<string, Assignment>();
  let sticky: ReturnType<typeof createStickyBuckets>;
  let log: ReturnType<typeof createExposureLog>;
  let observe = options.observeVisible;
  const watching = new Map<string, () => void>();
  /** Key of the exposure being tracked right now, for `enrich`. */
  let exposing: string | undefined;
  let show: (() => void) | undefined;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve)).then(() => show?.());
  // Ready means assignments work: the tracker has set the plugin up AND a config is in (or failed to load).
  let setUp = false;
  let configured = false;
  const markReady = (config = configured) => (configured = config) && setUp && resolveReady();
  const warn = (message: string, detail?: unknown) => ctx?.warn('experiments: ' + message, detail);

  /**
   * Tracks `event` unless this page load knows `key` was exposed in the current session. The
   * exact check waits for `enrich`, which sees the event's real session: before the first event
   * of a page load, `identity().sessionId` may still name a session that has timed out.
   */
  const expose = (c: PluginContext, sessionId: number, key: string, event: string, properties: Record<string, Json>) => {
    if (log._known(key, sessionId)) return;
    exposing = key;
    c.tracker.track(event, properties);
    exposing = undefined;
  };

  const variant = (key: string): VariantResult => {
    const exp = experiments.get(key);
    const c = ctx;
    if (!exp || !c) return notFound();
    const id = c.identity();
    const context = c.platform.context();
    const now = [context, custom, id.anonymousId, id.userId, id.traits];
    if (now.some((d, i) => d !== deps[i])) {
      deps = now;
      attributes = { ...custom, anonymousId: id.anonymousId, userId: id.userId, traits: id.traits, context };
      forcedByUrl = parseForced(context.page?.search);
      memo.clear();
    }
    const { holdout, version } = doc!;
    let a = memo.get(key);
    if (!a) {
      a = assignVariant(exp, { attributes, now: c.platform.now(), forced: forcedByApi[key] ?? forcedByUrl[key], holdout, sticky: sticky._get });
      // Same unit, same config: same answer, except where dates make it change with time.
      if (!exp.startAt && !exp.endAt) memo.set(key, a);
      if (a.reason == 'assigned') sticky._set(a.unit!, exp, exp.variations[a.index]!.key);
    }
    const { index, reason } = a;
    const v = exp.variations[index]!;
    const inExperiment = reason == 'assigned' || reason == 'sticky';
    if (inExperiment && !watching.has(key) && !log._known(key, id.sessionId)) {
      const viewed = () =>
        expose(c, c.identity().sessionId, key, 'Experiment Viewed', {
          experiment_id: key,
          experiment_name: exp.name ?? key,
          variation_id: v.key,
          variation_name: v.name ?? v.key,
          version,
        });
      if (exp.exposure != 'visible' || !observe) viewed();
      else
        watching.set(
          key,
          observe(key, () => {
            watching.delete(key);
            viewed();
          }),
        );
    }
    // '!' cannot start a key (@tidemark/schema): the holdout never collides with an experiment.
    if (reason == 'holdout') expose(c, id.sessionId, '!' + holdout!.key, 'Holdout Viewed', { holdout_id: holdout!.key, version });
    return { key: v.key, value: v.value, inExperiment, reason };
  };

  const setConfig = (next: ExperimentsConfig): boolean => {
    if (!isConfig(next)) return !!warn('invalid config refused', next);
    doc = next;
    experiments = new Map(next.experiments?.map((e) => [e.key, e]));
    memo.clear();
    for (const e of experiments.values()) if (hasUnsafeRegex(e.targeting)) warn(e.key + ': unsafe $regex, condition is false');
    markReady(true);
    return true;
  };

  /** Public methods never throw into the host page. */
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => R, fallback: () => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (error) {
        warn('failed', error);
        return fallback();
      }
    };
  const api: ExperimentsApi = {
    variant: guard(variant, notFound),
    value: <T>(key: string, fallback: T): T => (api.variant(key).value as T) ?? fallback,
    setAttributes(attributes) {
      custom = { ...attributes };
    },
    setConfig: guard(setConfig, () => false),
    force(key, variationKey) {
      if (variationKey) forcedByApi[key] = variationKey;
      else delete forcedByApi[key];
      memo.delete(key);
    },
    ready: () => ready,
  };

  return {
    name: 'experiments',
    api,
    setup(c) {
      ctx = c;
      const stores = () => {
        sticky = createStickyBuckets(c.storage);
        log = createExposureLog(c.storage);
        memo.clear();
      };
      stores();
      // Stored assignments name the user's IDs: denied consent and reset() forget them with the IDs.
      const forget = () => {
        c.storage.remove(STICKY_KEY);
        c.storage.remove(EXPOSURE_KEY);
        stores();
      };
      let anonymousId = c.identity().anonymousId;
      c.tracker.on('consent', (state) => state == 'denied' && forget());
      // A new anonymousId means reset(): identify() keeps it.
      c.tracker.on('identity', (id) => anonymousId != (anonymousId = id.anonymousId) && forget());
      const { antiFlicker, config } = options;
      if (typeof config == 'object') api.setConfig(config);
      if (typeof document == 'object') {
        if (!observe && typeof IntersectionObserver == 'function') observe = observeVisible;
        if (antiFlicker && !doc) show = hideUntilReady(antiFlicker === true ? 800 : antiFlicker);
      }
      if (typeof config == 'string')
        (async () => api.setConfig(await (await fetch(config)).json()))()
          .catch((error) => warn('config not loaded from ' + config, error))
          .finally(() => markReady(true));
      setUp = true;
      markReady();
    },
    // The exposure is a duplicate when another page load or tab tracked it in this session.
    enrich: (event) => (exposing && log._seen(exposing, event.context.session.id, true) ? null : event),
    teardown() {
      for (const stop of watching.values()) stop();
      watching.clear();
      show?.();
    },
  };
};
