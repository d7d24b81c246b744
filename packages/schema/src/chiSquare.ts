/** Result of a chi-square goodness-of-fit test. */
export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
}

// Lanczos approximation (g = 7, n = 9), accurate to ~15 digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPSILON = 1e-15;
const MAX_ITERATIONS = 10_000;

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a): the series for P when
 * x < a + 1, else a continued fraction (modified Lentz), as in Numerical Recipes §6.2.
 */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS && Math.abs(term) > Math.abs(sum) * EPSILON; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(logPrefix) * h;
}

/** P(X ≥ x) for X ~ χ²(df). */
export const chiSquareSurvival = (x: number, df: number): number => gammaQ(df / 2, x / 2);

/**
 * Goodness of fit of observed counts to expected shares: the sample ratio mismatch (SRM)
 * check. Categories with a zero share are left out (nothing can land there). A p-value
 * below 0.001 means the split is almost certainly not the configured one.
 */
export function chiSquareTest(observed: readonly number[], shares: readonly number[]): ChiSquareResult {
  const total = observed.reduce((a, b) => a + b, 0);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  if (total === 0 || shareSum <= 0) return { statistic: 0, df: Math.max(shares.length - 1, 1), pValue: 1 };
  let statistic = 0;
  let categories = 0;
  shares.forEach((share, i) => {
    if (share <= 0) return;
    const expected = (total * share) / shareSum;
    statistic += ((observed[i] ?? 0) - expected) ** 2 / expected;
    categories++;
  });
  const df = Math.max(categories - 1, 1);
  return { statistic, df, pValue: chiSquareSurvival(statistic, df) };
}
