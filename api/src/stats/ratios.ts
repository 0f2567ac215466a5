/** Small numeric helpers shared by the metrics: rounding amounts and zero-denominator rules (docs/metrics/README.md). */

/** An amount rounded to cents (docs/api.md: amounts are Float rounded to cents). */
export function cents(value: number): number {
  // Half away from zero, nudged by one ulp so 1.005 (stored as 1.00499…) rounds up.
  const rounded = Math.round(Math.abs(value) * 100 * (1 + Number.EPSILON)) / 100;
  return value < 0 ? -rounded : rounded;
}

/** numerator / denominator, or null when the denominator is 0 (nullable fields). */
export function rateOrNull(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** numerator / denominator, or 0 when the denominator is 0 (non-nullable fields). */
export function rateOrZero(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
