import { chooseVariation } from './chooseVariation';
import { getBucketRanges } from './getBucketRanges';
import { getPath } from './getPath';
import { hash } from './hash';
import { inNamespace } from './inNamespace';
import type { Attributes, Condition, Experiment, Holdout, Reason } from './types';

/** What an assignment depends on besides the experiment. */
export interface AssignInput {
  attributes: Attributes;
  /** Milliseconds since the epoch, for `startAt`/`endAt`. */
  now: number;
  /** Variation key forced by the URL or the API. */
  forced?: string | undefined;
  holdout?: Holdout | undefined;
  /** The variation key stored for this unit and experiment, if any. */
  sticky(unit: string, exp: Experiment): string | undefined;
}

/** The variation index and why; `unit` (`attribute||value`) is set when the unit was hashed. */
export interface Assignment {
  index: number;
  reason: Reason;
  unit?: string | undefined;
}

/** A hashable unit: a non-empty string or a number. */
const unitOf = (attributes: Attributes, path: string): string => {
  const v = getPath(attributes, path);
  return typeof v == 'string' || typeof v == 'number' ? v + '' : '';
};

/**
 * Builds `assignVariant` over a condition evaluation: the full one for the public function, the
 * plugin's (whose rare operators load when a document needs them) for the plugin.
 */
export const createAssigner = (evalCondition: (attributes: Attributes, condition: Condition) => boolean) => (exp: Experiment, input: AssignInput): Assignment => {
  const { variations } = exp;
  const find = (key: string | undefined) => variations.findIndex((v) => v.key === key);
  const out = (reason: Reason, index = 0, unit?: string): Assignment => ({ index, reason, unit });

  const forced = find(input.forced);
  if (forced >= 0) return out('forced', forced);
  if (exp.status == 'stopped') return out('stopped', Math.max(0, find(exp.winner)));
  if (exp.status != 'running' || Date.parse(exp.startAt!) > input.now || Date.parse(exp.endAt!) <= input.now) return out('not-running');
  if (exp.targeting && !evalCondition(input.attributes, exp.targeting)) return out('not-targeted');

  let attribute = exp.hashAttribute || 'anonymousId';
  let value = unitOf(input.attributes, attribute);
  if (!value && exp.fallbackAttribute) value = unitOf(input.attributes, (attribute = exp.fallbackAttribute));
  if (!value) return out('not-targeted');
  const { holdout } = input;
  if (holdout && hash(holdout.key, value, 2)! < holdout.percent) return out('holdout');

  const unit = attribute + '||' + value;
  const sticky = find(input.sticky(unit, exp));
  if (sticky >= 0) return out('sticky', sticky, unit);
  if (exp.namespace && !inNamespace(value, exp.namespace)) return out('outside-namespace');
  const n = hash(exp.seed || exp.key, value, exp.hashVersion ?? 2);
  const index = n === null ? -1 : chooseVariation(n, getBucketRanges(variations.length, exp.coverage, variations.map((v) => v.weight)));
  return index < 0 ? out('outside-coverage') : out('assigned', index, unit);
};

