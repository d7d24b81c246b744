import { chooseVariation, evalCondition, getBucketRanges, hash, inNamespace } from '@tidemark/experiments';
import { chiSquareTest, type ChiSquareResult } from './chiSquare';
import type { ConfigDocument, Experiment } from './configSchema';
import { createPrng } from './createPrng';

/** Options of {@link simulateExperiments}. */
export interface SimulateOptions {
  /** Number of simulated users, each with a fresh random `anonymousId`. */
  users: number;
  /** PRNG seed: the same seed gives the same users. */
  seed: number;
  /** Attribute samples cycled through (user i gets sample i mod n) for targeting. */
  attributes?: readonly Record<string, unknown>[] | undefined;
}

/** Users per variation of one experiment. */
export interface VariationCount {
  key: string;
  weight: number;
  users: number;
}

/** What the simulation saw for one experiment; `skipped` says why it was not simulated. */
export interface ExperimentSimulation {
  key: string;
  status: Experiment['status'];
  skipped?: string;
  coverage: number;
  namespace?: Experiment['namespace'];
  /** Users that had the hash attribute, matched targeting and fell in the namespace range. */
  eligible: number;
  /** Eligible users that got a variation. */
  assigned: number;
  variations: VariationCount[];
  /** Sample ratio mismatch test of `variations` against their weights; `null` with nobody assigned. */
  srm: ChiSquareResult | null;
}

/** Users who entered more than one running experiment of one namespace (must be none). */
export interface NamespaceSimulation {
  namespace: string;
  experiments: string[];
  conflicts: number;
}

export interface SimulationResult {
  users: number;
  experiments: ExperimentSimulation[];
  namespaces: NamespaceSimulation[];
}

/** Attribute at a dotted path (`traits.email`), as conditions read attributes. */
const attributeAt = (attributes: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((obj, key) => (obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined), attributes);

/** The unit id hashed for `exp`: `hashAttribute`, else `fallbackAttribute`, as a string; '' when absent. */
const hashValueOf = (exp: Experiment, attributes: Record<string, unknown>): string => {
  const value = attributeAt(attributes, exp.hashAttribute) || (exp.fallbackAttribute && attributeAt(attributes, exp.fallbackAttribute));
  return value === undefined || value === null || value === '' || value === false ? '' : String(value);
};

/**
 * Runs every running experiment of a parsed document against simulated users with the SDK's
 * own assignment functions (`@tidemark/experiments`), counting who lands where. Dates
 * (`startAt`/`endAt`) are ignored: the simulation asks "what if it ran now".
 */
export function simulateExperiments(doc: ConfigDocument, { users, seed, attributes }: SimulateOptions): SimulationResult {
  const prng = createPrng(seed);
  const samples = attributes?.length ? attributes : [{}];
  const results: ExperimentSimulation[] = doc.experiments.map((exp) => ({
    key: exp.key,
    status: exp.status,
    ...(exp.status !== 'running' && { skipped: `${exp.status}, not assigning` }),
    coverage: exp.coverage,
    ...(exp.namespace && { namespace: exp.namespace }),
    eligible: 0,
    assigned: 0,
    variations: exp.variations.map((v) => ({ key: v.key, weight: v.weight, users: 0 })),
    srm: null,
  }));
  const running = doc.experiments
    .map((exp, i) => ({ exp, result: results[i]!, ranges: getBucketRanges(exp.variations.length, exp.coverage, exp.variations.map((v) => v.weight)) }))
    .filter(({ exp }) => exp.status === 'running');
  const namespaces = new Map<string, NamespaceSimulation>();
  for (const { exp } of running)
    if (exp.namespace) {
      const ns = namespaces.get(exp.namespace[0]) ?? { namespace: exp.namespace[0], experiments: [], conflicts: 0 };
      ns.experiments.push(exp.key);
      namespaces.set(exp.namespace[0], ns);
    }

  for (let u = 0; u < users; u++) {
    const user = { ...samples[u % samples.length], anonymousId: prng.uuid() };
    const entered = new Map<string, number>(); // namespace → experiments this user entered
    for (const { exp, result, ranges } of running) {
      const unit = hashValueOf(exp, user);
      if (!unit) continue;
      if (exp.targeting && !evalCondition(user, exp.targeting)) continue;
      if (exp.namespace && !inNamespace(unit, exp.namespace)) continue;
      result.eligible++;
      const n = hash(exp.seed ?? exp.key, unit, exp.hashVersion);
      const variation = n === null ? -1 : chooseVariation(n, ranges);
      if (variation < 0) continue;
      result.assigned++;
      result.variations[variation]!.users++;
      if (exp.namespace) entered.set(exp.namespace[0], (entered.get(exp.namespace[0]) ?? 0) + 1);
    }
    for (const [ns, count] of entered) if (count > 1) namespaces.get(ns)!.conflicts++;
  }

  for (const { result } of running)
    if (result.assigned) result.srm = chiSquareTest(result.variations.map((v) => v.users), result.variations.map((v) => v.weight));
  return { users, experiments: results, namespaces: [...namespaces.values()] };
}
