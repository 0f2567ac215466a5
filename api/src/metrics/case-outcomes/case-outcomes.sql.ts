/**
 * SPEC §4 Case outcomes over cases closed in [from, to] (by their latest
 * case_closed), grouped by any of the whitelisted dimensions. Per-case facts
 * come from CASES_SQL (case_facts); account dimensions from ACCOUNTS_SQL
 * (account_dims); the team is the
 * team of the case's holder at close (latest case_assigned at or before the
 * close, ASOF JOIN). A missing value groups as ''.
 */
import { bucketSql } from '@collections/schema';
import { portfolioFilterSql, type PortfolioFilter } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { ACCOUNTS_SQL } from '../../sql/accounts.ts';
import { CASES_SQL } from '../../sql/cases.ts';
import { inPeriodSql } from '../../sql/period.ts';

/** groupBy dimension → SQL column of the per-case rows below (the only identifiers that reach SQL). */
export const OUTCOME_DIMENSIONS = {
  strategy: 'strategy',
  segment: 'segment',
  entry_bucket: 'entry_bucket',
  product: 'product',
  portfolio: 'portfolio',
  region: 'region',
  team: 'team',
} as const;
export type OutcomeDimension = keyof typeof OUTCOME_DIMENSIONS;

export function isOutcomeDimension(value: string): value is OutcomeDimension {
  return Object.hasOwn(OUTCOME_DIMENSIONS, value);
}

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

export function caseOutcomesQuery(args: {
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
