import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeVisible } from './observeVisible';

/** A stand-in IntersectionObserver: records observed elements and lets the test report ratios. */
const observers: { observed: Element[]; report(ratio: number): void; disconnected: boolean }[] = [];
class FakeIntersectionObserver {
  observed: Element[] = [];
  disconnected = false;
  fn: (entries: { target: Element; intersectionRatio: number }[]) => void;
  constructor(fn: FakeIntersectionObserver['fn']) {
    this.fn = fn;
    observers.push(this);
  }
  observe(el: Element) {
    if (!this.observed.includes(el)) this.observed.push(el);
  }
  disconnect() {
    this.disconnected = true;
  }
  report(ratio: number) {
    this.fn(this.observed.map((target) => ({ target, intersectionRatio: ratio })));
  }
}

beforeEach(() => {
  observers.length = 0;
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});
afterEach(() => vi.unstubAllGlobals());

describe('observeVisible', () => {
  it('watches only the elements of its experiment and fires once at half visibility', () => {
    document.body.innerHTML = '<div data-tm-exp="cta_color"></div><div data-tm-exp="hero"></div>';
    const seen = vi.fn();
    observeVisible('cta_color', seen);
    const io = observers[0]!;
    expect(io.observed.map((el) => el.getAttribute('data-tm-exp'))).toEqual(['cta_color']);
    io.report(0.4);
    expect(seen).not.toHaveBeenCalled();
    io.report(0.5);
    expect(seen).toHaveBeenCalledTimes(1);
    expect(io.disconnected).toBe(true);
  });

  it('picks up elements rendered later', async () => {
    document.body.innerHTML = '';
    const seen = vi.fn();
    observeVisible('cta_color', seen);
    const el = document.createElement('button');
    el.setAttribute('data-tm-exp', 'cta_color');
    document.body.append(el);
    await new Promise((r) => setTimeout(r, 0)); // MutationObserver callbacks are async
    expect(observers[0]!.observed).toEqual([el]);
  });

  it('stops watching when stopped', () => {
    document.body.innerHTML = '<div data-tm-exp="cta_color"></div>';
    observeVisible('cta_color', () => {})();
    expect(observers[0]!.disconnected).toBe(true);
  });
});
