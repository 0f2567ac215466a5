/**
 * `account_month`: one row per account and month with its month-end state
 * (docs/metrics/README.md#month-end-state), the state of the month after (for roll rates)
 * and the account's portfolio dimensions, so that roll rates, the loss
 * forecast and month-end distributions are one GROUP BY over a small table
 * instead of a self-join of raw snapshots.
 *
 * Refresh, bounded in time as well as by key: the accounts with a snapshot in
 * the given loads get the months from the month before the loads' earliest
 * snapshot to their latest one recomputed (late and out-of-order snapshots
 * stay right); accounts whose dimensions the loads' openings changed get all
 * their months recomputed (changedDimsSql). New rows are written first with a
 * fresh refresh_id; the loads' months are swapped in by partition (a reader
 * sees a month's old or new rows, never a mix), the changed accounts' older
 * rows deleted after their new rows are written: a reader never sees an
 * account missing.
 */
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '../../db.ts';
import type { TableDef } from '../../ddl.ts';
import { bucketSql } from '../../domain.ts';
import type { DerivedTable, RefreshContext } from '../index.ts';
import { ACCOUNTS_OPENED, SNAPSHOT_DAYS } from '../key-sets.ts';
import { keyDaySet, keyedTable, keySet } from '../keys.ts';
import { lookBackSql, type LookBack } from '../look-back.ts';
import {
  ALL_KEYS,
  keyRanges,
  keySample,
  listedSlices,
  mayHold,
  mayHoldOlder,
  rewriteRanges,
  sliceRange,
} from '../refresh-steps.ts';
import { monthsBetween, replaceMonthPartitions } from '../replace-partitions.ts';

const DICT = 'LowCardinality(String)';
const MONEY = 'Decimal(18, 2)';

