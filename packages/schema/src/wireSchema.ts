import * as z from 'zod';
import { eventNameSchema } from './fieldSchemas';
import { errorMap, formatIssues, ROOT_PATH } from './formatIssues';
import type { ConfigIssue } from './formatIssues';

/**
 * Wire format of DESIGN §3 (contract): the events a tracker sends and the batch body of
 * `POST /v1/batch`. Objects are loose on purpose: unknown fields pass through, so a newer SDK
 * (or a Segment-style client sending `integrations`) is never rejected by an older collector —
 * a rejected batch makes the client drop events as poison. Only what a collector relies on
 * is checked strictly.
 */

/** Most events one batch may carry; a larger batch is rejected with a path of `batch`. */
export const MAX_BATCH_EVENTS = 500;

const isoDateTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time such as "2026-11-27T09:59:59.120Z"' });
const nonEmpty = (what: string) => z.string({ error: `expected ${what} (string)` }).min(1, { error: `expected a non-empty ${what}` });
const counter = (what: string) => z.number({ error: `expected ${what} (number)` }).int({ error: `expected ${what} to be an integer` }).min(1, { error: `expected ${what} ≥ 1` });
/** Properties and traits: a JSON object (the body came from JSON, so values are JSON already). */
const jsonObject = z.record(z.string(), z.unknown(), { error: 'expected an object' });
const campaign = z.record(z.string(), z.string(), { error: 'expected an object of strings' });

/** `context` of an event: `library`, `session` and `device` are required; other keys pass through. */
export const contextSchema = z.looseObject({
  library: z.looseObject({ name: nonEmpty('library name'), version: z.string() }),
  session: z.looseObject({
    id: z.number({ error: 'expected the session id (start time in ms)' }).int().nonnegative(),
    seq: counter('session seq'),
    start: z.boolean().optional(),
  }),
  /**
   * The loss ledger: `seq` counts the device's events from 1; `stream` (one page load's tracker)
   * and `streamSeq` (its events, from 1) come together, from tidemark 0.1.0 on.
   */
  device: z.looseObject({
    seq: counter('device seq'),
    stream: z.string({ error: 'expected the stream ID (string)' }).min(1).max(64).optional(),
    streamSeq: counter('stream seq').optional(),
  }),
  page: z
    .looseObject({ url: z.string(), path: z.string(), referrer: z.string(), title: z.string(), search: z.string() })
    .partial()
    .optional(),
  campaign: campaign.optional(),
  attribution: z.looseObject({ first: campaign.optional(), last: campaign.optional() }).optional(),
  locale: z.string().optional(),
  timezone: z.string().optional(),
  userAgent: z.string().optional(),
});

const common = {
  messageId: nonEmpty('messageId'),
  anonymousId: nonEmpty('anonymousId'),
  userId: nonEmpty('userId').nullable(),
  timestamp: isoDateTime,
  context: contextSchema,
};

/** One event; `type` selects the Segment Spec fields that go with it. */
export const eventSchema = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ ...common, type: z.literal('track'), event: eventNameSchema, properties: jsonObject.optional() }),
    z.looseObject({ ...common, type: z.literal('page'), name: z.string().optional(), properties: jsonObject.optional() }),
    z.looseObject({ ...common, type: z.literal('identify'), traits: jsonObject.optional() }),
    z.looseObject({ ...common, type: z.literal('alias'), userId: nonEmpty('userId'), previousId: nonEmpty('previousId') }),
    z.looseObject({ ...common, type: z.literal('group'), groupId: nonEmpty('groupId'), traits: jsonObject.optional() }),
  ],
  { error: 'expected type to be one of track, page, identify, alias, group' },
);

/** Body of `POST /v1/batch`. */
export const batchSchema = z.looseObject({
  writeKey: nonEmpty('writeKey'),
  sentAt: isoDateTime,
  batch: z
    .array(eventSchema, { error: 'expected batch to be an array of events' })
    .min(1, { error: 'expected at least one event' })
    .max(MAX_BATCH_EVENTS, { error: `expected at most ${MAX_BATCH_EVENTS} events` }),
});

/** An event as it travels on the wire. */
export type WireEvent = z.infer<typeof eventSchema>;
/** Event `context` as it travels on the wire. */
export type WireContext = z.infer<typeof contextSchema>;
/** The body of `POST /v1/batch`. */
export type WireBatch = z.infer<typeof batchSchema>;

/** One validation problem: dotted `path` (`batch.3.messageId`, or `(root)` for the whole body) and what was expected. */
export type WireIssue = ConfigIssue;

/** Outcome of a parse: the typed value, or every problem found. */
export type WireResult<T> = { ok: true; value: T } | { ok: false; issues: WireIssue[] };

const parseWith = <T>(schema: z.ZodType<T>, value: unknown): WireResult<T> => {
  const result = schema.safeParse(value, { error: errorMap });
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: formatIssues(result.error.issues) };
};

/**
 * Validates a batch body. Accepts the raw JSON text or an already parsed value (a batch is
 * never a string, so a string is always read as JSON text).
 */
export function parseBatch(input: unknown): WireResult<WireBatch> {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, issues: [{ path: ROOT_PATH, message: `invalid JSON: ${(error as Error).message}` }] };
    }
  }
  return parseWith(batchSchema, value);
}

/** Validates one event (e.g. what a tracker is about to send). */
export function parseEvent(value: unknown): WireResult<WireEvent> {
  return parseWith(eventSchema, value);
}
