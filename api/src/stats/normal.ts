/** Standard normal distribution, from @stdlib (STYLE.md: a kept library, not a hand-rolled approximation). */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Φ(x) of the standard normal. */
export function phi(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Φ⁻¹(p) of the standard normal. */
export function phiInverse(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** The two-sided critical value z for a confidence level, e.g. 0.95 → 1.95996. */
export function twoSidedZ(confidence: number): number {
  return phiInverse(1 - (1 - confidence) / 2);
}
