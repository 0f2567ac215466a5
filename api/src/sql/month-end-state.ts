/**
 * Accounts' state at month ends (docs/metrics/README.md#month-end-state, docs/metrics/kpis.md
 * "at period end"): each account's latest state on or before the end of month M is its
 * account_month row of M, or else its carried run end (account_run_end: month < M and
 * resume_month NULL or after M), at most one each. Shared by kpis (one month) and
 * explore's delinquency measures (one month per time bucket): one definition of the state.
 */
import type { FilterSql } from '../filters/portfolio-filter.ts';

/** Buckets of a snapshot whose status is not `open` (docs/metrics/README.md#buckets). */
const NOT_OPEN = `('CLOSED', 'CHARGED_OFF')`;

/** The bucket is an open account's (the delinquency rate's denominator). */
export const isOpenSql = (bucket: string) => `(${bucket} NOT IN ${NOT_OPEN})`;

/** The bucket is an open account's in M1 or worse (docs/metrics/kpis.md delinquent_*). */
export const isDelinquentSql = (bucket: string) => `(${isOpenSql(bucket)} AND ${bucket} != 'M0')`;

/**
 * Rows `(state_month, <columns>, bucket, accounts, balance)`: the accounts' states at the end of
 * each month of `monthsSql` (an Array(Date32) of first days: a parameter or constant),
 * counted and summed per month, bucket and the given account_month columns (dimensions).
 * `filter` applies to columns both tables carry (portfolio … risk_grade, bucket).
 * The first part is answered by account_month's projection `transitions`.
 */
export function monthEndStatesSql(
  monthsSql: string,
  filter: FilterSql,
  columns: readonly string[] = [],
): string {
  const keys = columns.map((c) => `${c}, `).join('');
  return `
    SELECT month AS state_month, ${keys}toString(bucket) AS bucket, count() AS accounts, sum(balance) AS balance
    FROM account_month WHERE month IN ${monthsSql} AND ${filter.condition}
    GROUP BY state_month, ${keys}bucket
    UNION ALL
    SELECT arrayJoin(arrayFilter(m -> m > month AND (resume_month IS NULL OR m < resume_month), ${monthsSql})) AS state_month,
           ${keys}toString(bucket) AS bucket, count() AS accounts, sum(balance) AS balance
    FROM account_run_end
    WHERE month < arrayMax(${monthsSql}) AND (resume_month IS NULL OR resume_month > arrayMin(${monthsSql}))
      AND ${filter.condition}
    GROUP BY state_month, ${keys}bucket`;
}
