import type { Json } from './types';

const MAX_DEPTH = 16;

/**
 * Turns host-page values into JSON as `JSON.stringify` would, but without throwing:
 * functions, symbols and `undefined` are dropped (`null` inside arrays), `Date` becomes an ISO
 * string, `BigInt` a string, non-finite numbers `null`, and cycles and very deep nesting are cut.
 */
export const normalize = (value: unknown, ancestors: unknown[] = []): Json | undefined => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return isFinite(value) ? value : null;
    case 'bigint':
      return String(value);
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (ancestors.includes(value) || ancestors.length >= MAX_DEPTH) return undefined;
  if (value instanceof Date) return isNaN(+value) ? null : value.toISOString();
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    return normalize(toJSON.call(value), ancestors);
  }
  ancestors.push(value);
  let out: Json;
  if (Array.isArray(value)) {
    out = value.map((item) => normalize(item, ancestors) ?? null);
  } else {
    out = {};
    for (const key of Object.keys(value)) {
      const v = normalize((value as Record<string, unknown>)[key], ancestors);
      if (v !== undefined) out[key] = v;
    }
  }
  ancestors.pop();
  return out;
};

/** Normalises a properties or traits argument; anything but a plain object yields `{}`. */
export const normalizeRecord = (value: unknown): Record<string, Json> => {
  const out = value && typeof value === 'object' && !Array.isArray(value) ? normalize(value) : undefined;
  return (out ?? {}) as Record<string, Json>;
};
