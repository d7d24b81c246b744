import type { ExperimentsConfig } from './types';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x == 'object' && !Array.isArray(x);
/** Absent or of type `type`. */
const opt = (x: unknown, type: string) => x === undefined || typeof x == type;

const isExperiment = (e: unknown): boolean =>
  isObj(e) &&
  typeof e.key == 'string' &&
  ['draft', 'running', 'stopped'].includes(e.status as string) &&
  Array.isArray(e.variations) &&
  e.variations.length > 0 &&
  e.variations.every((v) => isObj(v) && typeof v.key == 'string' && typeof v.weight == 'number') &&
  opt(e.coverage, 'number') &&
  opt(e.hashVersion, 'number') &&
  opt(e.bucketVersion, 'number') &&
  opt(e.hashAttribute, 'string') &&
  opt(e.fallbackAttribute, 'string') &&
  opt(e.seed, 'string') &&
  opt(e.winner, 'string') &&
  opt(e.startAt, 'string') &&
  opt(e.endAt, 'string') &&
  (e.targeting === undefined || isObj(e.targeting)) &&
  (e.namespace === undefined || (Array.isArray(e.namespace) && e.namespace.length == 3));

/**
 * The browser's structural check of a config document: enough that assignment cannot trip over
 * it. Full validation (weights summing to 1, unique keys, dates…) is `@tidemark/schema`'s job;
 * zod would cost more than this whole plugin.
 */
export const isConfig = (doc: unknown): doc is ExperimentsConfig =>
  isObj(doc) &&
  typeof doc.version == 'number' &&
  (doc.holdout === undefined || (isObj(doc.holdout) && typeof doc.holdout.key == 'string' && typeof doc.holdout.percent == 'number')) &&
  (doc.experiments === undefined || (Array.isArray(doc.experiments) && doc.experiments.every(isExperiment)));
