/** Forecast chart rows (docs/metrics/loss-forecast.md): one row per month, one column per bucket. */
import { BUCKETS, type Bucket } from '../../lib/buckets.ts';
import type { Basis } from '../roll-rates/matrix.ts';

export interface BucketAmountLike {
  bucket: Bucket;
  accounts: number;
  balance: number;
}

/** The start distribution (labelled with the base month) followed by each projected month. */
export function projectionRows(
  baseMonth: string,
  start: readonly BucketAmountLike[],
  months: readonly { month: string; buckets: readonly BucketAmountLike[] }[],
  basis: Basis,
): Record<string, string | number>[] {
  const row = (month: string, buckets: readonly BucketAmountLike[]) => {
    const out: Record<string, string | number> = { month };
    for (const b of BUCKETS) {
      const x = buckets.find((y) => y.bucket === b);
      out[b] = x ? (basis === 'count' ? x.accounts : x.balance) : 0;
    }
    return out;
  };
  return [row(baseMonth, start), ...months.map((m) => row(m.month, m.buckets))];
}

/** Buckets that carry anything in any row, in bucket order (keeps legends short). */
export function presentBuckets(rows: readonly Record<string, string | number>[]): Bucket[] {
  return BUCKETS.filter((b) => rows.some((r) => Number(r[b]) > 0));
}
