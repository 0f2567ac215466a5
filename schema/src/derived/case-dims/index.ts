/**
 * `case_dims`: one row per case of `case_facts` with its account's dimensions
 * (the `account_dims` row of the case's account: latest account_opened) and,
 * for a case whose latest closure is `cured`, the days of its account's M1+
 * snapshots around that closure. It lets the PortfolioFilter of case-based
 * metrics (KPIs: cases, contact attempts, promises) be a scan of LowCardinality
 * columns instead of a set of every matching account id, and post-cure relapse
 * be a read of the period's cures instead of a join with account_snapshot.
 *
 * `relapse_days`: the distinct as_of of the account's snapshots in M1 or worse
 * (docs/metrics/README.md#buckets: CHARGED_OFF included, CLOSED not) dated from the UTC day of the
 * closure − 1 to + RELAPSE_HORIZON_DAYS. The reporting time zone shifts the
 * local cure day by at most one day either way, so any window of up to
 * RELAPSE_HORIZON_DAYS − 1 days after the local cure day is inside it: the
 * query applies REPORT_TZ and the window (no configuration here). Empty for
 * cases not closed `cured`.
 *
 * Refresh (after case_facts and account_dims, which it reads): the cases the
 * loads touched are recomputed from those tables and account_snapshot —
 * cases with a case_opened or case_closed in the loads, cases of accounts
 * with an account_opened in the loads (late dimensions), and cured cases of
 * accounts with an M1+ snapshot in the loads whose relapse window holds the
 * snapshot's day (late snapshots; a snapshot changes no cure closed more than
 * RELAPSE_HORIZON_DAYS before it, so the morning's snapshots do not rewrite
 * every old cure of their accounts). A case whose opening or closure the loads do not
 * hold keeps what its written row has (STAGE below). New rows first with a fresh
 * refresh_id, then the older rows of the rewritten cases are deleted (every affected
 * case has a case_facts row, so it is rewritten).
 */
import { bucketSql } from '../../domain.ts';
import type { TableDef } from '../../ddl.ts';
import { loadedRows } from '../load-bounds.ts';
import type { DerivedTable } from '../index.ts';
import { CASES_CLOSED, CASES_OF_ACCOUNTS_OPENED, CASES_OPENED } from '../key-sets.ts';
import { queryRows } from '../../db.ts';
import { keyDaySet, keyedTable, keySet, type KeySet } from '../keys.ts';
import { ALL_KEYS, mayHoldOlder, PATCH_PARTS, rewriteRanges } from '../refresh-steps.ts';
import { lookBackSql, type LookBack } from '../look-back.ts';

const DICT = 'LowCardinality(String)';
const INSTANT = "DateTime64(3, 'UTC')";

/** Days after the UTC day of a cured closure kept in `relapse_days` (see above). */
export const RELAPSE_HORIZON_DAYS = 92;

export const CASE_DIMS: TableDef = {
  name: 'case_dims',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'case_id', type: 'String' },
    { name: 'account_id', type: 'String', comment: 'of the first opening (case_facts)' },
    { name: 'has_opened', type: 'UInt8', comment: '1 when the account has an account_opened' },
    { name: 'product', type: DICT, comment: "the account's latest account_opened; '' without one" },
    { name: 'portfolio', type: DICT },
    { name: 'region', type: DICT },
    { name: 'risk_grade', type: DICT },
    { name: 'opened_at', type: INSTANT, comment: 'as in case_facts' },
    { name: 'is_closed', type: 'UInt8' },
    { name: 'closed_at', type: INSTANT },
    { name: 'outcome', type: DICT },
    { name: 'is_cured', type: 'UInt8' },
    { name: 'cured_at', type: INSTANT },
    {
      name: 'relapse_days',
      type: 'Array(Date32)',
      comment: "M1+ snapshot days of the account around a 'cured' latest closure",
    },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(portfolio, product, region, risk_grade, case_id)',
  shardKey: 'sipHash64(account_id)',
  why: 'PortfolioFilter on case-based metrics without an account-id set; post-cure relapse without reading snapshots.',
};

/** docs/metrics/README.md#buckets M1 or worse on account_snapshot columns (CHARGED_OFF included, CLOSED not). */
const DELINQUENT = `${bucketSql('status', 'dpd')} NOT IN ('M0', 'CLOSED')`;
const CURED_CLOSE = `is_closed AND outcome = 'cured'`;

