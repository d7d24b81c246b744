import type { Plugin, PluginContext } from '@tidemark/core';
import { createAssigner, type Assignment } from './createAssigner';
import { matchCondition, operators } from './conditions';
import { createExposureLog, EXPOSURE_KEY } from './createExposureLog';
import { createStickyBuckets, STICKY_KEY } from './createStickyBuckets';
import { isConfig } from './isConfig';
import { parseForced } from './parseForced';
import type { Attributes, Experiment, ExperimentsApi, ExperimentsConfig, ExperimentsOptions, Json, VariantResult } from './types';

/** Matches a serialised operator key that `matchCondition` does not know by itself. */
const RARE_OPERATOR = /"\$(?!(eq|ne|lt|lte|gt|gte|exists|in|nin|not|and|or|nor|schema)":)[^"]*":/;

const notFound = (): VariantResult => ({ key: undefined, value: undefined, inExperiment: false, reason: 'not-found' });

/**
 * The A/B assignment plugin, reachable as `tm.experiments`. Assignment is GrowthBook-compatible
 * (DESIGN §4) and sticky per unit; `Experiment Viewed` is tracked once per experiment per session.
 */
export const experimentsPlugin = (options: ExperimentsOptions = {}): Plugin & { name: 'experiments'; api: ExperimentsApi } => {
  let ctx: PluginContext | undefined;
  let doc: ExperimentsConfig | undefined;
  /** The document last accepted, in force once the operators it needs have loaded. */
  let latest: ExperimentsConfig | undefined;
  let loadingOperators: Promise<typeof import('./conditionOperators') | void> | undefined;
  let firstApplied!: () => void;
  /** Settles once the last accepted document is in force, or once the first one failed to load. */
  let applying: Promise<void> | undefined = new Promise<void>((resolve) => (firstApplied = resolve));
  let resolveSetUp!: () => void;
  const setUp = new Promise<void>((resolve) => (resolveSetUp = resolve));
  const assign = createAssigner(matchCondition);
  let experiments = new Map<string, Experiment>();
  let custom: Attributes = options.attributes ?? {};
  // Attributes and URL-forced variations, rebuilt only when what they are made of changes.
  let deps: unknown[] = [];
  let attributes: Attributes;
  let forcedByUrl: Record<string, string>;
  const forcedByApi: Record<string, string | undefined> = {};
  /** Assignments of the current attributes and config, by experiment key. */
  const memo = new Map<string, Assignment>();
  let sticky: ReturnType<typeof createStickyBuckets>;
  let log: ReturnType<typeof createExposureLog>;
  let observe = options.observeVisible;
  const watching = new Map<string, () => void>();
  const warn = (message: string, detail?: unknown) => ctx?.warn('experiments: ' + message, detail);
  /**
   * The default `observeVisible`: its IntersectionObserver code is a separate chunk, loaded only
   * by pages that run a visible-exposure experiment. Where it cannot load, nobody is counted.
   */
  const observeLazily = (key: string, onVisible: () => void) => {
    const observing = import('./observeVisible').then((m) => m.observeVisible(key, onVisible), (error) => warn('visibility observer not loaded', error));
    // Stopped before it loaded, the observer stops as it starts: before any visibility callback.
    return () => void observing.then((stop) => stop?.());
  };

  /** Tracks `event` once per session for `key` (`identity().sessionId` is the next event's session). */
  const expose = (key: string, event: string, properties: Record<string, Json>) => {
    const c = ctx!;
    const sessionId = c.identity().sessionId;
    if (!log._known(key, sessionId)) log._once(key, sessionId, () => c.tracker.track(event, properties));
  };

  const variant = (key: string): VariantResult => {
    const exp = experiments.get(key);
    const c = ctx;
    if (!exp || !c) return notFound();
    const id = c.identity();
    const context = c.platform.context();
    const now = [context, custom, ...Object.values(id)];
    if (now.some((d, i) => d !== deps[i])) {
      deps = now;
      attributes = { ...custom, ...id, context };
      forcedByUrl = parseForced(context.page?.search);
      memo.clear();
    }
    const { holdout, version } = doc!;
    let a = memo.get(key);
    if (!a) {
      a = assign(exp, { attributes, now: c.platform.now(), forced: forcedByApi[key] ?? forcedByUrl[key], holdout, sticky: sticky._get });
      // Same unit, same config: same answer, except where dates make it change with time.
      if (!exp.startAt && !exp.endAt) memo.set(key, a);
      if (a.reason == 'assigned') sticky._set(a.unit!, exp, exp.variations[a.index]!.key);
    }
    const { index, reason } = a;
    const v = exp.variations[index]!;
    const inExperiment = reason == 'assigned' || reason == 'sticky';
    if (inExperiment && !watching.has(key) && !log._known(key, id.sessionId)) {
      const viewed = () =>
        expose(key, 'Experiment Viewed', {
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
    if (reason == 'holdout') expose('!' + holdout!.key, 'Holdout Viewed', { holdout_id: holdout!.key, version });
    return { key: v.key, value: v.value, inExperiment, reason };
  };

  const setConfig = (next: ExperimentsConfig): boolean => {
    if (!isConfig(next)) return !!warn('invalid config refused', next);
    latest = next;
    const apply = (extra?: typeof import('./conditionOperators') | void) => {
      // A newer document accepted meanwhile wins.
      if (next != latest) return;
      doc = next;
      experiments = new Map(next.experiments?.map((e) => [e.key, e]));
      memo.clear();
      extra?.warnUnsafeRegexes(experiments.values(), warn);
      firstApplied();
    };
    // Most documents need only the common operators; the others' code loads with the first document
    // that uses one (or has such a key elsewhere, which costs a needless load at worst).
    if (RARE_OPERATOR.test(JSON.stringify(next)))
      applying = (loadingOperators ??= import('./conditionOperators').then(
        (m) => (Object.assign(operators, m.rareOperators), m),
        (error) => warn('condition operators not loaded', error),
      )).then(apply);
    else {
      applying = undefined;
      apply();
    }
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
      // No key clears: `undefined` gives way to the URL's choice.
      forcedByApi[key] = variationKey || undefined;
      memo.delete(key);
    },
    // Assignments work once the tracker has set the plugin up and the document is in force.
    ready: () => setUp.then(() => applying),
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
      const { config } = options;
      if (typeof config == 'object') api.setConfig(config);
      if (!observe && typeof IntersectionObserver == 'function') observe = observeLazily;
      // Without a document in force, ready() still resolves: variant() then answers `not-found`.
      if (typeof config == 'string')
        (async () => api.setConfig(await (await fetch(config)).json()))()
          .catch((error) => warn('config not loaded from ' + config, error))
          .then((accepted) => accepted || firstApplied());
      resolveSetUp();
    },
    teardown: () => watching.forEach((stop) => stop()),
  };
};
