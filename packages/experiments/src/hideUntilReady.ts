/**
 * Anti-flicker: hides `[data-tm-exp]` elements until the returned `show()` runs or `timeout` ms
 * pass. No inline style: a constructable stylesheet adopted by the document, which a CSP
 * `style-src 'self'` allows (checked in Chromium). Browsers without `adoptedStyleSheets` do not
 * hide anything.
 */
export const hideUntilReady = (timeout: number): (() => void) => {
  const d = document;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('[data-tm-exp]{visibility:hidden!important}');
    d.adoptedStyleSheets = [...d.adoptedStyleSheets, sheet];
    const show = () => {
      clearTimeout(timer);
      d.adoptedStyleSheets = d.adoptedStyleSheets.filter((s) => s != sheet);
    };
    const timer = setTimeout(show, timeout);
    return show;
  } catch {
    return () => {};
  }
};
