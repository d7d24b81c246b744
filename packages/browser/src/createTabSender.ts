import type { QueueEntry, SenderElection } from '@tidemark/core';

const HEARTBEAT_KEY = 'tm_tabs';
const HEARTBEAT_MS = 5000;
/** A tab that has not beaten for this long is gone; its events are adopted. */
const DEAD_MS = 3 * HEARTBEAT_MS;

/**
 * Elects the one tab that sends the site's shared queue. With Web Locks: the holder of the
 * `tidemark-sender` lock; the lock passes on by itself when that tab closes. Without: every tab
 * sends what it queued, and the live tab with the smallest ID adopts the events of tabs whose
 * heartbeat stopped. BroadcastChannel tells the sender that another tab queued events.
 */
export const createTabSender = (id: string): SenderElection & { stop(): void } => {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((fn) => fn());
  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel('tidemark');
    channel.onmessage = notify;
  } catch {
    // No BroadcastChannel: the sender still finds new events on its next restore.
  }
  const base = {
    id,
    onChange(fn: () => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    nudge: () => channel?.postMessage(0),
  };

  const locks = navigator.locks;
  if (locks) {
    let active = false;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const lead = () => {
      active = true;
      notify();
      return held;
    };
    // A lock failure (e.g. an opaque origin) must not silence the tab: it then sends alone.
    locks.request('tidemark-sender', lead).catch(lead);
    return {
      ...base,
      active: () => active,
      adopts: () => true,
      stop() {
        release();
        channel?.close();
      },
    };
  }

  const beats = (): Record<string, number> => {
    try {
      return JSON.parse(localStorage.getItem(HEARTBEAT_KEY) || '{}');
    } catch {
      return {};
    }
  };
  // adopts() runs for every stored entry during a restore: read the heartbeats once per restore.
  let seen: Record<string, number> = {};
  let seenAt = 0;
  const beat = () => {
    const now = Date.now();
    const all = beats();
    for (const k in all) if (now - all[k]! > 4 * DEAD_MS) delete all[k];
    all[id] = now;
    try {
      localStorage.setItem(HEARTBEAT_KEY, JSON.stringify(all));
    } catch {
      // Without storage no other tab can see us; we still send our own events.
    }
    notify();
  };
  beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  return {
    ...base,
    active: () => true,
    adopts(entry: QueueEntry) {
      const now = Date.now();
      if (now - seenAt > 500) [seen, seenAt] = [beats(), now];
      const all = seen;
      const alive = (k: string | undefined) => !!k && now - (all[k] ?? 0) < DEAD_MS;
      return !alive(entry.owner) && Object.keys(all).filter(alive).every((k) => k >= id);
    },
    stop() {
      clearInterval(timer);
      channel?.close();
    },
  };
};
