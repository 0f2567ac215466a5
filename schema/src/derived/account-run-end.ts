/**
 * `account_run_end`: the `account_month` rows after which the account has no
 * state in the following month (a gap, a closed account's last month, or the
 * latest month loaded), each with the month its state resumes (NULL: never so
 * far). With it, each account's latest state at the end of month M (SPEC §4
 * KPIs "at period end") is, without any per-account aggregation:
 *   its account_month row of month M, if any, else
 *   its run-end row with month < M and resume_month NULL or > M (at most one).
 * So the KPI state is two filtered sums (account_month's projection answers the
 * first) instead of an argMax over every account.
 *
 * Refresh: after account_month (DERIVED_TABLES order), the accounts touched by
 * the given loads (a snapshot or an account_opened row with one of those
 * load_ids, as for account_month) are recomputed from their account_month rows,
 * in slices by account hash; new rows first with a fresh refresh_id, then the
 * accounts' older rows are deleted.
 */
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '../db.ts';
import type { TableDef } from '../ddl.ts';
import { AFFECTED_ACCOUNTS_SQL } from './account-month.ts';
import type { DerivedTable, RefreshContext } from './index.ts';
import { mayHoldOlder } from './refresh-steps.ts';

const DICT = 'LowCardinality(String)';

export const ACCOUNT_RUN_END: TableDef = {
  name: 'account_run_end',
  engine: 'MergeTree',
  columns: [
    { name: 'month', type: 'Date32', comment: 'month of the last state before a month without' },
    { name: 'account_id', type: 'String' },
    { name: 'bucket', type: DICT, comment: 'account_month.bucket of that month' },
    { name: 'balance', type: 'Decimal(18, 2)' },
    {
      name: 'resume_month',
      type: 'Nullable(Date32)',
      comment: 'next month with a state; NULL: none loaded',
    },
    { name: 'portfolio', type: DICT, comment: 'as in account_month' },
    { name: 'product', type: DICT },
    { name: 'region', type: DICT },
    { name: 'risk_grade', type: DICT },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(month, account_id)',
  shardKey: 'sipHash64(account_id)',
  why: 'KPI state at a month end: the rows of earlier months still carried (month < M, resume after M); the sort key skips later months.',
};

/** account_month rows per slice: bounds the window's memory. */
const ROWS_PER_SLICE = 4_000_000;

export const RUN_END_INSERT_SQL = `
INSERT INTO account_run_end
  (month, account_id, bucket, balance, resume_month, portfolio, product, region, risk_grade, refresh_id)
SELECT month, account_id, bucket, balance, if(next_month > month, next_month, NULL),
       portfolio, product, region, risk_grade, {refreshId:UUID}
FROM (
  SELECT month, account_id, bucket, balance, next_bucket, portfolio, product, region, risk_grade,
         leadInFrame(month) OVER (PARTITION BY account_id ORDER BY month
                                  ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next_month
  FROM account_month
  WHERE account_id IN ${AFFECTED_ACCOUNTS_SQL}
)
WHERE next_bucket = ''`;

export const RUN_END_HAS_OLDER_SQL = `
SELECT toUInt8(count() > 0) AS n FROM (
  SELECT 1 FROM account_run_end
  WHERE account_id IN ${AFFECTED_ACCOUNTS_SQL} AND refresh_id != {refreshId:UUID}
  LIMIT 1
)`;

export const RUN_END_DELETE_SQL = `
DELETE FROM account_run_end
WHERE account_id IN ${AFFECTED_ACCOUNTS_SQL} AND refresh_id != {refreshId:UUID}`;

export const accountRunEnd: DerivedTable = {
  name: ACCOUNT_RUN_END.name,
  reads: ['account_opened', 'account_snapshot'],
  refresh: (db, context) => refreshAccountRunEnd(db, context),
};

export async function refreshAccountRunEnd(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  rowsPerSlice = ROWS_PER_SLICE,
): Promise<void> {
  if (context.loadIds.length === 0) return;
  const loadIds = [...context.loadIds];
  const whole = { loadIds, slices: 1, slice: 0 };
  const [row] = await queryRows<{ n: string }>(
    db,
    `SELECT count() AS n FROM account_month WHERE account_id IN ${AFFECTED_ACCOUNTS_SQL}`,
    whole,
  );
  const slices = Math.max(1, Math.ceil(Number(row?.n ?? 0) / rowsPerSlice));
  const refreshId = randomUUID();
  for (let slice = 0; slice < slices; slice += 1)
    await db.client.command({
      query: RUN_END_INSERT_SQL,
      query_params: { loadIds, refreshId, slices, slice },
    });
  if (!mayHoldOlder(context, ACCOUNT_RUN_END.name)) return;
  const [older] = await queryRows<{ n: number }>(db, RUN_END_HAS_OLDER_SQL, {
    ...whole,
    refreshId,
  });
  if (Number(older?.n ?? 0) > 0)
    await db.client.command({ query: RUN_END_DELETE_SQL, query_params: { ...whole, refreshId } });
}
