// The script-tag build of the experiments plugin. Registers it with `window.tidemark`, whatever
// is there when this tag runs: the SDK, the async snippet's stub, or nothing yet.
//
//   <script async src="/tidemark-experiments.min.js" data-config="/tidemark.json"></script>
//
//   data-config        URL of the config document (DESIGN §4).
//   data-anti-flicker  Hides `[data-tm-exp]` elements until assignments are known, at most this
//                      many ms. On by default (800 ms): only marked elements are hidden and the
//                      timeout caps the cost. "0" or "false" turns it off.
//
// Page code reaches the plugin as `tidemark.experiments` once this tag has run, even before the
// SDK has loaded; `tidemark.experiments.ready()` resolves once assignments work.
import { experimentsPlugin } from './experimentsPlugin';
import { hideUntilReady } from './hideUntilReady';

type Tidemark = Record<string, unknown> & { q?: unknown[]; use(plugin: unknown): void; experiments?: unknown };

try {
  const w = window as unknown as { tidemark?: Tidemark };
  const data = (document.currentScript as HTMLScriptElement | null)?.dataset ?? {};
  let tm = w.tidemark;
  if (!tm) {
    // No snippet (e.g. a strict-CSP page loading the SDK by a plain tag): install the snippet's
    // stub, so `use` and the page's early calls wait in its queue until the SDK replays them.
    const q: unknown[] = [];
    tm = w.tidemark = { q } as unknown as Tidemark;
    for (const m of 'init track page identify alias group reset consent flush on use'.split(' ')) tm[m] = (...args: unknown[]) => q.push([m, args, Date.now()]);
  }
  // A second copy of this tag (or an ESM registration) must not register the plugin twice.
  if (!tm.experiments) {
    const plugin = experimentsPlugin(data.config ? { config: data.config } : {});
    const a = data.antiFlicker;
    const ms = a == null || a == '' || a == 'true' ? 800 : +a || 0;
    // Hide now rather than through the plugin's own option, which starts only at setup: that
    // waits for the SDK, and marked elements would show until then.
    if (ms > 0) plugin.api.ready().then(hideUntilReady(ms));
    tm.use(plugin);
    // Through the stub's queue, `use` attaches the API only when the SDK loads: attach it now.
    tm.experiments ??= plugin.api;
  }
} catch {
  // Whatever happens here stays here: the host page comes first.
}
