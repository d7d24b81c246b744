import { describe, expect, it } from 'vitest';
import { isSafeRegex } from './isSafeRegex';

// The accepted and rejected pattern lists are vectors: test/cases/isSafeRegex.json.
describe('isSafeRegex', () => {
  it('reads escapes and character classes as literals', () => {
    expect(isSafeRegex('\\((a|b)\\)+')).toBe(true);
    expect(isSafeRegex('[(|)]+')).toBe(true);
    expect(isSafeRegex('[\\]](a|b)+')).toBe(false);
  });
});
