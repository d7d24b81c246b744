import * as z from 'zod';
import { configSchema } from './configSchema';

/**
 * The config document as JSON Schema (draft 2020-12) for editors, via a document's `$schema`.
 * Describes the document as written (`io: 'input'`): fields with defaults are optional.
 * Semantic checks (weights sum, duplicate keys, …) are not expressible here; `tidemark
 * validate` runs them.
 */
export function generateJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' });
}

/** The checked-in text of `tidemark.schema.json`: stable key order, 2-space indent, final newline. */
export const jsonSchemaText = (): string => `${JSON.stringify(generateJsonSchema(), null, 2)}\n`;
