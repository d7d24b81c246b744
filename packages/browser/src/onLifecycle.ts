import type { LifecycleSignal } from '@tidemark/core';

/** DOM events behind each lifecycle signal. `pagehide` catches unloads that skip visibilitychange. */
const sources = (): Record<LifecycleSignal, Array<[EventTarget, string, (e: Event) => boolean]>> => ({
  hide: [
    [document, 'visibilitychange', () => document.visibilityState === 'hidden'],
    [window, 'pagehide', () => true],
  ],
  show: [
    [document, 'visibilitychange', () => document.visibilityState === 'visible'],
    // Restored from the back/forward cache: the page lives again.
    [window, 'pageshow', (e) => (e as PageTransitionEvent).persisted],
  ],
  online: [[window, 'online', () => true]],
  offline: [[window, 'offline', () => true]],
});

/** Subscribes to a lifecycle signal; returns the unsubscribe function. */
export const onLifecycle = (signal: LifecycleSignal, fn: () => void): (() => void) => {
  const offs = sources()[signal].map(([target, type, when]) => {
    const listener = (e: Event) => when(e) && fn();
    target.addEventListener(type, listener, { capture: true });
    return () => target.removeEventListener(type, listener, { capture: true });
  });
  return () => offs.forEach((off) => off());
};
