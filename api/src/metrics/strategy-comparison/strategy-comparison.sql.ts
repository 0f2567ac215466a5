/**
 * docs/metrics/strategy-comparison.md: per arm (strategy) of an experiment, over cases
 * opened in [from, to], the counts and sums from which the statistics follow
 * (api/src/stats). Cure, recovery and contact cost are taken within N days of
 * opening: payments and attempts on the case in [t0, t0 + N × 24 h], both ends
 * included; rates and sums cover the arm's mature cases only. Each case's
 * payments and attempt costs are read from `case_outcome_facts` as sums per day
 * offset from opening (schema/src/derived/case-outcome-facts/index.ts), so the window
 * is a filter on an array, not a join.
 */
import { caseFactsFilterSql, type PortfolioFilter } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { AS_OF_INSTANT_SQL } from '../../sql/as-of.ts';
import { curedWithinSql, matureSql, withinDaysSumSql } from '../../sql/cases.ts';
import { inPeriodSql } from '../../sql/period.ts';

export interface ArmRow {
  strategy: string;
  /** Only with `bySegment` (uplift by segment, docs/metrics/uplift.md). */
  segment?: string;
  cases: number;
  mature_cases: number;
  cured: number;
  champion_tagged: number;
  sum_y: number;
  sum_x: number;
  sum_yy: number;
  sum_xy: number;
  sum_xx: number;
  cost: number;
}

const DAYS = '{days:UInt32}';

export function strategyArmsQuery(args: {
  experiment: string;
  from: string;
  to: string;
  tz: string;
  cureWithinDays: number;
  /** One row per segment × arm instead of per arm. */
  bySegment?: boolean;
  filter?: PortfolioFilter | null;
}): SqlQuery {
  const segment = args.bySegment ? 'segment, ' : '';
  const filter = caseFactsFilterSql(args.filter);
  const withinDays = (days: string, amounts: string) => withinDaysSumSql(DAYS, days, amounts);
  return {
    query: `
      SELECT ${segment}strategy, toInt64(count()) AS cases, toInt64(countIf(mature)) AS mature_cases,
             toInt64(countIf(mature AND cured)) AS cured, toInt64(countIf(arm_role = 'champion')) AS champion_tagged,
             sumIf(y, mature) AS sum_y, sumIf(x, mature) AS sum_x, sumIf(y * y, mature) AS sum_yy,
             sumIf(x * y, mature) AS sum_xy, sumIf(x * x, mature) AS sum_xx, sumIf(cost, mature) AS cost
      FROM (
        SELECT toString(segment) AS segment, toString(strategy) AS strategy, toString(arm_role) AS arm_role, toFloat64(entry_balance) AS x,
               ${matureSql(DAYS, AS_OF_INSTANT_SQL)} AS mature, ${curedWithinSql(DAYS)} AS cured,
               ${withinDays('pay_days', 'pay_amounts')} AS y, ${withinDays('cost_days', 'cost_amounts')} AS cost
        FROM case_outcome_facts
        WHERE experiment = {experiment:String} AND ${inPeriodSql('opened_at')} AND ${filter.condition}
      )
      GROUP BY ${segment}strategy
      ORDER BY ${segment}strategy`,
    query_params: {
      experiment: args.experiment,
      from: args.from,
      to: args.to,
      tz: args.tz,
      days: args.cureWithinDays,
      ...filter.params,
    },
  };
}
