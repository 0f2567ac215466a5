/**
 * One row per case with what most case metrics need (docs/etl.md case_opened /
 * case_closed, §4 "case cure within N days"). A case opened twice keeps its
 * first opening; its close is its latest `case_closed`, and `cured_at` is its
 * first closure with a cure outcome (`cured` or `paid_in_full`).
 *
 * Columns: case_id, account_id, opened_at, strategy, experiment, arm_role,
 * segment, entry_dpd, entry_balance, is_closed (UInt8), closed_at, outcome,
 * is_cured (UInt8), cured_at. closed_at/cured_at are meaningful only when the
 * flag is 1.
 *
 * Reads the derived table `case_facts` (schema/src/derived/case-facts/index.ts), which
 * the ETL refreshes after every load; docs/decisions/003-per-case-facts.md.
 */
import { AS_OF_INSTANT_SQL } from './as-of.ts';

export const CASES_SQL = `(
  SELECT case_id, account_id, opened_at, strategy, experiment, arm_role, segment, entry_dpd, entry_balance,
         is_closed, closed_at, outcome, is_cured, cured_at
  FROM case_facts
)`;

/** Cured within N days of opening (docs/metrics/README.md): needs columns is_cured, cured_at, opened_at; `days` an SQL integer expression. */
export function curedWithinSql(days: string): string {
  return `(is_cured AND cured_at <= opened_at + toIntervalDay(${days}))`;
}

/** Mature for N days: t0 + N × 24 h at or before the as-of instant (SQL expression `asOf`). */
export function matureSql(days: string, asOf: string): string {
  return `(opened_at + toIntervalDay(${days}) <= ${asOf})`;
}

/**
 * Σ of a case's per-day amounts (case_outcome_facts' pay_days/pay_amounts,
 * cost_days/cost_amounts) whose day offset from opening is at most N: the window
 * [t0, t0 + N × 24 h] (docs/metrics/strategy-comparison.md).
 */
export function withinDaysSumSql(days: string, offsets: string, amounts: string): string {
  return `toFloat64(arraySum(arrayFilter((a, d) -> d <= ${days}, ${amounts}, ${offsets})))`;
}

const DAY_MS = 86_400_000;

/** docs/metrics/kpis.md, cure_rate_30d: cure within 30 days. */
export const CURE_DAYS_30 = '30';

/** A case mature for N days at the as-of instant (a cure rate's denominator), on case_facts columns. */
export const cureMatureSql = (days: string) => matureSql(days, AS_OF_INSTANT_SQL);

/** A mature case cured within N days (a cure rate's numerator; docs/metrics/cure-curve.md, point N). */
export const curedMatureSql = (days: string) =>
  `(${cureMatureSql(days)} AND ${curedWithinSql(days)})`;

/** A case mature for 30 days (the cure_rate_30d denominator), on case_facts columns. */
export const CURE_MATURE_30D_SQL = cureMatureSql(CURE_DAYS_30);

/** A mature case cured within 30 days (the cure_rate_30d numerator). */
export const CURED_30D_SQL = curedMatureSql(CURE_DAYS_30);

/** Days from open to close (docs/metrics/case-outcomes.md: elapsed hours / 24), on columns of a table alias prefix ('' or 'c.'). */
export function daysToCloseSql(prefix = ''): string {
  return `(toUnixTimestamp64Milli(${prefix}closed_at) - toUnixTimestamp64Milli(${prefix}opened_at)) / ${DAY_MS}`;
}

/**
 * The smallest N for which `curedWithinSql(N)` holds: ceil((cured_at − opened_at) / 24 h),
 * 0 for a cure at or before the opening, NULL when the case has no cure. Lets a
 * cure curve aggregate once per case instead of once per (case, N).
 */
export const CURE_DAY_SQL = `if(is_cured, toInt64(greatest(0, intDiv(toUnixTimestamp64Milli(cured_at) - toUnixTimestamp64Milli(opened_at) + ${DAY_MS - 1}, ${DAY_MS}))), NULL)`;

/** The largest N for which `matureSql(N, asOf)` holds: floor((asOf − opened_at) / 24 h), −1 when opened after asOf. */
export function matureDaysSql(asOf: string): string {
  return `toInt64(floor((toUnixTimestamp64Milli(${asOf}) - toUnixTimestamp64Milli(opened_at)) / ${DAY_MS}))`;
}
