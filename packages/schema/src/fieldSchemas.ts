import * as z from 'zod';

/**
 * Identifier of an experiment, variation, funnel, step, rule or holdout. Kept to URL- and
 * attribute-safe characters because keys travel in `?tm_force=exp:variation` and `data-tm-exp`.
 */
export const keySchema = z
  .string({ error: 'expected a key (string)' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'expected a key of letters, digits, "_", "." or "-", starting with a letter or digit' })
  .max(64, { error: 'expected a key of at most 64 characters' });

/** Name of a tracked event, e.g. `"Order Completed"`. */
export const eventNameSchema = z.string({ error: 'expected an event name (string)' }).min(1, { error: 'expected a non-empty event name' });

/** An ISO 8601 date (`2026-12-01`, read as UTC midnight) or date-time with offset (`2026-12-01T09:00:00+08:00`). */
export const isoDateSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'expected an ISO date ("2026-12-01") or date-time with offset ("2026-12-01T09:00:00Z")',
});

/** A share between 0 and 1 inclusive. */
export const shareSchema = z.number().min(0).max(1);

/** Any JSON value; what a variation or a content slot carries. */
export const jsonValueSchema = z.json({ error: 'expected a JSON value' }).meta({ id: 'JsonValue' });

/**
 * A link target that can never run script: `http(s)` URLs or relative URLs only (DESIGN §5).
 * Whitespace and control characters are refused because browsers strip them before the scheme.
 */
export const safeUrlSchema = z
  .string()
  .refine((url) => /^https?:\/\//i.test(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url), { error: 'expected an http(s) or relative URL' })
  .refine((url) => !/[\s\u0000-\u001f]/.test(url), { error: 'expected a URL without spaces or control characters' });
