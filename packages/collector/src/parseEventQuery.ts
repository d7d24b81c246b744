import type { WireIssue } from '@tidemark/schema';
import type { EventQuery } from './createStore';

/** Default and largest `limit` of `GET /v1/events`. */
export const EVENTS_LIMIT = { default: 100, max: 10_000 } as const;

const readInt = (text: string | null, fallback: number, min: number, max: number): number | undefined => {
  if (text === null) return fallback;
  return /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : undefined;
};

/** Reads `limit`, `offset`, `type`, `event` and `anonymousId` from the query string, strictly. */
export function parseEventQuery(params: URLSearchParams): { ok: true; query: EventQuery } | { ok: false; issues: WireIssue[] } {
  const limit = readInt(params.get('limit'), EVENTS_LIMIT.default, 1, EVENTS_LIMIT.max);
  const offset = readInt(params.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
  const issues: WireIssue[] = [];
  if (limit === undefined) issues.push({ path: 'limit', message: `expected an integer from 1 to ${EVENTS_LIMIT.max}` });
  if (offset === undefined) issues.push({ path: 'offset', message: 'expected an integer ≥ 0' });
  if (limit === undefined || offset === undefined) return { ok: false, issues };
  const query: EventQuery = { limit, offset };
  for (const key of ['type', 'event', 'anonymousId'] as const) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  return { ok: true, query };
}
