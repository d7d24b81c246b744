const ATTR = 'data-tm-exp';

/**
 * Calls `onVisible` once, when an element `[data-tm-exp="KEY"]` is at least half visible, also
 * one rendered later. Returns a stop function. Browser only (IntersectionObserver, MutationObserver).
 */
export const observeVisible = (key: string, onVisible: () => void): (() => void) => {
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.intersectionRatio >= 0.5)) {
        stop();
        onVisible();
      }
    },
    { threshold: 0.5 },
  );
  // Attribute values are compared, not put into a selector, so keys need no escaping.
  const scan = () => document.querySelectorAll(`[${ATTR}]`).forEach((el) => el.getAttribute(ATTR) == key && io.observe(el));
  const mo = new MutationObserver(scan);
  const stop = () => {
    io.disconnect();
    mo.disconnect();
  };
  mo.observe(document, { childList: true, subtree: true, attributeFilter: [ATTR] });
  scan();
  return stop;
};
