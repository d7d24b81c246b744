/** Longest `$regex` pattern accepted (DESIGN §5 / issue 4). */
export const MAX_REGEX_LENGTH = 256;

/** How often the quantifier at `i` lets the previous atom repeat: 0 when there is none. */
const repeats = (p: string, i: number): number => {
  const c = p[i];
  if (c == '*' || c == '+') return Infinity;
  if (c == '?') return 1;
  const m = c == '{' ? /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i)) : null;
  return m ? (m[2] ? (m[3] ? +m[3] : Infinity) : +m[1]!) : 0;
};

/**
 * A conservative guard against catastrophic backtracking. Rejects a pattern when:
 * - it is longer than 256 characters;
 * - a group that may repeat more than once (`*`, `+`, `{n,}`, `{n,m}` with m ≥ 2, `{n}` with n ≥ 2)
 *   contains any quantifier or any alternation `|`, also in nested groups: `(a+)+`, `(a*)*`,
 *   `(a|a)*`, `(a|ab)*`, `(.*a){10}`, `(\w+\s?)+`, `(?:x(a|b))+`;
 * - its parentheses are unbalanced.
 * Escapes and character classes are read as literals. Patterns such as `^foo`, `\.(png|jpg)$`
 * or `^/products/\d+$` pass. Polynomial cases without a repeated group (`.*.*x`) are not caught.
 */
export const isSafeRegex = (pattern: string): boolean => {
  if (pattern.length > MAX_REGEX_LENGTH) return false;
  // One entry per open group: bit 1 = contains a quantifier, bit 2 = contains `|`.
  const groups = [0];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const top = groups.length - 1;
    if (c == '\\') i++;
    else if (c == '[') {
      // `]` right after `[` or `[^` closes the class in JS (`[]`, `[^]`).
      if (pattern[++i] == '^') i++;
      while (i < pattern.length && pattern[i] != ']') if (pattern[i++] == '\\') i++;
    } else if (c == '(') {
      groups.push(0);
      if (pattern[i + 1] == '?') i++; // `(?:`, `(?=`, `(?<name>`: not a quantifier
    } else if (c == '|') groups[top]! |= 2;
    else if (c == ')') {
      const inner = groups.pop()!;
      if (!top) return false;
      if (inner && repeats(pattern, i + 1) > 1) return false;
      groups[top - 1]! |= inner;
    } else if (repeats(pattern, i)) groups[top]! |= 1;
  }
  return groups.length == 1;
};
