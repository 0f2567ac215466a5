/**
 * `account_vintage`: one row per account with its vintage (month of `opened_on`,
 * latest account_opened), the first month it was ever at 30+ (M2 or worse,
 * CHARGED_OFF included), 60+ (M3+) and 90+ (M4+) by any snapshot, and its
 * portfolio dimensions. docs/metrics/vintages.md then becomes one GROUP BY over one row
 * per account instead of a scan of every snapshot (docs/metrics/vintages.md).
 *
 * Refresh: the accounts whose row the given loads can change (VINTAGE_CHANGED_SQL:
 * an opening in the loads, or a loaded snapshot that lowers a first month) are
 * recomputed from all their events, so late and out-of-order snapshots and late
 * dimensions stay right; a load of snapshots that worsen nobody's record rewrites
 * nothing.
 * New rows are written with a fresh refresh_id, then the accounts' older rows
 * are deleted. An account without account_opened has no vintage and no row. A
 * table empty when the refresh began (a first load, a rebuild) gets one insert
 * of every account the loads opened, without listing them.
 */
import { randomUUID } from 'node:crypto';
import { queryRows } from '../db.ts';
import type { TableDef } from '../ddl.ts';
import { BUCKETS, bucketSql, type Bucket } from '../domain.ts';
import type { DerivedTable } from './index.ts';
import { ACCOUNTS_OPENED, SNAPSHOT_DAYS } from './key-sets.ts';
import { keyedTable, keySet } from './keys.ts';
import { listedSlices, mayHoldOlder } from './refresh-steps.ts';

const DICT = 'LowCardinality(String)';
const FIRST_MONTH = 'Nullable(Date32)';

export const ACCOUNT_VINTAGE: TableDef = {
  name: 'account_vintage',
  engine: 'MergeTree',
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
    FROM account_snapshot WHERE load_id IN {loadIds:Array(UUID)}
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

/** Recompute the rows of the accounts in `affected` (a parenthesised set or array parameter). */
const vintageInsertSql = (affected: string) => `
INSERT INTO account_vintage
  (vintage, account_id, first_30, first_60, first_90, portfolio, product, region, risk_grade, refresh_id)
SELECT toStartOfMonth(a.v_opened_on), a.account_id, s.f30, s.f60, s.f90,
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
  SELECT account_id,
         minIf(toNullable(toStartOfMonth(as_of)), bucket IN ${worseOrEqual('M2')}) AS f30,
         minIf(toNullable(toStartOfMonth(as_of)), bucket IN ${worseOrEqual('M3')}) AS f60,
         minIf(toNullable(toStartOfMonth(as_of)), bucket IN ${worseOrEqual('M4')}) AS f90
  FROM (
    SELECT account_id, as_of, ${bucketSql('status', 'dpd')} AS bucket
    FROM account_snapshot
    -- only accounts with an opening have a row: snapshots of others are not read
    WHERE account_id IN (SELECT account_id FROM account_opened WHERE account_id IN ${affected})
  )
  GROUP BY account_id
) AS s ON s.account_id = a.account_id
SETTINGS join_use_nulls = 1`;

export const VINTAGE_REFRESH_INSERT_SQL = vintageInsertSql(AFFECTED);
export const VINTAGE_FIRST_INSERT_SQL = vintageInsertSql(LOADS_OPENED);

export const VINTAGE_REFRESH_DELETE_SQL = `
DELETE FROM account_vintage
WHERE account_id IN ${AFFECTED} AND refresh_id != {refreshId:UUID}`;

export const accountVintage: DerivedTable = keyedTable({
  name: ACCOUNT_VINTAGE.name,
  shard: 'account',
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
    for (const slice of listedSlices(accounts, context)) {
      const query_params = { accounts: slice, refreshId: randomUUID() };
      await db.client.command({ query: VINTAGE_REFRESH_INSERT_SQL, query_params });
      // a lightweight DELETE is a mutation: only when older rows exist (refresh-steps.ts)
      if (!mayHoldOlder(context, ACCOUNT_VINTAGE.name)) continue;
      const older = `SELECT 1 FROM account_vintage WHERE account_id IN ${AFFECTED} AND refresh_id != {refreshId:UUID} LIMIT 1`;
      if ((await queryRows(db, older, query_params)).length > 0)
        await db.client.command({ query: VINTAGE_REFRESH_DELETE_SQL, query_params });
    }
  },
});
