// Tideline Journal: a router in a few lines. Navigation is history.pushState plus a render;
// page views are the SDK's job (it watches pushState and popstate), so none are sent here.
import { startLivePanel } from '/script-tag/live.js';

const ARTICLES = [
  { slug: 'reading-the-tide', title: 'Reading the tide', body: 'Twice a day the sea breathes out. A tide table is the cheapest forecast there is.' },
  { slug: 'knots-worth-knowing', title: 'Five knots worth knowing', body: 'The bowline, the clove hitch, the reef knot, the sheet bend and the figure eight.' },
  { slug: 'slow-coffee', title: 'Slow coffee on a boat', body: 'A hand grinder, a kettle and ten quiet minutes before anyone else wakes up.' },
];

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const link = (href, text) => {
  const a = el('a', { href, textContent: text });
  a.dataset.link = '';
  return a;
};

/** Each view returns its title and content for a path under /spa/. */
const views = {
  home: () => ({
    title: 'Tideline Journal',
    content: [el('section', { className: 'hero' }, el('h1', { textContent: 'Tideline Journal' }), el('p', { textContent: 'Notes from the shore. This page never reloads.' })), el('p', {}, link('/spa/articles', 'Read the articles →'))],
  }),
  articles: () => ({
    title: 'Articles · Tideline Journal',
    content: [el('h1', { textContent: 'Articles' }), el('ul', {}, ...ARTICLES.map((a) => el('li', {}, link(`/spa/articles/${a.slug}`, a.title))))],
  }),
  article: (slug) => {
    const a = ARTICLES.find((x) => x.slug === slug);
    if (!a) return views.missing();
    const like = el('button', { type: 'button', textContent: 'Like' });
    like.addEventListener('click', () => {
      window.tidemark.track('Article Liked', { slug: a.slug, title: a.title });
      like.textContent = 'Liked';
      like.disabled = true;
    });
    return { title: `${a.title} · Tideline Journal`, content: [el('p', {}, link('/spa/articles', '← Articles')), el('article', { className: 'panel' }, el('h1', { textContent: a.title }), el('p', { textContent: a.body }), like)] };
  },
  about: () => ({
    title: 'About · Tideline Journal',
    content: [el('h1', { textContent: 'About' }), el('p', { textContent: 'A single-page app that shows how tidemark follows History API navigation.' })],
  }),
  missing: () => ({ title: 'Not found · Tideline Journal', content: [el('h1', { textContent: 'Not found' }), el('p', {}, link('/spa/', 'Home'))] }),
};

const route = (path) => {
  const [, section, slug] = path.replace(/^\/spa\/?/, '/').split('/');
  if (!section) return views.home();
  if (section === 'articles') return slug ? views.article(decodeURIComponent(slug)) : views.articles();
  return section === 'about' && !slug ? views.about() : views.missing();
};

/** Renders the current URL. The title is set in the same task as pushState, before the SDK looks. */
const render = () => {
  const { title, content } = route(location.pathname);
  document.title = title;
  document.querySelector('[data-view]').replaceChildren(...content);
};

document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[data-link]');
  // Let the browser handle new-tab clicks and anything that is not a plain left click.
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  if (a.pathname + a.search === location.pathname + location.search) return;
  history.pushState(null, '', a.href);
  render();
  scrollTo(0, 0);
});
addEventListener('popstate', render);

render();
startLivePanel();
