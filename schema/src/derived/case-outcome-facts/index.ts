/**
 * `case_outcome_facts`: one row per case of `case_facts` with what caseOutcomes
 * and strategyComparison otherwise join per case at query time (docs/metrics/README.md):
 * - the case_facts columns (first opening, latest closure, first cure);
 * - the account's dimensions from `account_dims` (`has_account` = 0 and '' when
 *   the account has no account_opened), so grouping and the PortfolioFilter
 *   need no account lookup;
 * - `holder_at_close`: the agent of the latest case_assigned at or before the
 *   close ('' when open or unassigned then). The holder's team stays a query-time
 *   lookup of the (small) agent registry, so a late team move needs no refresh;
 * - `recovered`: Σ payments on the case in [opened_at, closed_at] (0 when open);
 * - the case's payments and contact costs from its opening on, summed per day
 *   offset d = ceil((occurred_at − opened_at) / 24 h) in two parallel arrays
 *   each (`*_days` ascending, `*_amounts`): an event is within N days of
 *   opening (t0 ≤ occurred_at ≤ t0 + N × 24 h) exactly when d ≤ N, so the
 *   query sums the window for any N without a join. Offsets are capped at
 *   65 535 days (N is at most 3 650).
 * Nothing depends on configuration (REPORT_TZ, as-of, N): queries apply them.
 *
 * Refresh (after case_facts and account_dims, which it reads): every case
 * touched by the loads — an opening or closure, a payment, an assignment or a
 * contact attempt on it, or an account_opened of its account — is rewritten.
 * A case without a row, or whose opening the loads hold, is computed from all
 * its events. A case with a row keeps the per-day sums of its row before the
 * loads' earliest payment or attempt (the look-back: 24 h, the width of an
 * offset) and recomputes the rest from the events after that instant − 24 h, so
 * the monthly partitions of payment and contact_attempt before it are not read;
 * holder and recovery of the closed cases are recomputed (a few rows per case),
 * account dimensions only where they may have changed (STAGE_SQL). Late and
 * out-of-order events stay right: an event the loads do not hold is in the row,
 * and one they hold is at or after their earliest instant. The touched cases are
 * listed in order and cut into key ranges of 50 000; per range, their case_facts
 * and written rows are copied once into a stage table that every join of the
 * insert reads (neither the key-set subquery nor a listed constant repeated in
 * every join). Per slice: new rows with a fresh refresh_id, then the older rows
 * of those cases are deleted, only when there are any (as
 * schema/src/derived/refresh-steps.ts).
 */
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '../../db.ts';
import type { TableDef } from '../../ddl.ts';
import type { DerivedTable, RefreshContext } from '../index.ts';
import {
  CASES_ASSIGNED,
  CASES_ATTEMPTED,
  CASES_CLOSED,
  CASES_OF_ACCOUNTS_OPENED,
  CASES_OPENED,
  CASES_PAID,
  DAYS_ATTEMPTED,
  DAYS_PAID,
} from '../key-sets.ts';
import { daySet, keyedTable, keySet } from '../keys.ts';
import { lookBackMs, type LookBack } from '../look-back.ts';
import {
  deleteOlder,
  earliestLoaded,
  listedSlices,
  sliceRange,
  mayHoldOlder,
  PATCH_PARTS,
} from '../refresh-steps.ts';

const DICT = 'LowCardinality(String)';
const INSTANT = "DateTime64(3, 'UTC')";
const MONEY = 'Decimal(18, 2)';
const DAY_MS = 86_400_000;
/** One day offset: an event read again for the offset's sum is at most 24 h before {since}. */
const LOOK_BACK: LookBack = { kind: 'hours', hours: 24, why: 'one offset' };
const MAX_DAY = 65_535;

