/**
 * Statistics of proportions and ratios for champion/challenger comparisons
 * (docs/metrics/strategy-comparison.md). Pure functions, no database.
 */
import { phi, phiInverse, twoSidedZ } from './normal.ts';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * Wilson score interval of `successes` out of `n` at `confidence`.
 * n = 0 carries no information: the whole range [0, 1] (docs/metrics/strategy-comparison.md).
 */
export function wilsonInterval(successes: number, n: number, confidence: number): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const z = twoSidedZ(confidence);
  const p = successes / n;
  const z2n = (z * z) / n;
  const denominator = 1 + z2n;
  const centre = (p + z2n / 2) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Sums over the cases of an arm from which a ratio estimator and its variance follow. */
export interface RatioSums {
  /** number of cases */
  readonly n: number;
  /** Σ yᵢ (recovered) */
  readonly sumY: number;
  /** Σ xᵢ (entry balance) */
  readonly sumX: number;
  readonly sumYY: number;
  readonly sumXY: number;
  readonly sumXX: number;
}

/**
 * Ratio R = Σy / Σx with the delta-method interval of docs/metrics/README.md:
 * SE = sqrt(Σ(yᵢ − R·xᵢ)² / (n(n−1))) / x̄, using
 * Σ(y − Rx)² = Σy² − 2RΣxy + R²Σx². R is 0 when Σx = 0; with fewer than two
 * cases the variance is unknown and the interval collapses to R. The low end
 * is clipped at 0 (a recovery cannot be negative).
 */
export function ratioWithInterval(
  sums: RatioSums,
  confidence: number,
): { rate: number; interval: Interval } {
  const { n, sumY, sumX } = sums;
  if (n === 0 || sumX === 0) return { rate: 0, interval: { low: 0, high: 0 } };
  const rate = sumY / sumX;
  if (n < 2) return { rate, interval: { low: rate, high: rate } };
  const squares = Math.max(0, sums.sumYY - 2 * rate * sums.sumXY + rate * rate * sums.sumXX);
  const se = Math.sqrt(squares / (n * (n - 1))) / (sumX / n);
  const z = twoSidedZ(confidence);
  return { rate, interval: { low: Math.max(0, rate - z * se), high: rate + z * se } };
}

/**
 * Two-sided p-value of the pooled two-proportion z-test of x1/n1 against x2/n2.
 * null when an arm is empty; 1 when the pooled rate is 0 or 1 (no variance, no difference).
 */
export function twoProportionPValue(x1: number, n1: number, x2: number, n2: number): number | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = (x1 / n1 - x2 / n2) / se;
  return Math.min(1, 2 * (1 - phi(Math.abs(z))));
}

/**
 * Cases per arm needed to detect the difference between rates p1 and p2 with a
 * two-sided test at `confidence` and the given power (normal approximation,
 * unpooled alternative variance, no continuity correction):
 * n = (z_{α/2}·√(2p̄(1−p̄)) + z_β·√(p1(1−p1) + p2(1−p2)))² / (p1 − p2)².
 * null when the rates are equal (no difference to detect).
 */
export function casesPerArmForPower(
  p1: number,
  p2: number,
  confidence: number,
  power = 0.8,
): number | null {
  if (p1 === p2) return null;
  const mean = (p1 + p2) / 2;
  const zAlpha = twoSidedZ(confidence);
  const zBeta = phiInverse(power);
  const numerator =
    zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((numerator * numerator) / ((p1 - p2) * (p1 - p2)));
}
