import { describe, expect, it } from 'vitest';
import { toIso } from './toIso';

describe('toIso', () => {
  it('matches Date#toISOString across seconds, minutes and years', () => {
    for (const ms of [0, 999, 1000, 1764237599120, 1764237599999, 1764237600000, Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2027, 0, 1)]) {
      expect(toIso(ms)).toBe(new Date(ms).toISOString());
    }
    let ms = Date.UTC(2026, 10, 27);
    for (let i = 0; i < 5000; i++) expect(toIso((ms += 397))).toBe(new Date(ms).toISOString());
  });
});
