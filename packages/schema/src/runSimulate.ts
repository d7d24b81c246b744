import { loadConfigFile } from './loadConfigFile';
import { readJsonFile } from './readJsonFile';
import type { CommandResult } from './runCli';
import { simulateExperiments, type ExperimentSimulation, type SimulationResult } from './simulateExperiments';

/** Inputs of `tidemark simulate`. */
export interface SimulateCommand {
  file: string;
  users: number;
  seed: number;
  /** JSON file holding an array of attribute objects, cycled through for targeting. */
  attributesFile?: string | undefined;
}

/** Below this SRM p-value the split is flagged: with correct hashing it happens 1 time in 1,000. */
export const SRM_THRESHOLD = 0.001;

/** The SDK's reasons in the order it decides them, last decision first: where users went. */
const REASON_ORDER = ['assigned', 'outside-coverage', 'outside-namespace', 'holdout', 'not-targeted'] as const;

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const int = (x: number) => x.toLocaleString('en-US');
const pad = (s: string, n: number) => s.padEnd(n);

const readAttributes = (file: string): { ok: true; value: Record<string, unknown>[] } | { ok: false; line: string } => {
  const read = readJsonFile(file);
  if (!read.ok) return { ok: false, line: `${file}: ${read.message}` };
  const list = read.value;
  if (!Array.isArray(list) || !list.length || !list.every((a) => a !== null && typeof a === 'object' && !Array.isArray(a)))
    return { ok: false, line: `${file}: expected a non-empty array of attribute objects` };
  return { ok: true, value: list as Record<string, unknown>[] };
};

/** Report lines for one experiment; `flagged` when its split fails the SRM test. */
const describeExperiment = (exp: ExperimentSimulation, users: number): { lines: string[]; flagged: boolean } => {
  const ns = exp.namespace ? `, namespace ${exp.namespace[0]} [${exp.namespace[1]}, ${exp.namespace[2]})` : '';
  const head = `${exp.key} (${exp.status}, coverage ${exp.coverage}${ns})`;
  if (exp.skipped) return { lines: [`${head}: skipped (${exp.skipped})`], flagged: false };
  const width = Math.max(9, ...exp.variations.map((v) => v.key.length)) + 2;
  const lines = [
    head,
    `  reasons       ${REASON_ORDER.filter((r) => exp.reasons[r]).map((r) => `${r} ${int(exp.reasons[r]!)}`).join(' · ')}`,
    `  eligible      ${int(exp.eligible)} of ${int(users)} users (${pct(exp.eligible / users)}): targeted, not held out, in namespace`,
    `  coverage      ${exp.eligible ? pct(exp.assigned / exp.eligible) : 'n/a'} reached (configured ${pct(exp.coverage)}), ${int(exp.assigned)} users assigned`,
    `  ${pad('variation', width)}${pad('users', 10)}${pad('share', 9)}${pad('weight', 9)}diff`,
    ...exp.variations.map((v) => {
      const share = exp.assigned ? v.users / exp.assigned : 0;
      const diff = (share - v.weight) * 100;
      return `  ${pad(v.key, width)}${pad(int(v.users), 10)}${pad(pct(share), 9)}${pad(pct(v.weight), 9)}${diff >= 0 ? '+' : ''}${diff.toFixed(2)} pts`;
    }),
  ];
  if (!exp.srm) return { lines: [...lines, '  SRM           n/a (nobody assigned)'], flagged: false };
  const flagged = exp.srm.pValue < SRM_THRESHOLD;
  lines.push(
    `  SRM           chi-square ${exp.srm.statistic.toFixed(3)} (df ${exp.srm.df}), p = ${exp.srm.pValue.toPrecision(4)} ${flagged ? `✗ sample ratio mismatch (p < ${SRM_THRESHOLD})` : '✓'}`,
  );
  return { lines, flagged };
};

/** Turns a simulation into the printed report and its exit code (1 on namespace conflicts or SRM). */
export function formatSimulation(result: SimulationResult, header: string): CommandResult {
  const lines = [header];
  let failed = false;
  for (const exp of result.experiments) {
    const described = describeExperiment(exp, result.users);
    lines.push(...described.lines);
    failed ||= described.flagged;
  }
  for (const ns of result.namespaces) {
    failed ||= ns.conflicts > 0;
    lines.push(
      `namespace ${ns.namespace} (${ns.experiments.join(', ')}): ${int(ns.conflicts)} users in more than one experiment ${ns.conflicts ? '✗' : '✓'}`,
    );
  }
  return { code: failed ? 1 : 0, lines };
}

/** `tidemark simulate FILE --users N [--attributes FILE] [--seed N]`. */
export function runSimulate({ file, users, seed, attributesFile }: SimulateCommand): CommandResult {
  const doc = loadConfigFile(file);
  if (!doc.ok) return { code: 1, lines: doc.lines };
  let attributes: Record<string, unknown>[] | undefined;
  if (attributesFile !== undefined) {
    const samples = readAttributes(attributesFile);
    if (!samples.ok) return { code: 1, lines: [samples.line] };
    attributes = samples.value;
  }
  const result = simulateExperiments(doc.value, { users, seed, attributes });
  const from = attributes ? `, attributes cycled from ${attributesFile} (${attributes.length})` : '';
  return formatSimulation(result, `Simulated ${int(users)} users of ${file} (seed ${seed}${from})`);
}
