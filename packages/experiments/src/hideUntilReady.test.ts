import { afterEach, describe, expect, it, vi } from 'vitest';
import { hideUntilReady } from './hideUntilReady';

const visibility = () => getComputedStyle(document.querySelector('[data-tm-exp]')!).visibility;

afterEach(() => {
  vi.useRealTimers();
  document.adoptedStyleSheets = [];
});

describe('hideUntilReady', () => {
  it('hides experiment elements until show(), without inline styles', () => {
    document.body.innerHTML = '<p>other</p><div data-tm-exp="cta_color">Buy</div>';
    const show = hideUntilReady(800);
    expect(visibility()).toBe('hidden');
    expect(getComputedStyle(document.querySelector('p')!).visibility).not.toBe('hidden');
    expect(document.querySelectorAll('style,[style]')).toHaveLength(0);
    show();
    expect(visibility()).not.toBe('hidden');
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  it('shows everything after the timeout', () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<div data-tm-exp="cta_color">Buy</div>';
    hideUntilReady(800);
    vi.advanceTimersByTime(799);
    expect(visibility()).toBe('hidden');
    vi.advanceTimersByTime(1);
    expect(visibility()).not.toBe('hidden');
  });

  it('does nothing where constructable stylesheets are missing', () => {
    vi.stubGlobal('CSSStyleSheet', undefined);
    document.body.innerHTML = '<div data-tm-exp="cta_color">Buy</div>';
    expect(() => hideUntilReady(800)()).not.toThrow();
    vi.unstubAllGlobals();
  });
});
