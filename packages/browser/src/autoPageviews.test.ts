import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Tracker } from '@tidemark/core';
import { autoPageviews } from './autoPageviews';

afterEach(() => history.replaceState(null, '', '/'));

describe('autoPageviews', () => {
  it('records one page view per route change, ignores same-route calls, and restores history on stop', async () => {
    const page = vi.fn();
    const original = history.pushState;
    const stop = autoPageviews({ page } as unknown as Tracker);
    history.pushState(null, '', '/a');
    await new Promise((r) => setTimeout(r));
    history.replaceState(null, '', '/a');
    await new Promise((r) => setTimeout(r));
    history.pushState(null, '', '/b?x=1');
    await new Promise((r) => setTimeout(r));
    expect(page).toHaveBeenCalledTimes(2);
    stop();
    expect(history.pushState).toBe(original);
    history.pushState(null, '', '/c');
    await new Promise((r) => setTimeout(r));
    expect(page).toHaveBeenCalledTimes(2);
  });
});
