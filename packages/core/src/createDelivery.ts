import { backoff, parseRetryAfter } from './backoff';
import { bodyOf, type Queue } from './createQueue';
import type { DropReason, QueueEntry, SendResult, Transport } from './types';

/** Largest request body: under the 64 KiB that browsers allow for keepalive requests. */
const MAX_BODY_BYTES = 60 * 1024;
const MAX_BATCH_EVENTS = 500;
/** Room for `{"writeKey":…,"sentAt":…,"batch":[]}` around the events. */
const BODY_OVERHEAD = 256;
/** Events handed to a beacon are not sent again by this page for this long (their fate is unknown). */
const HANDOFF_GRACE = 30_000;

export interface DeliveryOptions {
  _url: string;
  _writeKey: string;
  _transport: Transport;
  _queue: Queue;
  _now(): number;
  _random(): number;
  _flushAt: number;
  _flushInterval: number;
  /** False while consent is pending or the device is offline. */
  _canSend(): boolean;
  /** False while another tab is the elected sender. */
  _isSender(): boolean;
  _onSent(entries: QueueEntry[]): void;
  _onDrop(entries: QueueEntry[], reason: DropReason, detail: string): void;
  _onRetry(): void;
}

/**
 * Moves queued events to the collector: batches by count, bytes and time; retries with backoff;
 * bisects rejected batches to isolate a poison event; hands everything to beacons on page hide.
 */
export const createDelivery = (o: DeliveryOptions) => {
  const { _queue: queue } = o;
  const inflight = new Set<string>();
  const handedOff = new Map<string, number>();
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let intervalTimer: ReturnType<typeof setTimeout> | undefined;
  let draining: Promise<void> | undefined;
  let scheduled = false;

  // Bodies are already JSON: splice them in rather than parse and serialise again.
  const body = (events: string[]) =>
    `{"writeKey":${JSON.stringify(o._writeKey)},"sentAt":"${new Date(o._now()).toISOString()}","batch":[${events.join(',')}]}`;

  /** The next batch: oldest events not already on their way, up to the size limits; for a beacon, only events at hand. */
  const take = (beacon?: boolean): QueueEntry[] => {
    const batch: QueueEntry[] = [];
    const now = handedOff.size ? o._now() : 0;
    let size = BODY_OVERHEAD;
    for (const e of queue._entries) {
      if (inflight.has(e.id) || (beacon && !e.json && !e.event) || now - (handedOff.get(e.id) ?? -HANDOFF_GRACE) < HANDOFF_GRACE) continue;
      if (batch.length && size + e.size + 1 > MAX_BODY_BYTES) break;
      batch.push(e);
      size += e.size + 1;
      if (batch.length === MAX_BATCH_EVENTS) break;
    }
    return batch;
  };

  const pending = () => queue._entries.length - inflight.size - handedOff.size;

  const retryLater = (res: SendResult) => {
    const delay = parseRetryAfter(res.retryAfter, o._now()) ?? backoff(attempt, o._random);
    attempt++;
    o._onRetry();
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      drain();
    }, delay);
  };

  /** Applies the collector's answer; resolves to whether sending may go on. */
  const settle = async (batch: QueueEntry[], res: SendResult): Promise<boolean> => {
    const s = res.status;
    for (const e of batch) handedOff.delete(e.id);
    if (s >= 200 && s < 300) {
      attempt = 0;
      queue._remove(batch.map((e) => e.id));
      o._onSent(batch);
      return true;
    }
    if (s === 0 || s === 408 || s === 429 || s >= 500) {
      retryLater(res);
      return false;
    }
    if ((s === 400 || s === 413) && batch.length > 1) {
      const half = batch.length >> 1;
      return (await deliver(batch.slice(0, half))) && deliver(batch.slice(half));
    }
    // A lone event rejected as invalid, or a 4xx that no retry will change.
    queue._remove(batch.map((e) => e.id));
    o._onDrop(batch, 'rejected', `HTTP ${s}`);
    return true;
  };

  const deliver = async (batch: QueueEntry[]): Promise<boolean> => {
    const ids = batch.map((e) => e.id);
    for (const id of ids) inflight.add(id);
    let res: SendResult;
    try {
      const found = await queue._bodies(batch);
      batch = found.map(([e]) => e);
      res = batch.length ? await o._transport.send(o._url, body(found.map(([, json]) => json))) : { status: 204 };
    } catch {
      res = { status: 0 };
    }
    for (const id of ids) inflight.delete(id);
    return settle(batch, res);
  };

  const arm = () => {
    if (!intervalTimer && !retryTimer && pending() > 0) {
      intervalTimer = setTimeout(() => {
        intervalTimer = undefined;
        drain();
      }, o._flushInterval);
    }
  };

  const run = async () => {
    while (o._canSend() && o._isSender() && !retryTimer) {
      const batch = take();
      if (!batch.length || !(await deliver(batch))) break;
    }
  };
  // One drain at a time; `.finally` (not try/finally) so the reset can't run before the assignment.
  const drain = (): Promise<void> =>
    (draining ||= run().finally(() => {
      draining = undefined;
      arm();
    }));

  return {
    /** Called after each accepted event: sends at `flushAt` events or at the byte limit. */
    _poke() {
      if (!scheduled && !draining && (pending() >= o._flushAt || queue._bytes >= MAX_BODY_BYTES)) {
        scheduled = true;
        Promise.resolve().then(() => {
          scheduled = false;
          drain();
        });
      } else arm();
    },
    _drain: drain,
    /**
     * Page is going away: hand the events at hand to keepalive requests, in chunks under 60 KiB.
     * A tab that is not the sender has only events not yet persisted: they go too, as they might
     * not reach the store in time.
     */
    _handOff() {
      if (!o._canSend() || !o._transport.beacon) return;
      for (let batch = take(true); batch.length; batch = take(true)) {
        const r = o._transport.beacon(o._url, body(batch.map(bodyOf)));
        if (r === false) break; // over the keepalive budget: stays queued for the next load
        const at = o._now();
        for (const e of batch) handedOff.set(e.id, at);
        if (r !== true) r.then((res) => settle(batch, res));
      }
    },
    /** Stops timers; queued events stay in the queue. */
    _stop() {
      clearTimeout(retryTimer);
      clearTimeout(intervalTimer);
      retryTimer = intervalTimer = undefined;
    },
  };
};
