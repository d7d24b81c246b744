// Tideline Goods' landing page, bundled by rollup as an app would bundle the npm packages.
// Two experiments: the headline (above the fold) and the newsletter button (below it).
import { createTracker } from '@tidemark/browser';
import { experimentsPlugin, hideUntilReady } from '@tidemark/experiments';
import { startLivePanel } from '/script-tag/live.js';

const CONFIGS = ['plain', 'regex', 'visible'];
const asked = new URLSearchParams(location.search).get('config');
const config = `/esm/${CONFIGS.includes(asked) ? asked : 'plain'}.json`;

const endpoint = document.querySelector('meta[name="tidemark-endpoint"]').content;
const tm = createTracker({ writeKey: 'pk_esm', endpoint, plugins: [experimentsPlugin({ config })] });
// The live panel and the console reach the tracker here.
window.tidemark = tm;
startLivePanel();

const headline = document.querySelector('[data-tm-exp="hero_headline"]');
const form = document.querySelector('[data-tm-exp="newsletter_offer"]');
const button = form.querySelector('button');
form.addEventListener('submit', (e) => {
  e.preventDefault();
  tm.track('Newsletter Joined', { button: button.textContent });
  form.replaceChildren(Object.assign(document.createElement('p'), { className: 'notice', textContent: 'Thanks! See you at the next tide.' }));
});

// Experiment elements stay hidden until their variation is known, at most 800 ms. No top-level
// await: rollup would move what the lazy chunks share with this entry into one more chunk.
const show = hideUntilReady(800);
tm.experiments.ready().then(() => {
  // value() is the exposure; the newsletter's counts once the form is half visible.
  headline.textContent = tm.experiments.value('hero_headline', { headline: headline.textContent }).headline;
  button.textContent = tm.experiments.value('newsletter_offer', { button: button.textContent }).button;
  show();
});
