import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBatch } from '@tidemark/schema';
import type { CollectorContext } from './createHandler';
import { pickFault } from './parseFaults';
import { readBody } from './readBody';
import { sendJson } from './sendJson';

/** Issues listed in a 400 answer; the client only needs the first few to isolate a poison event. */
const MAX_ISSUES = 20;

/** Media types of an ingest body: JSON, or `text/plain` which beacons use to avoid a CORS preflight. */
const isAcceptedType = (header: string | undefined): boolean => {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return !type || type === 'application/json' || type === 'text/plain';
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `POST /v1/batch`: size cap → JSON and schema check → rate limit per write key → injected
 * fault, if any → store with dedupe → `{ ok, stored, duplicates }`. A batch is all or nothing:
 * one invalid event rejects it, and the client bisects to find that event.
 */
export async function handleBatch(ctx: CollectorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { stats } = ctx;
  if (!isAcceptedType(req.headers['content-type'])) {
    req.resume();
    stats.rejected++;
    return sendJson(res, 415, { error: 'expected Content-Type application/json or text/plain' });
  }
  const body = await readBody(req, ctx.maxBodyBytes);
  if (!body.ok) {
    stats.rejected++;
    return sendJson(res, body.status, { error: body.error });
  }
  const parsed = parseBatch(body.text);
  if (!parsed.ok) {
    stats.rejected++;
    return sendJson(res, 400, { error: 'invalid batch', issues: parsed.issues.slice(0, MAX_ISSUES) });
  }
  const { writeKey, batch } = parsed.value;
  const wait = ctx.limiter?.take(writeKey) ?? 0;
  if (wait > 0) {
    stats.rateLimited++;
    return sendJson(res, 429, { error: 'rate limited' }, { 'Retry-After': String(wait) });
  }

  const fault = pickFault(ctx.faults, ctx.random());
  if (fault) stats.faulted++;
  if (fault?.kind === 'drop') return void req.socket.destroy();
  if (fault?.kind === 'status') {
    const retry = fault.status === 429 || fault.status === 503 ? { 'Retry-After': '1' } : undefined;
    return sendJson(res, fault.status, { error: 'injected fault' }, retry);
  }

  const { stored, duplicates } = await ctx.store.insert(batch, writeKey);
  stats.received += batch.length;
  stats.stored += stored;
  stats.duplicates += duplicates;
  if (fault?.kind === 'delay') await sleep(fault.ms);
  if (fault?.kind === 'ackloss') return sendJson(res, 500, { error: 'injected fault (stored, answer lost)' });
  sendJson(res, 200, { ok: true, stored, duplicates });
}
