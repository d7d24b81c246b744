import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTabSender } from './createTabSender';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

/** An exclusive lock manager (happy-dom grants every request at once). */
const fakeLocks = () => {
  const waiting: Array<() => void> = [];
  let held = false;
  return {
    request: (_: string, grant: () => Promise<void>) =>
      new Promise<void>((resolve) => {
        const run = () => {
          held = true;
          grant().then(() => {
            held = false;
            resolve();
            waiting.shift()?.();
          });
        };
        if (held) waiting.push(run);
        else run();
      }),
  };
};

describe('createTabSender', () => {
  it('with Web Locks, elects one sender and passes the role on when it stops', async () => {
    vi.stubGlobal('navigator', { ...navigator, locks: fakeLocks() });
    const a = createTabSender('a');
    const b = createTabSender('b');
    await new Promise((r) => setTimeout(r, 20));
    expect([a.active(), b.active()]).toEqual([true, false]);
    let told = 0;
    b.onChange(() => told++);
    a.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(b.active()).toBe(true);
    expect(told).toBeGreaterThan(0);
    b.stop();
  });

  it('without Web Locks, every tab sends its own and only the smallest live tab adopts a dead tab’s events', () => {
    vi.stubGlobal('navigator', { ...navigator, locks: undefined });
    const now = Date.now();
    localStorage.setItem('tm_tabs', JSON.stringify({ dead: now - 60_000 }));
    const a = createTabSender('a1');
    const b = createTabSender('b1');
    expect(a.active() && b.active()).toBe(true);
    expect(a.adopts({ id: 'e', size: 1, owner: 'dead' })).toBe(true);
    expect(b.adopts({ id: 'e', size: 1, owner: 'dead' })).toBe(false);
    expect(a.adopts({ id: 'e', size: 1, owner: 'b1' })).toBe(false);
    a.stop();
    b.stop();
  });
});