export const CASE_OUTCOME_FACTS: TableDef = {
  name: 'case_outcome_facts',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'case_id', type: 'String' },
    { name: 'account_id', type: 'String' },
    { name: 'opened_at', type: INSTANT },
    { name: 'strategy', type: DICT },
    { name: 'experiment', type: DICT },
    { name: 'arm_role', type: DICT },
    { name: 'segment', type: DICT },
    { name: 'entry_dpd', type: 'UInt32' },
    { name: 'entry_balance', type: MONEY },
    { name: 'is_closed', type: 'UInt8' },
    { name: 'closed_at', type: INSTANT, comment: 'latest closure; meaningful when is_closed' },
    { name: 'outcome', type: DICT },
    { name: 'is_cured', type: 'UInt8' },
    { name: 'cured_at', type: INSTANT, comment: 'first cure closure; meaningful when is_cured' },
    { name: 'has_account', type: 'UInt8', comment: '1 when the account has an account_opened' },
    { name: 'product', type: DICT },
    { name: 'portfolio', type: DICT },
    { name: 'region', type: DICT },
    { name: 'risk_grade', type: DICT },
    {
      name: 'holder_at_close',
      type: 'String',
      comment: "latest assignee at or before the close; ''",
    },
    {
      name: 'recovered',
      type: MONEY,
      comment: 'Σ payments in [opened_at, closed_at]; 0 when open',
    },
    { name: 'pay_days', type: 'Array(UInt16)', comment: 'day offsets from opening, ascending' },
    { name: 'pay_amounts', type: `Array(${MONEY})`, comment: 'Σ payments per offset' },
    { name: 'cost_days', type: 'Array(UInt16)', comment: 'day offsets from opening, ascending' },
    { name: 'cost_amounts', type: `Array(${MONEY})`, comment: 'Σ attempt costs per offset' },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(experiment, opened_at, case_id)',
  shardKey: 'sipHash64(account_id)',
  why: 'caseOutcomes (cases closed in a period, no joins) and strategyComparison (an experiment’s cases opened in a period, windowed sums from arrays).',
};

/** Cases touched by the given loads (refresh_keys). */
const TOUCHED = [
  CASES_OPENED,
  CASES_CLOSED,
  CASES_PAID,
  CASES_ASSIGNED,
  CASES_ATTEMPTED,
  CASES_OF_ACCOUNTS_OPENED,
];
const AFFECTED = keySet(...TOUCHED);

/**
 * The cases of one refresh slice: AFFECTED's keys in [{slice_lo}, {slice_hi}) (sliceRange).
 * Read twice, to fill the stage and to delete older rows; every other read joins the
 * stage. Not a listed constant: a parameter of 14 000 case ids costs about 0.1 CPU-s to
 * parse each time it appears.
 */
const CASES = `(SELECT key FROM ${AFFECTED} WHERE ${sliceRange('key')})`;

/**
 * The stage of one slice: a case_facts row per case of the slice with the written row of the
 * case (case_outcome_facts read once, by case) and the slice plan, filled once per slice so
 * that the insert joins a few thousand rows instead of reading case_facts and
 * case_outcome_facts once per join. A crash leaves it behind: the next refresh drops it.
 */
export const STAGE = 'case_outcome_facts_stage';
const FACTS = STAGE;

/** A case's first day offset at or after {since} (ms, the loads' earliest instant): 0 when it is not after t0. */
const cutSql = (openedAt: string) =>
  `greatest(0, intDiv({since:Int64} - toUnixTimestamp64Milli(${openedAt}) + ${DAY_MS - 1}, ${DAY_MS}))`;

/** The slice's cases computed in full, and those whose written row's early sums are kept. */
const FULL = `(SELECT case_id FROM ${STAGE} WHERE full)`;
const KEPT = `(SELECT case_id FROM ${STAGE} WHERE NOT full)`;

/**
 * Σ `column` of `table` per (case, day offset from opening) of the cases in `cases`,
 * rolled into two ascending arrays. `bounded`: only the offsets from the case's cut
 * (cutSql) on, from the events after {readFrom} (= {since} − 24 h: an event at offset ≥
 * cut is after t0 + (cut − 1) × 24 h ≥ {since} − 24 h), so a monthly-partitioned table is
 * read from the loads' month on.
 */
