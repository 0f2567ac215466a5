/**
 * `account_vintage`: one row per account with its vintage (month of `opened_on`,
 * latest account_opened), the first month it was ever at 30+ (M2 or worse,
 * CHARGED_OFF included), 60+ (M3+) and 90+ (M4+) by the effective snapshot of any day
 * (docs/metrics/README.md#effective-snapshot: a same-day correction supersedes), and its
 * portfolio dimensions. docs/metrics/vintages.md then becomes one GROUP BY over one row
 * per account instead of a scan of every snapshot (docs/metrics/vintages.md).
 *
 * Refresh: the accounts whose row the given loads can change (VINTAGE_CHANGED_SQL:
 * an opening in the loads, or a loaded snapshot that lowers a first month) are
 * recomputed — one without a row from all its snapshots; one with a row from its
 * openings, the row's first months before the month of the loads' earliest as_of and its
 * snapshots from that month on (the look-back: earlier snapshots are in the row), so
 * late, out-of-order and corrected snapshots
 * and late dimensions stay right without re-reading every month; a load of snapshots
 * that worsen nobody's record rewrites nothing.
 * New rows are written with a fresh refresh_id, then the accounts' older rows
 * are deleted. An account without account_opened has no vintage and no row. A
 * table empty when the refresh began (a first load, a rebuild) gets one insert
 * of every account the loads opened, without listing them.
 */
import { randomUUID } from 'node:crypto';
import { queryRows } from '../../db.ts';
import type { TableDef } from '../../ddl.ts';
import { BUCKETS, bucketSql, type Bucket } from '../../domain.ts';
import type { DerivedTable } from '../index.ts';
import { ACCOUNTS_OPENED, SNAPSHOT_DAYS } from '../key-sets.ts';
import { keyDaySet, keyedTable, keySet } from '../keys.ts';
import { effectiveSnapshotsSql, ON_LOADED_DAYS } from '../snapshots.ts';
import { deleteOlder, listedSlices, mayHoldOlder, PATCH_PARTS } from '../refresh-steps.ts';

const DICT = 'LowCardinality(String)';
const FIRST_MONTH = 'Nullable(Date32)';

export const ACCOUNT_VINTAGE: TableDef = {
  name: 'account_vintage',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'vintage', type: 'Date32', comment: 'first day of the opening month' },
    { name: 'account_id', type: 'String' },
    { name: 'first_30', type: FIRST_MONTH, comment: 'first month at M2 or worse; NULL: never' },
    { name: 'first_60', type: FIRST_MONTH, comment: 'first month at M3 or worse; NULL: never' },
    { name: 'first_90', type: FIRST_MONTH, comment: 'first month at M4 or worse; NULL: never' },
    { name: 'portfolio', type: DICT },
    { name: 'product', type: DICT },
    { name: 'region', type: DICT },
    { name: 'risk_grade', type: DICT },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(vintage, portfolio, product, region, risk_grade, account_id)',
  shardKey: 'sipHash64(account_id)',
  why: 'Vintage curves (docs/metrics/vintages.md): one row per account, read by vintage range; portfolio filters skip granules by sort key.',
};

/** Buckets at `from` or worse in docs/metrics/README.md#buckets, order (CLOSED excluded: neither better nor worse). */
function worseOrEqual(from: Bucket): string {
  const worse = BUCKETS.slice(BUCKETS.indexOf(from), BUCKETS.indexOf('CHARGED_OFF') + 1);
  return `(${worse.map((b) => `'${b}'`).join(', ')})`;
}

/** Per level (30+, 60+, 90+): its name and the least bucket at it. */
const LEVELS = [
  ['30', 'M2'],
  ['60', 'M3'],
  ['90', 'M4'],
] as const;

/**
 * Accounts whose row the loads can change, found once before the rewrite (the test
 * reads account_vintage, which the rewrite changes): those of the loads' openings
 * (vintage and dimensions), and those with a row and a loaded day holding a snapshot (of
 * any load: a loaded correction meets the day it corrects) at 30+, 60+ or 90+ in a month
 * before the row's first one at that level (or with none yet), or in that month together
 * with a snapshot not at that level (a same-day correction may supersede the first), or
 * with more than one row (a refresh killed before its DELETE).
 * Any other snapshot leaves every minimum as it is; an account without an opening has
 * no row.
 */
