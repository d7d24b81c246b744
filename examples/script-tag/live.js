// "Live events" panel: shows this visitor's events as the collector stored them, so a person
// can watch their clicks arrive. Reads the collector URL from <meta name="tidemark-endpoint">.
const LIMIT = 20;
const POLL_MS = 2000;

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

const label = (e) =>
  e.type === 'track' ? e.event : e.type === 'page' ? (e.name ?? e.context?.page?.path ?? '') : e.type === 'identify' ? (e.userId ?? '') : (e.userId ?? e.groupId ?? '');

const row = (e) =>
  el(
    'li',
    {},
    el('time', { dateTime: e.timestamp, textContent: new Date(e.timestamp).toLocaleTimeString('en-GB') }),
    el('span', { className: 'type', textContent: e.type }),
    el('span', { className: 'label', textContent: label(e) }),
  );

/** Adds the panel to the page and polls the collector every 2 s. */
export const startLivePanel = () => {
  const endpoint = document.querySelector('meta[name="tidemark-endpoint"]')?.content;
  if (!endpoint) return;
  const list = el('ol');
  const status = el('p', { className: 'status', textContent: 'Waiting for the tidemark SDK…' });
  document.body.append(el('details', { className: 'live', open: true }, el('summary', { textContent: 'Live at the collector' }), list, status));

  // The collector lists events oldest first, so the panel tails them: `offset` = events seen.
  let anonymousId = '';
  let offset = 0;
  const poll = async () => {
    const id = window.tidemark?.identity?.().anonymousId;
    if (!id) return;
    if (id !== anonymousId) {
      // A new visitor (first poll, or after `reset()`): start over.
      anonymousId = id;
      offset = 0;
      list.replaceChildren();
    }
    for (;;) {
      const query = new URLSearchParams({ anonymousId: id, limit: String(LIMIT), offset: String(offset) });
      const res = await fetch(`${endpoint}/v1/events?${query}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const { events } = await res.json();
      offset += events.length;
      list.prepend(...events.map(row).reverse());
      while (list.children.length > LIMIT) list.lastElementChild.remove();
      if (events.length < LIMIT) break;
    }
    status.textContent = offset
      ? `${offset} event(s) stored for visitor ${id.slice(0, 8)}…; the SDK sends every 5 s and when you leave a page.`
      : 'Nothing stored yet: the SDK sends every 5 s and when you leave a page.';
  };
  const loop = () =>
    poll()
      .catch((error) => (status.textContent = `Collector not reachable at ${endpoint} (${error.message}).`))
      .finally(() => setTimeout(loop, POLL_MS));
  loop();
};
