/**
 * docs/metrics/case-outcomes.md over cases closed in [from, to] (by their latest
 * case_closed), grouped by any of the whitelisted dimensions. Per-case facts,
 * account dimensions (as ACCOUNTS_SQL), the holder at close (latest
 * case_assigned at or before the close) and the recovered amount come from the
 * derived table `case_outcome_facts`; the team is the holder's latest
 * registered team. A missing value groups as ''.
 */
import { bucketSql } from '@collections/schema';
import { caseFactsFilterSql, type PortfolioFilter } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { daysToCloseSql } from '../../sql/cases.ts';
import { inPeriodSql } from '../../sql/period.ts';
import { smallCellsSql, suppresses, SUPPRESSED_GROUPS_SQL } from '../../sql/small-cells.ts';

const PER_CASE_COLUMNS = ['outcome', 'days', 'entry_balance', 'recovered'];

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

/**
 * One row per case closed in the period with its dimensions, days to close and
 * recovery, all from `case_outcome_facts` (schema/src/derived/case-outcome-facts/index.ts),
 * which holds each case's account dimensions, holder at close and recovered
 * amount. The holder's team is looked up in the agent registry (latest
 * registration) only when `team` is requested.
 */
function closedCasesSql(filterCondition: string, groupBy: readonly OutcomeDimension[]): string {
  const withTeam = groupBy.includes('team');
  return `
    SELECT c.case_id AS case_id, toString(c.outcome) AS outcome, c.entry_balance AS entry_balance,
           ${daysToCloseSql('c.')} AS days,
           toString(c.strategy) AS strategy, toString(c.segment) AS segment,
           ${bucketSql("'open'", 'c.entry_dpd')} AS entry_bucket,
           toString(c.product) AS product, toString(c.portfolio) AS portfolio, toString(c.region) AS region,
           ${withTeam ? "if(c.holder_at_close = '', '', toString(ag.team))" : "''"} AS team,
           c.recovered AS recovered
    FROM case_outcome_facts AS c
    ${
      withTeam
        ? `LEFT JOIN (SELECT agent_id, argMax(team, occurred_at) AS team FROM agent_registered GROUP BY agent_id) AS ag
      ON ag.agent_id = c.holder_at_close`
        : ''
    }
    WHERE c.is_closed AND ${inPeriodSql('c.closed_at')} AND ${filterCondition}`;
}

export function caseOutcomesQuery(args: {
  from: string;
  to: string;
  tz: string;
  groupBy: readonly OutcomeDimension[];
  filter?: PortfolioFilter | null;
  /** Merge groups of fewer cases than this (sql/small-cells.ts; the viewer role); unset = none. */
  minCases?: number;
}): SqlQuery {
  // the filter on the account and case columns the table carries
  const filter = caseFactsFilterSql(args.filter, { tableAlias: 'c' });
  const key =
    args.groupBy.length === 0
      ? `CAST([], 'Array(String)')`
      : `[${args.groupBy.map((d) => OUTCOME_DIMENSIONS[d]).join(', ')}]`;
  const suppress = suppresses(args.minCases);
  const perCase = (keyAlias: string) => `
        SELECT ${key} AS ${keyAlias}, ${PER_CASE_COLUMNS.join(', ')}
        FROM (${closedCasesSql(filter.condition, args.groupBy)})`;
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
             toFloat64(sum(recovered)) AS recovered, toFloat64(sum(entry_balance)) AS entry_balance,
             ${suppress ? SUPPRESSED_GROUPS_SQL : '0'} AS suppressed_groups
      FROM (${suppress ? smallCellsSql(perCase('raw_key'), PER_CASE_COLUMNS) : perCase('key')})
      GROUP BY key
      ORDER BY suppressed_groups > 0, key`,
    query_params: {
      from: args.from,
      to: args.to,
      tz: args.tz,
      ...filter.params,
      ...(suppress ? { min_cases: args.minCases } : {}),
    },
  };
}
