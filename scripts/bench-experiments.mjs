// variant() calls per second in Node, for a targeted two-variation experiment, through a real
// tracker (the built packages: run `PKG=core` and `PKG=experiments` rollup builds first).
// Prints numbers; asserts nothing. Target: ≥ 2,000,000 calls/s.
import { createTracker } from '../packages/core/dist/index.mjs';
import { assignVariant, experimentsPlugin } from '../packages/experiments/dist/index.mjs';

const TARGET = 2_000_000;
const experiment = {
  key: 'cta_color',
  status: 'running',
  variations: [
    { key: 'control', weight: 0.5, value: { color: 'blue' } },
    { key: 'green', weight: 0.5, value: { color: 'green' } },
  ],
  targeting: { 'context.locale': { $in: ['zh-CN', 'zh-TW'] }, 'context.page.path': { $regex: '^/products/' } },
};

// A platform that keeps everything in memory and never sends; its context object is stable,
// as the browser platform's is between navigations.
const data = new Map();
const context = { page: { url: 'https://shop.test/products/42', path: '/products/42', referrer: '', title: 'P', search: '' }, locale: 'zh-CN' };
const platform = {
  storage: { get: (k) => data.get(k) ?? null, set: (k, v) => void data.set(k, v), remove: (k) => void data.delete(k) },
  transport: { send: async () => ({ status: 200 }) },
  context: () => context,
  now: () => Date.now(),
  random: Math.random,
};
const plugin = experimentsPlugin({ config: { version: 1, experiments: [experiment] } });
const tm = createTracker({ writeKey: 'pk_bench', endpoint: 'http://127.0.0.1:9', platform, plugins: [plugin], flushInterval: 60_000 });
// `$regex` is a rare operator: the document is in force once that code has loaded.
await tm.experiments.ready();
const first = tm.experiments.variant('cta_color');
if (!first.inExperiment) throw new Error('bench experiment does not assign: ' + JSON.stringify(first));

/** Calls `fn` in batches for about `ms` milliseconds; returns calls per second. */
const rate = (fn, ms = 1500) => {
  for (let i = 0; i < 200_000; i++) fn(); // JIT warm-up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100_000; i++) fn();
    calls += 100_000;
    elapsed = performance.now() - start;
  }
  return Math.round((calls / elapsed) * 1000);
};

const fmt = (n) => n.toLocaleString('en-US');
const variantRate = rate(() => tm.experiments.variant('cta_color'));
const attributes = { anonymousId: tm.identity().anonymousId, context };
const assignRate = rate(() => assignVariant(experiment, { attributes, now: 0, sticky: () => undefined }));
console.log(`variant() calls/s (targeted, 2 variations, sticky)   ${fmt(variantRate).padStart(12)}  target ${fmt(TARGET)}: ${variantRate >= TARGET ? 'ok' : 'BELOW TARGET'}`);
console.log(`assignVariant() calls/s (pure, no sticky lookup)     ${fmt(assignRate).padStart(12)}`);
tm.destroy();
