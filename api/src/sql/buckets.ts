/**
 * docs/metrics/README.md#buckets, "worse than" as a number, for "ever at 30+" or "back in M1 or worse"
 * tests on snapshots: 1 (M0) … 8 (M7_PLUS), 9 (CHARGED_OFF); 0 for CLOSED,
 * which is neither better nor worse and so never passes a `>= rank` test.
 */
import { BUCKETS, bucketSql, type Bucket } from '@collections/schema';

const RANKED = BUCKETS.filter((b) => b !== 'CLOSED');

/** Rank of a snapshot given the SQL expressions of its status and dpd. */
export function bucketRankSql(status = 'status', dpd = 'dpd'): string {
  return `toUInt8(indexOf([${RANKED.map((b) => `'${b}'`).join(', ')}], ${bucketSql(status, dpd)}))`;
}

/** The rank `bucketRankSql` gives a bucket other than CLOSED. */
export function rankOf(bucket: Exclude<Bucket, 'CLOSED'>): number {
  return RANKED.indexOf(bucket) + 1;
}
