/** Do the engines agree? Canonical answers compared record by record (pure, unit-tested). */
import type { Canonical } from './metrics/types.ts';

export interface Comparison {
  readonly metric: string;
  readonly agree: boolean;
  readonly compared: string[];
  readonly detail?: string;
}

/**
 * Canonical values are already rounded (amounts to cents, rates to 6 places):
 * allow one unit in the 6th place for a rate computed in floating point on one
 * side and from exact sums on the other; amounts must match to the cent.
 */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1.5e-6;
  return a === b;
}

export function compareCanonical(
  metric: string,
  answers: readonly { label: string; canonical: Canonical }[],
): Comparison {
  const compared = answers.map((a) => a.label);
  const [first, ...rest] = answers;
  if (!first) return { metric, agree: true, compared };
  for (const other of rest) {
    if (other.canonical.length !== first.canonical.length) {
      return {
        metric,
        agree: false,
        compared,
        detail: `${first.label} has ${first.canonical.length} rows, ${other.label} ${other.canonical.length}`,
      };
    }
    for (let i = 0; i < first.canonical.length; i++) {
      const a = first.canonical[i]!;
      const b = other.canonical[i]!;
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (!same(a[key], b[key])) {
          return {
            metric,
            agree: false,
            compared,
            detail: `row ${i} ${key}: ${first.label} ${JSON.stringify(a[key])} vs ${other.label} ${JSON.stringify(b[key])} (${JSON.stringify(a)})`,
          };
        }
      }
    }
  }
  return { metric, agree: true, compared };
}

/**
 * Rows of two forms of one query as comparable text: numbers to 9 significant
 * digits (summation order may differ), rows sorted (before/after benches).
 */
export function canonicalRows(rows: readonly unknown[]): string {
  return rows
    .map((r) =>
      JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)),
    )
    .sort()
    .join('\n');
}
