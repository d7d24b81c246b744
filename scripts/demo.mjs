#!/usr/bin/env node
// `pnpm demo`: the collector on 127.0.0.1:8787 and the example sites on 127.0.0.1:5173.
// Builds first when a file the demo needs is missing (`--build` forces a build; a full
// `pnpm build` takes about 30 s). Ctrl-C stops both servers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const COLLECTOR_PORT = 8787;
const SITE_PORT = 5173;
const COLLECTOR = `http://127.0.0.1:${COLLECTOR_PORT}`;
const SITE = `http://127.0.0.1:${SITE_PORT}`;
const NEEDED = ['packages/browser/dist/tidemark.min.js', 'packages/collector/dist/cli.mjs', 'examples/esm/dist/main.js'];
const READY_TIMEOUT_MS = 30_000;

const missing = NEEDED.filter((file) => !existsSync(join(ROOT, file)));
if (process.argv.includes('--build') || missing.length) {
  console.log(missing.length ? `demo: building (missing ${missing.join(', ')})…` : 'demo: building…');
  const build = spawnSync('pnpm', ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('demo: the build failed');
    process.exit(build.status ?? 1);
  }
}

const children = [];
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // The collector closes its database on SIGTERM: let it finish before leaving.
  Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null))).then(() => process.exit(code));
};

const start = (name, args) => {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`demo: ${name} stopped (${signal ?? `exit code ${code}`}); stopping the demo`);
    stop(1);
  });
  children.push(child);
};

/** Resolves once `url` answers with a 2xx, or rejects after READY_TIMEOUT_MS. */
const waitFor = async (url) => {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));

start('collector', [
  'packages/collector/dist/cli.mjs',
  '--port', String(COLLECTOR_PORT),
  '--db', '.data/demo.duckdb',
  // Both spellings of the site's origin, for people who type localhost.
  '--cors', `${SITE},http://localhost:${SITE_PORT}`,
]);
start('site server', ['scripts/serve.mjs', '--port', String(SITE_PORT), '--endpoint', COLLECTOR]);

try {
  await Promise.all([waitFor(`${COLLECTOR}/healthz`), waitFor(`${SITE}/script-tag/`)]);
} catch (error) {
  console.error(`demo: ${error.message}`);
  stop(1);
}
if (!stopping) {
  console.log(`
  tidemark demo is running

    Shop (script-tag snippet)  ${SITE}/script-tag/
    Shop under a strict CSP    ${SITE}/script-tag/csp.html
    Single-page app            ${SITE}/spa/
    A/B test (experiments)     ${SITE}/experiments/
    App bundled from npm (ESM) ${SITE}/esm/
    Collector events (JSON)    ${COLLECTOR}/v1/events?limit=20
    Collector stats            ${COLLECTOR}/v1/stats

  Events are stored in .data/demo.duckdb. Press Ctrl-C to stop.
`);
}
