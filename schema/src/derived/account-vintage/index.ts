/**
 * `account_vintage`: one row per account with its vintage (month of `opened_on`,
 * latest account_opened), the first month it was ever at 30+ (M2 or worse,
 * CHARGED_OFF included), 60+ (M3+) and 90+ (M4+) by any snapshot, and its
 * portfolio dimensions. docs/metrics/vintages.md then becomes one GROUP BY over one row
 * per account instead of a scan of every snapshot (docs/metrics/vintages.md).
 *
 * Refresh: the accounts whose row the given loads can change (VINTAGE_CHANGED_SQL:
 * an opening in the loads, or a loaded snapshot that lowers a first month) are
 * recomputed — one without a row from all its snapshots; one with a row from its
 * openings, the row's first months and its snapshots from the loads' earliest as_of on
 * (the look-back: earlier snapshots are in the row), so late and out-of-order snapshots
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
import { daySet, keyDaySet, keyedTable, keySet } from '../keys.ts';
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

/**
 * Accounts whose row the loads can change, found once before the rewrite (the test
 * reads account_vintage, which the rewrite changes): those of the loads' openings
 * (vintage and dimensions), and those with a row and a loaded snapshot at 30+, 60+ or
 * 90+ in a month before the row's first one (or with none yet). Any other snapshot
 * leaves every minimum as it is; an account without an opening has no row.
 */
export const VINTAGE_CHANGED_SQL = `
SELECT key AS account_id FROM ${keySet(ACCOUNTS_OPENED)}
UNION DISTINCT
SELECT s.account_id FROM (
  SELECT account_id,
         minIf(toNullable(toStartOfMonth(as_of)), bucket IN ${worseOrEqual('M2')}) AS m30,
         minIf(toNullable(toStartOfMonth(as_of)), bucket IN ${worseOrEqual('M3')}) AS m60,
         minIf(toNullable(toStartOfMonth(as_of)), bucket IN ${worseOrEqual('M4')}) AS m90
  FROM (
    SELECT account_id, as_of, ${bucketSql('status', 'dpd')} AS bucket
    FROM account_snapshot
    -- the loads' snapshots lie within their days: the other months' partitions are skipped
    WHERE load_id IN {loadIds:Array(UUID)}
      AND as_of >= (SELECT min(day) FROM ${daySet(SNAPSHOT_DAYS)})
      AND as_of <= (SELECT max(day) FROM ${daySet(SNAPSHOT_DAYS)})
  )
  GROUP BY account_id
  HAVING m30 IS NOT NULL
) AS s
INNER JOIN (
  SELECT account_id, min(first_30) AS f30, min(first_60) AS f60, min(first_90) AS f90
  FROM account_vintage WHERE account_id IN ${keySet(SNAPSHOT_DAYS)} GROUP BY account_id
) AS v ON v.account_id = s.account_id
WHERE (v.f30 IS NULL OR s.m30 < v.f30)
   OR (s.m60 IS NOT NULL AND (v.f60 IS NULL OR s.m60 < v.f60))
   OR (s.m90 IS NOT NULL AND (v.f90 IS NULL OR s.m90 < v.f90))
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
const FIRSTS = `
         minIf(toNullable(toStartOfMonth(as_of)), bucket IN ${worseOrEqual('M2')}) AS f30,
         minIf(toNullable(toStartOfMonth(as_of)), bucket IN ${worseOrEqual('M3')}) AS f60,
         minIf(toNullable(toStartOfMonth(as_of)), bucket IN ${worseOrEqual('M4')}) AS f90`;

/** The earlier of two first months, NULL only when both are. */
const NEVER = "toDate32('2299-12-31')";
const earlier = (a: string, b: string) =>
  `nullIf(least(ifNull(${a}, ${NEVER}), ifNull(${b}, ${NEVER})), ${NEVER})`;

/**
 * Recompute the rows of the accounts in `affected` (a parenthesised set or array
 * parameter). `bounded`: accounts with a written row keep it as the record of the
 * snapshots before {fromDay} (the loads' earliest as_of: every snapshot not in a row yet
 * is in the loads), and only the snapshots from that day on are read — a first month is
 * a minimum, so the row's and theirs give it; rewriting it twice gives the same.
 */
const vintageInsertSql = (affected: string, bounded = false) => `
INSERT INTO account_vintage
  (vintage, account_id, first_30, first_60, first_90, portfolio, product, region, risk_grade, refresh_id)
SELECT toStartOfMonth(a.v_opened_on), a.account_id,
       ${bounded ? `${earlier('s.f30', 'o.first_30')}, ${earlier('s.f60', 'o.first_60')}, ${earlier('s.f90', 'o.first_90')}` : 's.f30, s.f60, s.f90'},
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
    FROM account_snapshot
    -- only accounts with an opening have a row: snapshots of others are not read
    WHERE account_id IN (SELECT account_id FROM account_opened WHERE account_id IN ${affected})${bounded ? '\n      AND as_of >= {fromDay:Date32}' : ''}
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

/** The loads' earliest snapshot day (n = 0: the loads hold no snapshot). */
const FROM_DAY_SQL = `SELECT toString(min(day)) AS day, count() AS n FROM ${keyDaySet(SNAPSHOT_DAYS)}`;

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
    const [first] = await queryRows<{ day: string; n: string }>(db, FROM_DAY_SQL, { keysId });
    // no snapshot in the loads: the written first months stand (nothing from 2299 on)
    const fromDay = first && Number(first.n) > 0 ? first.day : '2299-12-31';
    for (const slice of listedSlices(accounts, context)) {
      const query_params = { accounts: slice, refreshId: randomUUID(), fromDay };
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
