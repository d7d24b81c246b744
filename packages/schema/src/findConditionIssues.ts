import { isSafeRegex, MAX_REGEX_LENGTH } from '@tidemark/experiments';

/** A problem inside a condition, at a path relative to the condition. */
export interface ConditionIssue {
  path: (string | number)[];
  message: string;
}

type Path = (string | number)[];

const LOGICAL = ['$and', '$or', '$nor'];
const TYPES = ['string', 'number', 'boolean', 'array', 'object', 'null', 'undefined'];
const ARRAY_OPERATORS = ['$in', '$nin', '$all', '$ini', '$nini', '$alli'];
const VERSION_OPERATORS = ['$veq', '$vne', '$vgt', '$vgte', '$vlt', '$vlte'];
/** The operators of DESIGN §4 plus GrowthBook's case-insensitive ones; anything else evaluates as "no match". */
const VALUE_OPERATORS = new Set([
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$regex', '$regexi', '$exists', '$type', '$size', '$elemMatch', '$not',
  ...ARRAY_OPERATORS,
  ...VERSION_OPERATORS,
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOperatorObject = (v: Record<string, unknown>) => {
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
};

/**
 * Walks a GrowthBook-style condition the way `evalCondition` reads it and reports what would
 * silently evaluate to "no match" in the SDK: unknown operators, operands of the wrong shape,
 * invalid regexes, and regexes `isSafeRegex` refuses (catastrophic backtracking, > 256 chars).
 */
export function findConditionIssues(condition: unknown, path: Path = []): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const report = (at: Path, message: string): void => {
    issues.push({ path: at, message });
  };

  const walkCondition = (cond: unknown, at: Path): void => {
    if (!isPlainObject(cond)) return report(at, 'expected a condition object');
    for (const [key, value] of Object.entries(cond)) {
      const here = [...at, key];
      if (LOGICAL.includes(key)) {
        if (!Array.isArray(value)) report(here, `expected an array of conditions for ${key}`);
        else value.forEach((c, i) => walkCondition(c, [...here, i]));
      } else if (key === '$not') walkCondition(value, here);
      else if (key.startsWith('$')) report(here, `unknown operator ${key} (expected an attribute path, $and, $or, $nor or $not)`);
      else walkValue(value, here);
    }
  };

  // A value under an attribute path: a literal to compare with, or an object of operators.
  const walkValue = (value: unknown, at: Path): void => {
    if (!isPlainObject(value)) return;
    if (!isOperatorObject(value)) {
      if (Object.keys(value).some((k) => k.startsWith('$')))
        report(at, 'mixes operators and plain fields; the SDK would compare it as a literal object');
      return;
    }
    for (const [op, operand] of Object.entries(value)) walkOperator(op, operand, [...at, op]);
  };

  const walkOperator = (op: string, operand: unknown, at: Path): void => {
    if (!VALUE_OPERATORS.has(op)) return report(at, `unknown operator ${op}`);
    if (ARRAY_OPERATORS.includes(op) && !Array.isArray(operand)) return report(at, `expected an array for ${op}`);
    if (VERSION_OPERATORS.includes(op) && typeof operand !== 'string') return report(at, `expected a version string for ${op}`);
    switch (op) {
      case '$regex':
      case '$regexi':
        return checkRegex(operand, at);
      case '$exists':
        if (typeof operand !== 'boolean') report(at, 'expected true or false for $exists');
        return;
      case '$type':
        if (typeof operand !== 'string' || !TYPES.includes(operand)) report(at, `expected one of ${TYPES.join(', ')} for $type`);
        return;
      case '$not':
      case '$size':
        return walkValue(operand, at);
      case '$all':
      case '$alli':
        return (operand as unknown[]).forEach((v, i) => walkValue(v, [...at, i]));
      case '$elemMatch':
        // GrowthBook: an operator object tests each element, anything else is a condition on it.
        if (isPlainObject(operand) && isOperatorObject(operand)) return walkValue(operand, at);
        return walkCondition(operand, at);
    }
  };

  const checkRegex = (pattern: unknown, at: Path): void => {
    if (typeof pattern !== 'string') return report(at, 'expected a regular expression string');
    try {
      new RegExp(pattern);
    } catch {
      return report(at, `invalid regular expression ${JSON.stringify(pattern)}`);
    }
    if (pattern.length > MAX_REGEX_LENGTH) report(at, `unsafe regular expression: longer than ${MAX_REGEX_LENGTH} characters (${pattern.length})`);
    else if (!isSafeRegex(pattern))
      report(at, `unsafe regular expression ${JSON.stringify(pattern)}: nested or overlapping quantifiers can backtrack catastrophically`);
  };

  walkCondition(condition, path);
  return issues;
}
