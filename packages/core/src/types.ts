/** A JSON value, as properties and traits become after normalisation. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Free-form properties or traits passed by the host page; normalised to {@link Json}. */
export type Properties = Record<string, unknown>;

/** Segment Spec call types. */
export type EventType = 'track' | 'page' | 'identify' | 'alias' | 'group';

/** Campaign parameters (UTM and click IDs), without the `utm_` prefix: `source`, `medium`, `name`, `term`, `content`, `gclid`, … */
export type Campaign = Record<string, string>;

/** Where the event happened. */
export interface PageContext {
  url: string;
  path: string;
  referrer: string;
  title: string;
  search: string;
}

/** `context` of every event (DESIGN §3). */
export interface EventContext {
  library: { name: string; version: string };
  /** `id` is the session start in ms; `seq` counts events in the session; `start` marks its first event. */
  session: { id: number; seq: number; start?: true };
  /**
   * The loss ledger: `seq` counts the device's events (persisted, so gaps between page loads
   * show), `stream` names this page load's tracker and `streamSeq` counts its events (tabs that
   * track at the same moment share `seq` values, never a stream). A collector counts the gaps.
   */
  device: { seq: number; stream: string; streamSeq: number };
  page?: PageContext;
  /** The campaign of the current session, if any. */
  campaign?: Campaign;
  /** First-touch and last-touch campaigns of this device. */
  attribution?: { first?: Campaign; last?: Campaign };
  locale?: string;
  timezone?: string;
  userAgent?: string;
  screen?: { width: number; height: number; density?: number };
  [key: string]: unknown;
}

/** The envelope sent on the wire (DESIGN §3). */
export interface TrackerEvent {
  type: EventType;
  messageId: string;
  anonymousId: string;
  userId: string | null;
  /** ISO 8601 time of the call. */
  timestamp: string;
  context: EventContext;
  event?: string;
  name?: string;
  properties?: Record<string, Json>;
  traits?: Record<string, Json>;
  previousId?: string;
  groupId?: string;
}

/** Synchronous key/value storage for identity and session state. Implementations must not throw. */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/**
 * A queued event: its messageId, serialised size in bytes, and the tab that queued it. The
 * body is `event` until the queue serialises it (once per task), then `json`, the form the store
 * keeps. In memory a body stays only for the newest events (what a page-hide beacon can carry);
 * the sender reads the rest back from the store, so a long offline queue costs little heap.
 */
export interface QueueEntry {
  id: string;
  size: number;
  event?: TrackerEvent;
  json?: string;
  owner?: string;
}

/** Persistent store for the event queue, shared by the site's tabs. Promises may reject. */
export interface QueueStore {
  /** Short name reported by `stats().store`, e.g. `indexeddb`, `localStorage`, `memory`. */
  readonly kind: string;
  /** Every stored entry, with its `json`. */
  load(): Promise<QueueEntry[]>;
  /** The stored entries of these ids; an id missing from the result is gone (another tab sent it). */
  get(ids: string[]): Promise<QueueEntry[]>;
  /** Adds `put` and deletes the ids in `remove`. */
  write(put: QueueEntry[], remove: string[]): Promise<void>;
  /**
   * Keeps entries synchronously, for a page that is going away before `write` completes
   * (an IndexedDB transaction dies with its page). `load` and `get` must find them later.
   */
  rescue?(entries: QueueEntry[]): void;
}

/**
 * Decides which tab sends, when several share one persistent queue (Web Locks and
 * BroadcastChannel in browsers). Without it, this instance sends everything it has.
 */
export interface SenderElection {
  /** This instance's ID, stamped on the entries it queues. */
  readonly id: string;
  /** Whether this instance may send now. */
  active(): boolean;
  /** Whether this instance may send an entry queued by another (its owner is gone, or this one is the elected sender). */
  adopts(entry: QueueEntry): boolean;
  /** Calls `fn` when this instance became the sender, or another one added events to the shared queue. */
  onChange(fn: () => void): () => void;
  /** Tells the sender that this instance added events to the shared queue. */
  nudge(): void;
  /** Steps down (tracker destroyed): another instance takes over. */
  stop?(): void;
}

/** Result of one HTTP request. `status` 0 means a network error. */
export interface SendResult {
  status: number;
  /** The `Retry-After` header, as received. */
  retryAfter?: string | null;
}

/** How batches leave the device. */
export interface Transport {
  /** A normal request whose answer is awaited. Must not reject. */
  send(url: string, body: string): Promise<SendResult>;
  /**
   * A request that must survive the page going away (fetch keepalive / sendBeacon).
   * `false`: refused (size or budget), core keeps the events for later; `true`: handed off with
   * no answer to come; a promise: the answer, should the page live to see it (never rejects).
   */
  beacon?(url: string, body: string): boolean | Promise<SendResult>;
}

/** Lifecycle signals that matter for delivery. */
export type LifecycleSignal = 'hide' | 'show' | 'online' | 'offline';

/** Everything environmental that core needs, provided by `@tidemark/browser`, `@tidemark/miniprogram`, or a test. */
export interface Platform {
  storage: KeyValueStorage;
  transport: Transport;
  /** Persistent queue; memory only when absent. */
  queue?: QueueStore;
  /** Coordinates instances (tabs) sharing `queue`. */
  sender?: SenderElection;
  /** Subscribes to a lifecycle signal; returns an unsubscribe function. */
  onLifecycle?(signal: LifecycleSignal, fn: () => void): () => void;
  /** False while the device is known to be offline. */
  isOnline?(): boolean;
  /** The current page, campaign (from the URL), locale, timezone, user agent and screen. */
  context(): Partial<EventContext>;
  /** Milliseconds since the epoch. */
  now(): number;
  /** A uniformly distributed number in [0, 1). */
  random(): number;
  /** A random v4 UUID (`crypto.randomUUID`); core builds one from `random()` when absent. */
  uuid?(): string;
}