function perDaySql(table: string, column: string, cases: string, bounded: boolean): string {
  // a full case sums its events from its opening on: none is before {fullFrom}
  const recent = bounded
    ? ` AND occurred_at > fromUnixTimestamp64Milli({readFrom:Int64}, 'UTC')`
    : ` AND occurred_at >= fromUnixTimestamp64Milli({fullFrom:Int64}, 'UTC')`;
  return `(
    SELECT case_id, arraySort(groupArray((day, total))) AS pairs,
           arrayMap(p -> p.1, pairs) AS days, arrayMap(p -> p.2, pairs) AS amounts
    FROM (
      SELECT e.case_id AS case_id,
             toUInt16(least(${MAX_DAY}, intDiv(toUnixTimestamp64Milli(e.occurred_at) - toUnixTimestamp64Milli(f.opened_at) + ${DAY_MS - 1}, ${DAY_MS}))) AS day,
             toDecimal64(sum(e.${column}), 2) AS total
      FROM (SELECT case_id, occurred_at, ${column} FROM ${table} WHERE case_id IN ${cases}${recent}) AS e
      INNER JOIN ${FACTS} AS f ON f.case_id = e.case_id
      WHERE e.occurred_at >= f.opened_at${bounded ? ` AND day >= ${cutSql('f.opened_at')}` : ''}
      GROUP BY case_id, day
    )
    GROUP BY case_id
  )`;
}

/** The slice's closed cases: holder and recovery are read for those only (0 and '' when open). */
const CLOSED = `(SELECT case_id FROM ${STAGE} WHERE is_closed)`;

/** A case's per-day arrays: in full, or the written ones before its cut and the recomputed rest. */
function arraysSql(days: string, amounts: string, all: string, recent: string): string {
  return `if(NOT f.full, arrayConcat(arrayFilter(d -> d < f.cut, f.${days}), ${recent}.days), ${all}.days),
       if(NOT f.full, arrayConcat(arrayFilter((a, d) -> d < f.cut, f.${amounts}, f.${days}), ${recent}.amounts), ${all}.amounts)`;
}

/** The account dimensions of a case: from account_dims when the stage says so, else its written row's. */
const dimsSql = ['product', 'portfolio', 'region', 'risk_grade']
  .map((c) => `if(f.new_dims, acc.${c}, f.${c})`)
  .join(', ');

/**
 * Fills the stage (STAGE) of a slice: each case_facts row of the slice, its written row (one
 * per case; LIMIT BY guards a refresh cut short) and its plan:
 * - `full`: computed from all its events — unbounded ({bounded} 0), no written row, an
 *   opening in the loads (t0 may move, and with it every offset) or a cut past the capped
 *   last offset; else the written row's sums before `cut` are kept;
 * - `new_dims`: its account dimensions are read from account_dims — a full case, or an
 *   account_opened of its account in the loads (late dimensions: account_dims changes only
 *   with those), or a written row of another account; else the written row's are kept, so
 *   the morning's cases read no account_dims.
 */
const WRITTEN_COLUMNS = [
  'has_account',
  'product',
  'portfolio',
  'region',
  'risk_grade',
  'pay_days',
  'pay_amounts',
  'cost_days',
  'cost_amounts',
];
export const STAGE_SQL = `
CREATE TABLE ${STAGE} ENGINE = Memory AS
SELECT f.*, ${WRITTEN_COLUMNS.map((c) => `o.${c} AS ${c}`).join(', ')}, ${cutSql('f.opened_at')} AS cut,
       full OR f.case_id IN ${keySet(CASES_OF_ACCOUNTS_OPENED)} OR o.account_id != f.account_id AS new_dims,
       NOT {bounded:UInt8} OR o.case_id = '' OR f.case_id IN ${keySet(CASES_OPENED)} OR cut > ${MAX_DAY} AS full
FROM (
  SELECT case_id, account_id, opened_at, strategy, experiment, arm_role, segment, entry_dpd, entry_balance,
         is_closed, closed_at, outcome, is_cured, cured_at
  FROM case_facts WHERE case_id IN ${CASES}
) AS f
LEFT JOIN (
  SELECT case_id, account_id, ${WRITTEN_COLUMNS.join(', ')}
  FROM case_outcome_facts WHERE case_id IN ${CASES} LIMIT 1 BY case_id
) AS o ON o.case_id = f.case_id
SETTINGS join_use_nulls = 0`;

/**
 * The rows of the slice's cases (full or kept), from the stage. A full case
 * is computed from all its events. A kept case keeps the written row's per-day sums before
 * its cut (every event the loads hold is at or after {since}, so at an offset ≥ the cut;
 * an event of an earlier refresh is in the row) and recomputes the rest from the events
 * after {readFrom}. Holder and recovery are recomputed for every closed case (a few rows
 * per case, by key, payments from the earliest opening among them on); account dimensions
 * for the cases marked `new_dims` only.
 */
