import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsHeaders } from './cors';
import type { Store } from './createStore';
import type { RateLimiter } from './createRateLimiter';
import { handleBatch } from './handleBatch';
import { parseEventQuery } from './parseEventQuery';
import { parseFaults } from './parseFaults';
import type { Fault } from './parseFaults';
import { readBody } from './readBody';
import { sendJson, sendJsonText } from './sendJson';
import type { CollectorStats } from './types';

/** What the request handlers share; `faults` changes at run time through `POST /v1/_faults`. */
export interface CollectorContext {
  store: Store;
  stats: CollectorStats;
  limiter: RateLimiter | undefined;
  faults: Fault[];
  random: () => number;
  maxBodyBytes: number;
  path: string;
  cors: readonly string[];
  onError: (error: unknown) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => unknown;

/** `POST /v1/_faults` with `{ "faults": "SPEC" }` replaces the faults; `""` clears them. */
async function setFaults(ctx: CollectorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, ctx.maxBodyBytes);
  if (!body.ok) return sendJson(res, body.status, { error: body.error });
  let spec: unknown;
  try {
    spec = (JSON.parse(body.text) as { faults?: unknown } | null)?.faults;
  } catch {
    spec = undefined;
  }
  if (typeof spec !== 'string') {
    return sendJson(res, 400, { error: 'expected {"faults": "SPEC"}', issues: [{ path: 'faults', message: 'expected a string' }] });
  }
  const parsed = parseFaults(spec);
  if (!parsed.ok) return sendJson(res, 400, { error: parsed.error, issues: [{ path: 'faults', message: parsed.error }] });
  ctx.faults = parsed.faults;
  sendJson(res, 200, { ok: true, faults: ctx.faults });
}

/** Routes requests to the endpoints; adds CORS headers; answers 500 for anything unexpected. */
export function createHandler(ctx: CollectorContext): (req: IncomingMessage, res: ServerResponse) => void {
  const routes: Record<string, Partial<Record<string, Handler>>> = {
    '/healthz': { GET: (_, res) => sendJson(res, 200, { ok: true }) },
    '/v1/stats': { GET: (_, res) => sendJson(res, 200, ctx.stats) },
    '/v1/loss': { GET: async (_, res) => sendJson(res, 200, await ctx.store.loss()) },
    '/v1/events': {
      GET: async (_, res, url) => {
        const parsed = parseEventQuery(url.searchParams);
        if (!parsed.ok) return sendJson(res, 400, { error: 'invalid query', issues: parsed.issues });
        // Stored JSON texts are spliced in as they are: no parse and re-serialise of up to 10,000 events.
        sendJsonText(res, 200, `{"events":[${(await ctx.store.events(parsed.query)).join(',')}]}`);
      },
    },
    '/v1/_faults': {
      GET: (_, res) => sendJson(res, 200, { faults: ctx.faults }),
      POST: (req, res) => setFaults(ctx, req, res),
    },
  };
  routes[ctx.path] = { ...routes[ctx.path], POST: (req, res) => handleBatch(ctx, req, res) };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://collector');
    for (const [name, value] of Object.entries(corsHeaders(req, ctx.cors))) if (value !== undefined) res.setHeader(name, value);
    const route = routes[url.pathname];
    if (!route) return sendJson(res, 404, { error: `no endpoint ${url.pathname}` });
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const handler = route[req.method ?? ''];
    if (!handler) return sendJson(res, 405, { error: `${req.method} not allowed` }, { Allow: Object.keys(route).join(', ') });
    Promise.resolve()
      .then(() => handler(req, res, url))
      .catch((error: unknown) => {
        ctx.onError(error);
        sendJson(res, 500, { error: 'internal error' });
      });
  };
}
