// Ingest throughput of the built collector, end to end (HTTP + zod + DuckDB), client and
// server in one process. Run after a build:
//   node packages/collector/bench/ingest.mjs [totalEvents] [dbPath]   (default 50000, :memory:)
import { startCollector } from '../dist/index.mjs';

const TOTAL = Number(process.argv[2] ?? 50_000);
const DB = process.argv[3] ?? ':memory:';
const IN_FLIGHT = 8;

const event = (n) => ({
  type: 'track', event: 'Product Viewed', properties: { sku: `SKU-${n}`, price: 19.9, list: 'home', position: n % 40 },
  messageId: `bench-${n}`, anonymousId: `anon-${n % 500}`, userId: null, timestamp: new Date().toISOString(),
  context: {
    library: { name: 'tidemark', version: '0.1.0' },
    page: { url: 'https://shop.example/list?page=2', path: '/list', referrer: 'https://www.google.com/', title: 'List', search: '?page=2' },
    session: { id: 1764237599000, seq: n }, device: { seq: n }, locale: 'zh-CN', timezone: 'Asia/Shanghai',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
  },
});

async function run(batchSize) {
  const collector = await startCollector({ port: 0, db: DB === ':memory:' ? DB : `${DB}.${batchSize}`, rateLimit: false });
  const bodies = [];
  for (let i = 0; i < TOTAL; i += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, TOTAL - i) }, (_, k) => event(i + k + 1));
    bodies.push(JSON.stringify({ writeKey: 'pk_bench', sentAt: new Date().toISOString(), batch }));
  }
  let next = 0;
  let stored = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(`${collector.url}/v1/batch`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
      stored += (await res.json()).stored;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await collector.close();
  console.log(`${DB} batch ${String(batchSize).padStart(3)}: ${stored} events in ${seconds.toFixed(2)} s = ${Math.round(stored / seconds)} events/s, ${Math.round(bodies.length / seconds)} requests/s`);
}

for (const size of [20, 100, 500]) await run(size);
