/**
 * The caseOutcomes, strategyComparison and legalPipeline query builders as they
 * were before case_outcome_facts and legal_case_facts (commit 5b42618): the
 * "before" side of bench/api/perf-case-outcomes.ts. Not used by the API.
 */
import { LEGAL_STAGES, bucketSql } from '@collections/schema';
import {
  portfolioFilterSql,
  type PortfolioFilter,
} from '../../api/src/filters/portfolio-filter.ts';
import type { SqlQuery } from '../../api/src/query.ts';
import { ACCOUNTS_SQL } from '../../api/src/sql/accounts.ts';
import { AS_OF_INSTANT_SQL } from '../../api/src/sql/as-of.ts';
import { CASES_SQL, curedWithinSql, matureSql } from '../../api/src/sql/cases.ts';
import { endOfDaySql, inPeriodSql } from '../../api/src/sql/period.ts';

/** groupBy dimension → SQL column of the per-case rows below (the only identifiers that reach SQL). */
const OUTCOME_DIMENSIONS = {
  strategy: 'strategy',
  segment: 'segment',
  entry_bucket: 'entry_bucket',
  product: 'product',
  portfolio: 'portfolio',
  region: 'region',
  team: 'team',
} as const;
type OutcomeDimension = keyof typeof OUTCOME_DIMENSIONS;

const CLOSED_IN_PERIOD = `(SELECT * FROM ${CASES_SQL} WHERE is_closed AND ${inPeriodSql('closed_at')})`;
/** Rows of a table keyed by case_id (first in its sort key) for the cases closed in the period only. */
const OF_CLOSED = `case_id IN (SELECT case_id FROM ${CLOSED_IN_PERIOD})`;

const ACCOUNT_DIMENSIONS: readonly OutcomeDimension[] = ['product', 'portfolio', 'region'];

/**
 * One row per case closed in the period with its dimensions, days to close and
 * recovery. Every joined table is first narrowed to the period's cases (or
 * their accounts) through its sort key, and the account and team joins are
 * made only when a requested dimension needs them.
 */
function closedCasesSql(filterCondition: string, groupBy: readonly OutcomeDimension[]): string {
  const withAccounts = groupBy.some((d) => ACCOUNT_DIMENSIONS.includes(d));
  const withTeam = groupBy.includes('team');
  return `
    SELECT c.case_id AS case_id, toString(c.outcome) AS outcome, c.entry_balance AS entry_balance,
           (toUnixTimestamp64Milli(c.closed_at) - toUnixTimestamp64Milli(c.opened_at)) / 86400000 AS days,
           toString(c.strategy) AS strategy, toString(c.segment) AS segment,
           ${bucketSql("'open'", 'c.entry_dpd')} AS entry_bucket,
           ${withAccounts ? 'toString(acc.product)' : "''"} AS product,
           ${withAccounts ? 'toString(acc.portfolio)' : "''"} AS portfolio,
           ${withAccounts ? 'toString(acc.region)' : "''"} AS region,
           ${withTeam ? "if(h.agent_id = '', '', toString(ag.team))" : "''"} AS team,
           coalesce(r.recovered, toDecimal128(0, 2)) AS recovered
    FROM ${CLOSED_IN_PERIOD} AS c
    LEFT JOIN (
      SELECT x.case_id AS case_id, toDecimal128(sum(p.amount), 2) AS recovered
      FROM ${CLOSED_IN_PERIOD} AS x
      INNER JOIN (SELECT case_id, occurred_at, amount FROM payment WHERE case_id != '' AND ${OF_CLOSED}) AS p
        ON p.case_id = x.case_id
      WHERE p.occurred_at >= x.opened_at AND p.occurred_at <= x.closed_at
      GROUP BY x.case_id
    ) AS r ON r.case_id = c.case_id
    ${
      withAccounts
        ? `LEFT JOIN (
      SELECT * FROM ${ACCOUNTS_SQL} WHERE account_id IN (SELECT account_id FROM ${CLOSED_IN_PERIOD})
    ) AS acc ON acc.account_id = c.account_id`
        : ''
    }
    ${
      withTeam
        ? `ASOF LEFT JOIN (SELECT case_id, occurred_at AS assigned_at, agent_id FROM case_assigned WHERE ${OF_CLOSED}) AS h
      ON h.case_id = c.case_id AND h.assigned_at <= c.closed_at
    LEFT JOIN (SELECT agent_id, argMax(team, occurred_at) AS team FROM agent_registered GROUP BY agent_id) AS ag
      ON ag.agent_id = h.agent_id`
        : ''
    }
    WHERE ${filterCondition}`;
}

