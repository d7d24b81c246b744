import { assignVariant } from '@tidemark/experiments';
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
  /** Users per reason the SDK gave (`assigned`, `not-targeted`, `holdout`, `outside-namespace`, `outside-coverage`). */
  reasons: Partial<Record<Reason, number>>;
  /** Users that passed targeting, holdout and namespace: those coverage applies to. */
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

type Reason = ReturnType<typeof assignVariant>['reason'];

/**
 * Runs every running experiment of a parsed document against simulated users through the
 * SDK's own decision function (`assignVariant` of `@tidemark/experiments`: targeting,
 * holdout, namespace, coverage, weights), counting who lands where. New users have no sticky
 * assignment; dates are ignored (`startAt`/`endAt` dropped): the question is "what if it ran now".
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
    reasons: {},
    eligible: 0,
    assigned: 0,
    variations: exp.variations.map((v) => ({ key: v.key, weight: v.weight, users: 0 })),
    srm: null,
  }));
  const running = doc.experiments
    // Without startAt/endAt the SDK treats a running experiment as live, whatever the date.
    .map(({ startAt, endAt, ...timeless }, i) => ({ exp: timeless, result: results[i]! }))
    .filter(({ exp }) => exp.status === 'running');
  const namespaces = new Map<string, NamespaceSimulation>();
  for (const { exp } of running)
    if (exp.namespace) {
      const ns = namespaces.get(exp.namespace[0]) ?? { namespace: exp.namespace[0], experiments: [], conflicts: 0 };
      ns.experiments.push(exp.key);
      namespaces.set(exp.namespace[0], ns);
    }
  const input = { now: 0, holdout: doc.holdout, sticky: () => undefined };

  for (let u = 0; u < users; u++) {
    const user = { ...samples[u % samples.length], anonymousId: prng.uuid() };
    const entered = new Map<string, number>(); // namespace → experiments this user entered
    for (const { exp, result } of running) {
      const { index, reason } = assignVariant(exp, { ...input, attributes: user });
      result.reasons[reason] = (result.reasons[reason] ?? 0) + 1;
      if (reason === 'assigned' || reason === 'outside-coverage') result.eligible++;
      if (reason !== 'assigned') continue;
      result.assigned++;
      result.variations[index]!.users++;
      if (exp.namespace) entered.set(exp.namespace[0], (entered.get(exp.namespace[0]) ?? 0) + 1);
    }
    for (const [ns, count] of entered) if (count > 1) namespaces.get(ns)!.conflicts++;
  }

  for (const { result } of running)
    if (result.assigned) result.srm = chiSquareTest(result.variations.map((v) => v.users), result.variations.map((v) => v.weight));
  return { users, experiments: results, namespaces: [...namespaces.values()] };
}