export const VINTAGE_CHANGED_SQL = `
SELECT key AS account_id FROM ${keySet(ACCOUNTS_OPENED)}
UNION DISTINCT
SELECT s.account_id FROM (
  SELECT account_id, toStartOfMonth(as_of) AS m,
         ${LEVELS.map(
           ([l, b]) => `countIf(bucket IN ${worseOrEqual(b)}) > 0 AS a${l},
         countIf(bucket NOT IN ${worseOrEqual(b)}) > 0 AS o${l}`,
         ).join(',\n         ')}
  FROM (
    SELECT account_id, as_of, ${bucketSql('status', 'dpd')} AS bucket
    FROM account_snapshot
    -- the loads' snapshot days lie within their months: the other months' partitions are skipped
    WHERE ${ON_LOADED_DAYS}
  )
  GROUP BY account_id, as_of
  HAVING a30
) AS s
INNER JOIN (
  SELECT account_id, min(first_30) AS f30, min(first_60) AS f60, min(first_90) AS f90,
         count() AS n
  FROM account_vintage WHERE account_id IN ${keySet(SNAPSHOT_DAYS)} GROUP BY account_id
) AS v ON v.account_id = s.account_id
-- more than one row: a refresh killed before its DELETE; the rewrite clears the extra row
WHERE v.n > 1
   OR ${LEVELS.map(
     ([l]) => `(s.a${l} AND (v.f${l} IS NULL OR s.m < v.f${l} OR (s.m = v.f${l} AND s.o${l})))`,
   ).join('\n   OR ')}
SETTINGS join_use_nulls = 1`;

/** The accounts one statement rewrites: a slice of VINTAGE_CHANGED_SQL's. */
const AFFECTED = `{accounts:Array(String)}`;

/**
 * A table empty when the refresh began: the accounts of the loads' openings, which are
 * all VINTAGE_CHANGED_SQL would list, as a subquery. A first load of scale M lists 1 M
 * accounts; five statements each carrying 200 000 of them as a parameter ran single-
 * threaded for about 15 CPU minutes apiece, where one statement reads every snapshot once.
 */
const LOADS_OPENED = keySet(ACCOUNTS_OPENED);

/** The first months of the snapshots read, per account (NULL: none at that level). */
const FIRSTS = LEVELS.map(
  ([l, b]) =>
    `\n         minIf(toNullable(toStartOfMonth(as_of)), bucket IN ${worseOrEqual(b)}) AS f${l}`,
).join(',');

/** The earlier of two first months, NULL only when both are. */
const NEVER = "toDate32('2299-12-31')";
const earlier = (a: string, b: string) =>
  `nullIf(least(ifNull(${a}, ${NEVER}), ifNull(${b}, ${NEVER})), ${NEVER})`;

/**
 * Recompute the rows of the accounts in `affected` (a parenthesised set or array
 * parameter) from the effective snapshot of each day (docs/metrics/README.md#effective-snapshot).
 * `bounded`: accounts with a written row keep its first months before {fromMonth} (the
 * month of the loads' earliest as_of: no loaded snapshot is dated before it, so those
 * days' effective snapshots are as when the row was written), and only the snapshots from
 * that month on are read — a first month is a minimum, so the row's earlier ones and
 * theirs give it, and a written first month from {fromMonth} on, which a correction may
 * supersede, is read again; rewriting it twice gives the same.
 */
const vintageInsertSql = (affected: string, bounded = false) => `
INSERT INTO account_vintage
  (vintage, account_id, first_30, first_60, first_90, portfolio, product, region, risk_grade, refresh_id)
SELECT toStartOfMonth(a.v_opened_on), a.account_id,
       ${LEVELS.map(([l]) => (bounded ? earlier(`s.f${l}`, `if(o.first_${l} < {fromMonth:Date32}, o.first_${l}, NULL)`) : `s.f${l}`)).join(', ')},
       a.v_portfolio, a.v_product, a.v_region, a.v_risk_grade, {refreshId:UUID}
FROM (
  SELECT account_id,
         argMax(tuple(opened_on, portfolio, product, region, risk_grade), tuple(occurred_at, event_id)) AS d,
         -- aliases differ from the column names: ClickHouse would resolve those to the alias
         tupleElement(d, 1) AS v_opened_on, tupleElement(d, 2) AS v_portfolio, tupleElement(d, 3) AS v_product,
         tupleElement(d, 4) AS v_region, tupleElement(d, 5) AS v_risk_grade
  FROM account_opened
  WHERE account_id IN ${affected}
  GROUP BY account_id
) AS a
LEFT JOIN (
  SELECT account_id,${FIRSTS}
  FROM (
    SELECT account_id, as_of, ${bucketSql('status', 'dpd')} AS bucket
    -- only accounts with an opening have a row: snapshots of others are not read
    FROM ${effectiveSnapshotsSql(
      `account_id IN (SELECT account_id FROM account_opened WHERE account_id IN ${affected})${
        bounded ? ' AND as_of >= {fromMonth:Date32}' : ''
      }`,
    )}
  )
  GROUP BY account_id
) AS s ON s.account_id = a.account_id${
  bounded
    ? `