/**
 * (account, as_of) of the loaded M1+ snapshots (late snapshots: relapse days). A snapshot
 * on day D is in the relapse days of a cure closed on UTC day U exactly when
 * U − 1 ≤ D ≤ U + RELAPSE_HORIZON_DAYS, so only cures closed from D − 92 to D + 1 can
 * change: the look-back of this table.
 */
const LOOK_BACK: LookBack = {
  kind: 'days',
  days: 1,
  before: "a cure's closure",
  why: `its relapse window, to + ${RELAPSE_HORIZON_DAYS} days`,
};
const DELINQUENT_DAYS: KeySet = {
  name: 'accounts_delinquent',
  loaded: 'account_snapshot',
  select: `SELECT account_id AS key, as_of AS day FROM account_snapshot
WHERE ${loadedRows('account_snapshot')} AND ${DELINQUENT}`,
};

/** The cured cases a loaded M1+ snapshot falls in the relapse window of (DELINQUENT_DAYS). */
const CURES_OF_LATE_SNAPSHOTS = `(
  SELECT c.case_id FROM (
    SELECT case_id, account_id, toDate32(closed_at) AS u FROM case_facts
    WHERE ${CURED_CLOSE} AND account_id IN ${keySet(DELINQUENT_DAYS)}
  ) AS c
  INNER JOIN ${keyDaySet(DELINQUENT_DAYS)} AS s ON s.key = c.account_id
  WHERE s.day >= ${lookBackSql(LOOK_BACK, 'c.u')} AND s.day <= addDays(c.u, ${RELAPSE_HORIZON_DAYS})
)`;

/**
 * Cases whose row the given loads may change, of those with a case_facts row (the
 * others have no row): written when case_dims is refreshed, after case_facts.
 */
const CASE_DIMS_CASES: KeySet = {
  name: 'case_dims_cases',
  select: `SELECT case_id AS key, toDate32(0) AS day FROM case_facts
WHERE case_id IN ${keySet(CASES_OPENED, CASES_CLOSED, CASES_OF_ACCOUNTS_OPENED)}
   OR case_id IN ${CURES_OF_LATE_SNAPSHOTS}`,
  uses: [CASES_OPENED, CASES_CLOSED, CASES_OF_ACCOUNTS_OPENED, DELINQUENT_DAYS],
};

const AFFECTED = keySet(CASE_DIMS_CASES);

/**
 * The stage of a refresh: the case_facts row of each affected case with its written row
 * (case_facts and case_dims read once, by case) and its plan, so that the insert joins
 * these rows only. A crash leaves it behind: the next refresh drops it.
 * - `full`: everything recomputed — unbounded ({bounded} 0: an empty table), no written
 *   row, an opening or closure in the loads (a new cure, or t0 or the account moved), or
 *   a written row of another account;
 * - `new_dims`: dimensions read from account_dims — a full case or an account_opened of
 *   its account in the loads (account_dims changes only with those); else the row's;
 * - otherwise `relapse_days` is the written days and the loads' M1+ snapshot days in the
 *   cure's window (a snapshot adds a day, never removes one; the cure is unchanged), so
 *   the snapshot months of old cures are not read.
 */
export const STAGE = 'case_dims_stage';

const WRITTEN_COLUMNS = ['has_opened', 'product', 'portfolio', 'region', 'risk_grade'];

export const STAGE_SQL = `
CREATE TABLE ${STAGE} ENGINE = Memory AS
SELECT f.*, ${WRITTEN_COLUMNS.map((c) => `o.${c} AS ${c}`).join(', ')}, o.relapse_days AS written_days,
       NOT {bounded:UInt8} OR o.case_id = '' OR o.account_id != f.account_id
         OR f.case_id IN ${keySet(CASES_OPENED, CASES_CLOSED)} AS full,
       full OR f.case_id IN ${keySet(CASES_OF_ACCOUNTS_OPENED)} AS new_dims
FROM (
  SELECT case_id, account_id, opened_at, is_closed, closed_at, outcome, is_cured, cured_at
  FROM case_facts WHERE case_id IN ${AFFECTED}
) AS f
LEFT JOIN (
  SELECT case_id, account_id, ${WRITTEN_COLUMNS.join(', ')}, relapse_days
  FROM case_dims WHERE case_id IN ${AFFECTED} LIMIT 1 BY case_id
) AS o ON o.case_id = f.case_id
SETTINGS join_use_nulls = 0`;

