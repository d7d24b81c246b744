import { STORAGE_KEYS } from '@tidemark/core';
import type { KeyValueStorage } from '@tidemark/core';

/** ~400 days, the longest cookie lifetime browsers keep. */
const COOKIE_MAX_AGE = 400 * 24 * 60 * 60;

const readCookie = (name: string): string | null => {
  const m = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return m ? decodeURIComponent(m[1]!) : null;
};

const writeCookie = (name: string, value: string | null, domain?: string) => {
  document.cookie =
    `${name}=${value ? encodeURIComponent(value) : ''}; Max-Age=${value ? COOKIE_MAX_AGE : 0}; Path=/; SameSite=Lax` +
    (domain ? `; Domain=${domain}` : '') +
    (location.protocol === 'https:' ? '; Secure' : '');
};

/** localStorage, or memory where it is unavailable (private modes, blocked storage, sandboxed frames). */
const pickStore = (): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> => {
  try {
    localStorage.setItem('tm_probe', '1');
    localStorage.removeItem('tm_probe');
    return localStorage;
  } catch {
    const m = new Map<string, string>();
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
  }
};

/**
 * Key/value storage for identity and session state: localStorage, with the anonymousId also in
 * a first-party cookie (shared across subdomains with `cookieDomain`); each restores the other.
 */
export const createBrowserStorage = (cookieDomain?: string): KeyValueStorage => {
  const store = pickStore();
  const mirrored = STORAGE_KEYS.anonymousId;
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  return {
    get(key) {
      const local = attempt(() => store.getItem(key), null);
      if (key !== mirrored) return local;
      // The cookie wins: it is the one shared with sibling subdomains.
      const cookie = attempt(() => readCookie(key), null);
      const value = cookie || local;
      if (value && value !== local) attempt(() => store.setItem(key, value), undefined);
      if (value && value !== cookie) attempt(() => writeCookie(key, value, cookieDomain), undefined);
      return value;
    },
    set(key, value) {
      attempt(() => store.setItem(key, value), undefined);
      if (key === mirrored) attempt(() => writeCookie(key, value, cookieDomain), undefined);
    },
    remove(key) {
      attempt(() => store.removeItem(key), undefined);
      if (key === mirrored) attempt(() => writeCookie(key, null, cookieDomain), undefined);
    },
  };
};
