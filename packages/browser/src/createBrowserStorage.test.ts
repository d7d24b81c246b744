import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserStorage } from './createBrowserStorage';

afterEach(() => {
  localStorage.clear();
  document.cookie = 'tm_aid=; Max-Age=0; Path=/';
});

describe('createBrowserStorage', () => {
  it('mirrors the anonymousId to a cookie, and each copy restores the other', () => {
    const s = createBrowserStorage();
    s.set('tm_aid', 'id-1');
    expect(document.cookie).toContain('tm_aid=id-1');
    expect(localStorage.getItem('tm_aid')).toBe('id-1');

    localStorage.removeItem('tm_aid');
    expect(s.get('tm_aid')).toBe('id-1');
    expect(localStorage.getItem('tm_aid')).toBe('id-1');

    document.cookie = 'tm_aid=; Max-Age=0; Path=/';
    expect(s.get('tm_aid')).toBe('id-1');
    expect(document.cookie).toContain('tm_aid=id-1');
  });

  it('lets the cookie win when the copies differ (it is the one shared with subdomains)', () => {
    localStorage.setItem('tm_aid', 'local');
    document.cookie = 'tm_aid=shared; Path=/';
    expect(createBrowserStorage().get('tm_aid')).toBe('shared');
    expect(localStorage.getItem('tm_aid')).toBe('shared');
  });

  it('keeps other keys in localStorage only, and removes both copies', () => {
    const s = createBrowserStorage();
    s.set('tm_session', '{"id":1}');
    expect(document.cookie).not.toContain('tm_session');
    s.set('tm_aid', 'x');
    s.remove('tm_aid');
    expect(s.get('tm_aid')).toBeNull();
    expect(document.cookie).not.toContain('tm_aid=x');
  });
});
