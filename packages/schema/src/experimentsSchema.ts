import * as z from 'zod';
import { conditionSchema } from './conditionSchema';
import { eventNameSchema, isoDateSchema, jsonValueSchema, keySchema, shareSchema } from './fieldSchemas';
import { findNamespaceOverlaps } from './findNamespaceOverlaps';
import { datesInOrder, uniqueKeys } from './refinements';

/** How far variation weights may drift from summing to exactly 1 (float rounding). */
const WEIGHT_TOLERANCE = 1e-6;

export const variationSchema = z
  .strictObject({
    key: keySchema.describe('Variation key; reported as variation_id.'),
    name: z.string().exactOptional().describe('Human-readable name; reported as variation_name.'),
    weight: shareSchema.describe('Share of covered units assigned to this variation; weights sum to 1.'),
    value: jsonValueSchema.describe('What the page receives for this variation.'),
  })
  .meta({ id: 'Variation' });

/** `[namespace, start, end)`: experiments of one namespace with disjoint ranges never share a unit. */
export const namespaceSchema = z
  .tuple([z.string().min(1), shareSchema, shareSchema], { error: 'expected [namespace, start, end]' })
  .refine(([, start, end]) => start < end, { error: 'expected end to be greater than start', path: [2] })
  .meta({ id: 'Namespace', description: 'Mutual-exclusion group: [name, start, end) with 0 <= start < end <= 1.' });

/**
 * Builds the experiment list schema; `eventName` validates `goals` (it checks against a known
 * event list when `validateConfig` is given one).
 */
export function experimentsSchema(eventName: z.ZodType<string> = eventNameSchema) {
  const experiment = z
    .strictObject({
      key: keySchema.describe('Experiment key; also the default hash seed and the experiment_id.'),
      name: z.string().exactOptional().describe('Human-readable name; reported as experiment_name.'),
      status: z.enum(['draft', 'running', 'stopped']).describe('draft never assigns; stopped serves winner (or control) without exposures.'),
      variations: z.array(variationSchema).min(2).superRefine(uniqueKeys('variation')).describe('Variations; the first is control.'),
      coverage: shareSchema.default(1).describe('Share of eligible units that enter the experiment.'),
      hashAttribute: z.string().min(1).default('anonymousId').describe('Attribute whose value is hashed to assign a variation.'),
      fallbackAttribute: z.string().min(1).exactOptional().describe('Attribute hashed when hashAttribute is empty.'),
      seed: z.string().exactOptional().describe('Hash seed; defaults to the experiment key.'),
      hashVersion: z.literal([1, 2]).default(2).describe('GrowthBook hash version.'),
      bucketVersion: z.int().min(0).default(0).describe('Bump to re-randomise sticky assignments.'),
      targeting: conditionSchema.exactOptional().describe('Only units whose attributes match enter the experiment.'),
      namespace: namespaceSchema.exactOptional(),
      goals: z.array(eventName).default([]).describe('Events that count as conversions.'),
      winner: keySchema.exactOptional().describe('Variation served to everyone once the experiment is stopped.'),
      startAt: isoDateSchema.exactOptional().describe('No assignment before this date.'),
      endAt: isoDateSchema.exactOptional().describe('No assignment from this date on.'),
      exposure: z.enum(['auto', 'visible']).default('auto').describe('visible: count the exposure only when an element marked data-tm-exp becomes half visible.'),
    })
    .superRefine((exp, ctx) => {
      const sum = exp.variations.reduce((total, v) => total + v.weight, 0);
      if (Math.abs(sum - 1) > WEIGHT_TOLERANCE)
        ctx.addIssue({ code: 'custom', path: ['variations'], message: `expected variation weights to sum to 1, got ${+sum.toFixed(9)}`, input: sum });
      if (exp.winner !== undefined && !exp.variations.some((v) => v.key === exp.winner))
        ctx.addIssue({ code: 'custom', path: ['winner'], message: `expected the key of one of this experiment's variations, got "${exp.winner}"`, input: exp.winner });
      datesInOrder(exp, ctx);
    })
    .meta({ title: 'Experiment' });

  return z
    .array(experiment)
    .superRefine(uniqueKeys('experiment'))
    .superRefine((experiments, ctx) => {
      for (const { first, second, namespace } of findNamespaceOverlaps(experiments)) {
        const a = experiments[first];
        ctx.addIssue({
          code: 'custom',
          path: [second, 'namespace'],
          message: `range overlaps running experiment "${a?.key}" (${JSON.stringify(a?.namespace)}) in namespace "${namespace}"`,
          input: experiments[second]?.namespace,
        });
      }
    });
}
