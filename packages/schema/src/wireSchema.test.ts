import { describe, expect, it } from 'vitest';
import { MAX_BATCH_EVENTS, parseBatch, parseEvent } from './wireSchema';

const context = {
  library: { name: 'tidemark', version: '0.1.0' },
  page: { url: 'https://shop.test/', path: '/', referrer: '', title: 'Shop', search: '' },
  session: { id: 1764237599000, seq: 3 },
  device: { seq: 7 },
  campaign: { source: 'wechat', medium: 'social', name: 'w48' },
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  userAgent: 'test',
};
const base = { messageId: 'm-1', anonymousId: 'a-1', userId: null, timestamp: '2026-11-27T09:59:59.120Z', context };
const track = { ...base, type: 'track', event: 'Product Added', properties: { sku: 'A1', price: 9.9 } };
const batchOf = (...batch: unknown[]) => ({ writeKey: 'pk_demo', sentAt: '2026-11-27T10:00:00.000Z', batch });

describe('parseBatch', () => {
  it('accepts the DESIGN §3 example and keeps every field', () => {
    const result = parseBatch(batchOf(track));
    expect(result).toEqual({ ok: true, value: batchOf(track) });
  });

  it('accepts each event type with its own fields', () => {
    const events = [
      track,
      { ...base, type: 'page', name: 'Home', properties: {} },
      { ...base, type: 'page' },
      { ...base, type: 'identify', userId: 'u-1', traits: { plan: 'pro' } },
      { ...base, type: 'identify', traits: { plan: 'pro' } },
      { ...base, type: 'alias', userId: 'u-2', previousId: 'u-1' },
      { ...base, type: 'group', groupId: 'g-1', traits: { name: 'Acme' } },
    ];
    const result = parseBatch(batchOf(...events));
    expect(result.ok).toBe(true);
  });

  it('keeps unknown fields so newer clients are not rejected', () => {
    const event = { ...track, integrations: { All: true }, context: { ...context, app: { build: 3 } } };
    const result = parseBatch({ ...batchOf(event), context: { ip: '0.0.0.0' } });
    expect(result.ok && result.value.batch[0]).toMatchObject({ integrations: { All: true }, context: { app: { build: 3 } } });
  });

  it('reads JSON text and reports invalid JSON at the root path', () => {
    expect(parseBatch(JSON.stringify(batchOf(track))).ok).toBe(true);
    const result = parseBatch('{"batch": [');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toMatchObject({ path: '(root)', message: expect.stringMatching(/^invalid JSON/) });
  });

  it.each([
    ['missing messageId', { ...track, messageId: undefined }, 'batch.1.messageId'],
    ['empty messageId', { ...track, messageId: '' }, 'batch.1.messageId'],
    ['unknown type', { ...track, type: 'screen' }, 'batch.1.type'],
    ['track without event', { ...track, event: undefined }, 'batch.1.event'],
    ['alias without previousId', { ...base, type: 'alias', userId: 'u' }, 'batch.1.previousId'],
    ['alias with a null userId', { ...base, type: 'alias', previousId: 'p' }, 'batch.1.userId'],
    ['group without groupId', { ...base, type: 'group' }, 'batch.1.groupId'],
    ['a date without time', { ...track, timestamp: '2026-11-27' }, 'batch.1.timestamp'],
    ['properties that are an array', { ...track, properties: [1] }, 'batch.1.properties'],
    ['a missing device seq', { ...track, context: { ...context, device: {} } }, 'batch.1.context.device.seq'],
    ['a device seq of 0', { ...track, context: { ...context, device: { seq: 0 } } }, 'batch.1.context.device.seq'],
    ['a stream seq of 0', { ...track, context: { ...context, device: { seq: 1, stream: 'a1', streamSeq: 0 } } }, 'batch.1.context.device.streamSeq'],
    ['a numeric stream', { ...track, context: { ...context, device: { seq: 1, stream: 7, streamSeq: 1 } } }, 'batch.1.context.device.stream'],
    ['a fractional session seq', { ...track, context: { ...context, session: { id: 1, seq: 1.5 } } }, 'batch.1.context.session.seq'],
    ['no context', { ...track, context: undefined }, 'batch.1.context'],
  ])('names the failing path for %s', (_, bad, path) => {
    const result = parseBatch(batchOf(track, bad));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toContain(path);
    for (const issue of result.issues) expect(issue.message).not.toBe('');
  });

  it('rejects an empty batch, an oversized batch and a missing writeKey', () => {
    const paths = (value: unknown) => {
      const result = parseBatch(value);
      return result.ok ? [] : result.issues.map((issue) => issue.path);
    };
    expect(paths(batchOf())).toEqual(['batch']);
    expect(paths(batchOf(...Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => track)))).toEqual(['batch']);
    expect(paths(batchOf(...Array.from({ length: MAX_BATCH_EVENTS }, () => track)))).toEqual([]);
    expect(paths({ ...batchOf(track), writeKey: undefined })).toEqual(['writeKey']);
    expect(paths({ ...batchOf(track), sentAt: 'yesterday' })).toEqual(['sentAt']);
    expect(paths(42)).toEqual(['(root)']);
  });
});

describe('parseEvent', () => {
  it('validates a single event with paths relative to it', () => {
    expect(parseEvent(track)).toEqual({ ok: true, value: track });
    const result = parseEvent({ ...track, anonymousId: 5 });
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual(['anonymousId']);
  });
});
