/** Longest `$regex` pattern accepted (DESIGN §5 / issue 4). */
export const MAX_REGEX_LENGTH = 256;

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
  let safe = pattern.length <= MAX_REGEX_LENGTH;
  // Escapes and classes become a literal; `]` right after `[` or `[^` closes the class, as in JS.
  let p = pattern.replace(/\\[^]|\[\^?(\\[^]|[^\\\]])*\]?/g, 'x');
  // Innermost groups first. A group holding a quantifier or `|` turns into `x*`, so its parents
  // hold a quantifier too; the group's own quantifier stays for the parent to see.
  for (let q; q != p; )
    p = (q = p).replace(/\(\??([^()]*)\)(?=([*+]|\{(\d+)(,(\d*))?\})?)/, (_, inner: string, repeat?: string, n?: string, comma?: string, m?: string) => {
      const risky = /[*+?|]|\{\d+(,\d*)?\}/.test(inner);
      if (risky && repeat && (!n || (comma ? !m || +m > 1 : +n > 1))) safe = false;
      return risky ? 'x*' : 'x';
    });
  return safe && !/[()]/.test(p);
};
