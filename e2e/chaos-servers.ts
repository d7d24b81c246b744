// Servers of the chaos test's own. Its fault mode must not reach the shared e2e collector
// (playwright.config.ts, port 8788) that the other specs use; and the site server is its own too,
// so that a run lasting minutes does not depend on a server another Playwright run may own
// (`reuseExistingServer`) and stop halfway.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { CollectorStats, LossReport } from '../packages/collector/src/index';
import type { StoredEvent } from './fixtures';

const ROOT = resolve(import.meta.dirname, '..');

interface Server {
  url: string;
  /** What the process printed, for the report when something goes wrong. */
  log(): string;
  close(): Promise<void>;
}

/** Runs a Node script on a free port and resolves once it prints the URL it listens on. */
const startServer = async (script: string, args: string[], listening: RegExp): Promise<Server> => {
  const child = spawn(process.execPath, [resolve(ROOT, script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = listening.exec(output);
      if (m) {
        clearTimeout(timer);
        done(m[1]!.replace(/\/+$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`${script} exited (${child.exitCode ?? child.signalCode}):\n${output}`));
    });
  });
  return {
    url,
    log: () => output,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
};

/** `scripts/serve.mjs` (examples/ and the script-tag build) on a free port, pointed at `endpoint`. */
export const startChaosSite = (endpoint: string): Promise<Server> =>
  startServer('scripts/serve.mjs', ['--port', '0', '--endpoint', endpoint], /serve: (http:\/\/\S+)/);

export interface ChaosCollector extends Server {
  /** Replaces the fault spec at run time; `''` clears it. */
  setFaults(spec: string): Promise<void>;
  stats(): Promise<CollectorStats>;
  loss(): Promise<LossReport>;
  /** Every event stored for one anonymousId, paging through `GET /v1/events`. */
  events(anonymousId: string): Promise<StoredEvent[]>;
}

const json = async <T>(res: Response): Promise<T> => {
  if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

/**
 * `tidemark-collector` on a free port: in memory, rate limit off, the given faults, CORS for the
 * given origins ('*' when the site's port is not known yet: the chaos site starts after it).
 */
export const startChaosCollector = async (opts: { cors: string; faults: string }): Promise<ChaosCollector> => {
  const server = await startServer(
    'packages/collector/dist/cli.mjs',
    ['--port', '0', '--db', ':memory:', '--cors', opts.cors, '--rate-limit', 'off', '--faults', opts.faults],
    /listening on (http:\/\/\S+)/,
  );
  const { url } = server;
  return {
    ...server,
    async setFaults(spec) {
      await json(await fetch(`${url}/v1/_faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ faults: spec }) }));
    },
    stats: async () => json<CollectorStats>(await fetch(`${url}/v1/stats`)),
    loss: async () => json<LossReport>(await fetch(`${url}/v1/loss`)),
    async events(anonymousId) {
      const all: StoredEvent[] = [];
      const limit = 10_000;
      for (let offset = 0; ; offset += limit) {
        const q = new URLSearchParams({ anonymousId, limit: String(limit), offset: String(offset) });
        const { events } = await json<{ events: StoredEvent[] }>(await fetch(`${url}/v1/events?${q}`));
        all.push(...events);
        if (events.length < limit) return all;
      }
    },
  };
};
