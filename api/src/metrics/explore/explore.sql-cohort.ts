/**
 * Explore's SQL for the cohort facts (docs/metrics/explore.md "Cohort measures"),
 * each over the derived table and the SQL of the named metric that defines it:
 * - cure-curve points N (7, 60, 90; 30 is kpis'): the opened_cases fact with the
 *   mature and cured rules of sql/cases.ts (as kpis and cureCurve);
 * - cures: case_dims' cures closed in the period with RELAPSE_COLUMNS_SQL (as
 *   postCureRelapse), joined to their case's dimensions only when needed;
 * - legal_cases: legal_case_facts by first legal action (as legalPipeline);
 * - vintages: account_vintage grouped as vintages (vintageGroupsSql), expanded over
 *   months-on-book only when MONTHS_ON_BOOK is asked, else at the as-of month.
 */
import { portfolioColumnsSql, type FilterSql } from '../../filters/portfolio-filter.ts';
import { cureMatureSql, curedMatureSql } from '../../sql/cases.ts';
import { inPeriodSql } from '../../sql/period.ts';
import { DAYS_TO_FIRST_ACTION_SQL } from '../legal/legal.sql.ts';
import {
  CURED_CLOSE_SQL,
  RELAPSE_COLUMNS_SQL,
  RELAPSE_WINDOW_DAYS,
} from '../relapse/relapse.sql.ts';
import { everSql, MONTHS_ON_BOOK_SQL, vintageGroupsSql } from '../vintages/vintages.sql.ts';
import type { CohortFact } from './explore.catalog-cohort.ts';
import { Dimension, Measure } from './explore.catalog.ts';
import type { FactArgs, FactSql } from './explore.sql.ts';

/** The opened_cases measures of cure-curve points 7, 60 and 90 days. */
export function curePointMeasures(): Partial<Record<Measure, string>> {
  const point = (days: number, mature: Measure, cured: Measure) => ({
    [mature]: `toInt64(countIf(${cureMatureSql(String(days))}))`,
    [cured]: `toInt64(countIf(${curedMatureSql(String(days))}))`,
  });
  return {
    ...point(7, Measure.CURE_MATURE_7D, Measure.CURED_7D),
    ...point(60, Measure.CURE_MATURE_60D, Measure.CURED_60D),
    ...point(90, Measure.CURE_MATURE_90D, Measure.CURED_90D),
  };
}

export interface CohortHelpers {
  /** The case filter on case_outcome_facts columns (explore.sql.ts). */
  readonly caseFilter: FilterSql;
  /** Whether a dimension or the filter needs the case's dimensions. */
  readonly needsCases: boolean;
  /** A fact's rows (with f_case) joined to their case's dimensions when `needed`. */
  readonly joinedToCases: (facts: string, needed: boolean) => string;
  /** The distinct cases of a row, for small cells. */
  readonly distinctCases: (column: string) => string;
}

const ACCOUNT_COLUMNS = ['portfolio', 'product', 'region', 'risk_grade'];

export function cohortFactSql(
  args: FactArgs & { readonly fact: CohortFact },
  h: CohortHelpers,
): FactSql {
  // legal_stage is the legal case's own column: by it alone, no case is joined
  const needsCases =
    h.caseFilter.condition !== '1' || args.dimensions.some((d) => d !== Dimension.LEGAL_STAGE);
  switch (args.fact) {
    case 'cures':
      return {
        source: h.joinedToCases(
          `SELECT case_id AS f_case, closed_at AS f_at, ${RELAPSE_COLUMNS_SQL}
           FROM case_dims WHERE ${CURED_CLOSE_SQL} AND ${inPeriodSql('closed_at')}`,
          h.needsCases,
        ),
        period: '1',
        time: 'f_at',
        filter: h.caseFilter,
        cases: 'count()',
        measures: {
          [Measure.CURES]: 'toInt64(count())',
          [Measure.MATURE_CURES]: 'toInt64(countIf(mature))',
          [Measure.RELAPSES]: 'toInt64(countIf(mature AND relapsed))',
          [Measure.IMMATURE_RELAPSES]: 'toInt64(countIf(NOT mature AND relapsed))',
        },
        params: { window: RELAPSE_WINDOW_DAYS },
      };
    case 'legal_cases':
      return {
        source: h.joinedToCases(
          `SELECT case_id AS f_case, first_at AS f_at, toString(stage) AS l_stage, cost,
                  recovered AS l_recovered, has_opening, ${DAYS_TO_FIRST_ACTION_SQL} AS l_days
           FROM legal_case_facts WHERE ${inPeriodSql('first_at')}`,
          needsCases,
        ),
        period: '1',
        time: 'f_at',
        filter: h.caseFilter,
        cases: h.distinctCases('f_case'),
        measures: {
          [Measure.LEGAL_CASES]: 'toInt64(count())',
          [Measure.LEGAL_CASE_COST]: 'toFloat64(sum(cost))',
          [Measure.LEGAL_RECOVERED]: 'toFloat64(sum(l_recovered))',
          [Measure.LEGAL_OPENINGS_KNOWN]: 'toInt64(countIf(has_opening))',
          [Measure.DAYS_TO_FIRST_ACTION]: 'toFloat64(sumIf(l_days, has_opening))',
        },
      };
    case 'vintages': {
      // every point 0 … max_k with the dimension; the as-of month's without it
      const byMonth = args.dimensions.includes(Dimension.MONTHS_ON_BOOK);
      const groups = vintageGroupsSql(
        'vintage >= toStartOfMonth({from:Date32}) AND vintage <= toStartOfMonth({to:Date32})',
        ACCOUNT_COLUMNS,
      );
      return {
        source: byMonth
          ? `(SELECT *, mob FROM (${groups}) ARRAY JOIN ${MONTHS_ON_BOOK_SQL} AS mob)`
          : `(SELECT *, max_k AS mob FROM (${groups}) WHERE max_k >= 0)`,
        period: '1',
        time: 'toDateTime64(vintage, 3, {tz:String})',
        filter: portfolioColumnsSql(args.filter, '', 'vf'),
        cases: '0',
        measures: {
          [Measure.VINTAGE_ACCOUNTS]: 'toInt64(sum(c))',
          [Measure.EVER_30]: `toInt64(${everSql(30, 'mob')})`,
          [Measure.EVER_60]: `toInt64(${everSql(60, 'mob')})`,
          [Measure.EVER_90]: `toInt64(${everSql(90, 'mob')})`,
        },
      };
    }
  }
}
