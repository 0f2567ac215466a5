/**
 * `channel_daily`: contact attempts, right-party contacts and contact costs per UTC
 * day, channel and the account dimensions of the attempt's case (`case_dims`), so
 * that explore's attempts by channel (docs/metrics/explore.md) sum a few thousand
 * rows per month instead of reading every attempt (kpi_daily has the same sums
 * without the channel). has_opened = 0 (dimensions '') when the case has no
 * case_opened or its account no account_opened, as in kpi_daily.
 *
 * Nothing depends on configuration: days are UTC; readers use it only when
 * REPORT_TZ is UTC (a UTC day is then a local day).
 *
 * Refresh (after case_dims, which it reads): the UTC days the loads touched are
 * recomputed from all their attempts — days of the loaded attempts, and days of
 * the attempts whose dimensions the loads may have changed (attempts of cases
 * with a case_opened in the loads or of accounts with an account_opened in them).
 * Each such day holds an attempt, so new rows are written first with a fresh
 * refresh_id, then the older rows of those days are deleted.
 */
import type { TableDef } from '../../ddl.ts';
import { CONTACT_CATEGORIES } from '../../domain.ts';
import type { DerivedTable } from '../index.ts';
import { CASES_OF_ACCOUNTS_OPENED, CASES_OPENED, DAYS_ATTEMPTED } from '../key-sets.ts';
import { daySet, keySet, stepsTable, type KeySet } from '../keys.ts';
import { PATCH_PARTS } from '../refresh-steps.ts';

const DICT = 'LowCardinality(String)';

export const CHANNEL_DAILY: TableDef = {
  name: 'channel_daily',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'day', type: 'Date32', comment: 'UTC day of occurred_at' },
    { name: 'channel', type: DICT, comment: 'channel of the attempts' },
    { name: 'has_opened', type: 'UInt8', comment: "the case's account has an account_opened" },
    { name: 'product', type: DICT },
    { name: 'portfolio', type: DICT },
    { name: 'region', type: DICT },
    { name: 'risk_grade', type: DICT },
    { name: 'attempts', type: 'UInt64', comment: 'contact attempts' },
    { name: 'rpcs', type: 'UInt64', comment: 'right-party contacts among them' },
    { name: 'contact_cost', type: 'Decimal(38, 2)', comment: "sum of the attempts' cost" },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(day, channel, portfolio, product, region, risk_grade)',
  why: 'Explore of attempts by channel: per-day sums by channel and account dimensions instead of every attempt.',
};

/** UTC days of the attempts of the cases whose account dimensions the loads' openings may change. */
const DAYS_OF_OPENINGS: KeySet = {
  name: 'channel_daily_days_of_openings',
  select: `SELECT '' AS key, toDate32(occurred_at) AS day FROM contact_attempt
WHERE case_id IN ${keySet(CASES_OPENED, CASES_OF_ACCOUNTS_OPENED)}`,
  uses: [CASES_OPENED, CASES_OF_ACCOUNTS_OPENED],
};

const TOUCHED = [DAYS_ATTEMPTED, DAYS_OF_OPENINGS];
const AFFECTED = `(SELECT DISTINCT day AS d FROM ${daySet(...TOUCHED)})`;

const rpcList = CONTACT_CATEGORIES.rpc.map((o) => `'${o}'`).join(', ');

/**
 * The INSERT of the attempts matching `attempts` (a condition on contact_attempt);
 * `cases` narrows case_dims to their cases ('1': all of them, when every attempt is read).
 */
export function channelDailyInsertSql(attempts: string, cases: string, refreshId: string): string {
  return `
INSERT INTO channel_daily
  (day, channel, has_opened, product, portfolio, region, risk_grade, attempts, rpcs, contact_cost, refresh_id)
SELECT toDate32(a.occurred_at) AS e_day, a.channel AS e_channel, c.has_opened AS e_has_opened,
       c.product AS e_product, c.portfolio AS e_portfolio, c.region AS e_region, c.risk_grade AS e_risk_grade,
       count(), countIf(a.outcome IN (${rpcList})), sum(toDecimal128(a.cost, 2)), ${refreshId}
FROM (SELECT case_id, occurred_at, channel, outcome, cost FROM contact_attempt WHERE ${attempts}) AS a
LEFT JOIN (
  SELECT case_id, has_opened, product, portfolio, region, risk_grade FROM case_dims WHERE ${cases}
) AS c ON c.case_id = a.case_id
GROUP BY e_day, e_channel, e_has_opened, e_product, e_portfolio, e_region, e_risk_grade
SETTINGS join_use_nulls = 0`;
}

/** The attempts of the affected days; the range lets the sort key prune. */
const ON_AFFECTED_DAYS = `toDate32(occurred_at) IN ${AFFECTED}
    AND toDate32(occurred_at) >= (SELECT min(d) FROM ${AFFECTED})
    AND toDate32(occurred_at) <= (SELECT max(d) FROM ${AFFECTED})`;

const STALE = `FROM channel_daily WHERE day IN ${daySet(...TOUCHED)} AND refresh_id != {refreshId:UUID}`;

export const channelDaily: DerivedTable = stepsTable({
  table: CHANNEL_DAILY,
  shard: 'partial',
  lookBack: { kind: 'wholeKey', why: "a UTC day's attempts" },
  reads: ['account_opened', 'case_opened', 'contact_attempt'],
  after: ['case_dims'],
  keys: TOUCHED,
  steps: () => ({
    touched: `SELECT 1 FROM ${AFFECTED}`,
    insert: channelDailyInsertSql(
      ON_AFFECTED_DAYS,
      `case_id IN (SELECT case_id FROM contact_attempt WHERE ${ON_AFFECTED_DAYS})`,
      '{refreshId:UUID}',
    ),
    delete: `DELETE ${STALE}`,
  }),
});
