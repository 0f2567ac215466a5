/**
 * docs/metrics/post-cure-relapse.md: of the cases whose close (their latest case_closed)
 * is `cured` and falls in [from, to] (local days), the share whose account has a
 * snapshot in M1 or worse (CHARGED_OFF included, CLOSED not) dated after the
 * cure day and at most RELAPSE_WINDOW_DAYS after it. A cure whose window has
 * not ended by the as-of date is immature: counted apart, never in the rate.
 * One row per cure month (REPORT_TZ).
 */
import { RELAPSE_HORIZON_DAYS } from '@collections/schema/derived';
import type { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { caseFilterSql, portfolioColumnsSql } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { asOfDateSql } from '../../sql/as-of.ts';
import { inPeriodSql } from '../../sql/period.ts';

/** docs/metrics/post-cure-relapse.md: "back in M1 or worse within 90 days of the cure". */
export const RELAPSE_WINDOW_DAYS = 90;

// case_dims keeps the snapshot days up to RELAPSE_HORIZON_DAYS after the UTC close day;
// the local cure day may be one day later.
if (RELAPSE_WINDOW_DAYS + 1 > RELAPSE_HORIZON_DAYS)
  throw new Error('case_dims.relapse_days does not cover the relapse window');

/** A case_dims row whose latest closure is `cured` (the cures of the metric). */
export const CURED_CLOSE_SQL = "is_closed AND outcome = 'cured'";

/**
 * Per cure on case_dims columns: its local day (`cure_date`), whether its window ended
 * by the as-of date (`mature`) and whether the account was back in M1+ inside it
 * (`relapsed`). Parameters: {tz:String}, {window:UInt16} (RELAPSE_WINDOW_DAYS).
 * Also explore's cure measures (explore.sql-cohort.ts).
 */
export const RELAPSE_COLUMNS_SQL = `toDate(closed_at, {tz:String}) AS cure_date,
  addDays(cure_date, {window:UInt16}) <= ${asOfDateSql('{tz:String}')} AS mature,
  -- relapse_days: the account's M1+ snapshot days around the close (case_dims)
  arrayExists(d -> d > cure_date AND d <= addDays(cure_date, {window:UInt16}), relapse_days) AS relapsed`;

export interface RelapseArgs {
  readonly from: string;
  readonly to: string;
  readonly filter?: PortfolioFilter | null;
  readonly tz: string;
}

export interface RelapseRow {
  month: string;
  n_cured: number;
  n_mature: number;
  n_relapsed: number;
  n_immature_relapsed: number;
}

export function relapseQuery(args: RelapseArgs): SqlQuery {
  // case_dims carries the account's dimensions: no account-id set. Like the lookup
  // (ACCOUNTS_SQL), a filter matches only accounts that have an account_opened.
  const columns = portfolioColumnsSql(args.filter);
  const accounts = columns.condition === '1' ? '1' : `has_opened AND ${columns.condition}`;
  // case_dims has no case dimensions: those go through case_outcome_facts
  const cases = caseFilterSql(args.filter, 'case_id', { accounts: false });
  const filter = `${accounts} AND ${cases.condition}`;
  return {
    query: `
      -- output aliases differ from the inner columns: ClickHouse would resolve those to the alias
      SELECT formatDateTime(cure_date, '%Y-%m') AS month,
             toUInt32(count()) AS n_cured,
             toUInt32(countIf(mature)) AS n_mature,
             toUInt32(countIf(mature AND relapsed)) AS n_relapsed,
             toUInt32(countIf(NOT mature AND relapsed)) AS n_immature_relapsed
      FROM (
        SELECT ${RELAPSE_COLUMNS_SQL}
        FROM case_dims
        WHERE ${CURED_CLOSE_SQL} AND ${inPeriodSql('closed_at')} AND ${filter}
      )
      GROUP BY month
      ORDER BY month`,
    query_params: {
      from: args.from,
      to: args.to,
      tz: args.tz,
      window: RELAPSE_WINDOW_DAYS,
      ...columns.params,
      ...cases.params,
    },
  };
}
