import { describe, expect, it } from 'vitest';
import type { QueueEntry, QueueStore } from '@tidemark/core';
import { createBrowserPlatform } from './createBrowserPlatform';
import { createFallbackQueueStore } from './createFallbackQueueStore';
import { createLocalQueueStore } from './createLocalQueueStore';
import { createMemoryQueueStore } from './createMemoryQueueStore';

const entry = (id: string): QueueEntry => ({ id, size: 10, json: `{"messageId":"${id}"}` });
const failing = (kind: string): QueueStore => ({
  kind,
  load: () => Promise.reject(new Error(`${kind} down`)),
  get: () => Promise.reject(new Error(`${kind} down`)),
  write: () => Promise.reject(new Error(`${kind} down`)),
});

describe('createFallbackQueueStore', () => {
  it('moves from IndexedDB to localStorage to memory as each one fails, and says which it uses', async () => {
    localStorage.clear();
    const quotaFull: QueueStore = { ...createLocalQueueStore(), write: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) };
    const store = createFallbackQueueStore([failing('indexeddb'), quotaFull, createMemoryQueueStore()]);
    expect(store.kind).toBe('indexeddb');
    await store.write([entry('a')], []);
    expect(store.kind).toBe('memory');
    expect((await store.load()).map((e) => e.id)).toEqual(['a']);
  });

  it('stops at localStorage when it works, and reads and deletes across every store', async () => {
    localStorage.clear();
    const memory = createMemoryQueueStore();
    await memory.write([entry('old')], []);
    const store = createFallbackQueueStore([failing('indexeddb'), createLocalQueueStore(), memory]);
    await store.write([entry('b'), entry('c')], []);
    expect(store.kind).toBe('localStorage');
    expect(JSON.parse(localStorage.getItem('tm_queue')!)).toHaveProperty('b');
    expect((await store.load()).map((e) => e.id).sort()).toEqual(['b', 'c', 'old']);
    expect((await store.get(['c', 'old', 'zzz'])).map((e) => e.id).sort()).toEqual(['c', 'old']);
    await store.write([], ['b', 'old']);
    await new Promise((r) => setTimeout(r));
    expect((await store.load()).map((e) => e.id)).toEqual(['c']);
  });

  it('rescues synchronously into localStorage, where a later load finds the events', async () => {
    localStorage.clear();
    const store = createFallbackQueueStore([failing('indexeddb'), createLocalQueueStore(), createMemoryQueueStore()]);
    store.rescue!([entry('r1')]);
    expect(JSON.parse(localStorage.getItem('tm_queue')!)).toHaveProperty('r1');
    expect((await store.load()).map((e) => e.id)).toEqual(['r1']);
  });

  it('is what the browser platform uses: IndexedDB first, where it exists', async () => {
    const platform = createBrowserPlatform();
    expect(platform.queue!.kind).toBe('indexeddb');
    await platform.queue!.write([entry('x')], []);
    expect((await platform.queue!.get(['x']))[0]).toEqual(entry('x'));
    await platform.queue!.write([], ['x']);
    expect(await platform.queue!.get(['x'])).toEqual([]);
    platform.sender!.stop?.();
  });
});
