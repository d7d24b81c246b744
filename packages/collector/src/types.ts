/** Token bucket per write key: up to `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

/** Options of {@link startCollector}. Every field has a default. */
export interface CollectorOptions {
  /** TCP port; `0` picks a free one. Default 8787. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** DuckDB database file (its folder is created if missing) or `:memory:`. Default `:memory:`. */
  db?: string;
  /** Origins allowed to call the collector from a browser (`https://shop.example`); `*` allows any. Default none. */
  cors?: readonly string[];
  /** Fault spec for tests, e.g. `status=500:0.3,drop:0.1` (see `parseFaults`). Default none. */
  faults?: string;
  /** Ingest path. Default `/v1/batch`. */
  path?: string;
  /** Largest accepted body in bytes, before and after gzip decompression. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Per write key request limit, or `false` for none. Default burst 200, 50/s. */
  rateLimit?: RateLimit | false;
  /** Source of randomness for fault injection, in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Called with unexpected errors (answered with 500). Default `console.error`. */
  onError?: (error: unknown) => void;
}

/** A running collector. */
export interface Collector {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The bound port (useful with `port: 0`). */
  port: number;
  /** Stops accepting requests, ends open connections, waits for pending writes and closes the database. */
  close(): Promise<void>;
}

/** Counters since the collector started (`GET /v1/stats`). */
export interface CollectorStats {
  /** Events in valid batches that reached storage: `stored + duplicates`. */
  received: number;
  /** Events stored for the first time. */
  stored: number;
  /** Events whose messageId was already stored (or repeated within the batch). */
  duplicates: number;
  /** Ingest requests refused as invalid: bad JSON or schema (400), too large (413), wrong media type (415). */
  rejected: number;
  /** Ingest requests refused by the rate limit (429). */
  rateLimited: number;
  /** Ingest requests that met an injected fault. */
  faulted: number;
}

/** One device with gaps in its `context.device.seq` sequence or in one of its streams. */
export interface DeviceLoss {
  anonymousId: string;
  /** Distinct seq values received. */
  received: number;
  /** Highest seq received. */
  max: number;
  /** Gaps in the device's streams (`context.device.streamSeq` per `stream`), summed. */
  streamMissing: number;
  /** Events known to be missing: the larger of `max - received` and `streamMissing`. */
  missing: number;
}

/** Loss ledger (`GET /v1/loss`): devices with gaps only, and the total missing. */
export interface LossReport {
  devices: DeviceLoss[];
  missing: number;
}
