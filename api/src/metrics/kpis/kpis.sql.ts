/**
 * docs/metrics/kpis.md, KPIs over [from, to]: one row of counts and sums from which every
 * KPI follows; the resolver runs it for the period and for the previous one.
 * Every figure is restricted to the accounts of the PortfolioFilter (cases,
 * attempts and promises through the account of their case). Account state and
 * charge-offs read the derived tables account_month and account_dims, not every
 * snapshot; with a filter, cases, attempts, payments and promises read the
 * dimensions carried by case_dims, kpi_daily and account_dims instead of sets of
 * account or case ids (docs/metrics/kpis.md).
 */
import { bucketSql } from '@collections/schema';
import {
  portfolioColumnsSql,
  portfolioFilterSql,
  type FilterSql,
  type PortfolioFilter,
} from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { AS_OF_INSTANT_SQL } from '../../sql/as-of.ts';
import { CASES_SQL, CURE_MATURE_30D_SQL, CURED_30D_SQL } from '../../sql/cases.ts';
import { isRpcSql } from '../../sql/contact.ts';
import { COST_SUM_SQL, LEGAL_COSTS_IN_PERIOD_SQL } from '../../sql/costs.ts';
import { isDelinquentSql, isOpenSql, monthEndStatesSql } from '../../sql/month-end-state.ts';
import { inPeriodSql, startOfMonthSql } from '../../sql/period.ts';
import { PROMISE_KEPT_SQL, PROMISE_MATURED_SQL, PROMISES_SQL } from '../../sql/promises.ts';

export interface KpiRow {
  delinquent_balance: number;
  delinquent_accounts: number;
  open_balance: number;
  charge_offs: number;
  cases_opened: number;
  cases_closed: number;
  cure_mature: number;
  cure_cured: number;
  amount_collected: number;
  attempts: number;
  rpcs: number;
  kept: number;
  matured_promises: number;
  contact_cost: number;
  legal_cost: number;
}

/**
 * Each account's latest state on or before {to} (docs/metrics/kpis.md, KPIs "at period end"),
 * as (account_id, bucket, balance, at) rows to reduce with argMax by `at`:
 * - snapshots of {to}'s month up to {to}, from account_snapshot (one partition);
 * - month-end states of earlier months, from account_month: an account's latest
 *   earlier month is either the month before {to}'s or a month whose next month
 *   has no state (next_bucket = ''), so only those rows are read, not its whole history.
 * Exact for any {to}; used when a snapshot of {to}'s month is dated after {to}.
 */
function periodEndStatesSql(accounts: FilterSql, monthRows: FilterSql): string {
  const month = startOfMonthSql('{to:Date32}');
  return `
    SELECT tupleElement(s, 1) AS bucket, toUInt64(1) AS accounts, tupleElement(s, 2) AS balance FROM (
      -- aliases differ from the inner columns: ClickHouse would resolve those to the alias
      SELECT argMax(tuple(b, v), at) AS s
      FROM (
        SELECT account_id, toString(bucket) AS b, balance AS v, tuple(month, toDateTime64(0, 3, 'UTC'), '') AS at
        FROM account_month
        WHERE month < ${month} AND (month = addMonths(${month}, -1) OR next_bucket = '') AND ${monthRows.condition}
        UNION ALL
        -- the latest as_of; of one day's: the greatest (occurred_at, event_id), docs/metrics/README.md#effective-snapshot
        SELECT account_id, ${bucketSql('status', 'dpd')} AS b, balance AS v,
               tuple(as_of, occurred_at, event_id) AS at
        FROM account_snapshot
        WHERE as_of >= ${month} AND as_of <= {to:Date32} AND ${accounts.condition}
      )
      GROUP BY account_id
    )`;
}

const COLLECTED_SQL = `
  SELECT toFloat64(sum(amount)) AS amount_collected FROM payment WHERE ${inPeriodSql('occurred_at')}`;
const CONTACTS_SQL = `
  SELECT toInt64(count()) AS attempts, toInt64(countIf(${isRpcSql('outcome')})) AS rpcs,
         ${COST_SUM_SQL} AS contact_cost
  FROM contact_attempt WHERE ${inPeriodSql('occurred_at')}`;
const LEGAL_COST_SQL = `SELECT ${COST_SUM_SQL} AS legal_cost FROM (${LEGAL_COSTS_IN_PERIOD_SQL})`;

