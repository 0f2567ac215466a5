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
 * The first charge-off is the first day whose effective snapshot (docs/metrics/README.md#effective-snapshot:
 * the greatest (occurred_at, event_id) of the day) is charged_off: a charged_off snapshot
 * superseded the same day by a correction counts nowhere.
 *
 * Refresh: the accounts whose row the given loads change are recomputed — those
 * with an account_opened row in the loads (from all their openings, so late and
 * out-of-order openings stay right), and those with a charged_off snapshot in the loads
 * earlier than their row's first_charged_off_on (or without one), or another status in
 * the loads on that day (a correction). The first charge-off is the least of the loads'
 * charged_off days whose effective snapshot is charged_off and the row's: a minimum over all
 * days is the minimum of the old minimum and the new ones, so no earlier month of
 * account_snapshot is read (the monthly charged_off snapshots of an account already
 * charged off change nothing). Only when the loads hold a snapshot of the row's first
 * day (a correction may supersede it) are all the account's days read again. New rows
 * are written first with a fresh refresh_id, then the accounts' older rows are deleted:
 * a reader never sees an account missing. An account with two rows (a refresh killed
 * before its DELETE) is rewritten by the rerun, which refreshes the same loads and so
 * lists it again, or by a later load holding an opening or a charged_off snapshot of it.
 */
import { randomUUID } from 'node:crypto';
import type { TableDef } from '../../ddl.ts';
import type { DerivedTable } from '../index.ts';
import { ACCOUNTS_OPENED, SNAPSHOT_DAYS } from '../key-sets.ts';
import { daySet, keyedTable, keySet, type KeySet } from '../keys.ts';
import { loadParams } from '../load-bounds.ts';
import { effectiveSnapshotsSql } from '../snapshots.ts';
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

/** The bounds of the loads' snapshot days: only those months' partitions are read. */
const LOADED_DAYS_RANGE = (column: string) =>
  `${column} >= (SELECT min(day) FROM ${daySet(SNAPSHOT_DAYS)})
    AND ${column} <= (SELECT max(day) FROM ${daySet(SNAPSHOT_DAYS)})`;

/** The loads' charged_off snapshots, within the days of SNAPSHOT_DAYS (only those months' partitions are read). */
const LOADED_CHARGED_OFF = `account_snapshot
WHERE load_id IN {loadIds:Array(UUID)} AND status = 'charged_off' AND ${LOADED_DAYS_RANGE('as_of')}`;

/**
 * Accounts with a snapshot in the loads of their written first charge-off day that is not
 * charged_off: it may supersede the charge-off (docs/metrics/README.md#effective-snapshot),
 * so all their days are read again (rare). Only such a snapshot can: the effective
 * snapshot of that day stays charged_off otherwise. The written rows looked at are those
 * whose first charge-off falls within the loads' days (a scan of one Date32 column).
 */
export const FIRST_CHARGE_OFF_CORRECTED: KeySet = {
  name: 'first_charge_off_corrected',
  loaded: 'account_snapshot',
  uses: [SNAPSHOT_DAYS],
  select: `SELECT account_id AS key, toDate32(0) AS day FROM account_snapshot
WHERE load_id IN {loadIds:Array(UUID)} AND status != 'charged_off' AND ${LOADED_DAYS_RANGE('as_of')}
  AND (account_id, as_of) IN (
    SELECT account_id, assumeNotNull(first_charged_off_on) FROM account_dims
    WHERE ${LOADED_DAYS_RANGE('first_charged_off_on')})`,
};

/**
 * Accounts whose first charge-off the loads may move to an earlier day: a charged_off
 * snapshot in the loads earlier than every written row's first_charged_off_on, or no
 * written row with one; and accounts with more than one row (a refresh killed before its
 * DELETE), so that their rewrite clears the extra row. Only a charged_off snapshot can
 * make a day's effective snapshot charged_off, so no other loaded snapshot is listed
 * (another status on the first day by FIRST_CHARGE_OFF_CORRECTED): a charged-off
 * account's later monthly snapshots are not (scale 100 k, month 24: 11 333 accounts
 * listed before, and each row rewritten from every month of its snapshots).
 */
export const ACCOUNTS_CHARGED_OFF: KeySet = {
  name: 'accounts_charged_off',
  loaded: 'account_snapshot',
  uses: [SNAPSHOT_DAYS],
  select: `SELECT l.account_id AS key, toDate32(0) AS day
FROM (SELECT account_id, min(as_of) AS first FROM ${LOADED_CHARGED_OFF} GROUP BY account_id) AS l
LEFT JOIN (
  SELECT account_id, 1 AS found, count() AS n, min(first_charged_off_on) AS was FROM account_dims
  WHERE account_id IN (SELECT account_id FROM ${LOADED_CHARGED_OFF})
  GROUP BY account_id
) AS d ON d.account_id = l.account_id
WHERE ifNull(d.found, 0) = 0 OR d.n > 1 OR isNull(d.was) OR l.first < d.was`,
};

/** Accounts whose row the given loads may change (refresh_keys). */
const AFFECTED = keySet(ACCOUNTS_OPENED, ACCOUNTS_CHARGED_OFF, FIRST_CHARGE_OFF_CORRECTED);
const CORRECTED = keySet(FIRST_CHARGE_OFF_CORRECTED);

/**
 * The days of the loads' charged_off snapshots of the affected accounts, each with its
 * effective snapshot (all the day's rows, of any load): the days that may become charged_off.
 */
const LOADED_CHARGED_OFF_DAYS = effectiveSnapshotsSql(`account_id IN ${AFFECTED}
      AND ${LOADED_DAYS_RANGE('as_of')}
      AND (account_id, as_of) IN (SELECT account_id, as_of FROM ${LOADED_CHARGED_OFF} AND account_id IN ${AFFECTED})`);

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
  -- the first day whose effective snapshot is charged_off (docs/metrics/README.md#effective-snapshot):
  -- the least of the loads' charged_off days whose effective snapshot is charged_off and the
  -- written rows' first day, unless the loads may have superseded that day's charge-off
  -- (FIRST_CHARGE_OFF_CORRECTED); then every day of the account
  SELECT account_id, CAST(min(first) AS Nullable(Date32)) AS first_on FROM (
    SELECT account_id, as_of AS first FROM ${LOADED_CHARGED_OFF_DAYS} WHERE status = 'charged_off'
    UNION ALL
    SELECT account_id, assumeNotNull(first_charged_off_on) FROM account_dims
    WHERE account_id IN ${AFFECTED} AND isNotNull(first_charged_off_on)
      AND account_id NOT IN ${CORRECTED}
    UNION ALL
    SELECT account_id, as_of
    FROM ${effectiveSnapshotsSql(`account_id IN ${CORRECTED}`)}
    WHERE status = 'charged_off'
  )
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
  keys: [ACCOUNTS_OPENED, ACCOUNTS_CHARGED_OFF, FIRST_CHARGE_OFF_CORRECTED],
  async run(db, context, keysId): Promise<void> {
    const query_params = { ...loadParams(context.loadIds), keysId, refreshId: randomUUID() };
    await db.client.command({ query: ACCOUNT_DIMS_INSERT_SQL, query_params });
    // nothing older in a table that was empty (refresh-steps.ts)
    if (mayHoldOlder(context, ACCOUNT_DIMS.name))
      await deleteOlder(db, ACCOUNT_DIMS_DELETE_SQL, query_params);
  },
});