export const CASE_OUTCOME_FACTS_INSERT_SQL = `
INSERT INTO case_outcome_facts
  (case_id, account_id, opened_at, strategy, experiment, arm_role, segment, entry_dpd, entry_balance,
   is_closed, closed_at, outcome, is_cured, cured_at, has_account, product, portfolio, region, risk_grade,
   holder_at_close, recovered, pay_days, pay_amounts, cost_days, cost_amounts, refresh_id)
SELECT f.case_id, f.account_id, f.opened_at, f.strategy, f.experiment, f.arm_role, f.segment, f.entry_dpd,
       f.entry_balance, f.is_closed, f.closed_at, f.outcome, f.is_cured, f.cured_at,
       if(f.new_dims, acc.account_id != '', f.has_account), ${dimsSql},
       if(f.is_closed, f.holder, ''), if(f.is_closed, r.recovered, toDecimal64(0, 2)),
       ${arraysSql('pay_days', 'pay_amounts', 'pay', 'pay_r')},
       ${arraysSql('cost_days', 'cost_amounts', 'cost', 'cost_r')}, {refreshId:UUID}
FROM (
  SELECT f.*, h.agent_id AS holder
  FROM ${FACTS} AS f
  ASOF LEFT JOIN (SELECT case_id, occurred_at, agent_id FROM case_assigned WHERE case_id IN ${CLOSED}) AS h
    ON h.case_id = f.case_id AND h.occurred_at <= f.closed_at
) AS f
LEFT JOIN (
  SELECT account_id, product, portfolio, region, risk_grade FROM account_dims
  WHERE has_opened AND account_id IN (SELECT account_id FROM ${FACTS} WHERE new_dims)
) AS acc ON acc.account_id = f.account_id
LEFT JOIN (
  SELECT p.case_id AS case_id, toDecimal64(sum(p.amount), 2) AS recovered
  FROM (
    SELECT case_id, occurred_at, amount FROM payment
    WHERE case_id != '' AND case_id IN ${CLOSED}
      AND occurred_at >= (SELECT min(opened_at) FROM ${FACTS} WHERE is_closed)
  ) AS p
  INNER JOIN ${FACTS} AS x ON x.case_id = p.case_id
  WHERE x.is_closed AND p.occurred_at >= x.opened_at AND p.occurred_at <= x.closed_at
  GROUP BY p.case_id
) AS r ON r.case_id = f.case_id
LEFT JOIN ${perDaySql('payment', 'amount', FULL, false)} AS pay ON pay.case_id = f.case_id
LEFT JOIN ${perDaySql('contact_attempt', 'cost', FULL, false)} AS cost ON cost.case_id = f.case_id
LEFT JOIN ${perDaySql('payment', 'amount', KEPT, true)} AS pay_r ON pay_r.case_id = f.case_id
LEFT JOIN ${perDaySql('contact_attempt', 'cost', KEPT, true)} AS cost_r ON cost_r.case_id = f.case_id
SETTINGS join_use_nulls = 0`;

/** The slice's cases that get a row (those with a case_facts row: the stage's), each with its opening (ms) and plan. */
export const SLICE_CASES_SQL = `
SELECT case_id AS c, toString(toUnixTimestamp64Milli(min(opened_at))) AS opened_ms, max(full) AS full
FROM ${STAGE} GROUP BY case_id`;

/** How one slice is computed (SLICE_CASES_SQL). */
export interface SlicePlan {
  /** cases computed from all their events (from {fullFrom} on) */
  readonly full: string[];
  /** cases whose written row's early sums are kept */
  readonly kept: string[];
  /** the earliest opening of the full cases (ms as text); '0' when none */
  readonly fullFrom: string;
}

/** Drops a stage a crash left, then fills the slice's (STAGE_SQL) with `params`. */
export async function stageSlice(
  db: Pick<Db, 'client'>,
  params: Record<string, unknown>,
): Promise<void> {
  await db.client.command({ query: `DROP TABLE IF EXISTS ${STAGE}` });
  await db.client.command({ query: STAGE_SQL, query_params: params });
}

/**
 * The full and kept cases of the staged slice (stageSlice). A case without a case_facts
 * row is in neither: the insert writes it no row (its older row is deleted all the same,
 * OLDER lists every case of the slice).
 */
