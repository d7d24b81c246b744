import * as z from 'zod';
import { conditionSchema } from './conditionSchema';
import { eventNameSchema, keySchema } from './fieldSchemas';
import { uniqueKeys } from './refinements';

/** Builds the funnel list schema; `eventName` validates each step's event. */
export function funnelsSchema(eventName: z.ZodType<string> = eventNameSchema) {
  const step = z
    .strictObject({
      key: keySchema.describe('Step key.'),
      event: eventName.describe('Event that marks this step.'),
      where: conditionSchema.exactOptional().describe('Only events whose fields match count.'),
    })
    .meta({ title: 'FunnelStep' });

  const funnel = z
    .strictObject({
      key: keySchema.describe('Funnel key.'),
      name: z.string().exactOptional(),
      window: z.int().positive().describe('Seconds from the first step within which the later steps must happen.'),
      steps: z.array(step).min(2).superRefine(uniqueKeys('step')).describe('Ordered steps.'),
    })
    .meta({ title: 'Funnel' });

  return z.array(funnel).superRefine(uniqueKeys('funnel'));
}