INNER JOIN (
  SELECT account_id, first_30, first_60, first_90 FROM account_vintage
  WHERE account_id IN ${affected} LIMIT 1 BY account_id
) AS o ON o.account_id = a.account_id`
    : ''
}
SETTINGS join_use_nulls = 1`;

export const VINTAGE_REFRESH_INSERT_SQL = vintageInsertSql(AFFECTED);
export const VINTAGE_BOUNDED_INSERT_SQL = vintageInsertSql(AFFECTED, true);
export const VINTAGE_FIRST_INSERT_SQL = vintageInsertSql(LOADS_OPENED);

/** The accounts of a slice with a written row (VINTAGE_BOUNDED_INSERT_SQL). */
const WRITTEN_SQL = `SELECT DISTINCT account_id FROM account_vintage WHERE account_id IN ${AFFECTED}`;

/** The month of the loads' earliest snapshot day (n = 0: the loads hold no snapshot). */
const FROM_MONTH_SQL = `SELECT toString(toStartOfMonth(min(day))) AS month, count() AS n
FROM ${keyDaySet(SNAPSHOT_DAYS)}`;

export const VINTAGE_REFRESH_DELETE_SQL = `
DELETE FROM account_vintage
WHERE account_id IN ${AFFECTED} AND refresh_id != {refreshId:UUID}`;

export const accountVintage: DerivedTable = keyedTable({
  table: ACCOUNT_VINTAGE,
  shard: 'account',
  lookBack: { kind: 'none', why: 'a minimum' },
  reads: ['account_opened', 'account_snapshot'],
  keys: [ACCOUNTS_OPENED, SNAPSHOT_DAYS],
  async run(db, context, keysId): Promise<void> {
    const loadIds = [...context.loadIds];
    if (!mayHoldOlder(context, ACCOUNT_VINTAGE.name)) {
      const query_params = { keysId, refreshId: randomUUID() };
      await db.client.command({ query: VINTAGE_FIRST_INSERT_SQL, query_params });
      return;
    }
    const changed = await queryRows<{ account_id: string }>(db, VINTAGE_CHANGED_SQL, {
      loadIds,
      keysId,
    });
    const accounts = changed.map((r) => r.account_id);
    if (accounts.length === 0) return;
    const [first] = await queryRows<{ month: string; n: string }>(db, FROM_MONTH_SQL, { keysId });
    // no snapshot in the loads: the written first months stand (nothing from 2299 on)
    const fromMonth = first && Number(first.n) > 0 ? first.month : '2299-12-01';
    for (const slice of listedSlices(accounts, context)) {
      const query_params = { accounts: slice, refreshId: randomUUID(), fromMonth };
      const written = new Set(
        (await queryRows<{ account_id: string }>(db, WRITTEN_SQL, query_params)).map(
          (r) => r.account_id,
        ),
      );
      const bounded = slice.filter((a) => written.has(a));
      const full = slice.filter((a) => !written.has(a));
      if (full.length > 0)
        await db.client.command({
          query: VINTAGE_REFRESH_INSERT_SQL,
          query_params: { ...query_params, accounts: full },
        });
      if (bounded.length === 0) continue;
      await db.client.command({
        query: VINTAGE_BOUNDED_INSERT_SQL,
        query_params: { ...query_params, accounts: bounded },
      });
      // only the accounts that had a row
      await deleteOlder(db, VINTAGE_REFRESH_DELETE_SQL, { ...query_params, accounts: bounded });
    }
  },
});