export async function planSlice(db: Pick<Db, 'client'>): Promise<SlicePlan> {
  const rows = await queryRows<{ c: string; opened_ms: string; full: number }>(db, SLICE_CASES_SQL);
  const full = rows.filter((r) => Number(r.full) === 1);
  const kept = rows.filter((r) => Number(r.full) !== 1).map((r) => r.c);
  const fullFrom = full.reduce<bigint | undefined>((lo, r) => {
    const at = BigInt(r.opened_ms);
    return lo === undefined || at < lo ? at : lo;
  }, undefined);
  return { full: full.map((r) => r.c), kept, fullFrom: String(fullFrom ?? 0n) };
}

/** Older rows of the slice's cases: every listed case, also one that lost its case_facts row. */
const OLDER = `case_id IN ${CASES} AND refresh_id != {refreshId:UUID}`;

/** A refresh with nothing to keep (an empty table): every case in full, no cut. */
const NO_BOUND = { since: '0', readFrom: '0', fullFrom: '0' };

/** Cases per INSERT … SELECT: bounds the memory of a refresh over a whole portfolio. */
const CASES_PER_SLICE = 50_000;

/**
 * {since} and {readFrom} of a bounded refresh: the start of the loads' earliest UTC day
 * with a payment or attempt (the events the per-day arrays sum; their day sets, which
 * kpi_daily reads too, are in refresh_keys: no scan of the event tables) and that
 * instant − 24 h. Loads of neither change no array: any instant of theirs serves, so
 * that the read stays small.
 */
async function loadsSince(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  keysId: string,
): Promise<{ since: string; readFrom: string } | undefined> {
  const days = `SELECT toString(toUnixTimestamp64Milli(toDateTime64(min(day), 3, 'UTC'))) AS since,
       count() AS n FROM ${daySet(DAYS_PAID, DAYS_ATTEMPTED)}`;
  const [first] = await queryRows<{ since: string; n: string }>(db, days, { keysId });
  const since =
    first && Number(first.n) > 0 ? first.since : (await earliestLoaded(db, context, READS))?.since;
  return since === undefined
    ? undefined
    : { since, readFrom: String(BigInt(since) - BigInt(lookBackMs(LOOK_BACK))) };
}

const READS = [
  'account_opened',
  'case_assigned',
  'case_closed',
  'case_opened',
  'contact_attempt',
  'payment',
] as const;

export const caseOutcomeFacts: DerivedTable = keyedTable({
  table: CASE_OUTCOME_FACTS,
  shard: 'account',
  lookBack: LOOK_BACK,
  reads: READS,
  after: ['case_facts', 'account_dims'],
  keys: [...TOUCHED, DAYS_PAID, DAYS_ATTEMPTED],
  async run(db, context, keysId): Promise<void> {
    const cases = (
      await queryRows<{ case_id: string }>(
        db,
        `SELECT DISTINCT key AS case_id FROM ${AFFECTED} ORDER BY case_id`,
        { keysId },
      )
    ).map((r) => r.case_id);
    if (cases.length === 0) return;
    const older = mayHoldOlder(context, CASE_OUTCOME_FACTS.name);
    // a first load (empty table) has nothing to keep: every case in full
    const bound = older ? await loadsSince(db, context, keysId) : undefined;
    try {
      const slices = listedSlices(cases, context, CASES_PER_SLICE);
      for (const [i, slice] of slices.entries()) {
        // key ranges of the sorted list: [first of this slice, first of the next)
        const range = {
          slice_lo: i === 0 ? '' : slice[0],
          slice_hi: slices[i + 1]?.[0] ?? '',
          slice_last: i === slices.length - 1 ? 1 : 0,
        };
        const params = { ...range, refreshId: randomUUID(), keysId, ...NO_BOUND, ...bound };
        await stageSlice(db, { ...params, bounded: bound ? 1 : 0 });
        const plan = await planSlice(db);
        await db.client.command({
          query: CASE_OUTCOME_FACTS_INSERT_SQL,
          query_params: { ...params, fullFrom: plan.fullFrom },
        });
        // nothing older in a table that was empty (refresh-steps.ts)
        if (older) await deleteOlder(db, `DELETE FROM case_outcome_facts WHERE ${OLDER}`, params);
      }
    } finally {
      await db.client.command({ query: `DROP TABLE IF EXISTS ${STAGE}` });
    }
  },
});
