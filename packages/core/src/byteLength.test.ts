import { describe, expect, it } from 'vitest';
import { byteLength } from './byteLength';

describe('byteLength', () => {
  it('matches TextEncoder for ASCII, 2-byte, 3-byte and astral characters', () => {
    for (const s of ['', 'abc', 'é', 'ß€', '中文字符', '😀', 'a😀b€é', '\u07ff\u0800\uffff']) {
      expect(byteLength(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});
