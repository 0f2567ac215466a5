/**
 * SPEC §4 Post-cure relapse: of the cases whose close (their latest case_closed)
 * is `cured` and falls in [from, to] (local days), the share whose account has a
 * snapshot in M1 or worse (CHARGED_OFF included, CLOSED not) dated after the
 * cure day and at most RELAPSE_WINDOW_DAYS after it. A cure whose window has
 * not ended by the as-of date is immature: counted apart, never in the rate.
 * One row per cure month (REPORT_TZ).
 */
import type { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { portfolioFilterSql } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { asOfDateSql } from '../../sql/as-of.ts';
import { bucketRankSql, rankOf } from '../../sql/buckets.ts';
import { CASES_SQL } from '../../sql/cases.ts';
import { inPeriodSql } from '../../sql/period.ts';

/** SPEC §4: "back in M1 or worse within 90 days of the cure". */
export const RELAPSE_WINDOW_DAYS = 90;

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
  const filter = portfolioFilterSql(args.filter, 'account_id');
  const cures = `(
    SELECT case_id, account_id, toDate(closed_at, {tz:String}) AS cure_date
    FROM ${CASES_SQL}
    WHERE is_closed AND outcome = 'cured' AND ${inPeriodSql('closed_at')} AND ${filter.condition}
  )`;
  return {
    query: `
      -- output aliases differ from the inner columns: ClickHouse would resolve those to the alias
      SELECT formatDateTime(cure_date, '%Y-%m') AS month,
             toUInt32(count()) AS n_cured,
             toUInt32(countIf(mature)) AS n_mature,
             toUInt32(countIf(mature AND relapsed)) AS n_relapsed,
             toUInt32(countIf(NOT mature AND relapsed)) AS n_immature_relapsed
      FROM (
        SELECT c.case_id AS case_id, c.cure_date AS cure_date,
               addDays(c.cure_date, {window:UInt16}) <= ${asOfDateSql('{tz:String}')} AS mature,
               countIf(s.as_of > c.cure_date AND s.as_of <= addDays(c.cure_date, {window:UInt16})) > 0 AS relapsed
        FROM ${cures} AS c
        LEFT JOIN (
          SELECT account_id, as_of FROM account_snapshot
          WHERE ${bucketRankSql('status', 'dpd')} >= ${rankOf('M1')}
            AND account_id IN (SELECT account_id FROM ${cures})
        ) AS s ON s.account_id = c.account_id
        GROUP BY c.case_id, c.cure_date
      )
      GROUP BY month
      ORDER BY month
      SETTINGS join_use_nulls = 1`,
    query_params: {
      from: args.from,
      to: args.to,
      tz: args.tz,
      window: RELAPSE_WINDOW_DAYS,
      ...filter.params,
    },
  };
}
