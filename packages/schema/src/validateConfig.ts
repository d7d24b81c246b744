import type * as z from 'zod';
import { configSchema, createConfigSchema, type ConfigDocument } from './configSchema';
import { eventNameSchema } from './fieldSchemas';
import { errorMap, formatIssues, type ConfigIssue } from './formatIssues';

/** Options of {@link validateConfig}. */
export interface ValidateConfigOptions {
  /** Known event names; when given, goals, funnel steps and rule triggers must name one of them. */
  events?: readonly string[];
}

/** Result of {@link validateConfig}: the parsed document (defaults applied) or every problem found. */
export type ValidateConfigResult = { ok: true; value: ConfigDocument } | { ok: false; issues: ConfigIssue[] };

const knownEvent = (events: readonly string[]): z.ZodType<string> => {
  const known = new Set(events);
  return eventNameSchema.refine((name) => known.has(name), { error: (iss) => `unknown event ${JSON.stringify(iss.input)} (not in the events list)` });
};

/**
 * Validates a marketers' config document (DESIGN §4): shape (strict: unknown fields are
 * errors) and meaning (weights sum to 1, unique keys, winner is a variation, no namespace
 * overlap between running experiments, dates in order, safe `$regex` patterns, and known
 * events when `events` is given). Never throws.
 *
 * @example
 * const result = validateConfig(JSON.parse(text), { events: ['Order Completed'] });
 * if (!result.ok) for (const { path, message } of result.issues) console.log(`${path}: ${message}`);
 */
export function validateConfig(doc: unknown, options: ValidateConfigOptions = {}): ValidateConfigResult {
  const schema = options.events ? createConfigSchema(knownEvent(options.events)) : configSchema;
  const result = schema.safeParse(doc, { error: errorMap });
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: formatIssues(result.error.issues) };
}
