/**
 * `kpi_daily`: contact attempts, right-party contacts, contact costs and
 * collected amounts per UTC day and account dimensions, so that the KPIs with a PortfolioFilter read
 * a few thousand rows per month instead of testing every attempt and payment
 * of the period against a set of case or account ids. Attempts carry the
 * dimensions of their case's account (`case_dims`), payments those of their
 * own account (`account_dims`); has_opened = 0 (dimensions '') when there is
 * no account_opened, or no case_opened for an attempt's case.
 *
 * Nothing here depends on configuration: days are UTC, and the KPI query reads
 * the whole UTC days inside its REPORT_TZ period from this table and the
 * partial days at the period's edges from the event tables.
 *
 * Refresh (after case_dims and account_dims, which it reads): the UTC days the
 * loads touched are recomputed from all their events — days of attempts and
 * payments in the loads, and days of the attempts and payments whose
 * dimensions the loads may have changed (attempts of cases with a case_opened
 * in the loads or of accounts with an account_opened in them; payments of
 * those accounts). New rows first with a fresh refresh_id, then the older rows
 * of the rewritten days are deleted.
 */
import { CONTACT_CATEGORIES } from '../../domain.ts';
import type { TableDef } from '../../ddl.ts';
import type { DerivedTable } from '../index.ts';
import {
  ACCOUNTS_OPENED,
  CASES_OF_ACCOUNTS_OPENED,
  CASES_OPENED,
  DAYS_ATTEMPTED,
  DAYS_PAID,
} from '../key-sets.ts';
import { daySet, keySet, stepsTable, type KeySet } from '../keys.ts';
import { mayHold, PATCH_PARTS } from '../refresh-steps.ts';

const DICT = 'LowCardinality(String)';

export const KPI_DAILY: TableDef = {
  name: 'kpi_daily',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'day', type: 'Date32', comment: 'UTC day of occurred_at' },
    { name: 'has_opened', type: 'UInt8', comment: 'the account has an account_opened' },
    { name: 'product', type: DICT },
    { name: 'portfolio', type: DICT },
    { name: 'region', type: DICT },
    { name: 'risk_grade', type: DICT },
    { name: 'attempts', type: 'UInt64', comment: 'contact attempts' },
    { name: 'rpcs', type: 'UInt64', comment: 'right-party contacts among them' },
    { name: 'collected', type: 'Decimal(38, 2)', comment: 'sum of payment amounts' },
    {
      name: 'contact_cost',
      type: 'Decimal(38, 2)',
      default: '0',
      comment: "sum of the attempts' cost (migration 722)",
    },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(day, portfolio, product, region, risk_grade)',
  why: 'KPIs with a PortfolioFilter: per-day sums by account dimensions instead of id sets over every attempt and payment.',
};

const rpcList = CONTACT_CATEGORIES.rpc.map((o) => `'${o}'`).join(', ');

/**
 * UTC days of the attempts and payments whose account dimensions the loads' openings
 * may change: attempts of the cases opened or of the accounts opened, payments of those
 * accounts (refresh_keys).
 */
const DAYS_OF_OPENINGS: KeySet = {
  name: 'kpi_daily_days_of_openings',
  select: `SELECT '' AS key, toDate32(occurred_at) AS day FROM contact_attempt
WHERE case_id IN ${keySet(CASES_OPENED, CASES_OF_ACCOUNTS_OPENED)}
UNION ALL
SELECT '', toDate32(occurred_at) FROM payment WHERE account_id IN ${keySet(ACCOUNTS_OPENED)}`,
  uses: [CASES_OPENED, CASES_OF_ACCOUNTS_OPENED, ACCOUNTS_OPENED],
};

/** UTC days (`d`) whose rows the given loads may change. */
const TOUCHED = [DAYS_ATTEMPTED, DAYS_PAID, DAYS_OF_OPENINGS];
const AFFECTED = `(SELECT DISTINCT day AS d FROM ${daySet(...TOUCHED)})`;

/** Days of the loaded payments: all AFFECTED holds when the loads hold no attempt and no opening. */
const PAYMENT_DAYS = `(SELECT DISTINCT day AS d FROM ${daySet(DAYS_PAID)})`;

/** `occurred_at` on one of `days`; the range lets the sort and partition keys prune. */
function onDays(column: string, days: string): string {
  return `toDate32(${column}) IN ${days}
    AND toDate32(${column}) >= (SELECT min(d) FROM ${days})
    AND toDate32(${column}) <= (SELECT max(d) FROM ${days})`;
}

