import { byteLength } from './byteLength';
import { createAttribution } from './createAttribution';
import { createDelivery } from './createDelivery';
import { createEmitter } from './createEmitter';
import { uuidFromRandom, uuidV7 } from './createId';
import { createIdentity } from './createIdentity';
import { createQueue } from './createQueue';
import { createRateLimiter } from './createRateLimiter';
import { createSession } from './createSession';
import { normalizeRecord } from './normalize';
import { safeStorage } from './safeStorage';
import { toIso } from './toIso';
import { checkOptions } from './checkOptions';
import { createInertTracker } from './createInertTracker';
import type {
  ConsentState,
  DropReason,
  EventContext,
  EventType,
  FlushResult,
  Plugin,
  QueueEntry,
  Properties,
  Stats,
  Tracker,
  TrackerEvent,
  TrackerEvents,
  TrackerOptions,
} from './types';

/** One event may not exceed this once serialised (DESIGN §2). */
export const MAX_EVENT_BYTES = 32 * 1024;
const PLUGIN_FAILURE_LIMIT = 3;
/** Bytes of envelope (context, IDs) assumed around the caller's part until the exact size is known. */
const ENVELOPE_ESTIMATE = 1024;
const LIBRARY = { name: 'tidemark', version: __VERSION__ };
const CONSENT_STATES: readonly ConsentState[] = ['granted', 'denied', 'pending'];

const isName = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isRecord = (v: unknown): v is Properties => !!v && typeof v === 'object' && !Array.isArray(v);
/** User IDs may be numbers in the host's database; they travel as strings. */
const toId = (v: unknown): string | undefined =>
  isName(v) ? v : typeof v === 'number' && isFinite(v) ? String(v) : undefined;

/**
 * Creates a tracker. Every method returns synchronously (or a promise that never rejects) and
 * never throws into the host page: bad input is dropped, counted in `stats()` and, with
 * `debug`, explained in a console warning.
 */