/** Consent state: `pending` holds events, `granted` sends them, `denied` drops them and clears IDs. */
export type ConsentState = 'granted' | 'denied' | 'pending';

/** Why an event or batch was dropped. */
export type DropReason = 'invalid' | 'too-large' | 'plugin' | 'rejected' | 'queue-full' | 'rate-limited' | 'consent';

/** Events of the tracker's bus, with their payloads. */
export interface TrackerEvents {
  /** An event was accepted (after plugins) and queued. */
  event: TrackerEvent;
  /** The collector acknowledged these events. */
  sent: { count: number };
  /** Events were dropped and will never be sent. */
  drop: { reason: DropReason; count: number; events?: TrackerEvent[]; detail?: string };
  /** The identity changed (identify, alias or reset). */
  identity: Identity;
  /** The consent state changed. */
  consent: ConsentState;
  /** Something failed inside the SDK or a plugin; the host page is unaffected. */
  error: { where: string; error: unknown };
}

/** Who the tracker is tracking. */
export interface Identity {
  anonymousId: string;
  userId: string | null;
  traits: Record<string, Json>;
  /** The session the next event joins: a new one once the last has timed out. */
  sessionId: number;
}

/** Counters for monitoring and tests. */
export interface Stats {
  /** Events accepted by `track`/`page`/`identify`/`alias`/`group`. */
  accepted: number;
  /** Events acknowledged by the collector. */
  sent: number;
  /** Calls refused because of invalid input. */
  invalid: number;
  /** Events dropped after acceptance or at the door, by reason. */
  dropped: Partial<Record<DropReason, number>>;
  /** Events waiting in the queue. */
  queued: number;
  /** Requests retried after a failure. */
  retries: number;
  /** Which persistent store holds the queue. */
  store: string;
  /** Errors caught inside the SDK or its plugins. */
  errors: number;
}

/** What `flush()` resolves with; it never rejects. */
export interface FlushResult {
  /** Events acknowledged during this flush. */
  sent: number;
  /** Events still queued afterwards. */
  queued: number;
}

/** Given to each plugin's `setup`. */
export interface PluginContext {
  tracker: Tracker;
  platform: Platform;
  storage: KeyValueStorage;
  identity(): Identity;
  /** Logs a warning when `debug` is on. */
  warn(message: string, detail?: unknown): void;
}

/**
 * A plugin. `enrich` runs for every event, in order and synchronously; returning `null`
 * drops the event. A plugin that throws is skipped for that event and disabled after 3 throws.
 */
export interface Plugin {
  name: string;
  /** Methods attached to the tracker as `tracker[name]` (e.g. `tm.experiments.variant()`). */
  api?: object;
  setup?(ctx: PluginContext): void;
  enrich?(event: TrackerEvent): TrackerEvent | null | undefined | void;
  teardown?(): void;
}

/** Options of `createTracker`. */
export interface TrackerOptions {
  /** Identifies the site to the collector. */
  writeKey: string;
  /** Collector base URL, e.g. `https://t.example.com`. */
  endpoint: string;
  /** Ingest path appended to `endpoint`. Default `/v1/batch`. */
  path?: string;
  platform: Platform;
  plugins?: Plugin[];
  /** Send when this many events are queued. Default 20. */
  flushAt?: number;
  /** Send queued events at least this often, in ms. Default 5000. */
  flushInterval?: number;
  /** Queue bound; past it the oldest events are dropped and counted. Default 10,000. */
  maxQueue?: number;
  /** Inactivity after which a new session starts, in ms. Default 30 minutes. */
  sessionTimeout?: number;
  /**
   * Per-event-name token bucket against runaway loops in the host page: `burst` events at once,
   * refilled at `perSecond`. Default `{ burst: 1000, perSecond: 100 }`; `false` turns it off.
   */
  rateLimit?: { burst: number; perSecond: number } | false;
  /** Initial consent state. Default `granted`. */
  consent?: ConsentState;
  /** Log warnings to the console. Default false. */
  debug?: boolean;
  /** Called for every error caught inside the SDK. */
  onError?(error: unknown, where: string): void;
}

/** The tracker. No method throws; `flush` never rejects. */
export interface Tracker {
  /** Records an action. Returns the messageId when accepted. */
  track(event: string, properties?: Properties): string | undefined;
  /** Records a page view; name and properties are optional. */
  page(name?: string | Properties, properties?: Properties): string | undefined;
  /** Sets the user ID and/or merges traits, then records an identify call. */
  identify(userId?: string | number | null | Properties, traits?: Properties): string | undefined;
  /** Links `newId` to `previousId` (default: the current user or anonymous ID). */
  alias(newId: string, previousId?: string): string | undefined;
  /** Associates the user with a group (account, company). */
  group(groupId: string, traits?: Properties): string | undefined;
  /** Forgets the user: clears userId and traits, and starts a new anonymousId and session. */
  reset(): void;
  consent(state: ConsentState): void;
  /** Sends everything queued now. */
  flush(): Promise<FlushResult>;
  on<K extends keyof TrackerEvents>(name: K, fn: (payload: TrackerEvents[K]) => void): () => void;
  stats(): Stats;
  identity(): Identity;
  /** Adds a plugin after creation (the script-tag build loads plugins this way). */
  use(plugin: Plugin): void;
  /** Stops timers and listeners and tears plugins down. Queued events stay persisted. */
  destroy(): void;
}
