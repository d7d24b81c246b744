/** Class put on `<html>` while experiment elements are hidden. */
export const HIDE_CLASS = 'tm-exp-hide';

/**
 * Anti-flicker: hides `[data-tm-exp]` elements until the returned `show()` runs or `timeout` ms
 * pass. No inline style: a class on `<html>` plus a constructable stylesheet adopted by the
 * document, which a CSP `style-src 'self'` allows. Where constructable stylesheets are missing,
 * the site's own CSS can carry the rule: `.tm-exp-hide [data-tm-exp] { visibility: hidden }`.
 */
export const hideUntilReady = (timeout: number): (() => void) => {
  const root = document.documentElement;
  let sheet: CSSStyleSheet | undefined;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`.${HIDE_CLASS} [data-tm-exp]{visibility:hidden!important}`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    sheet = undefined;
  }
  root.classList.add(HIDE_CLASS);
  const show = () => {
    clearTimeout(timer);
    root.classList.remove(HIDE_CLASS);
    if (sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s != sheet);
    sheet = undefined;
  };
  const timer = setTimeout(show, timeout);
  return show;
};
