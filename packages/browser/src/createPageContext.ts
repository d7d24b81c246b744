import type { EventContext } from '@tidemark/core';
import { parseCampaign } from './parseCampaign';

/**
 * The browser's part of `context`: page, campaign, locale, timezone, user agent and screen.
 * Cached per URL and title, since `track()` asks for it on every call. Within a single-page app
 * the referrer of a page is the previous URL.
 */
export const createPageContext = () => {
  let href = '';
  let title = '';
  let referrer = document.referrer;
  let page: Partial<EventContext> = {};
  const tz = (() => {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return undefined;
    }
  })();
  const fixed: Partial<EventContext> = {
    locale: navigator.language,
    userAgent: navigator.userAgent,
    screen: { width: screen.width, height: screen.height, density: devicePixelRatio },
  };
  if (tz) fixed.timezone = tz;

  return (): Partial<EventContext> => {
    if (location.href !== href || document.title !== title) {
      if (href && location.href !== href) referrer = href;
      href = location.href;
      title = document.title;
      const campaign = parseCampaign(location.search);
      page = {
        ...fixed,
        page: { url: href, path: location.pathname, referrer, title, search: location.search },
      };
      if (Object.keys(campaign).length) page.campaign = campaign;
    }
    return page;
  };
};
