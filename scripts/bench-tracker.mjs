// Benchmarks the script-tag build in Debian's Chromium (headless, 127.0.0.1 only):
// main-thread µs per track() call, ms to persist 10,000 queued events in IndexedDB, and JS heap
// growth for 10,000 queued events. Prints numbers; asserts nothing. Run after `pnpm build`.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const N = 10_000;
const sdk = readFileSync('packages/browser/dist/tidemark.min.js');
const page = `<!doctype html><title>bench</title><script src="/tidemark.min.js"></script><body>bench</body>`;
const server = createServer((req, res) => {
  if (req.url === '/tidemark.min.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(sdk);
  if (req.method === 'POST') return res.writeHead(200, { 'access-control-allow-origin': '*' }).end('{}');
  res.writeHead(200, { 'content-type': 'text/html' }).end(page);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

/** A fresh page with a tracker whose events stay queued (offline), so nothing leaves during timing. */
const open = async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(url);
  await context.setOffline(true);
  await p.evaluate((endpoint) => {
    tidemark.init({ writeKey: 'pk_bench', endpoint, autoPage: false, rateLimit: false, maxQueue: 100_000 });
  }, url.slice(0, -1));
  return { context, p };
};

const results = {};
{
  // Per-call timing: performance.now() is coarsened to 100 µs here, so time groups of 100 calls.
  const { context, p } = await open();
  const samples = await p.evaluate((n) => {
    const props = { sku: 'A1', price: 9.9, list: 'home', position: 3 };
    for (let i = 0; i < 2000; i++) tidemark.track('Warm Up', props); // JIT warm-up
    const out = [];
    for (let i = 0; i < n / 100; i++) {
      const t = performance.now();
      for (let j = 0; j < 100; j++) tidemark.track('Product Viewed', props);
      out.push(((performance.now() - t) * 1000) / 100);
    }
    return out.sort((a, b) => a - b);
  }, N);
  results['track() median µs'] = samples[Math.floor(samples.length / 2)].toFixed(2);
  results['track() p95 µs'] = samples[Math.floor(samples.length * 0.95)].toFixed(2);
  await context.close();
}
{
  const { context, p } = await open();
  const cdp = await context.newCDPSession(p);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const before = await heap();
  const ms = await p.evaluate(async (n) => {
    const count = () =>
      new Promise((resolve) => {
        const open = indexedDB.open('tidemark');
        open.onsuccess = () => {
          const req = open.result.transaction('queue').objectStore('queue').count();
          req.onsuccess = () => (open.result.close(), resolve(req.result));
        };
        open.onerror = () => resolve(0);
      });
    const t = performance.now();
    for (let i = 0; i < n; i++) tidemark.track('Product Viewed', { sku: `A${i}`, price: 9.9, i });
    const tracked = performance.now();
    while ((await count()) < n) await new Promise((r) => setTimeout(r, 20));
    return [tracked - t, performance.now() - t];
  }, N);
  const after = await heap();
  results[`track ${N} events (main thread) ms`] = ms[0].toFixed(0);
  results[`persist ${N} events (track → all in IndexedDB) ms`] = ms[1].toFixed(0);
  results[`heap growth for ${N} queued events MB`] = ((after - before) / 1024 / 1024).toFixed(2);
  results['queued (stats)'] = await p.evaluate(() => tidemark.stats().queued);
  await context.close();
}
await browser.close();
server.close();
for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(52)} ${v}`);