/**
 * With a PortfolioFilter, payments and attempts (counts and costs) come from kpi_daily (sums per UTC
 * day and account dimensions) for the whole UTC days of the period, and from the
 * event tables for the partial UTC days at its edges (none when REPORT_TZ is
 * UTC), joined there with the few edge rows as the build side. `[first, end)`
 * are the whole UTC days; when the period holds none, every row is an edge row.
 */
const FIRST_FULL_DAY = `addDays(toDate32(toDateTime64({from:Date32}, 3, {tz:String}) - toIntervalMillisecond(1), 'UTC'), 1)`;
const END_FULL_DAY = `toDate32(toDateTime64(addDays({to:Date32}, 1), 3, {tz:String}), 'UTC')`;
const FULL_DAYS = `(day >= ${FIRST_FULL_DAY} AND day < ${END_FULL_DAY})`;
const EDGE = `${inPeriodSql('occurred_at')} AND NOT (occurred_at >= toDateTime64(${FIRST_FULL_DAY}, 3, 'UTC')
  AND occurred_at < toDateTime64(${END_FULL_DAY}, 3, 'UTC'))`;

function filteredCollectedSql(dims: string): string {
  return `
  SELECT toFloat64(sum(amount)) AS amount_collected FROM (
    SELECT collected AS amount FROM kpi_daily WHERE ${FULL_DAYS} AND ${dims}
    UNION ALL
    SELECT p.amount FROM (SELECT account_id FROM account_dims WHERE ${dims}) AS d
    INNER JOIN (SELECT account_id, amount FROM payment WHERE ${EDGE}) AS p ON p.account_id = d.account_id
  )`;
}

function filteredContactsSql(dims: string): string {
  return `
  SELECT toInt64(sum(n)) AS attempts, toInt64(sum(r)) AS rpcs, toFloat64(sum(cc)) AS contact_cost FROM (
    SELECT attempts AS n, rpcs AS r, contact_cost AS cc FROM kpi_daily WHERE ${FULL_DAYS} AND ${dims}
    UNION ALL
    SELECT toUInt64(1), toUInt64(a.rpc), a.cost FROM (SELECT case_id FROM case_dims WHERE ${dims}) AS c
    INNER JOIN (
      SELECT case_id, ${isRpcSql('outcome')} AS rpc, cost FROM contact_attempt WHERE ${EDGE}
    ) AS a ON a.case_id = c.case_id
  )`;
}

/** Legal costs of the period on the matching cases, the few legal actions as the build side. */
function filteredLegalCostSql(dims: string): string {
  return `
  SELECT ${COST_SUM_SQL} AS legal_cost FROM (SELECT case_id FROM case_dims WHERE ${dims}) AS c
  INNER JOIN (${LEGAL_COSTS_IN_PERIOD_SQL}) AS l ON l.case_id = c.case_id`;
}

/**
 * The same states, per bucket, when no snapshot of {to}'s month M is dated after
 * {to} (a month-end {to}, or {to} at or after the latest data): then an account's
 * state is its state at the end of M (sql/month-end-state.ts, shared with explore),
 * two filtered sums instead of the per-account argMax.
 */
const MONTH_END_STATES = (monthRows: FilterSql) =>
  monthEndStatesSql('{state_months:Array(Date32)}', monthRows);

/**
 * One row `{ i, month_end: 0 | 1 }` per given day (i = its index): 1 when no
 * snapshot of the day's month is dated after it, i.e. kpiQuery may take
 * `stateAtMonthEnd`.
 */
export function monthEndFlagsQuery(days: readonly string[]): SqlQuery {
  const each = days.map(
    (_, i) => `SELECT ${i} AS i, toUInt8(count() = 0) AS month_end FROM account_snapshot
      WHERE as_of > {d${i}:Date32} AND as_of <= toLastDayOfMonth({d${i}:Date32})`,
  );
  return {
    query: `SELECT * FROM (${each.join('\nUNION ALL\n')}) ORDER BY i`,
    query_params: Object.fromEntries(days.map((d, i) => [`d${i}`, d])),
  };
}

