import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { WireEvent } from '@tidemark/schema';
import { createGroupCommit } from './createGroupCommit';
import { wellFormed } from './wellFormed';
import type { LossReport } from './types';

/** Filters of `GET /v1/events`; results come in arrival order. */
export interface EventQuery {
  limit: number;
  offset?: number;
  type?: string;
  event?: string;
  anonymousId?: string;
}

/** Event storage. Every call is serialised on one DuckDB connection. */
export interface Store {
  /** Stores new events (by messageId, first one wins); returns how many were new and how many were already known. */
  insert(events: readonly WireEvent[], writeKey: string): Promise<{ stored: number; duplicates: number }>;
  /** The stored events' JSON texts, in arrival order. */
  events(query: EventQuery): Promise<string[]>;
  /** Gaps in `context.device.seq` and in its streams' `streamSeq`, per anonymousId. */
  loss(): Promise<LossReport>;
  close(): Promise<void>;
}

// `seq` is the arrival order at this collector (assigned here, writes being serialised);
// the other columns are what reports filter and group on; `json` is the whole event.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  message_id   VARCHAR PRIMARY KEY,
  seq          BIGINT NOT NULL,
  type         VARCHAR NOT NULL,
  event        VARCHAR,
  name         VARCHAR,
  anonymous_id VARCHAR NOT NULL,
  user_id      VARCHAR,
  timestamp    TIMESTAMPTZ,
  received_at  TIMESTAMPTZ NOT NULL,
  session_id   BIGINT,
  device_seq   BIGINT,
  write_key    VARCHAR NOT NULL,
  json         JSON NOT NULL,
  stream       VARCHAR,
  stream_seq   BIGINT
);
-- Databases made before the ledger had streams.
ALTER TABLE events ADD COLUMN IF NOT EXISTS stream VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS stream_seq BIGINT`;

// A group of batches is bound as one JSON parameter and unnested in SQL: one statement per
// group measured faster than the appender (plus a staging table) or multi-row VALUES.
// RETURNING tells which rows were new, so each request learns its own stored/duplicate counts.
const ROW_TYPE = JSON.stringify([
  { m: 'VARCHAR', s: 'BIGINT', t: 'VARCHAR', e: 'VARCHAR', n: 'VARCHAR', a: 'VARCHAR', u: 'VARCHAR', ts: 'VARCHAR', sid: 'BIGINT', d: 'BIGINT', w: 'VARCHAR', j: 'VARCHAR', st: 'VARCHAR', sq: 'BIGINT' },
]);
const INSERT = `
INSERT OR IGNORE INTO events (message_id, seq, type, event, name, anonymous_id, user_id, timestamp, received_at, session_id, device_seq, write_key, json, stream, stream_seq)
SELECT r.m, r.s, r.t, r.e, r.n, r.a, r.u, TRY_CAST(r.ts AS TIMESTAMPTZ), now(), r.sid, r.d, r.w, r.j, r.st, r.sq
FROM (SELECT unnest(from_json($1, '${ROW_TYPE}')) AS r)
RETURNING message_id`;

/** Most events written by one statement when requests are grouped. */
const MAX_GROUP_EVENTS = 5000;

// Per device: the device counter's gaps, and the sum of its streams' gaps (tabs that track at
// the same moment share device counter values, which hides their gaps, never a stream's).
const LOSS = `
WITH device AS (
  SELECT anonymous_id, count(DISTINCT device_seq)::INTEGER AS received, max(device_seq)::INTEGER AS max
  FROM events WHERE device_seq IS NOT NULL GROUP BY anonymous_id
), streams AS (
  SELECT anonymous_id, sum(missing)::INTEGER AS stream_missing
  FROM (SELECT anonymous_id, max(stream_seq) - count(DISTINCT stream_seq) AS missing
        FROM events WHERE stream IS NOT NULL AND stream_seq IS NOT NULL GROUP BY anonymous_id, stream)
  GROUP BY anonymous_id
)
SELECT anonymous_id, received, max, coalesce(stream_missing, 0) AS stream_missing
FROM device LEFT JOIN streams USING (anonymous_id)
WHERE max > received OR stream_missing > 0
ORDER BY anonymous_id`;

const FILTERS = [
  ['type', 'type'],
  ['event', 'event'],
  ['anonymousId', 'anonymous_id'],
] as const;

/** Opens (or creates) the DuckDB database at `path` (`:memory:` for none) and its `events` table. */
export async function createStore(path: string): Promise<Store> {
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(SCHEMA);
  const insert = await connection.prepare(INSERT);
  const last = (await connection.runAndReadAll('SELECT coalesce(max(seq), 0)::BIGINT FROM events')).getRows()[0]?.[0];
  let seq = Number(last ?? 0);

  // One connection, one statement at a time: DuckDB serialises writers anyway, and the
  // arrival counter above is only correct when inserts do not interleave.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };

  type Batch = { events: readonly WireEvent[]; writeKey: string };
  const writeBatches = async (batches: Batch[]) => {
    const seen = new Set<string>();
    const owned = batches.map(() => [] as string[]);
    const rows = [];
    for (const [i, { events, writeKey }] of batches.entries()) {
      for (let e of events) {
        let json = JSON.stringify(e);
        // JSON.stringify escapes nothing but lone surrogates as \udXXX: repair only when one may be there.
        if (/\\ud[89a-f]/.test(json)) {
          e = wellFormed(e);
          json = JSON.stringify(e);
        }
        if (seen.has(e.messageId)) continue; // repeated within the group: the first copy wins
        seen.add(e.messageId);
        owned[i]!.push(e.messageId);
        rows.push({
          m: e.messageId,
          s: ++seq,
          t: e.type,
          e: e.type === 'track' ? e.event : null,
          n: e.type === 'page' ? (e.name ?? null) : null,
          a: e.anonymousId,
          u: e.userId,
          ts: e.timestamp,
          sid: e.context.session.id,
          d: e.context.device.seq,
          w: writeKey,
          j: json,
          st: e.context.device.stream ?? null,
          sq: e.context.device.streamSeq ?? null,
        });
      }
    }
    insert.bind([JSON.stringify(rows)]);
    const inserted = new Set((await insert.runAndReadAll()).getRows().map((row) => String(row[0])));
    return batches.map(({ events }, i) => {
      const stored = owned[i]!.filter((id) => inserted.has(id)).length;
      return { stored, duplicates: events.length - stored };
    });
  };
  const insertBatch = createGroupCommit({
    write: writeBatches,
    run: serial,
    weigh: (batch: Batch) => batch.events.length,
    maxWeight: MAX_GROUP_EVENTS,
  });

  return {
    insert: (events, writeKey) => insertBatch({ events, writeKey }),

    events: (query) =>
      serial(async () => {
        const where: string[] = [];
        const values: (string | number)[] = [];
        for (const [key, column] of FILTERS) {
          const value = query[key];
          if (value === undefined) continue;
          values.push(value);
          where.push(`${column} = $${values.length}`);
        }
        values.push(query.limit, query.offset ?? 0);
        const sql = `SELECT json FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY seq LIMIT $${values.length - 1} OFFSET $${values.length}`;
        const reader = await connection.runAndReadAll(sql, values);
        return reader.getRows().map((row) => String(row[0]));
      }),

    loss: () =>
      serial(async () => {
        const reader = await connection.runAndReadAll(LOSS);
        const devices = reader.getRowObjects().map((row) => {
          const received = Number(row.received);
          const max = Number(row.max);
          const streamMissing = Number(row.stream_missing);
          // Both counts are lower bounds of the same loss: the larger one is the better bound.
          return { anonymousId: String(row.anonymous_id), received, max, streamMissing, missing: Math.max(max - received, streamMissing) };
        });
        return { devices, missing: devices.reduce((sum, device) => sum + device.missing, 0) };
      }),

    close: () =>
      serial(async () => {
        insert.destroySync();
        connection.closeSync();
        instance.closeSync();
      }),
  };
}
