/**
 * One row per case with what most case metrics need (SPEC §2 case_opened /
 * case_closed, §4 "case cure within N days"). A case opened twice keeps its
 * first opening; its close is its latest `case_closed`, and `cured_at` is its
 * first closure with a cure outcome (`cured` or `paid_in_full`).
 *
 * Columns: case_id, account_id, opened_at, strategy, experiment, arm_role,
 * segment, entry_dpd, entry_balance, is_closed (UInt8), closed_at, outcome,
 * is_cured (UInt8), cured_at. closed_at/cured_at are meaningful only when the
 * flag is 1.
 */
import { CURE_OUTCOMES } from '@collections/schema';

const cureList = CURE_OUTCOMES.map((o) => `'${o}'`).join(', ');

export const CASES_SQL = `(
  SELECT o.case_id AS case_id, o.account_id AS account_id, o.opened_at AS opened_at,
         o.strategy AS strategy, o.experiment AS experiment, o.arm_role AS arm_role, o.segment AS segment,
         o.entry_dpd AS entry_dpd, o.entry_balance AS entry_balance,
         c.n > 0 AS is_closed, c.closed_at AS closed_at, c.last_outcome AS outcome,
         c.cures > 0 AS is_cured, c.cured_at AS cured_at
  FROM (
    SELECT case_id, min(occurred_at) AS opened_at,
           argMin(account_id, occurred_at) AS account_id, argMin(strategy, occurred_at) AS strategy,
           argMin(experiment, occurred_at) AS experiment, argMin(arm_role, occurred_at) AS arm_role,
           argMin(segment, occurred_at) AS segment, argMin(entry_dpd, occurred_at) AS entry_dpd,
           argMin(entry_balance, occurred_at) AS entry_balance
    FROM case_opened GROUP BY case_id
  ) AS o
  LEFT JOIN (
    SELECT case_id, count() AS n, max(occurred_at) AS closed_at, argMax(outcome, occurred_at) AS last_outcome,
           countIf(outcome IN (${cureList})) AS cures, minIf(occurred_at, outcome IN (${cureList})) AS cured_at
    FROM case_closed GROUP BY case_id
  ) AS c ON c.case_id = o.case_id
)`;

/** Cured within N days of opening (SPEC §4): needs columns is_cured, cured_at, opened_at; `days` an SQL integer expression. */
export function curedWithinSql(days: string): string {
  return `(is_cured AND cured_at <= opened_at + toIntervalDay(${days}))`;
}

/** Mature for N days: t0 + N × 24 h at or before the as-of instant (SQL expression `asOf`). */
export function matureSql(days: string, asOf: string): string {
  return `(opened_at + toIntervalDay(${days}) <= ${asOf})`;
}

const DAY_MS = 86_400_000;

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
