import type { KeyValueStorage, LifecycleSignal, Platform, QueueEntry, QueueStore, SendResult, TrackerEvent } from '../src/types';

export interface SentRequest {
  url: string;
  body: { writeKey: string; sentAt: string; batch: TrackerEvent[] };
  beacon: boolean;
}

export interface TestPlatformOptions {
  /** Answers each send; default 200. */
  respond?: (req: SentRequest) => SendResult | Promise<SendResult>;
  /** What `beacon` returns; default true. */
  beacon?: (req: SentRequest) => boolean | Promise<SendResult>;
  /** Shared storage, to simulate a reload over the same device. */
  storage?: Map<string, string>;
  /** Shared persistent queue contents, to simulate a reload. */
  queue?: Map<string, QueueEntry>;
  context?: Platform['context'];
  now?: () => number;
  random?: () => number;
  online?: () => boolean;
}

/** A fake Platform for unit tests: records requests, stores in Maps, fires lifecycle signals on demand. */
export const createTestPlatform = (options: TestPlatformOptions = {}) => {
  const data = options.storage ?? new Map<string, string>();
  const persisted = options.queue ?? new Map<string, QueueEntry>();
  const requests: SentRequest[] = [];
  const listeners = new Map<LifecycleSignal, Set<() => void>>();
  let seed = 1;
  const storage: KeyValueStorage = {
    get: (k) => data.get(k) ?? null,
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
  };
  const queue: QueueStore = {
    kind: 'test',
    load: async () => [...persisted.values()].map((e) => structuredClone(e)),
    get: async (ids) => ids.flatMap((id) => (persisted.has(id) ? [structuredClone(persisted.get(id)!)] : [])),
    write: async (put, remove) => {
      for (const e of put) persisted.set(e.id, structuredClone(e));
      for (const id of remove) persisted.delete(id);
    },
  };
  const record = (url: string, body: string, beacon: boolean): SentRequest => {
    const req = { url, body: JSON.parse(body), beacon };
    requests.push(req);
    return req;
  };
  const platform: Platform = {
    storage,
    queue,
    transport: {
      send: async (url, body) => (options.respond ?? (() => ({ status: 200 })))(record(url, body, false)),
      beacon: (url, body) => (options.beacon ?? (() => true))(record(url, body, true)),
    },
    onLifecycle(signal, fn) {
      const set = listeners.get(signal) ?? new Set();
      listeners.set(signal, set.add(fn));
      return () => set.delete(fn);
    },
    isOnline: options.online ?? (() => true),
    context:
      options.context ??
      (() => ({
        page: { url: 'https://shop.test/', path: '/', referrer: '', title: 'Shop', search: '' },
        locale: 'en-US',
        timezone: 'UTC',
      })),
    now: options.now ?? (() => Date.now()),
    // Deterministic, well spread: a 32-bit LCG.
    random: options.random ?? (() => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32),
  };
  return {
    platform,
    requests,
    data,
    persisted,
    /** All events sent so far, in order. */
    sent: () => requests.flatMap((r) => r.body.batch),
    emit: (signal: LifecycleSignal) => listeners.get(signal)?.forEach((fn) => fn()),
  };
};