/** Attempts and right-party contacts of the days, per day and the case's account dimensions. */
function attemptsFromEvents(days: string): string {
  return `
  SELECT toDate32(a.occurred_at) AS e_day, c.has_opened AS e_has_opened, c.product AS e_product,
         c.portfolio AS e_portfolio, c.region AS e_region, c.risk_grade AS e_risk_grade,
         toUInt64(1) AS n, toUInt64(a.outcome IN (${rpcList})) AS r, toDecimal128(0, 2) AS amount,
         toDecimal128(a.cost, 2) AS c_cost
  FROM (SELECT case_id, occurred_at, outcome, cost FROM contact_attempt
        WHERE ${onDays('occurred_at', days)}) AS a
  -- only the days' cases: case_dims whole would grow with history
  LEFT JOIN (
    SELECT case_id, has_opened, product, portfolio, region, risk_grade FROM case_dims
    WHERE case_id IN (SELECT case_id FROM contact_attempt WHERE ${onDays('occurred_at', days)})
  ) AS c ON c.case_id = a.case_id`;
}

/**
 * The same, as the table holds them: when the loads hold no attempt, no
 * case_opened and no account_opened, no attempt and no attempt's dimensions
 * changed, so the days' attempt counts are those already written. Of one refresh per
 * day: a refresh killed between its insert and its DELETE leaves a day with the rows of
 * two, each with all of the day's attempts (the refresh of the same loads again, with
 * no attempt either, comes here).
 */
function attemptsAsWritten(days: string): string {
  return `
  SELECT day AS e_day, has_opened AS e_has_opened, product AS e_product, portfolio AS e_portfolio,
         region AS e_region, risk_grade AS e_risk_grade, attempts AS n, rpcs AS r, toDecimal128(0, 2) AS amount,
         contact_cost AS c_cost
  FROM kpi_daily
  WHERE day IN ${days}
    AND (day, refresh_id) IN (SELECT day, max(refresh_id) FROM kpi_daily WHERE day IN ${days} GROUP BY day)`;
}

function insertSql(attempts: (days: string) => string, days: string): string {
  return `
INSERT INTO kpi_daily
  (day, has_opened, product, portfolio, region, risk_grade, attempts, rpcs, collected, contact_cost, refresh_id)
SELECT e_day, e_has_opened, e_product, e_portfolio, e_region, e_risk_grade,
       sum(n), sum(r), sum(amount), sum(c_cost), {refreshId:UUID}
FROM (
  ${attempts(days).trim()}
  UNION ALL
  SELECT toDate32(p.occurred_at), d.has_opened, d.product, d.portfolio, d.region, d.risk_grade,
         toUInt64(0), toUInt64(0), toDecimal128(p.amount, 2), toDecimal128(0, 2)
  FROM (SELECT account_id, occurred_at, amount FROM payment WHERE ${onDays('occurred_at', days)}) AS p
  LEFT JOIN (
    SELECT account_id, has_opened, product, portfolio, region, risk_grade FROM account_dims
    WHERE account_id IN (SELECT account_id FROM payment WHERE ${onDays('occurred_at', days)})
  ) AS d ON d.account_id = p.account_id
)
GROUP BY e_day, e_has_opened, e_product, e_portfolio, e_region, e_risk_grade
SETTINGS join_use_nulls = 0`;
}

export const KPI_DAILY_INSERT_SQL = insertSql(attemptsFromEvents, AFFECTED);
export const KPI_DAILY_PAYMENTS_ONLY_INSERT_SQL = insertSql(attemptsAsWritten, PAYMENT_DAYS);

/**
 * Older rows of the days the refresh rewrote: every listed day has an attempt or a
 * payment, so a row (the payments-only insert lists only payment days).
 */
const STALE = `FROM kpi_daily WHERE day IN ${daySet(...TOUCHED)} AND refresh_id != {refreshId:UUID}`;

export const kpiDaily: DerivedTable = stepsTable({
  table: KPI_DAILY,
  shard: 'partial',
  lookBack: { kind: 'wholeKey', why: "a UTC day's attempts and payments" },
  reads: ['account_opened', 'case_opened', 'contact_attempt', 'payment'],
  after: ['case_dims', 'account_dims'],
  keys: TOUCHED,
  steps: (context) => ({
    touched: `SELECT 1 FROM ${AFFECTED}`,
    insert: mayHold(context, 'contact_attempt', 'case_opened', 'account_opened')
      ? KPI_DAILY_INSERT_SQL
      : KPI_DAILY_PAYMENTS_ONLY_INSERT_SQL,
    delete: `DELETE ${STALE}`,
  }),
});
