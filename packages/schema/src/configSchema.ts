import * as z from 'zod';
import { experimentsSchema } from './experimentsSchema';
import { eventNameSchema, keySchema } from './fieldSchemas';
import { funnelsSchema } from './funnelsSchema';
import { rulesSchema } from './rulesSchema';

export const holdoutSchema = z
  .strictObject({
    key: keySchema.describe('Holdout key; seeds the hash that picks held-out units.'),
    percent: z.number().min(0).lt(1).describe('Share of units kept out of every experiment, 0 <= percent < 1.'),
  })
  .meta({ id: 'Holdout', description: 'A stable share of units kept out of every experiment.' });

/**
 * Builds the config document schema. `eventName` validates every event reference (experiment
 * goals, funnel steps, rule triggers); `validateConfig` passes one that knows the event list.
 */
export function createConfigSchema(eventName: z.ZodType<string> = eventNameSchema) {
  return z
    .strictObject({
      $schema: z.string().exactOptional().describe('URL or path of tidemark.schema.json, for editors.'),
      version: z.int().min(1).describe('Document version, bumped on every change; carried by exposure events.'),
      holdout: holdoutSchema.exactOptional(),
      experiments: experimentsSchema(eventName).default([]).describe('A/B experiments.'),
      funnels: funnelsSchema(eventName).default([]).describe('Conversion funnels.'),
      rules: rulesSchema(eventName).default([]).describe('Personalization rules.'),
    })
    .meta({ title: 'tidemark config', description: "tidemark marketers' config document (DESIGN §4)." });
}

/** The config document schema of DESIGN §4 (no event-list check). */
export const configSchema = createConfigSchema();

/** A parsed config document, defaults applied. */
export type ConfigDocument = z.output<typeof configSchema>;
/** A config document as written by hand, before defaults. */
export type ConfigDocumentInput = z.input<typeof configSchema>;
export type Experiment = ConfigDocument['experiments'][number];
export type Variation = Experiment['variations'][number];
export type ExperimentStatus = Experiment['status'];
export type Namespace = NonNullable<Experiment['namespace']>;
export type Condition = NonNullable<Experiment['targeting']>;
export type Holdout = NonNullable<ConfigDocument['holdout']>;
export type Funnel = ConfigDocument['funnels'][number];
export type FunnelStep = Funnel['steps'][number];
export type Rule = ConfigDocument['rules'][number];
export type RuleTrigger = Rule['when'];
export type RuleContent = Rule['content'];
