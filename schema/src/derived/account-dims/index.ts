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
 * out-of-order openings stay right), and those with a loaded day holding a charged_off
 * snapshot earlier than their row's first_charged_off_on (or without one), or on it
 * together with another status (a correction). The first charge-off is the least of the
 * loads' days whose effective snapshot is charged_off and the row's: a minimum over all
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
import { keyDaySet, keyedTable, keySet, type KeySet } from '../keys.ts';
import { effectiveSnapshotsSql, ON_LOADED_DAYS } from '../snapshots.ts';
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
 * The loads' days holding a charged_off snapshot (of any load: a loaded correction meets the
 * snapshot it corrects), per (account, as_of), and whether the day also holds another status.
 */
const CHARGED_OFF_DAYS = `(
  SELECT account_id, as_of, countIf(status != 'charged_off') > 0 AS other
  FROM account_snapshot WHERE ${ON_LOADED_DAYS}
  GROUP BY account_id, as_of
  HAVING countIf(status = 'charged_off') > 0
)`;

/**
 * Accounts whose first charge-off the loads may move: a loaded day with a charged_off
 * snapshot earlier than every written row's first_charged_off_on, or no written row with
 * one; a loaded day on the row's first charge-off that also holds another status (a
 * same-day correction may supersede the charge-off); and accounts with more than one row
 * (a refresh killed before its DELETE), so that their rewrite clears the extra row. A
 * charged-off account's later monthly snapshots are not listed (scale 100 k, month 24:
 * 11 333 accounts listed before, and each row rewritten from every month of its snapshots).
 */
export const ACCOUNTS_CHARGED_OFF: KeySet = {
  name: 'accounts_charged_off',
  loaded: 'account_snapshot',
  uses: [SNAPSHOT_DAYS],
  select: `SELECT l.account_id AS key, toDate32(0) AS day
FROM ${CHARGED_OFF_DAYS} AS l
LEFT JOIN (
  SELECT account_id, 1 AS found, count() AS n, min(first_charged_off_on) AS was FROM account_dims
  WHERE account_id IN (SELECT account_id FROM ${CHARGED_OFF_DAYS})
  GROUP BY account_id
) AS d ON d.account_id = l.account_id
WHERE ifNull(d.found, 0) = 0 OR d.n > 1 OR isNull(d.was) OR l.as_of < d.was
   OR (l.as_of = d.was AND l.other)`,
};

/** Accounts whose row the given loads may change (refresh_keys). */
const AFFECTED = keySet(ACCOUNTS_OPENED, ACCOUNTS_CHARGED_OFF);

/**
 * Affected accounts whose written first charge-off day the loads hold a snapshot of: a
 * same-day correction may have superseded it, so all their days are read again (rare).
 */
const FIRST_DAY_LOADED = `(
  SELECT account_id FROM account_dims
  WHERE account_id IN ${AFFECTED} AND isNotNull(first_charged_off_on)
    AND (account_id, assumeNotNull(first_charged_off_on)) IN ${keyDaySet(SNAPSHOT_DAYS)}
)`;

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
  -- the least of the loads' days and the written rows' first day, unless the loads hold a
  -- snapshot of that day; then every day of the account
  SELECT account_id, CAST(min(first) AS Nullable(Date32)) AS first_on FROM (
    SELECT account_id, as_of AS first
    FROM ${effectiveSnapshotsSql(`${ON_LOADED_DAYS} AND account_id IN ${AFFECTED}`)}
    WHERE status = 'charged_off'
    UNION ALL
    SELECT account_id, assumeNotNull(first_charged_off_on) FROM account_dims
    WHERE account_id IN ${AFFECTED} AND isNotNull(first_charged_off_on)
      AND account_id NOT IN ${FIRST_DAY_LOADED}
    UNION ALL
    SELECT account_id, as_of
    FROM ${effectiveSnapshotsSql(`account_id IN ${FIRST_DAY_LOADED}`)}
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
  keys: [ACCOUNTS_OPENED, ACCOUNTS_CHARGED_OFF],
  async run(db, context, keysId): Promise<void> {
    const query_params = { keysId, refreshId: randomUUID() };
    await db.client.command({ query: ACCOUNT_DIMS_INSERT_SQL, query_params });
    // nothing older in a table that was empty (refresh-steps.ts)
    if (mayHoldOlder(context, ACCOUNT_DIMS.name))
      await deleteOlder(db, ACCOUNT_DIMS_DELETE_SQL, query_params);
  },
});
