import type * as z from 'zod';

/** One problem in a config document: dotted JSON path (`experiments.0.variations.1.weight`) and what was expected. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** Path shown for a problem with the document as a whole. */
export const ROOT_PATH = '(root)';

const describeInput = (input: unknown): string => {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (typeof input === 'object') return 'an object';
  return String(input);
};

const UNITS: Record<string, string> = { array: 'items', string: 'characters', set: 'items' };

/** "expected a number <= 1, got 2" / "expected at least 2 items, got 1". */
const sizeMessage = (iss: { origin: string; input: unknown; inclusive?: boolean | undefined }, limit: unknown, isMax: boolean): string => {
  const unit = UNITS[iss.origin];
  if (unit) {
    const got = Array.isArray(iss.input) || typeof iss.input === 'string' ? iss.input.length : '?';
    return `expected ${isMax ? 'at most' : 'at least'} ${String(limit)} ${unit}, got ${got}`;
  }
  const op = (isMax ? '<' : '>') + (iss.inclusive ? '=' : '');
  return `expected a ${iss.origin} ${op} ${String(limit)}, got ${describeInput(iss.input)}`;
};

/**
 * Per-parse error map: plain-language messages that say what was expected and what was
 * found. Returning `undefined` keeps zod's own message; schema-level messages take precedence.
 */
export const errorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? `required (expected ${iss.expected})` : `expected ${iss.expected}, got ${describeInput(iss.input)}`;
    case 'too_big':
      return sizeMessage(iss, iss.maximum, true);
    case 'too_small':
      return sizeMessage(iss, iss.minimum, false);
    case 'invalid_union':
      return iss.input === undefined ? 'required' : undefined;
    case 'invalid_value':
      return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeInput(iss.input)}`;
    default:
      return undefined;
  }
};

type Path = readonly PropertyKey[];

const joinPath = (path: Path): string => (path.length ? path.map(String).join('.') : ROOT_PATH);

/**
 * Sorts issues into document order: array items by index, fields in the order zod first
 * reported them (schema order). zod itself reports an array's own checks (duplicate keys,
 * namespace overlaps) after all its items; this puts them beside the item they name.
 */
const sortByPath = <T extends { path: Path }>(issues: T[]): T[] => {
  const rank = new Map<string, number>();
  const rankAt = (path: Path, i: number): number => {
    const key = JSON.stringify(path.slice(0, i + 1).map(String));
    if (!rank.has(key)) rank.set(key, rank.size);
    return rank.get(key)!;
  };
  for (const { path } of issues) path.forEach((_, i) => rankAt(path, i));
  return [...issues].sort(({ path: a }, { path: b }) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      return typeof x === 'number' && typeof y === 'number' ? x - y : rankAt(a, i) - rankAt(b, i);
    }
    return a.length - b.length;
  });
};

/**
 * Flattens zod issues into path + message pairs in document order; each unknown field becomes
 * its own issue at its own path.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  const flat = issues.flatMap((iss) =>
    iss.code === 'unrecognized_keys'
      ? iss.keys.map((key) => ({ path: [...iss.path, key], message: 'unknown field (not allowed here)' }))
      : [{ path: iss.path, message: iss.message }],
  );
  return sortByPath(flat).map(({ path, message }) => ({ path: joinPath(path), message }));
}