export const createTracker = (options: TrackerOptions): Tracker => {
  const problem = checkOptions(options);
  if (problem) {
    if (options?.debug) console.warn(`[tidemark] ${problem}: tracking is off`);
    return createInertTracker();
  }
  const o = {
    path: '/v1/batch',
    flushAt: 20,
    flushInterval: 5000,
    maxQueue: 10_000,
    sessionTimeout: 30 * 60 * 1000,
    consent: 'granted' as ConsentState,
    ...options,
  };
  // Timers take 32-bit delays: a larger interval would fire at once, in a loop.
  o.flushInterval = Math.min(Math.max(Number(o.flushInterval) || 5000, 10), 2 ** 31 - 1);
  const { platform } = o;
  const counts = { accepted: 0, sent: 0, invalid: 0, retries: 0, errors: 0 };
  const dropped: Stats['dropped'] = {};
  let destroyed = false;

  const warn = (message: string, detail?: unknown) => {
    if (o.debug) console.warn(`[tidemark] ${message}`, detail ?? '');
  };
  const bus = createEmitter<TrackerEvents>((error) => {
    counts.errors++;
    warn('listener failed', error);
  });
  const report = (where: string, error: unknown) => {
    counts.errors++;
    warn(`${where} failed`, error);
    try {
      o.onError?.(error, where);
    } catch {
      // onError is foreign code: its failure must not become ours.
    }
    bus.emit('error', { where, error });
  };
  /** Runs a public method; a failure is reported, never thrown (flush() resolves on its own). */
  const guard =
    (where: string, fn: (...args: unknown[]) => unknown) =>
    (...args: unknown[]): unknown => {
      if (destroyed) return warn(`${where}: tracker destroyed`);
      try {
        return fn(...args);
      } catch (error) {
        report(where, error);
      }
    };
  const invalid = (message: string, detail?: unknown): undefined => {
    counts.invalid++;
    warn(message, detail);
    return undefined;
  };
  const drop = (reason: DropReason, count: number, events?: TrackerEvent[], detail = '') => {
    dropped[reason] = (dropped[reason] ?? 0) + count;
    warn(`dropped ${count}: ${reason} ${detail}`);
    bus.emit('drop', events ? { reason, count, events, detail } : { reason, count, detail });
  };

  const bodies = (entries: QueueEntry[]): TrackerEvent[] => entries.flatMap((e) => (e.event ? [e.event] : e.json ? [JSON.parse(e.json)] : []));
  const uuid = () => platform.uuid?.() ?? uuidFromRandom(platform.random);
  const storage = safeStorage(platform.storage, (error) => report('storage', error));
  const identity = createIdentity(storage, uuid);
  const session = createSession(storage, o.sessionTimeout);
  const attribution = createAttribution(storage);
  let consentState: ConsentState = CONSENT_STATES.includes(o.consent) ? o.consent : 'pending';

  const queue = createQueue({
    _store: platform.queue,
    _sender: platform.sender,
    _max: o.maxQueue,
    _maxEventBytes: MAX_EVENT_BYTES,
    _onEvict: (entries, reason) => drop(reason, entries.length, bodies(entries)),
    _onStoreError: (error) => report('queue store', error),
    _onSerialized: () => delivery._poke(),
  });
  const delivery = createDelivery({
    _url: o.endpoint.replace(/\/+$/, '') + o.path,
    _writeKey: o.writeKey,
    _transport: platform.transport,
    _queue: queue,
    _now: platform.now,
    _random: platform.random,
    _flushAt: o.flushAt,
    _flushInterval: o.flushInterval,
    _canSend: () => consentState === 'granted' && platform.isOnline?.() !== false,
    _isSender: () => platform.sender?.active() !== false,
    _onSent(batch) {
      counts.sent += batch.length;
      bus.emit('sent', { count: batch.length });
    },
    _onDrop: (batch, reason, detail) => drop(reason, batch.length, bodies(batch), detail),
    _onRetry: () => counts.retries++,
  });

  const limit = o.rateLimit === false ? undefined : { burst: 1000, perSecond: 100, ...o.rateLimit };
  const allow = limit ? createRateLimiter(limit.burst, limit.perSecond) : () => true;

  // Session activity and the device counter change with every event: persist them once per task.
  let committing = false;
  const commit = () => {
    if (committing) return;
    committing = true;
    Promise.resolve().then(() => {
      committing = false;
      if (consentState === 'denied') return;
      identity._save();
      session._save();
    });
  };

  const plugins: Array<{ _plugin: Plugin; _failures: number }> = [];
  const enrich = (event: TrackerEvent): TrackerEvent | null => {
    for (const slot of plugins) {
      const plugin = slot._plugin;
      if (!plugin.enrich || slot._failures >= PLUGIN_FAILURE_LIMIT) continue;
      try {
        const out = plugin.enrich(event);
        if (out === null) return null;
        if (out) event = out;
      } catch (error) {
        if (++slot._failures === PLUGIN_FAILURE_LIMIT) warn(`plugin ${plugin.name} disabled`);
        report(`plugin ${plugin.name}`, error);
      }
    }
    return event;
  };

  /** Builds the envelope, runs plugins and queues the event; returns its messageId if accepted. */
  const accept = (type: EventType, fields: Partial<TrackerEvent>): string | undefined => {
    if (consentState === 'denied') {
      drop('consent', 1);
      return undefined;
    }
    identity._ensure();
    const now = platform.now();
    const env = platform.context();
    if (type === 'page' && env.campaign) attribution._see(env.campaign);
    const s = session._touch(now, type === 'page' ? env.campaign : undefined);
    const context: EventContext = {
      ...env,
      library: LIBRARY,
      session: s.start ? { id: s.id, seq: s.seq, start: true } : { id: s.id, seq: s.seq },
      // The counter advances only for accepted events, so the loss ledger never counts a drop.
      device: identity._ledger(now),
      // The session's campaign, not the URL's: undefined (left out of the JSON) when it has none.
      campaign: s.campaign!,
    };
    const touches = attribution._get();
    if (touches.first) context.attribution = touches;
    const event = enrich({
      type,
      messageId: uuidV7(now, uuid()),
      anonymousId: identity._anonymousId,
      userId: identity._userId,
      timestamp: toIso(now),
      context,
      ...fields,
    });
    if (!event) {
      drop('plugin', 1);
      return undefined;
    }
    // The queue measures the whole event when it serialises it, after this call returns; the
    // caller's part is measured now so that an oversized event is refused on the spot.
    const own = byteLength(JSON.stringify(fields));
    if (own > MAX_EVENT_BYTES) {
      drop('too-large', 1, [event], `${own} B`);
      return undefined;
    }
    if (!allow(event.event ?? type, now)) {
      drop('rate-limited', 1, [event], event.event ?? type);
      return undefined;
    }
    identity._nextSeq();
    counts.accepted++;
    const entry: QueueEntry = { id: event.messageId, size: own + ENVELOPE_ESTIMATE, event };
    if (platform.sender) entry.owner = platform.sender.id;
    queue._add(entry);
    commit();
    bus.emit('event', event);
    delivery._poke();
    return event.messageId;
  };

  const methods: Omit<Tracker, 'flush' | 'on' | 'stats' | 'identity'> & Partial<Tracker> = {
    track: (event: string, properties?: Properties) =>
      isName(event) ? accept('track', { event, properties: normalizeRecord(properties) }) : invalid('track: event name must be a non-empty string', event),
    page(name?: string | Properties, properties?: Properties) {
      if (isRecord(name)) [name, properties] = [undefined, name];
      if (name != null && !isName(name)) return invalid('page: name must be a string', name);
      const fields: Partial<TrackerEvent> = { properties: { ...platform.context().page, ...normalizeRecord(properties) } };
      if (name) fields.name = name;
      return accept('page', fields);
    },
    identify(userId?: string | number | null | Properties, traits?: Properties) {
      if (isRecord(userId)) [userId, traits] = [undefined, userId];
      const id = userId == null ? undefined : toId(userId);
      if (userId != null && id === undefined) return invalid('identify: userId must be a string or number', userId);
      identity._setUser(id, normalizeRecord(traits));
      bus.emit('identity', tracker.identity());
      return accept('identify', { traits: identity._traits });
    },
    alias(newId: string, previousId?: string) {
      const id = toId(newId);
      const prev = previousId == null ? identity._userId ?? identity._anonymousId : toId(previousId);
      return id && prev ? accept('alias', { userId: id, previousId: prev }) : invalid('alias: IDs must be strings', [newId, previousId]);
    },
    group(groupId: string, traits?: Properties) {
      const id = toId(groupId);
      return id ? accept('group', { groupId: id, traits: normalizeRecord(traits) }) : invalid('group: groupId must be a string', groupId);
    },
    reset() {
      identity._reset();
      session._reset();
      bus.emit('identity', tracker.identity());
    },
    consent(state: ConsentState) {
      if (!CONSENT_STATES.includes(state)) return invalid("consent: use 'granted', 'denied' or 'pending'", state);
      consentState = state;
      queue._setPersisting(state !== 'denied');
      if (state === 'denied') {
        const held = queue._entries.length;
        queue._clear();
        if (held) drop('consent', held);
        identity._clear();
        session._reset();
        attribution._clear();
      } else if (state === 'granted') delivery._drain();
      bus.emit('consent', state);
    },
    async flush(): Promise<FlushResult> {
      const before = counts.sent;
      try {
        await restored;
        await delivery._drain();
      } catch (error) {
        report('flush', error);
      }
      return { sent: counts.sent - before, queued: queue._entries.length };
    },
    on: (name, fn) => bus.on(name, fn),
    stats: (): Stats => ({ ...counts, dropped: { ...dropped }, queued: queue._entries.length, store: platform.queue?.kind ?? 'memory' }),
    identity: () => ({ anonymousId: identity._anonymousId, userId: identity._userId, traits: identity._traits, sessionId: session._id(platform.now()) }),
    use(plugin: Plugin) {
      if (!plugin || !isName(plugin.name)) return invalid('use: a plugin needs a name', plugin);
      plugins.push({ _plugin: plugin, _failures: 0 });
      if (plugin.api && !(plugin.name in tracker)) (tracker as unknown as Record<string, unknown>)[plugin.name] = plugin.api;
      try {
        plugin.setup?.({ tracker, platform, storage, identity: tracker.identity, warn });
      } catch (error) {
        report(`plugin ${plugin.name}`, error);
      }
    },
    destroy() {
      destroyed = true;
      delivery._stop();
      platform.sender?.stop?.();
      for (const off of unsubscribe) off();
      for (const { _plugin: plugin } of plugins) {
        try {
          plugin.teardown?.();
        } catch (error) {
          report(`plugin ${plugin.name}`, error);
        }
      }
    },
  };
  // Every public method goes through the guard: no exception crosses into the host page.
  const tracker = {} as Tracker;
  for (const [name, fn] of Object.entries(methods)) (tracker as unknown as Record<string, unknown>)[name] = guard(name, fn as (...a: unknown[]) => unknown);

  const unsubscribe = [
    platform.onLifecycle?.(
      'hide',
      guard('hide', () => {
        queue._rescue();
        delivery._handOff();
      }),
    ),
    platform.onLifecycle?.('online', guard('online', delivery._drain)),
    platform.onLifecycle?.('show', guard('show', delivery._drain)),
    // Became the sender, or another tab queued events: take them over.
    platform.sender?.onChange(guard('sender', () => queue._restore().then(delivery._drain))),
  ].filter((f): f is () => void => !!f);

  // Events left by earlier page loads go out at once; new ones wait for the usual triggers.
  const restored = queue._restore().then((added) => (added ? delivery._drain() : delivery._poke()));
  for (const plugin of o.plugins ?? []) tracker.use(plugin);
  return tracker;
};
