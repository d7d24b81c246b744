#!/usr/bin/env node
// Static server for the examples and the built SDK, bound to 127.0.0.1 only.
//
//   node scripts/serve.mjs --port 5173 --endpoint http://127.0.0.1:8787
//   (or SERVE_PORT / TIDEMARK_ENDPOINT in the environment)
//
//   /tidemark.min.js[.map]  → packages/browser/dist/tidemark.min.js[.map]
//   /sdk/<pkg>/<file>       → packages/<pkg>/dist/<file>   (ESM and plugin bundles)
//   /spa/<route>            → examples/spa/index.html when no such file exists (history routing)
//   /<path>                 → examples/<path>, `index.html` for directories
//
// HTML gets `{{TIDEMARK_ENDPOINT}}` replaced by the collector URL, so one set of pages serves
// the demo (collector on 8787) and the e2e tests (another port).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const EXAMPLES = join(ROOT, 'examples');
const PACKAGES = join(ROOT, 'packages');
/** Folders whose unknown routes are client-side routes of a single-page app. */
const SPA_ROOTS = ['spa'];
const TOKEN = '{{TIDEMARK_ENDPOINT}}';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const { values: flags } = parseArgs({
  options: { port: { type: 'string' }, endpoint: { type: 'string' } },
});
const port = Number(flags.port ?? process.env.SERVE_PORT ?? 5173);
const endpoint = (flags.endpoint ?? process.env.TIDEMARK_ENDPOINT ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: bad port "${flags.port ?? process.env.SERVE_PORT}"`);
  process.exit(2);
}

/** `base` joined with URL path segments, or null when the result would leave `base`. */
const inside = (base, segments) => {
  const file = resolve(base, ...segments);
  return file === base || file.startsWith(base + sep) ? file : null;
};

/** Maps a URL path to a file on disk (or null). Segments are already decoded and checked. */
const locate = (segments) => {
  const [head, ...rest] = segments;
  if (segments.length === 1 && /^tidemark\.min\.js(\.map)?$/.test(head)) return join(PACKAGES, 'browser', 'dist', head);
  if (head === 'sdk' && rest.length >= 2) return inside(join(PACKAGES, rest[0], 'dist'), rest.slice(1));
  return inside(EXAMPLES, segments);
};

const isFile = async (file) => (await stat(file).catch(() => null))?.isFile() ?? false;
const isDir = async (file) => (await stat(file).catch(() => null))?.isDirectory() ?? false;

const send = (res, status, type, body, headers = {}) => {
  // no-store: a rebuilt SDK must show up on reload, never a stale copy.
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
};
const notFound = (res) => send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');

const handle = async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/') return send(res, 302, 'text/plain; charset=utf-8', '', { Location: '/script-tag/' });

  let segments;
  try {
    segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'Bad path\n');
  }
  // Encoded slashes, dot segments and NUL bytes never name a file we serve.
  if (segments.some((s) => s === '.' || s === '..' || /[/\\\0]/.test(s))) return notFound(res);

  let file = locate(segments);
  if (!file) return notFound(res);
  if (await isDir(file)) {
    // Relative links in an index page need the trailing slash.
    if (!url.pathname.endsWith('/')) return send(res, 301, 'text/plain; charset=utf-8', '', { Location: `${url.pathname}/${url.search}` });
    file = join(file, 'index.html');
  } else if (!(await isFile(file)) && SPA_ROOTS.includes(segments[0]) && !extname(file)) {
    file = join(EXAMPLES, segments[0], 'index.html');
  }
  if (!(await isFile(file))) return notFound(res);

  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  let body = await readFile(file);
  if (type.startsWith('text/html')) body = body.toString('utf8').replaceAll(TOKEN, endpoint);
  send(res, 200, type, req.method === 'HEAD' ? undefined : body, { 'Content-Length': Buffer.byteLength(body) });
};

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error('serve:', error);
    if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error\n');
    else res.destroy();
  });
});
server.on('error', (error) => {
  console.error(`serve: cannot listen on 127.0.0.1:${port} (${error.code ?? error.message})`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`serve: http://127.0.0.1:${server.address().port}/ (collector ${endpoint})`);
});
// Nothing to flush: a static server may stop at once, open keep-alive connections or not.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
