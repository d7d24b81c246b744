import * as z from 'zod';
import { conditionSchema } from './conditionSchema';
import { eventNameSchema, isoDateSchema, keySchema, safeUrlSchema } from './fieldSchemas';
import { datesInOrder, uniqueKeys } from './refinements';

/** What a rule puts in its slot. Data only, never markup (DESIGN §5). */
export const ruleContentSchema = z
  .strictObject({
    title: z.string().exactOptional().describe('Heading, set as text.'),
    text: z.string().exactOptional().describe('Body, set as text (never HTML).'),
    href: safeUrlSchema.exactOptional().describe('Link target: http(s) or relative URL.'),
    image: safeUrlSchema.exactOptional().describe('Image URL; its origin must be allowed by the SDK.'),
    alt: z.string().exactOptional().describe('Alternative text for the image.'),
  })
  .refine((c) => Object.keys(c).length > 0, { error: 'expected at least one of title, text, href, image, alt' })
  .meta({ id: 'RuleContent' });

/** Builds the rule list schema; `eventName` validates `when` and `unless` events. */
export function rulesSchema(eventName: z.ZodType<string> = eventNameSchema) {
  const trigger = z.strictObject({
    event: eventName.describe('Event name.'),
    where: conditionSchema.exactOptional().describe('Only events whose fields match count.'),
  });

  const rule = z
    .strictObject({
      key: keySchema.describe('Rule key.'),
      name: z.string().exactOptional(),
      slot: keySchema.describe('Name of the page slot (data-tm-slot) the content goes into.'),
      when: trigger.describe('Event that makes the rule fire.'),
      unless: trigger.exactOptional().describe('Event that, once seen in the session, stops the rule.'),
      audience: conditionSchema.exactOptional().describe('Only units whose attributes match see the content.'),
      priority: z.int().default(0).describe('Higher wins when several rules target one slot.'),
      maxPerSession: z.int().positive().exactOptional().describe('Show at most this many times per session.'),
      content: ruleContentSchema,
      startAt: isoDateSchema.exactOptional(),
      endAt: isoDateSchema.exactOptional(),
    })
    .superRefine(datesInOrder)
    .meta({ title: 'Rule' });

  return z.array(rule).superRefine(uniqueKeys('rule'));
}
