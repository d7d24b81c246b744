/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const repair = (text: string) => text.replace(LONE_SURROGATE, '\ufffd');

/**
 * Copy of a JSON value with lone surrogates in its strings and keys replaced by U+FFFD, as a
 * browser does for USVStrings. JSON may carry them (`"\ud800"`), DuckDB refuses them, and a
 * batch refused by the database would be retried by the client forever.
 */
export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return repair(value) as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [repair(key), wellFormed(item)])) as T;
}
