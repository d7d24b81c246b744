import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateJsonSchema, jsonSchemaText } from './generateJsonSchema';

const checkedIn = new URL('../tidemark.schema.json', import.meta.url);

describe('generateJsonSchema', () => {
  it('matches the checked-in tidemark.schema.json (run `pnpm --filter @tidemark/schema generate` after a schema change)', () => {
    expect(readFileSync(checkedIn, 'utf8')).toBe(jsonSchemaText());
  });

  it('describes a strict document where only version is required', () => {
    const schema = generateJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, unknown>;
      $defs: Record<string, { additionalProperties?: boolean; required?: string[] }>;
    };
    expect(schema.required).toEqual(['version']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'version', 'holdout', 'experiments', 'funnels', 'rules']);
    expect(schema.$defs.Variation).toMatchObject({ additionalProperties: false, required: ['key', 'weight', 'value'] });
  });

  it('leaves fields with defaults optional, as marketers write them', () => {
    const text = jsonSchemaText();
    const experiment = (generateJsonSchema() as { properties: { experiments: { items: { required: string[] } } } }).properties.experiments.items;
    expect(experiment.required).toEqual(['key', 'status', 'variations']);
    expect(text).toContain('"default": "anonymousId"');
  });
});
