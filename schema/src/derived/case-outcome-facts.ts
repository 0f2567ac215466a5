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
 * contact attempt on it, or an account_opened of its account — is recomputed
 * from all its events, so late and out-of-order events stay right. The touched
 * cases are listed first and passed as a constant set, in slices of 50 000 (the
 * subquery repeated in every join cost most of a small load's refresh). Per
 * slice: new rows with a fresh refresh_id, then the older rows of those cases
 * are deleted, only when there are any (as schema/src/derived/refresh-steps.ts).
 * Loads of attempts only keep every column but the cost arrays
 * (CASE_OUTCOME_FACTS_COSTS_INSERT_SQL).
 */
import { randomUUID } from 'node:crypto';
import { queryRows } from '../db.ts';
import type { TableDef } from '../ddl.ts';
import type { DerivedTable } from './index.ts';
import {
  CASES_ASSIGNED,
  CASES_ATTEMPTED,
  CASES_CLOSED,
  CASES_OF_ACCOUNTS_OPENED,
  CASES_OPENED,
  CASES_PAID,
} from './key-sets.ts';
import { keyedTable, keySet } from './keys.ts';
import { mayHold, mayHoldOlder } from './refresh-steps.ts';

const DICT = 'LowCardinality(String)';
const INSTANT = "DateTime64(3, 'UTC')";
const MONEY = 'Decimal(18, 2)';
const DAY_MS = 86_400_000;
const MAX_DAY = 65_535;

export const CASE_OUTCOME_FACTS: TableDef = {
  name: 'case_outcome_facts',
  engine: 'MergeTree',
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

/** The cases of one refresh slice (listed from AFFECTED first: a constant set is far cheaper than the subquery repeated). */
const CASES = '{cases:Array(String)}';

const FACTS = `(
  SELECT case_id, account_id, opened_at, strategy, experiment, arm_role, segment, entry_dpd, entry_balance,
         is_closed, closed_at, outcome, is_cured, cured_at
  FROM case_facts WHERE case_id IN ${CASES}
)`;

/** Σ `column` of `table` per (case, day offset from opening), rolled into two ascending arrays. */
function perDaySql(table: string, column: string, cases = CASES): string {
  return `(
    SELECT case_id, arraySort(groupArray((day, total))) AS pairs,
           arrayMap(p -> p.1, pairs) AS days, arrayMap(p -> p.2, pairs) AS amounts
    FROM (
      SELECT e.case_id AS case_id,
             toUInt16(least(${MAX_DAY}, intDiv(toUnixTimestamp64Milli(e.occurred_at) - toUnixTimestamp64Milli(f.opened_at) + ${DAY_MS - 1}, ${DAY_MS}))) AS day,
             toDecimal64(sum(e.${column}), 2) AS total
      FROM (SELECT case_id, occurred_at, ${column} FROM ${table} WHERE case_id IN ${cases}) AS e
      INNER JOIN ${FACTS} AS f ON f.case_id = e.case_id
      WHERE e.occurred_at >= f.opened_at
      GROUP BY case_id, day
    )
    GROUP BY case_id
  )`;
}

function insertSql(costs: string): string {
  return `
INSERT INTO case_outcome_facts
  (case_id, account_id, opened_at, strategy, experiment, arm_role, segment, entry_dpd, entry_balance,
   is_closed, closed_at, outcome, is_cured, cured_at, has_account, product, portfolio, region, risk_grade,
   holder_at_close, recovered, pay_days, pay_amounts, cost_days, cost_amounts, refresh_id)
SELECT f.case_id, f.account_id, f.opened_at, f.strategy, f.experiment, f.arm_role, f.segment, f.entry_dpd,
       f.entry_balance, f.is_closed, f.closed_at, f.outcome, f.is_cured, f.cured_at,
       acc.account_id != '', acc.product, acc.portfolio, acc.region, acc.risk_grade,
       if(f.is_closed, f.holder, ''), if(f.is_closed, r.recovered, toDecimal64(0, 2)),
       pay.days, pay.amounts, cost.days, cost.amounts, {refreshId:UUID}
FROM (
  SELECT f.*, h.agent_id AS holder
  FROM ${FACTS} AS f
  ASOF LEFT JOIN (SELECT case_id, occurred_at, agent_id FROM case_assigned WHERE case_id IN ${CASES}) AS h
    ON h.case_id = f.case_id AND h.occurred_at <= f.closed_at
) AS f
LEFT JOIN (
  SELECT account_id, product, portfolio, region, risk_grade FROM account_dims
  WHERE has_opened AND account_id IN (SELECT account_id FROM ${FACTS})
) AS acc ON acc.account_id = f.account_id
LEFT JOIN (
  SELECT p.case_id AS case_id, toDecimal64(sum(p.amount), 2) AS recovered
  FROM (SELECT case_id, occurred_at, amount FROM payment WHERE case_id != '' AND case_id IN ${CASES}) AS p
  INNER JOIN ${FACTS} AS x ON x.case_id = p.case_id
  WHERE x.is_closed AND p.occurred_at >= x.opened_at AND p.occurred_at <= x.closed_at
  GROUP BY p.case_id
) AS r ON r.case_id = f.case_id
LEFT JOIN ${perDaySql('payment', 'amount')} AS pay ON pay.case_id = f.case_id
LEFT JOIN ${costs} AS cost ON cost.case_id = f.case_id
SETTINGS join_use_nulls = 0`;
}

export const CASE_OUTCOME_FACTS_INSERT_SQL = insertSql(perDaySql('contact_attempt', 'cost'));

/** The slice's cases that have a row already (one per case; LIMIT BY guards a refresh cut short). */
const WRITTEN = `(SELECT case_id, cost_days, cost_amounts FROM case_outcome_facts
                  WHERE case_id IN ${CASES} LIMIT 1 BY case_id)`;

/** The slice's cases without a row: a set built first, so that the attempt read prunes by key. */
const UNWRITTEN = `(
  SELECT c FROM (SELECT arrayJoin(${CASES}) AS c)
  WHERE c NOT IN (SELECT case_id FROM case_outcome_facts WHERE case_id IN ${CASES})
)`;

/**
 * Loads with no contact attempt and no case_opened change no case's attempts or
 * opening instant, so the cost arrays already written stand; a case without a
 * row yet gets them computed.
 */
export const CASE_OUTCOME_FACTS_KEEP_COSTS_INSERT_SQL = insertSql(`(
  SELECT case_id, cost_days AS days, cost_amounts AS amounts FROM ${WRITTEN}
  UNION ALL
  SELECT case_id, days, amounts
  FROM ${perDaySql('contact_attempt', 'cost', UNWRITTEN)}
)`);

/** Every column except the cost arrays and refresh_id, in table order. */
const KEPT_COLUMNS = CASE_OUTCOME_FACTS.columns
  .map((c) => c.name)
  .filter((n) => !['cost_days', 'cost_amounts', 'refresh_id'].includes(n));

/**
 * Loads of contact attempts only: attempts feed nothing but the cost arrays, so a
 * written row keeps every other column and gets its cost arrays recomputed (no
 * payment, assignment or account join). Cases of the slice without a row get the
 * full computation (CASE_OUTCOME_FACTS_INSERT_SQL over those cases).
 */
export const CASE_OUTCOME_FACTS_COSTS_INSERT_SQL = `
INSERT INTO case_outcome_facts (${KEPT_COLUMNS.join(', ')}, cost_days, cost_amounts, refresh_id)
SELECT ${KEPT_COLUMNS.map((n) => `o.${n}`).join(', ')}, cost.days, cost.amounts, {refreshId:UUID}
FROM (SELECT ${KEPT_COLUMNS.join(', ')} FROM case_outcome_facts WHERE case_id IN ${CASES} LIMIT 1 BY case_id) AS o
LEFT JOIN ${perDaySql('contact_attempt', 'cost')} AS cost ON cost.case_id = o.case_id
SETTINGS join_use_nulls = 0`;

/** Older rows of the slice's cases: every listed case, also one that lost its case_facts row. */
const OLDER = `case_id IN ${CASES} AND refresh_id != {refreshId:UUID}`;

/** Cases per INSERT … SELECT: bounds the memory of a refresh over a whole portfolio. */
const SLICE = 50_000;

export const caseOutcomeFacts: DerivedTable = keyedTable({
  name: CASE_OUTCOME_FACTS.name,
  shard: 'account',
  reads: [
    'account_opened',
    'case_assigned',
    'case_closed',
    'case_opened',
    'contact_attempt',
    'payment',
  ],
  after: ['case_facts', 'account_dims'],
  keys: TOUCHED,
  async run(db, context, keysId): Promise<void> {
    const cases = (
      await queryRows<{ case_id: string }>(db, `SELECT DISTINCT key AS case_id FROM ${AFFECTED}`, {
        keysId,
      })
    ).map((r) => r.case_id);
    const attemptsOnly =
      context.eventTypes !== undefined &&
      [...context.eventTypes].every((type) => type === 'contact_attempt');
    const insert = mayHold(context, 'contact_attempt', 'case_opened')
      ? CASE_OUTCOME_FACTS_INSERT_SQL
      : CASE_OUTCOME_FACTS_KEEP_COSTS_INSERT_SQL;
    for (let i = 0; i < cases.length; i += SLICE) {
      const query_params = { cases: cases.slice(i, i + SLICE), refreshId: randomUUID() };
      if (attemptsOnly) {
        const unwritten = (
          await queryRows<{ c: string }>(db, `SELECT c FROM ${UNWRITTEN}`, query_params)
        ).map((r) => r.c);
        await db.client.command({ query: CASE_OUTCOME_FACTS_COSTS_INSERT_SQL, query_params });
        if (unwritten.length > 0)
          await db.client.command({
            query: CASE_OUTCOME_FACTS_INSERT_SQL,
            query_params: { ...query_params, cases: unwritten },
          });
      } else await db.client.command({ query: insert, query_params });
      // a lightweight DELETE is a mutation: only when older rows exist (refresh-steps.ts)
      if (!mayHoldOlder(context, CASE_OUTCOME_FACTS.name)) continue;
      const stale = `SELECT 1 FROM case_outcome_facts WHERE ${OLDER} LIMIT 1`;
      if ((await queryRows(db, stale, query_params)).length > 0)
        await db.client.command({
          query: `DELETE FROM case_outcome_facts WHERE ${OLDER}`,
          query_params,
        });
    }
  },
});
