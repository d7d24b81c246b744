// Tideline Notes landing page: the `cta_color` experiment picks the trial button's colour.
// The colour is a class (never an inline style), so the page also runs under a strict CSP.
const CTA = document.querySelector('[data-tm-exp="cta_color"]');
const COLORS = ['blue', 'green'];

/**
 * `tidemark.experiments`, once the experiments tag has run. These pages load it before this
 * module, but a page may make it `async`. Undefined when the tag is blocked: control stays.
 */
const experiments = () =>
  new Promise((resolve) => {
    if (window.tidemark?.experiments) return resolve(window.tidemark.experiments);
    const tag = document.querySelector('script[src$="/tidemark-experiments.min.js"]');
    if (!tag) return resolve(undefined);
    tag.addEventListener('load', () => resolve(window.tidemark?.experiments), { once: true });
    tag.addEventListener('error', () => resolve(undefined), { once: true });
  });

const tm = (method, ...args) => window.tidemark?.[method]?.(...args);

CTA.addEventListener('click', () => tm('track', 'Trial Started', { cta: CTA.textContent }));

const exp = await experiments();
if (exp) {
  // ready(): the config is in force (or failed to load); value() also records the exposure.
  await exp.ready();
  const { color } = exp.value('cta_color', { color: 'blue' });
  // Only known colours become classes: the JSON is edited by hand.
  CTA.classList.add(`cta--${COLORS.includes(color) ? color : 'blue'}`);
}
