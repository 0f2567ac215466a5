/** A core query as the benchmark sees it: SQL for the comparison engines and a canonical answer to compare. */
import type { Dialect } from '../tables.ts';
import type { Row } from '../engines/types.ts';

/** Arguments of one benchmark run, derived from the data's date range (see args.ts). */
export interface BenchArgs {
  /** rollRates: the 24 (or fewer) origin months, first days, YYYY-MM-DD. */
  readonly fromMonth: string;
  readonly toMonth: string;
  /** The last year up to the as-of date, YYYY-MM-DD, inclusive. */
  readonly from: string;
  readonly to: string;
  /** The champion/challenger experiment compared. */
  readonly experiment: string;
  readonly cureWithinDays: number;
  readonly maxDays: number;
  readonly forecastMonths: number;
  readonly graceDays: number;
}

/** Flat records, sorted, numbers rounded: what two engines must agree on. */
export type Canonical = Record<string, string | number | null>[];

export interface ComparisonSql {
  readonly name: string;
  sql(dialect: Dialect): string;
  params(args: BenchArgs): unknown[];
  canonical(rows: Row[]): Canonical;
}

/** Numbers as the engines return them (string, number, bigint, null) rounded to `digits`. */
export function num(value: unknown, digits = 6): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const cents = (value: unknown) => num(value, 2);

export function ratio(n: unknown, d: unknown): number | null {
  const den = Number(d);
  return den === 0 ? null : num(Number(n) / den);
}

export function sortBy(rows: Canonical, ...keys: string[]): Canonical {
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = String(a[k]);
      const y = String(b[k]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}
