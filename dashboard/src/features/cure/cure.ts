/** Cure-page math (docs/metrics/cure-curve.md): curve rows, cohort maturity, bucket cure rates. */
import { isDelinquent, type Bucket } from '../../lib/buckets.ts';
export interface CurePointLike {
  days: number;
  cured: number;
  matureCases: number;
  immatureCases: number;
  /** The API's cured / matureCases; null when no case is mature. */
  cureRate: number | null;
}
export interface CureCohortLike {
  cohort: string;
  cases: number;
  points: readonly CurePointLike[];
}

/** One row per N (days), one column per cohort: its cure rate, null where no case is mature. */
export function curveRows(
  cohorts: readonly CureCohortLike[],
): Record<string, string | number | null>[] {
  const days = [...new Set(cohorts.flatMap((c) => c.points.map((p) => p.days)))].sort(
    (a, b) => a - b,
  );
  return days.map((n) => {
    const row: Record<string, string | number | null> = { days: n };
    for (const c of cohorts) {
      const p = c.points.find((x) => x.days === n);
      row[c.cohort] = p?.cureRate ?? null;
    }
    return row;
  });
}

export interface CohortSummary {
  cohort: string;
  cases: number;
  /** Mature and immature cases at the checkpoint N. */
  mature: number;
  immature: number;
  cured: number;
  cureRate: number | null;
}

/** Each cohort at N = `days` (or its last point when the curve is shorter). */
export function cohortAt(cohorts: readonly CureCohortLike[], days: number): CohortSummary[] {
  return cohorts.map((c) => {
    const p = c.points.find((x) => x.days === days) ?? c.points[c.points.length - 1];
    const mature = p?.matureCases ?? 0;
    const cured = p?.cured ?? 0;
    return {
      cohort: c.cohort,
      cases: c.cases,
      mature,
      immature: p?.immatureCases ?? 0,
      cured,
      cureRate: p?.cureRate ?? null,
    };
  });
}

export interface FlowLike {
  bucket: Bucket;
  accounts: number;
  cureRate?: number | null;
}

/** Delinquent buckets (M1 … M7+) with observed accounts: their share cured to M0 next month. */
export function bucketCureRows(
  flows: readonly FlowLike[],
): { bucket: Bucket; accounts: number; cureRate: number }[] {
  return flows
    .filter((f) => isDelinquent(f.bucket) && f.accounts > 0 && f.cureRate != null)
    .map((f) => ({ bucket: f.bucket, accounts: f.accounts, cureRate: f.cureRate as number }));
}

/** Cohort label: '' (no segment) shows as "(none)". */
export const cohortLabel = (c: string) => c || '(none)';
