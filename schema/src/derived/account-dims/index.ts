/**
 * `account_dims`: one row per account with its latest `account_opened`
 * attributes (docs/etl.md#event-format: late dimensions are not rejected, the latest
 * occurred_at wins) and the day of its first `charged_off` snapshot, so that
 * PortfolioFilter, the account groupBy dimensions and the KPI charge-off count
 * read one small row per account instead of aggregating every account_opened
 * (or every snapshot) on each query.
 *
 * Rows exist for accounts with an account_opened (`has_opened` = 1) and for
 * accounts with a charged_off snapshot but no account_opened yet
 * (`has_opened` = 0, dimensions '' / defaults): the account dimension
 * (ACCOUNTS_SQL) reads only `has_opened` rows, the charge-off count all rows.
 *
 * Refresh: the accounts touched by the given loads (an account_opened row, or
 * a charged_off snapshot, with one of those load_ids; other snapshots cannot
 * change a row) are recomputed from all their events, so late and
 * out-of-order events stay right. New rows are written first with a fresh
 * refresh_id, then the accounts' older rows are deleted: a reader never sees
 * an account missing.
 */
import { randomUUID } from 'node:crypto';
import type { TableDef } from '../../ddl.ts';
import type { DerivedTable } from '../index.ts';
import { ACCOUNTS_OPENED, SNAPSHOT_DAYS } from '../key-sets.ts';
import { daySet, keyedTable, keySet, type KeySet } from '../keys.ts';
import { deleteOlder, mayHoldOlder, PATCH_PARTS } from '../refresh-steps.ts';

const DICT = 'LowCardinality(String)';

export const ACCOUNT_DIMS: TableDef = {
  name: 'account_dims',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'account_id', type: 'String' },
    { name: 'has_opened', type: 'UInt8', comment: '1 when the account has an account_opened' },
    { name: 'product', type: DICT, comment: "latest account_opened value; '' without one" },
    { name: 'portfolio', type: DICT },
    { name: 'region', type: DICT },
    { name: 'risk_grade', type: DICT },
    { name: 'opened_on', type: 'Date32' },
    { name: 'principal', type: 'Decimal(18, 2)' },
    { name: 'utc_offset_minutes', type: 'Int16' },
    {
      name: 'first_charged_off_on',
      type: 'Nullable(Date32)',
      comment: 'as_of of the first charged_off snapshot; NULL: never charged off',
    },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: 'account_id',
  shardKey: 'sipHash64(account_id)',
  why: 'Account dimension: semi-joins and joins by account_id use the primary key; PortfolioFilter scans four LowCardinality columns of one row per account.',
};

/**
 * Accounts with a charged_off snapshot in the loads. The loads' snapshots lie within the
 * days of SNAPSHOT_DAYS, so only those months' partitions are read (scale M, morning day:
 * 0.44 CPU-s scanning every month's load_id before).
 */
export const ACCOUNTS_CHARGED_OFF: KeySet = {
  name: 'accounts_charged_off',
  loaded: 'account_snapshot',
  uses: [SNAPSHOT_DAYS],
  select: `SELECT account_id AS key, toDate32(0) AS day FROM account_snapshot
WHERE load_id IN {loadIds:Array(UUID)} AND status = 'charged_off'
  AND as_of >= (SELECT min(day) FROM ${daySet(SNAPSHOT_DAYS)})
  AND as_of <= (SELECT max(day) FROM ${daySet(SNAPSHOT_DAYS)})`,
};

/** Accounts whose row the given loads may change (refresh_keys). */
const AFFECTED = keySet(ACCOUNTS_OPENED, ACCOUNTS_CHARGED_OFF);

export const ACCOUNT_DIMS_INSERT_SQL = `
INSERT INTO account_dims
  (account_id, has_opened, product, portfolio, region, risk_grade, opened_on, principal,
   utc_offset_minutes, first_charged_off_on, refresh_id)
SELECT k.account_id, o.n > 0,
       tupleElement(o.d, 1), tupleElement(o.d, 2), tupleElement(o.d, 3), tupleElement(o.d, 4),
       tupleElement(o.d, 5), tupleElement(o.d, 6), tupleElement(o.d, 7),
       co.first_on, {refreshId:UUID}
FROM (SELECT DISTINCT key AS account_id FROM ${AFFECTED}) AS k
LEFT JOIN (
  SELECT account_id, count() AS n,
         -- latest opening; event_id only makes exact ties deterministic
         argMax(tuple(product, portfolio, region, risk_grade, opened_on, principal, utc_offset_minutes),
                tuple(occurred_at, event_id)) AS d
  FROM account_opened
  WHERE account_id IN ${AFFECTED}
  GROUP BY account_id
) AS o ON o.account_id = k.account_id
LEFT JOIN (
  SELECT account_id, CAST(min(as_of) AS Nullable(Date32)) AS first_on
  FROM account_snapshot
  WHERE status = 'charged_off' AND account_id IN ${AFFECTED}
  GROUP BY account_id
) AS co ON co.account_id = k.account_id
WHERE o.n > 0 OR co.first_on IS NOT NULL
SETTINGS join_use_nulls = 1`;

export const ACCOUNT_DIMS_DELETE_SQL = `
DELETE FROM account_dims
WHERE account_id IN ${AFFECTED} AND refresh_id != {refreshId:UUID}`;

export const accountDims: DerivedTable = keyedTable({
  table: ACCOUNT_DIMS,
  shard: 'account',
  lookBack: { kind: 'wholeKey', why: 'the latest opening, the first charge-off' },
  reads: ['account_opened', 'account_snapshot'],
  keys: [ACCOUNTS_OPENED, ACCOUNTS_CHARGED_OFF],
  async run(db, context, keysId): Promise<void> {
    const query_params = { keysId, refreshId: randomUUID() };
    await db.client.command({ query: ACCOUNT_DIMS_INSERT_SQL, query_params });
    // nothing older in a table that was empty (refresh-steps.ts)
    if (mayHoldOlder(context, ACCOUNT_DIMS.name))
      await deleteOlder(db, ACCOUNT_DIMS_DELETE_SQL, query_params);
  },
});
