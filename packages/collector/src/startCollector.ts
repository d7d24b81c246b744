import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalizeOrigins } from './cors';
import { createHandler } from './createHandler';
import type { CollectorContext } from './createHandler';
import { createRateLimiter } from './createRateLimiter';
import { createStore } from './createStore';
import { parseFaults } from './parseFaults';
import type { Collector, CollectorOptions } from './types';

/** Defaults of {@link CollectorOptions}. */
export const COLLECTOR_DEFAULTS = {
  port: 8787,
  host: '127.0.0.1',
  db: ':memory:',
  path: '/v1/batch',
  maxBodyBytes: 1024 * 1024,
  rateLimit: { burst: 200, perSecond: 50 },
} as const;

/**
 * Starts the reference collector: ingest at `path` (default `/v1/batch`), `GET /v1/events`,
 * `/v1/stats`, `/v1/loss`, `/healthz`, and fault control at `/v1/_faults`.
 * Rejects when the fault spec or path is invalid, the database cannot be opened, or the port is taken.
 *
 * @example
 * const collector = await startCollector({ port: 0, cors: ['http://127.0.0.1:4173'] });
 * // … POST `${collector.url}/v1/batch` …
 * await collector.close();
 */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const path = options.path ?? COLLECTOR_DEFAULTS.path;
  if (!path.startsWith('/')) throw new Error(`path must start with "/", got "${path}"`);
  const faults = parseFaults(options.faults ?? '');
  if (!faults.ok) throw new Error(faults.error);
  const rateLimit = options.rateLimit ?? COLLECTOR_DEFAULTS.rateLimit;

  const store = await createStore(options.db ?? COLLECTOR_DEFAULTS.db);
  const ctx: CollectorContext = {
    store,
    stats: { received: 0, stored: 0, duplicates: 0, rejected: 0, rateLimited: 0, faulted: 0 },
    limiter: rateLimit ? createRateLimiter(rateLimit) : undefined,
    faults: faults.faults,
    random: options.random ?? Math.random,
    maxBodyBytes: options.maxBodyBytes ?? COLLECTOR_DEFAULTS.maxBodyBytes,
    path,
    cors: normalizeOrigins(options.cors ?? []),
    onError: options.onError ?? ((error) => console.error(error)),
  };
  const server = createServer(createHandler(ctx));
  const host = options.host ?? COLLECTOR_DEFAULTS.host;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? COLLECTOR_DEFAULTS.port, host, resolve);
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold `close` open until they time out.
        server.closeAllConnections();
      }).then(() => store.close())),
  };
}
