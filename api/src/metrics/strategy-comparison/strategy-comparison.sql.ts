/**
 * SPEC §4 Strategy comparison: per arm (strategy) of an experiment, over cases
 * opened in [from, to], the counts and sums from which the statistics follow
 * (api/src/stats). Cure, recovery and contact cost are taken within N days of
 * opening: payments and attempts on the case in [t0, t0 + N × 24 h], both ends
 * included; rates and sums cover the arm's mature cases only.
 */
import type { SqlQuery } from '../../query.ts';
import { AS_OF_INSTANT_SQL } from '../../sql/as-of.ts';
import { CASES_SQL, curedWithinSql, matureSql } from '../../sql/cases.ts';
import { endOfDaySql, inPeriodSql } from '../../sql/period.ts';

export interface ArmRow {
  strategy: string;
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
}): SqlQuery {
  const cohort = `(
    SELECT case_id, toString(strategy) AS strategy, toString(arm_role) AS arm_role, opened_at,
           opened_at + toIntervalDay(${DAYS}) AS window_end, toFloat64(entry_balance) AS x,
           ${matureSql(DAYS, AS_OF_INSTANT_SQL)} AS mature, ${curedWithinSql(DAYS)} AS cured
    FROM ${CASES_SQL}
    WHERE experiment = {experiment:String} AND ${inPeriodSql('opened_at')}
  )`;
  /**
   * Σ of `column` of `table` rows on each cohort case inside its window; the
   * table is narrowed to the cohort's cases (its sort key) and period first.
   */
  const windowSum = (table: string, column: string) => `(
    SELECT k.case_id AS case_id, toFloat64(sum(t.${column})) AS total
    FROM ${cohort} AS k
    INNER JOIN (
      SELECT case_id, occurred_at, ${column} FROM ${table}
      WHERE case_id != '' AND case_id IN (SELECT case_id FROM ${cohort})
        -- every window lies in [from, end of to + N days]: prunes monthly partitions
        AND occurred_at >= toDateTime64({from:Date32}, 3, {tz:String})
        AND occurred_at <= ${endOfDaySql('{to:Date32}')} + toIntervalDay(${DAYS})
    ) AS t ON t.case_id = k.case_id
    WHERE t.occurred_at >= k.opened_at AND t.occurred_at <= k.window_end
    GROUP BY k.case_id
  )`;
  return {
    query: `
      SELECT strategy, toInt64(count()) AS cases, toInt64(countIf(mature)) AS mature_cases,
             toInt64(countIf(mature AND cured)) AS cured, toInt64(countIf(arm_role = 'champion')) AS champion_tagged,
             sumIf(y, mature) AS sum_y, sumIf(x, mature) AS sum_x, sumIf(y * y, mature) AS sum_yy,
             sumIf(x * y, mature) AS sum_xy, sumIf(x * x, mature) AS sum_xx, sumIf(cost, mature) AS cost
      FROM (
        SELECT c.strategy AS strategy, c.arm_role AS arm_role, c.mature AS mature, c.cured AS cured, c.x AS x,
               pay.total AS y, att.total AS cost
        FROM ${cohort} AS c
        LEFT JOIN ${windowSum('payment', 'amount')} AS pay ON pay.case_id = c.case_id
        LEFT JOIN ${windowSum('contact_attempt', 'cost')} AS att ON att.case_id = c.case_id
      )
      GROUP BY strategy
      ORDER BY strategy`,
    query_params: {
      experiment: args.experiment,
      from: args.from,
      to: args.to,
      tz: args.tz,
      days: args.cureWithinDays,
    },
  };
}
