import * as z from 'zod';
import { jsonValueSchema } from './fieldSchemas';
import { findConditionIssues } from './findConditionIssues';

/**
 * A MongoDB-style condition as GrowthBook's `evalCondition` reads it, over dotted attribute
 * paths: `{ "context.locale": { "$in": ["zh-CN"] }, "traits.vip": true }`.
 */
export const conditionSchema = z
  .record(z.string(), jsonValueSchema, { error: 'expected a condition object' })
  .superRefine((condition, ctx) => {
    for (const { path, message } of findConditionIssues(condition)) ctx.addIssue({ code: 'custom', path, message, input: condition });
  })
  .meta({
    id: 'Condition',
    description: 'MongoDB-style condition over dotted attribute paths (GrowthBook evalCondition operators).',
  });
