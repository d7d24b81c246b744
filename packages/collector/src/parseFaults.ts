/**
 * An injected fault (issue 3, fault mode). Each applies to an ingest request with probability `p`:
 * - `status`: answer that status without storing (`Retry-After: 1` for 429 and 503);
 * - `drop`: destroy the socket without answering or storing;
 * - `delay`: store, then answer after `ms`;
 * - `ackloss`: store, then answer 500, so the client retries and the collector sees duplicates.
 */
export type Fault =
  | { kind: 'status'; status: number; p: number }
  | { kind: 'drop'; p: number }
  | { kind: 'delay'; ms: number; p: number }
  | { kind: 'ackloss'; p: number };

/** Result of {@link parseFaults}. */
export type ParseFaultsResult = { ok: true; faults: Fault[] } | { ok: false; error: string };

const FORMAT = 'expected KIND[=ARG]:PROBABILITY items separated by commas, e.g. "status=500:0.3,status=429:0.1,drop:0.1,delay=2000:0.1,ackloss:0.05"';
const MAX_DELAY_MS = 600_000;

const isInt = (text: string | undefined, min: number, max: number): boolean =>
  text !== undefined && /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max;

/** Reads one `KIND[=ARG]:P` item; returns an error message for anything else. */
function parseItem(item: string): Fault | string {
  const match = /^([a-z]+)(?:=([^:]*))?:([^:]*)$/.exec(item);
  if (!match) return FORMAT;
  const [, kind, arg, prob = ''] = match;
  const p = Number(prob);
  if (!/^(?:\d+\.?\d*|\.\d+)$/.test(prob) || p > 1) return `probability must be a number from 0 to 1, got "${prob}"`;
  switch (kind) {
    case 'status':
      return isInt(arg, 400, 599) ? { kind, status: Number(arg), p } : `status must be an integer from 400 to 599, got "${arg ?? ''}"`;
    case 'delay':
      return isInt(arg, 0, MAX_DELAY_MS) ? { kind, ms: Number(arg), p } : `delay must be whole milliseconds from 0 to ${MAX_DELAY_MS}, got "${arg ?? ''}"`;
    case 'drop':
    case 'ackloss':
      return arg === undefined ? { kind, p } : `${kind} takes no "=" argument`;
    default:
      return `unknown fault "${kind}" (expected status, drop, delay or ackloss)`;
  }
}

/**
 * Parses a fault spec strictly. The faults are exclusive outcomes of one draw per request,
 * so their probabilities must add up to at most 1. An empty spec means no faults.
 */
export function parseFaults(spec: string): ParseFaultsResult {
  const items = spec.split(',').map((item) => item.trim());
  if (items.length === 1 && items[0] === '') return { ok: true, faults: [] };
  const faults: Fault[] = [];
  for (const item of items) {
    const fault = parseItem(item);
    if (typeof fault === 'string') return { ok: false, error: `bad fault "${item}": ${fault}` };
    faults.push(fault);
  }
  const total = faults.reduce((sum, fault) => sum + fault.p, 0);
  if (total > 1 + 1e-9) return { ok: false, error: `fault probabilities add up to ${+total.toFixed(6)}, more than 1` };
  return { ok: true, faults };
}

/** Picks the fault for one request from a uniform draw in [0, 1), or none. */
export function pickFault(faults: readonly Fault[], draw: number): Fault | undefined {
  let edge = 0;
  for (const fault of faults) {
    edge += fault.p;
    if (draw < edge) return fault;
  }
  return undefined;
}