export function kpiQuery(args: {
  from: string;
  to: string;
  tz: string;
  graceDays: number;
  filter?: PortfolioFilter | null;
  /** No snapshot of `to`'s month is dated after `to` (monthEndFlagsQuery): the fast form applies. */
  stateAtMonthEnd?: boolean;
}): SqlQuery {
  const accounts = portfolioFilterSql(args.filter, 'account_id');
  // account_month and account_dims carry the dimensions: no lookup. account_dims also
  // has rows for charged-off accounts without account_opened, which a filter excludes.
  const monthRows = portfolioColumnsSql(args.filter);
  const dims = monthRows.condition === '1' ? '1' : `has_opened AND ${monthRows.condition}`;
  // case_dims carries each case's account dimensions: the case-side filter is one
  // scan of its LowCardinality columns, not a join of case_opened with the account set;
  // the period's promises are the join's build side, the matching cases probe it.
  const promises =
    dims === '1'
      ? `${PROMISES_SQL} WHERE ${inPeriodSql('made_at')}`
      : `(SELECT case_id FROM case_dims WHERE ${dims}) AS c
         INNER JOIN (SELECT case_id, status FROM ${PROMISES_SQL} WHERE ${inPeriodSql('made_at')}) AS p
         ON p.case_id = c.case_id`;
  const cases = dims === '1' ? CASES_SQL : `(SELECT * FROM case_dims WHERE ${dims})`;
  return {
    query: `
      SELECT * FROM (
        SELECT toFloat64(sumIf(balance, delinquent)) AS delinquent_balance,
               toInt64(sumIf(accounts, delinquent)) AS delinquent_accounts,
               toFloat64(sumIf(balance, is_open)) AS open_balance
        FROM (
          SELECT ${isOpenSql('bucket')} AS is_open, ${isDelinquentSql('bucket')} AS delinquent, accounts, balance
          FROM (${args.stateAtMonthEnd ? MONTH_END_STATES(monthRows) : periodEndStatesSql(accounts, monthRows)})
        )
      ) AS state
      CROSS JOIN (
        -- first charged_off snapshot per account, kept by the account_dims refresher
        SELECT toInt64(countIf(first_charged_off_on >= {from:Date32} AND first_charged_off_on <= {to:Date32})) AS charge_offs
        FROM account_dims WHERE ${dims}
      ) AS losses
      CROSS JOIN (
        SELECT toInt64(countIf(${inPeriodSql('opened_at')})) AS cases_opened,
               toInt64(countIf(is_closed AND ${inPeriodSql('closed_at')})) AS cases_closed,
               -- cure_rate_30d's numerator and denominator, shared with explore (sql/cases.ts)
               toInt64(countIf(${inPeriodSql('opened_at')} AND ${CURE_MATURE_30D_SQL})) AS cure_mature,
               toInt64(countIf(${inPeriodSql('opened_at')} AND ${CURED_30D_SQL})) AS cure_cured
        FROM ${cases}
      ) AS cases
      CROSS JOIN (${dims === '1' ? COLLECTED_SQL : filteredCollectedSql(dims)}) AS collected
      CROSS JOIN (${dims === '1' ? CONTACTS_SQL : filteredContactsSql(dims)}) AS contacts
      CROSS JOIN (
        SELECT toInt64(countIf(${PROMISE_KEPT_SQL})) AS kept, toInt64(countIf(${PROMISE_MATURED_SQL})) AS matured_promises
        FROM ${promises}
      ) AS promises
      CROSS JOIN (${dims === '1' ? LEGAL_COST_SQL : filteredLegalCostSql(dims)}) AS legal
      -- the filtered parts join the period's few rows (built) with case_dims/account_dims (probed)
      SETTINGS query_plan_join_swap_table = 0`,
    query_params: {
      from: args.from,
      to: args.to,
      tz: args.tz,
      grace: args.graceDays,
      state_months: [`${args.to.slice(0, 7)}-01`],
      ...accounts.params,
    },
  };
}

/**
 * The data's as-of date (docs/metrics/kpis.md, in REPORT_TZ; null when nothing is loaded)
 * and its first day: the earliest snapshot `as_of` or local day of an attempt
 * or payment (null when there is none). These three tables are partitioned by
 * month of that column, so count() and min() read part metadata, not rows
 * (minOrNull would read the column: EXPLAIN shows no _minmax_count_projection).
 */
export function dataSpanQuery(tz: string): SqlQuery {
  return {
    query: `
      SELECT if(t = toDateTime64(0, 3, 'UTC'), NULL, toString(toDate(t, {tz:String}))) AS as_of,
             (SELECT toString(min(d)) FROM (
                SELECT if(count() = 0, NULL, min(as_of)) AS d FROM account_snapshot
                UNION ALL SELECT if(count() = 0, NULL, toDate(min(occurred_at), {tz:String})) FROM contact_attempt
                UNION ALL SELECT if(count() = 0, NULL, toDate(min(occurred_at), {tz:String})) FROM payment
             )) AS first_day
      FROM (SELECT ${AS_OF_INSTANT_SQL} AS t)`,
    query_params: { tz },
  };
}
