import type { Platform } from '@tidemark/core';
import { createBrowserStorage } from './createBrowserStorage';
import { createBrowserTransport } from './createBrowserTransport';
import { createFallbackQueueStore } from './createFallbackQueueStore';
import { createIdbQueueStore } from './createIdbQueueStore';
import { createLocalQueueStore } from './createLocalQueueStore';
import { createMemoryQueueStore } from './createMemoryQueueStore';
import { createTabSender } from './createTabSender';
import { createUuid } from './createUuid';
import { createPageContext } from './createPageContext';
import { onLifecycle } from './onLifecycle';

export interface BrowserPlatformOptions {
  /** Cookie domain for the anonymousId, e.g. `example.com` to share it with subdomains. */
  cookieDomain?: string;
}

/** The browser implementation of core's `Platform`. */
export const createBrowserPlatform = (options: BrowserPlatformOptions = {}): Platform => {
  const c = globalThis.crypto;
  const platform: Platform = {
    storage: createBrowserStorage(options.cookieDomain),
    transport: createBrowserTransport(),
    onLifecycle,
    isOnline: () => navigator.onLine !== false,
    context: createPageContext(),
    now: Date.now,
    random: c ? () => c.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32 : Math.random,
  };
  // Without crypto (very old engines) core builds IDs from random().
  if (c) platform.uuid = createUuid(c);
  const queue = createFallbackQueueStore([
    ...(typeof indexedDB !== 'undefined' ? [createIdbQueueStore()] : []),
    createLocalQueueStore(),
    createMemoryQueueStore(),
  ]);
  const sender = createTabSender(Date.now().toString(36) + platform.random().toString(36).slice(2, 8));
  // A memory queue is this tab's alone: then it must send it itself, whoever holds the lock.
  const alone = () => queue.kind === 'memory';
  platform.queue = queue;
  platform.sender = { ...sender, active: () => alone() || sender.active(), adopts: (e) => alone() || sender.adopts(e) };
  return platform;
};
