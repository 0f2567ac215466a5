/**
 * `account_run_end`: the `account_month` rows after which the account has no
 * state in the following month (a gap, a closed account's last month, or the
 * latest month loaded), each with the month its state resumes (NULL: never so
 * far). With it, each account's latest state at the end of month M (docs/metrics/README.md
 * KPIs "at period end") is, without any per-account aggregation:
 *   its account_month row of month M, if any, else
 *   its run-end row with month < M and resume_month NULL or > M (at most one).
 * So the KPI state is two filtered sums (account_month's projection answers the
 * first) instead of an argMax over every account.
 *
 * Refresh: after account_month (DERIVED_TABLES order), the same scopes of
 * accounts and months as account_month's (accountMonthScopes) are recomputed
 * from their account_month rows, in ranges of account ids: the run ends in the
 * scope's months, and the one run end before them whose resume month a new
 * month of state may move (CARRIED). New rows first with a fresh refresh_id,
 * then the older rows of what was rewritten are deleted.
 */
import type { Db } from '../../db.ts';
import type { TableDef } from '../../ddl.ts';
import {
  ACCOUNT_MONTH_LOOK_BACK,
  accountMonthScopes,
  REWRITTEN_ACCOUNTS_SQL,
  SCOPE_KEYS,
} from '../account-month/index.ts';
import { keyedTable } from '../keys.ts';
import type { DerivedTable, RefreshContext } from '../index.ts';
import { ALL_KEYS, keyRanges, keySample, PATCH_PARTS, rewriteRanges } from '../refresh-steps.ts';

const DICT = 'LowCardinality(String)';

export const ACCOUNT_RUN_END: TableDef = {
  name: 'account_run_end',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
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

const IN_SCOPE = `account_id IN ${REWRITTEN_ACCOUNTS_SQL}`;

/**
 * The run-end rows before the scope's months that it may change: each account's last
 * one before {fromMonth} that resumes at or after it, or never (a new month of state
 * after a gap moves its resume_month). Rows of other earlier months cannot change:
 * their account_month rows and those of the months after them up to the scope are kept.
 */
const CARRIED = `month < {fromMonth:Date32}
  AND (resume_month IS NULL OR resume_month >= {fromMonth:Date32})`;

/**
 * The run ends of the scope's accounts in its months (from their account_month rows of
 * those months and after), and the carried run end before them with its resume month
 * recomputed (DISTINCT: a crashed refresh may have left it twice). The resume month is
 * looked up for the scope's accounts of carried rows only (a few hundred of the scope's
 * 100 000 at scale 100 k: the GROUP BY over every scope account's months cost more than
 * the rows), in the statement's range of accounts.
 */
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
  WHERE ${IN_SCOPE} AND month >= {fromMonth:Date32}
)
WHERE next_bucket = '' AND month <= {toMonth:Date32}
UNION ALL
SELECT DISTINCT r.month, r.account_id, r.bucket, r.balance, n.resume,
       r.portfolio, r.product, r.region, r.risk_grade, {refreshId:UUID}
FROM (SELECT * FROM account_run_end WHERE ${IN_SCOPE} AND ${CARRIED}) AS r
LEFT JOIN (
  SELECT account_id, CAST(min(month) AS Nullable(Date32)) AS resume
  FROM account_month
  WHERE month >= {fromMonth:Date32} AND account_id IN (SELECT account_id FROM account_run_end WHERE ${IN_SCOPE} AND ${CARRIED})
  GROUP BY account_id
) AS n ON n.account_id = r.account_id
SETTINGS join_use_nulls = 1`;

/** Older rows of what the scope rewrote. */
const REWRITTEN = `${IN_SCOPE} AND refresh_id != {refreshId:UUID}
  AND (month BETWEEN {fromMonth:Date32} AND {toMonth:Date32} OR (${CARRIED}))`;

export const RUN_END_DELETE_SQL = `DELETE FROM account_run_end WHERE ${REWRITTEN}`;

export const accountRunEnd: DerivedTable = keyedTable({
  table: ACCOUNT_RUN_END,
  shard: 'account',
  lookBack: { ...ACCOUNT_MONTH_LOOK_BACK, why: "account_month's months" },
  reads: ['account_opened', 'account_snapshot'],
  after: ['account_month'],
  keys: SCOPE_KEYS,
  run: (db, context, keysId) => refreshAccountRunEnd(db, context, keysId),
});

/** Rewrite the scopes account_month rewrote (accountMonthScopes: the same but for a kill between them). */
export async function refreshAccountRunEnd(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  keysId: string,
): Promise<void> {
  const steps = {
    table: ACCOUNT_RUN_END.name,
    insert: RUN_END_INSERT_SQL,
    delete: RUN_END_DELETE_SQL,
  };
  for (const scope of await accountMonthScopes(db, context, keysId, 'account_run_end')) {
    const params = { ...scope, accounts: [...scope.accounts] };
    const { rows, sample } = await keySample(
      db,
      `SELECT account_id AS key FROM account_month WHERE ${IN_SCOPE} AND month >= {fromMonth:Date32}`,
      { ...params, ...ALL_KEYS },
    );
    const ranges = keyRanges(rows, sample, context.rowsPerSlice ?? ROWS_PER_SLICE);
    await rewriteRanges(db, context, steps, params, ranges);
  }
}