export function legacyCaseOutcomesQuery(args: {
  from: string;
  to: string;
  tz: string;
  groupBy: readonly OutcomeDimension[];
  filter?: PortfolioFilter | null;
}): SqlQuery {
  const filter = portfolioFilterSql(args.filter, 'c.account_id');
  const key =
    args.groupBy.length === 0
      ? `CAST([], 'Array(String)')`
      : `[${args.groupBy.map((d) => OUTCOME_DIMENSIONS[d]).join(', ')}]`;
  return {
    query: `
      SELECT key, count() AS cases,
             sumMap([outcome], [toUInt64(1)]) AS outcome_map,
             outcome_map.1 AS outcome_names, outcome_map.2 AS outcome_counts,
             avg(days) AS mean_days,
             arraySort(groupArray(days)) AS sorted_days,
             if(length(sorted_days) % 2 = 1,
                sorted_days[intDiv(length(sorted_days), 2) + 1],
                (sorted_days[intDiv(length(sorted_days), 2)] + sorted_days[intDiv(length(sorted_days), 2) + 1]) / 2
             ) AS median_days,
             toFloat64(sum(recovered)) AS recovered, toFloat64(sum(entry_balance)) AS entry_balance
      FROM (
        SELECT ${key} AS key, outcome, days, entry_balance, recovered
        FROM (${closedCasesSql(filter.condition, args.groupBy)})
      )
      GROUP BY key
      ORDER BY key`,
    query_params: { from: args.from, to: args.to, tz: args.tz, ...filter.params },
  };
}

const DAYS = '{days:UInt32}';

export function legacyStrategyArmsQuery(args: {
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

const STAGES_ARRAY = `[${LEGAL_STAGES.map((s) => `'${s}'`).join(', ')}]`;

export function legacyLegalQuery(args: { from: string; to: string; tz: string }): SqlQuery {
  return {
    query: `
      WITH legal AS (
        SELECT case_id, min(occurred_at) AS first_at, sum(cost) AS cost,
               argMax(action, occurred_at) AS last_action,
               max(indexOf(${STAGES_ARRAY}, action)) AS furthest
        FROM legal_action
        GROUP BY case_id
        HAVING ${inPeriodSql('first_at')}
      )
      -- output aliases differ from the inner columns: ClickHouse would resolve those to the alias
      SELECT stage,
             toUInt32(count()) AS n_cases,
             round(toFloat64(sum(cost)), 2) AS sum_cost,
             round(toFloat64(sum(recovered)), 2) AS sum_recovered,
             toUInt32(countIf(opened_known)) AS n_opened_known,
             ifNotFinite(avgIf(days, opened_known), 0) AS mean_days,
             ifNotFinite(quantileExactInclusiveIf(0.5)(days, opened_known), 0) AS median_days
      FROM (
        SELECT l.case_id AS case_id,
               if(l.last_action = 'withdrawn', 'withdrawn', ${STAGES_ARRAY}[l.furthest]) AS stage,
               l.cost AS cost, r.recovered AS recovered,
               c.case_id != '' AS opened_known,
               (toUnixTimestamp64Milli(l.first_at) - toUnixTimestamp64Milli(c.opened_at)) / 86400000 AS days
        FROM legal AS l
        LEFT JOIN (
          SELECT l.case_id AS case_id, sumIf(pay.amount, pay.occurred_at >= l.first_at) AS recovered
          FROM legal AS l
          LEFT JOIN (
            SELECT case_id, occurred_at, amount FROM payment
            WHERE case_id != '' AND case_id IN (SELECT case_id FROM legal)
          ) AS pay ON pay.case_id = l.case_id
          GROUP BY l.case_id
        ) AS r ON r.case_id = l.case_id
        LEFT JOIN (
          SELECT case_id, opened_at FROM ${CASES_SQL} WHERE case_id IN (SELECT case_id FROM legal)
        ) AS c ON c.case_id = l.case_id
      )
      GROUP BY stage WITH ROLLUP
      ORDER BY stage
      SETTINGS join_use_nulls = 0`,
    query_params: { from: args.from, to: args.to, tz: args.tz },
  };
}