export const ACCOUNT_MONTH: TableDef = {
  name: 'account_month',
  engine: 'MergeTree',
  columns: [
    { name: 'month', type: 'Date32', comment: 'first day of the month' },
    { name: 'account_id', type: 'String' },
    {
      name: 'bucket',
      type: DICT,
      comment: 'docs/metrics/README.md#buckets, bucket of the month-end snapshot',
    },
    { name: 'balance', type: MONEY, comment: 'balance of the month-end snapshot' },
    {
      name: 'next_bucket',
      type: DICT,
      comment: "bucket in the following month; '' when the account has no state then",
    },
    { name: 'next_balance', type: MONEY },
    { name: 'portfolio', type: DICT, comment: "latest account_opened value; '' when unknown" },
    { name: 'product', type: DICT },
    { name: 'region', type: DICT },
    { name: 'risk_grade', type: DICT },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  partitionBy: 'toYYYYMM(month)',
  orderBy: '(portfolio, product, region, risk_grade, bucket, account_id)',
  shardKey: 'sipHash64(account_id)',
  why: 'Month-end state and next-month state per account (derived from account_snapshot): roll rates and the loss forecast aggregate one month partition per origin month; portfolio filters skip granules by sort key.',
};

/** The key sets accountMonthScopes reads (account_month and account_run_end). */
export const SCOPE_KEYS = [SNAPSHOT_DAYS, ACCOUNTS_OPENED];

/**
 * The accounts one rewrite of account_month covers, in the statement's range of account
 * ids (sliceRange: a big load is refreshed in ranges so that memory stays bounded): those
 * with a loaded snapshot but not listed in {accounts} (`{listed}` = 0), or exactly the
 * listed ones (`{listed}` = 1: accounts whose dimensions changed).
 */
export const REWRITTEN_ACCOUNTS_SQL = `(
  SELECT account_id FROM (
    SELECT key AS account_id FROM ${keySet(SNAPSHOT_DAYS)}
    WHERE {listed:UInt8} = 0 AND key NOT IN {accounts:Array(String)}
    UNION DISTINCT
    SELECT arrayJoin({accounts:Array(String)}) AS account_id WHERE {listed:UInt8} = 1
  )
  WHERE ${sliceRange('account_id')}
)`;

/** Snapshot rows per slice: keeps one slice's GROUP BY and window within a few GB. */
const ROWS_PER_SLICE = 2_000_000;

/** Month-end states of the affected accounts, each paired with the state of the month after. */
export const refreshInsertSql = (target: string) => `
INSERT INTO ${target}
  (month, account_id, bucket, balance, next_bucket, next_balance,
   portfolio, product, region, risk_grade, refresh_id)
SELECT
  m.month, m.account_id, m.bucket, m.end_balance,
  if(m.next_month = addMonths(m.month, 1), m.next_bucket_raw, '') AS next_bucket,
  if(m.next_month = addMonths(m.month, 1), m.next_balance_raw, toDecimal64(0, 2)) AS next_balance,
  d.d_portfolio, d.d_product, d.d_region, d.d_risk_grade,
  {refreshId:UUID}
FROM (
  SELECT
    account_id, month, bucket, end_balance,
    leadInFrame(month) OVER w AS next_month,
    leadInFrame(bucket) OVER w AS next_bucket_raw,
    leadInFrame(end_balance) OVER w AS next_balance_raw
  FROM (
    SELECT
      account_id,
      toStartOfMonth(as_of) AS month,
      -- docs/metrics/README.md: the latest as_of in the month; same as_of: the later occurred_at
      -- (event_id only makes exact ties deterministic).
      argMax(tuple(status, dpd, balance), tuple(as_of, occurred_at, event_id)) AS ms,
      ${bucketSql('tupleElement(ms, 1)', 'tupleElement(ms, 2)')} AS bucket,
      tupleElement(ms, 3) AS end_balance
    FROM account_snapshot
    WHERE account_id IN ${REWRITTEN_ACCOUNTS_SQL}
      AND as_of >= {fromMonth:Date32} AND as_of < addMonths({toMonth:Date32}, 2)
    GROUP BY account_id, month
  )
  WINDOW w AS (PARTITION BY account_id ORDER BY month ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING)
) AS m
LEFT JOIN (
  SELECT
    account_id,
    argMax(tuple(portfolio, product, region, risk_grade), tuple(occurred_at, event_id)) AS dims,
    -- aliases differ from the column names: ClickHouse would resolve those to the alias
    tupleElement(dims, 1) AS d_portfolio, tupleElement(dims, 2) AS d_product,
    tupleElement(dims, 3) AS d_region, tupleElement(dims, 4) AS d_risk_grade
  FROM account_opened
  WHERE account_id IN ${REWRITTEN_ACCOUNTS_SQL}
  GROUP BY account_id
) AS d ON d.account_id = m.account_id
WHERE m.month >= {fromMonth:Date32} AND m.month <= {toMonth:Date32}
SETTINGS join_use_nulls = 0`;

/** The recomputed months of the affected accounts (partition pruning by month). */
const REWRITTEN = `account_id IN ${REWRITTEN_ACCOUNTS_SQL}
  AND month >= {fromMonth:Date32} AND month <= {toMonth:Date32} AND refresh_id != {refreshId:UUID}`;

export const REFRESH_DELETE_SQL = `DELETE FROM account_month WHERE ${REWRITTEN}`;

/**
 * The months the loads' snapshots can change: a snapshot of month M moves the row of M
 * and the next-month state of M − 1; rows of other months read other months' snapshots.
 */
export const ACCOUNT_MONTH_LOOK_BACK = {
  kind: 'months',
  months: 1,
  why: 'next-month state',
} as const satisfies LookBack;
const MONTHS_SQL = `
SELECT toString(${lookBackSql(ACCOUNT_MONTH_LOOK_BACK, 'min(day)')}) AS from_month,
       toString(toStartOfMonth(max(day))) AS to_month, count() AS n
FROM ${keyDaySet(SNAPSHOT_DAYS)}`;
const ALL_MONTHS = { fromMonth: '1900-01-01', toMonth: '2299-06-01' };

/** The accounts of the loads' openings without an opening in an earlier load. */
const WITHOUT_OPENING = `(
  SELECT key FROM ${keySet(ACCOUNTS_OPENED)}
  EXCEPT
  SELECT account_id FROM account_opened
  WHERE account_id IN ${keySet(ACCOUNTS_OPENED)} AND load_id NOT IN {loadIds:Array(UUID)}
)`;

/** The two tables whose rows carry an account's dimensions over the same scopes. */
export type ScopedTable = 'account_month' | 'account_run_end';

/**
 * Accounts of the loads' openings whose dimensions (the latest opening's, `now`) may
 * differ from those the table's rows carry. Only these get all their months rewritten;
 * a re-sent or older opening with the same values changes nothing. Rows carry the
 * latest opening of the loads a refresh saw, or '' when it saw none: the latest opening
 * of the earlier loads (`before`), or, when a refresh of these loads wrote the table and
 * was killed before the loads were marked refreshed (they are refreshed again, with any
 * newer load), one of the loads' openings newer than `before`; or ''. So an account is
 * listed when `before` or one of the loads' openings newer than it differs from `now`,
 * or when its rows in the table have portfolio '' (only an account without an earlier
 * opening can; account_month: its first sort-key value, a few granules, instead of every
 * month partition of account_snapshot). Each table looks at its own rows: a refresh
 * killed after account_month rewrote such an account, before account_run_end did,
 * leaves '' only in account_run_end. Every account with account_month rows has a run
 * end, so without a kill both tables list the same accounts.
 */
const DIMS = 'tuple(portfolio, product, region, risk_grade)';
const LATEST = 'tuple(occurred_at, event_id)';
const OF_LOADS = 'load_id IN {loadIds:Array(UUID)}';
export const changedDimsSql = (table: ScopedTable) => `
SELECT DISTINCT account_id FROM (
  SELECT account_id FROM (
    SELECT account_id,
      argMax(${DIMS}, ${LATEST}) AS now,
      argMaxIf(${DIMS}, ${LATEST}, NOT ${OF_LOADS}) AS before,
      maxIf(${LATEST}, NOT ${OF_LOADS}) AS before_at,
      countIf(NOT ${OF_LOADS}) AS before_n,
      groupArrayIf(tuple(${LATEST}, ${DIMS}), ${OF_LOADS}) AS of_loads
    FROM account_opened
    WHERE account_id IN ${keySet(ACCOUNTS_OPENED)}
    GROUP BY account_id
  )
  WHERE (before_n > 0 AND now != before)
     OR arrayExists(o -> (before_n = 0 OR o.1 > before_at) AND o.2 != now, of_loads)
  UNION ALL
  SELECT account_id FROM ${table} WHERE portfolio = '' AND account_id IN ${WITHOUT_OPENING}
)`;

export const accountMonth: DerivedTable = keyedTable({
  table: ACCOUNT_MONTH,
  shard: 'account',
  lookBack: ACCOUNT_MONTH_LOOK_BACK,
  reads: ['account_opened', 'account_snapshot'],
  keys: SCOPE_KEYS,
  async run(db, context, keysId) {
    for (const scope of await accountMonthScopes(db, context, keysId, 'account_month'))
      await rewrite(db, context, scope);
  },
});

/**
 * What the loads can change, as rewrites of sets of accounts and months: the accounts
 * whose dimensions changed, all months (listed); the other accounts with loaded snapshots,
 * the loads' months and the month before. account_run_end rewrites the same scopes, but
 * for a refresh killed between the two (changedDimsSql): each table searches once.
 */
export async function accountMonthScopes(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  keysId: string,
  table: ScopedTable,
): Promise<Scope[]> {
  const loadIds = [...context.loadIds];
  if (loadIds.length === 0) return [];
  const changed = mayHold(context, 'account_opened')
    ? (await queryRows<{ account_id: string }>(db, changedDimsSql(table), { loadIds, keysId })).map(
        (r) => r.account_id,
      )
    : [];
  const scopes: Scope[] = [];
  if (mayHold(context, 'account_snapshot')) {
    const [bounds] = await queryRows<{ from_month: string; to_month: string; n: string }>(
      db,
      MONTHS_SQL,
      { keysId },
    );
    if (bounds && Number(bounds.n) > 0)
      scopes.push({
        loadIds,
        keysId,
        listed: 0,
        accounts: changed,
        fromMonth: bounds.from_month,
        toMonth: bounds.to_month,
      });
  }
  for (const accounts of listedSlices(changed, context))
    scopes.push({ loadIds, keysId, listed: 1, accounts, ...ALL_MONTHS });
  return scopes;
}

/** The query parameters of REWRITTEN_ACCOUNTS_SQL and the months rewritten. */
export interface Scope {
  readonly loadIds: string[];
  /** the refresh's key sets (SCOPE_KEYS) */
  readonly keysId: string;
  readonly listed: 0 | 1;
  readonly accounts: readonly string[];
  readonly fromMonth: string;
  readonly toMonth: string;
}

/** Recompute the scopes of the loads (context.rowsPerSlice: snapshots per statement). */
export async function refreshAccountMonth(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
): Promise<void> {
  await accountMonth.refresh(db, context);
}

/**
 * Rewrite one scope: the loads' months (listed = 0) by partition replacement
 * (replace-partitions.ts): the stage gets the recomputed rows of the scope's accounts
 * and the kept rows of the others; the accounts whose dimensions changed (listed = 1,
 * every month: rare, a late opening with other values) by insert, then a DELETE of the
 * older rows. A table empty when the refresh began gets a plain insert.
 * Not an insert and DELETE of the touched accounts' rows (docs/etl.md "Per table",
 * measured at scale M): a mutation DELETE rebuilds both projections of every part of the
 * months (4.0 CPU-s against 1.6 for the copy), and a patch-part DELETE stops ClickHouse
 * from using the table's projections at all while a patch part exists.
 */
async function rewrite(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  scope: Scope,
): Promise<void> {
  const params = { ...scope, accounts: [...scope.accounts] };
  const { rows, sample } = await keySample(
    db,
    `SELECT account_id AS key FROM account_snapshot
       WHERE account_id IN ${REWRITTEN_ACCOUNTS_SQL}
         AND as_of >= {fromMonth:Date32} AND as_of < addMonths({toMonth:Date32}, 2)`,
    { ...params, ...ALL_KEYS },
  );
  if (rows === 0) return;
  const ranges = keyRanges(rows, sample, context.rowsPerSlice ?? ROWS_PER_SLICE);
  if (scope.listed === 1 || !mayHoldOlder(context, ACCOUNT_MONTH.name)) {
    const steps = {
      table: ACCOUNT_MONTH.name,
      insert: refreshInsertSql(ACCOUNT_MONTH.name),
      delete: REFRESH_DELETE_SQL,
    };
    await rewriteRanges(db, context, steps, params, ranges);
    return;
  }
  const months = monthsBetween(scope.fromMonth, scope.toMonth);
  await replaceMonthPartitions(db, ACCOUNT_MONTH.name, months, async (stage) => {
    const refreshId = randomUUID();
    for (const range of ranges)
      await db.client.command({
        query: refreshInsertSql(stage),
        query_params: { ...params, refreshId, ...range },
      });
    await db.client.command({
      query: `INSERT INTO ${stage} SELECT * FROM account_month
              WHERE month >= {fromMonth:Date32} AND month <= {toMonth:Date32}
                AND account_id NOT IN ${REWRITTEN_ACCOUNTS_SQL}`,
      query_params: { ...params, ...ALL_KEYS },
    });
  });
}