/** The full cured cases of the stage: their relapse days are read from account_snapshot. */
const CURES = `${STAGE} WHERE full AND ${CURED_CLOSE}`;

/** The relapse window of a cure closed on UTC day `u`. */
const inWindow = (day: string, u: string) =>
  `${day} >= ${lookBackSql(LOOK_BACK, u)} AND ${day} <= addDays(${u}, ${RELAPSE_HORIZON_DAYS})`;

const dimsSql = WRITTEN_COLUMNS.map((c) => `if(f.new_dims, d.${c}, f.${c})`).join(', ');

export const CASE_DIMS_INSERT_SQL = `
INSERT INTO case_dims
  (case_id, account_id, has_opened, product, portfolio, region, risk_grade, opened_at, is_closed,
   closed_at, outcome, is_cured, cured_at, relapse_days, refresh_id)
SELECT f.case_id, f.account_id, ${dimsSql},
       f.opened_at, f.is_closed, f.closed_at, f.outcome, f.is_cured, f.cured_at,
       if(f.full, r.days, arraySort(arrayDistinct(arrayConcat(f.written_days, l.days)))), {refreshId:UUID}
FROM ${STAGE} AS f
LEFT JOIN (
  SELECT account_id, has_opened, product, portfolio, region, risk_grade FROM account_dims
  WHERE has_opened AND account_id IN (SELECT account_id FROM ${STAGE} WHERE new_dims)
) AS d ON d.account_id = f.account_id
LEFT JOIN (
  SELECT c.case_id AS case_id, arraySort(groupUniqArray(s.as_of)) AS days
  FROM (SELECT case_id, account_id, toDate32(closed_at) AS u FROM ${CURES}) AS c
  INNER JOIN (
    SELECT account_id, as_of FROM account_snapshot
    WHERE ${DELINQUENT} AND account_id IN (SELECT account_id FROM ${CURES})
      -- the window of every cure recomputed: the monthly partitions outside it are not read
      AND as_of >= (SELECT ${lookBackSql(LOOK_BACK, 'min(toDate32(closed_at))')} FROM ${CURES})
      AND as_of <= (SELECT addDays(max(toDate32(closed_at)), ${RELAPSE_HORIZON_DAYS}) FROM ${CURES})
  ) AS s ON s.account_id = c.account_id
  WHERE ${inWindow('s.as_of', 'c.u')}
  GROUP BY c.case_id
) AS r ON r.case_id = f.case_id
LEFT JOIN (
  SELECT c.case_id AS case_id, groupUniqArray(s.day) AS days
  FROM (SELECT case_id, account_id, toDate32(closed_at) AS u FROM ${STAGE} WHERE NOT full AND ${CURED_CLOSE}) AS c
  INNER JOIN ${keyDaySet(DELINQUENT_DAYS)} AS s ON s.key = c.account_id
  WHERE ${inWindow('s.day', 'c.u')}
  GROUP BY c.case_id
) AS l ON l.case_id = f.case_id
SETTINGS join_use_nulls = 0`;

/** Older rows of the cases the refresh rewrote (every listed case is). */
const STALE = `FROM case_dims WHERE case_id IN ${AFFECTED} AND refresh_id != {refreshId:UUID}`;

export const caseDims: DerivedTable = keyedTable({
  table: CASE_DIMS,
  shard: 'account',
  lookBack: LOOK_BACK,
  reads: ['account_opened', 'account_snapshot', 'case_closed', 'case_opened'],
  after: ['case_facts', 'account_dims'],
  keys: [CASE_DIMS_CASES],
  async run(db, context, keysId) {
    const params = { keysId };
    if ((await queryRows(db, `SELECT 1 FROM ${AFFECTED} LIMIT 1`, params)).length === 0) return;
    const bounded = mayHoldOlder(context, CASE_DIMS.name) ? 1 : 0;
    const run = (query: string) => db.client.command({ query });
    await run(`DROP TABLE IF EXISTS ${STAGE}`);
    try {
      await db.client.command({ query: STAGE_SQL, query_params: { ...params, bounded } });
      await rewriteRanges(
        db,
        context,
        { table: CASE_DIMS.name, insert: CASE_DIMS_INSERT_SQL, delete: `DELETE ${STALE}` },
        params,
        [ALL_KEYS],
      );
    } finally {
      await run(`DROP TABLE IF EXISTS ${STAGE}`);
    }
  },
});
