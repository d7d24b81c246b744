import type { Tracker } from '@tidemark/core';

/** What identifies a page: path and query, and hash routes (`#/…`) of hash-routed apps. */
const route = () => location.pathname + location.search + (location.hash.startsWith('#/') ? location.hash : '');

/**
 * Records a page view for every route change of a single-page app (History API and
 * `popstate`). `pushState`/`replaceState` are wrapped on the `history` object itself, never on
 * a prototype, and restored by the returned function.
 */
export const autoPageviews = (tracker: Tracker): (() => void) => {
  let last = route();
  const check = () => {
    // Routers usually set the title just after navigating: look once the current task is done.
    setTimeout(() => {
      const now = route();
      if (now !== last) {
        last = now;
        tracker.page();
      }
    });
  };
  const { pushState, replaceState } = history;
  const push: History['pushState'] = function (this: History, ...args) {
    pushState.apply(this, args);
    check();
  };
  const replace: History['replaceState'] = function (this: History, ...args) {
    replaceState.apply(this, args);
    check();
  };
  history.pushState = push;
  history.replaceState = replace;
  addEventListener('popstate', check);
  addEventListener('hashchange', check);
  return () => {
    // Only unwrap what is still ours: another library may have wrapped on top since.
    if (history.pushState === push) history.pushState = pushState;
    if (history.replaceState === replace) history.replaceState = replaceState;
    removeEventListener('popstate', check);
    removeEventListener('hashchange', check);
  };
};
