/** `[start, end)` of the hash values that get one variation. */
export type VariationRange = [number, number];

/** `[name, start, end)`: units whose namespace hash falls in the range may enter the experiment. */
export type Namespace = [string, number, number];

/** Attributes a condition is evaluated against, e.g. `{ anonymousId, userId, traits, context, … }`. */
export type Attributes = Record<string, unknown>;

/** A MongoDB-style condition as GrowthBook's `evalCondition` reads it: dotted paths to values or `$` operators. */
export type Condition = Record<string, unknown>;

/** Any JSON value, as a variation carries. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One arm of an experiment (DESIGN §4). The first variation is control. */
export interface Variation {
  /** Reported as `variation_id`; used by `?tm_force=exp:variation` and sticky bucketing. */
  key: string;
  /** Reported as `variation_name`; defaults to `key`. */
  name?: string;
  /** Share of covered units; weights sum to 1. */
  weight: number;
  /** What the page receives. */
  value?: Json;
}

/** An experiment of the marketers' JSON (DESIGN §4); validated in full by `@tidemark/schema`. */
export interface Experiment {
  /** Experiment ID; also the default hash seed. */
  key: string;
  /** Reported as `experiment_name`; defaults to `key`. */
  name?: string;
  /** `draft` never assigns; `stopped` serves `winner` (or control) without exposures. */
  status: 'draft' | 'running' | 'stopped';
  variations: Variation[];
  /** Share of eligible units that enter. Default 1. */
  coverage?: number;
  /** Attribute whose value is hashed. Default `anonymousId`. */
  hashAttribute?: string;
  /** Attribute hashed when `hashAttribute` is empty. */
  fallbackAttribute?: string;
  /** Hash seed. Default: `key`. */
  seed?: string;
  /** GrowthBook hash version, 1 or 2. Default 2. */
  hashVersion?: number;
  /** Bump to re-randomise sticky assignments. Default 0. */
  bucketVersion?: number;
  /** Only units whose attributes match enter. */
  targeting?: Condition;
  /** Mutual exclusion with other experiments of the same namespace. */
  namespace?: Namespace;
  /** Events that count as conversions (used by analysis, not by the browser). */
  goals?: string[];
  /** Variation served to everyone once stopped. */
  winner?: string;
  /** ISO date: no assignment before. */
  startAt?: string;
  /** ISO date: no assignment from then on. */
  endAt?: string;
  /** `visible`: the exposure counts only when `[data-tm-exp="KEY"]` is at least half visible. */
  exposure?: 'auto' | 'visible';
}

/** A stable share of units kept out of every experiment. */
export interface Holdout {
  key: string;
  /** Share held out, 0 ≤ percent < 1. */
  percent: number;
}

/** The part of the config document this plugin reads. */
export interface ExperimentsConfig {
  /** Bumped on every change; carried by `Experiment Viewed` as `version`. */
  version: number;
  experiments?: Experiment[];
  holdout?: Holdout;
  [other: string]: unknown;
}

/** Why a unit got the variation it got. */
export type Reason =
  | 'not-found'
  | 'not-running'
  | 'not-targeted'
  | 'outside-coverage'
  | 'outside-namespace'
  | 'forced'
  | 'sticky'
  | 'assigned'
  | 'holdout'
  | 'stopped';

/** What `variant()` returns. Out of the experiment, `key`/`value` are control's (or the winner's). */
export interface VariantResult {
  /** Variation key; `undefined` only when the experiment is not found. */
  key: string | undefined;
  value: Json | undefined;
  /** True when the unit is part of the measured population (assigned or sticky). */
  inExperiment: boolean;
  reason: Reason;
}

/** Options of {@link experimentsPlugin}. */
export interface ExperimentsOptions {
  /** The config document, or a URL to fetch it from. */
  config?: ExperimentsConfig | string;
  /** Custom targeting attributes, as `setAttributes()` sets them. */
  attributes?: Attributes;
  /**
   * Calls `onVisible` once when the experiment's element is at least half visible; returns a
   * stop function. Default: IntersectionObserver over `[data-tm-exp="KEY"]`, loaded on first
   * use, where the browser has it.
   */
  observeVisible?(key: string, onVisible: () => void): () => void;
}

/** Methods of the plugin, also reachable as `tm.experiments`. None throws. */
export interface ExperimentsApi {
  /** The unit's variation of experiment `key`, and why. Records the exposure when it is new. */
  variant(key: string): VariantResult;
  /** The variation's value, or `fallback` when the experiment is unknown or the value is absent or null. */
  value<T = Json>(key: string, fallback: T): T;
  /** Replaces the custom targeting attributes. */
  setAttributes(attributes: Attributes): void;
  /**
   * Accepts a config document (`true`) or refuses an invalid one (`false`; the last good one
   * stays). A document whose targeting uses a rarely needed operator (`$regex`, `$v…`,
   * `$elemMatch`, `$all`, `$size`, `$type`, `$ini`, `$nini`) goes in force once that code has
   * loaded, a moment later: `ready()` tells when.
   */
  setConfig(config: ExperimentsConfig): boolean;
  /** Forces a variation for QA (never sticky, never exposed); no `variationKey` clears it. */
  force(key: string, variationKey?: string): void;
  /** Resolves once the last accepted config is in force, or once loading it from the `config` URL failed. */
  ready(): Promise<void>;
}
