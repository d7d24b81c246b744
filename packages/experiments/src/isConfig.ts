import type { ExperimentsConfig } from './types';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x == 'object' && !Array.isArray(x);
const isList = (x: unknown, item: (x: Obj) => boolean) => Array.isArray(x) && x.every((i) => isObj(i) && item(i));

/**
 * The browser's structural check of a config document: the shapes assignment relies on, so that
 * a wrong file (an error page, another format) never replaces a good one. Full validation
 * (weights summing to 1, unique keys, dates, operators…) is `@tidemark/schema`'s job; zod would
 * weigh more than this whole plugin.
 */
export const isConfig = (doc: unknown): doc is ExperimentsConfig =>
  isObj(doc) &&
  typeof doc.version == 'number' &&
  (doc.holdout === undefined || isList([doc.holdout], (h) => typeof h.key == 'string' && typeof h.percent == 'number')) &&
  (doc.experiments === undefined ||
    isList(
      doc.experiments,
      (e) =>
        typeof e.key == 'string' &&
        /^(draft|running|stopped)$/.test(e.status as string) &&
        (e.targeting === undefined || isObj(e.targeting)) &&
        isList(e.variations, (v) => typeof v.key == 'string' && typeof v.weight == 'number') &&
        !!(e.variations as unknown[]).length,
    ));
