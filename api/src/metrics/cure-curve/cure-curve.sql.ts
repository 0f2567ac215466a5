/**
 * docs/metrics/cure-curve.md, as a curve: for cases opened in [from, to]
 * (local days in REPORT_TZ), grouped into cohorts, and every N in 0…maxDays:
 * mature cases (t0 + N × 24 h ≤ as-of), immature cases, and cured-within-N
 * among the mature ones. Each case is first reduced to its cure day and its
 * last mature day (cases.ts), grouped, and only then expanded over N, so the
 * expansion costs (cohorts × distinct day pairs × N), not (cases × N).
 */
import { assertNever } from '@collections/schema';
import type { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { andSql, caseColumnsSql, portfolioFilterSql } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { AS_OF_INSTANT_SQL } from '../../sql/as-of.ts';
import { CASES_SQL, CURE_DAY_SQL, matureDaysSql } from '../../sql/cases.ts';
import { inPeriodSql } from '../../sql/period.ts';
import { CureCohortBy } from './cure-curve.types.ts';

export interface CureCurveArgs {
  readonly from: string;
  readonly to: string;
  readonly cohortBy: CureCohortBy;
  readonly maxDays: number;
  readonly filter?: PortfolioFilter | null;
  readonly tz: string;
}

export interface CureCurveRow {
  cohort: string;
  days: number;
  cases: number;
  mature: number;
  immature: number;
  cured: number;
}

/** Cohort key of a case (whitelisted expressions only). */
function cohortSql(cohortBy: CureCohortBy): string {
  switch (cohortBy) {
    case CureCohortBy.MONTH:
      return `formatDateTime(opened_at, '%Y-%m', {tz:String})`;
    case CureCohortBy.STRATEGY:
      return 'strategy';
    case CureCohortBy.SEGMENT:
      return 'segment';
    case CureCohortBy.ALL:
      return `'all'`;
    default:
      return assertNever(cohortBy);
  }
}

export function cureCurveQuery(args: CureCurveArgs): SqlQuery {
  // CASES_SQL carries the case dimensions; the account ones are looked up
  const filter = andSql(portfolioFilterSql(args.filter, 'account_id'), caseColumnsSql(args.filter));
  return {
    query: `
      SELECT cohort, toUInt32(n) AS days,
             toUInt32(sum(c)) AS cases,
             toUInt32(sumIf(c, last_mature >= n)) AS mature,
             toUInt32(sumIf(c, last_mature < n)) AS immature,
             toUInt32(sumIf(c, last_mature >= n AND first_cured <= n)) AS cured
      FROM (
        SELECT cohort,
               least(ifNull(cure_day, {maxDays:UInt16} + 1), {maxDays:UInt16} + 1) AS first_cured,
               least(mature_days, {maxDays:UInt16}) AS last_mature,
               count() AS c
        FROM (
          SELECT ${cohortSql(args.cohortBy)} AS cohort, ${CURE_DAY_SQL} AS cure_day,
                 ${matureDaysSql(AS_OF_INSTANT_SQL)} AS mature_days
          FROM ${CASES_SQL}
          WHERE ${inPeriodSql('opened_at')} AND ${filter.condition}
        )
        GROUP BY cohort, first_cured, last_mature
      )
      ARRAY JOIN range(toUInt32({maxDays:UInt16}) + 1) AS n
      GROUP BY cohort, n
      ORDER BY cohort, n`,
    query_params: {
      from: args.from,
      to: args.to,
      tz: args.tz,
      maxDays: args.maxDays,
      ...filter.params,
    },
  };
}
