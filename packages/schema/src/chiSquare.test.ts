import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, chiSquareTest, gammaQ, logGamma } from './chiSquare';

/** Closed form for even df: P(X ≥ x) = e^(-x/2) Σ_{i<df/2} (x/2)^i / i!. */
const evenDfSurvival = (x: number, df: number): number => {
  let term = 1;
  let sum = 1;
  for (let i = 1; i < df / 2; i++) {
    term *= x / 2 / i;
    sum += term;
  }
  return Math.exp(-x / 2) * sum;
};

describe('logGamma', () => {
  it('matches ln((n-1)!) for integers', () => {
    let factorial = 1;
    for (let n = 1; n < 30; n++) {
      expect(logGamma(n)).toBeCloseTo(Math.log(factorial), 10);
      factorial *= n;
    }
  });

  it('gives Γ(1/2) = √π', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});

describe('chiSquareSurvival', () => {
  it.each([2, 4, 10, 50])('matches the closed form for df %i across x', (df) => {
    for (const x of [0.01, 0.5, 1, 2, 5, df - 1, df, df + 1, 20, 60, 120]) {
      const expected = evenDfSurvival(x, df);
      expect(Math.abs(chiSquareSurvival(x, df) - expected)).toBeLessThan(1e-12 + expected * 1e-9);
    }
  });

  it('gives the textbook critical values for odd df', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(6.634896601021214, 1)).toBeCloseTo(0.01, 10);
    expect(chiSquareSurvival(10.827566170662733, 1)).toBeCloseTo(0.001, 10);
    expect(chiSquareSurvival(7.814727903251178, 3)).toBeCloseTo(0.05, 10);
  });

  it('is 1 at x = 0 and vanishes far in the tail', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(1000, 1)).toBeLessThan(1e-200);
  });

  it('keeps Q(a, x) within [0, 1] and decreasing in x', () => {
    let previous = 1;
    for (let x = 0; x < 40; x += 0.25) {
      const q = gammaQ(2.5, x);
      expect(q).toBeGreaterThanOrEqual(0);
      expect(q).toBeLessThanOrEqual(previous);
      previous = q;
    }
  });
});

describe('chiSquareTest', () => {
  it('gives p = 1 for counts exactly on the expected split', () => {
    expect(chiSquareTest([500, 250, 250], [0.5, 0.25, 0.25])).toEqual({ statistic: 0, df: 2, pValue: 1 });
  });

  it('gives a small p-value for a 50.5/49.5 split of 100,000', () => {
    const { statistic, df, pValue } = chiSquareTest([50_500, 49_500], [0.5, 0.5]);
    expect(statistic).toBeCloseTo(10, 10);
    expect(df).toBe(1);
    expect(pValue).toBeCloseTo(0.001565402258, 9);
  });

  it('leaves zero-weight variations out of the degrees of freedom', () => {
    expect(chiSquareTest([100, 0, 100], [0.5, 0, 0.5])).toMatchObject({ statistic: 0, df: 1, pValue: 1 });
  });

  it('gives p = 1 when nobody was counted', () => {
    expect(chiSquareTest([0, 0], [0.5, 0.5]).pValue).toBe(1);
  });
});
