import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { WireEvent } from '@tidemark/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from './createStore';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const event = (n: number, device: WireEvent['context']['device']): WireEvent =>
  ({
    type: 'track',
    event: 'Tapped',
    properties: {},
    messageId: 'm' + n,
    anonymousId: 'a',
    userId: null,
    timestamp: '2026-11-27T10:00:00.000Z',
    context: { library: { name: 'tidemark', version: '0.1.0' }, session: { id: 1, seq: n }, device },
  }) as WireEvent;

describe('createStore', () => {
  it('adds the stream columns to a database made before the ledger had streams', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tidemark-store-'));
    dirs.push(dir);
    const path = join(dir, 'old.duckdb');
    // The table as the first release created it, with one stored event.
    const old = await DuckDBInstance.create(path);
    const connection = await old.connect();
    await connection.run(`CREATE TABLE events (message_id VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, type VARCHAR NOT NULL,
      event VARCHAR, name VARCHAR, anonymous_id VARCHAR NOT NULL, user_id VARCHAR, timestamp TIMESTAMPTZ,
      received_at TIMESTAMPTZ NOT NULL, session_id BIGINT, device_seq BIGINT, write_key VARCHAR NOT NULL, json JSON NOT NULL)`);
    await connection.run(`INSERT INTO events VALUES ('m0', 1, 'track', 'Old', NULL, 'a', NULL, NULL, now(), 1, 1, 'pk', '{}')`);
    connection.closeSync();
    old.closeSync();

    const store = await createStore(path);
    try {
      expect(await store.insert([event(1, { seq: 2, stream: 's1', streamSeq: 1 }), event(3, { seq: 3, stream: 's1', streamSeq: 3 })], 'pk')).toEqual({ stored: 2, duplicates: 0 });
      expect(await store.loss()).toEqual({ devices: [{ anonymousId: 'a', received: 3, max: 3, streamMissing: 1, missing: 1 }], missing: 1 });
      expect((await store.events({ limit: 10 })).length).toBe(3);
    } finally {
      await store.close();
    }
  });
});
