/**
 * `payment_facts`: one row per payment event with what payment metrics look up
 * per payment, precomputed so that queries read one small table instead of
 * ASOF-joining every payment with the case's assignments and attempts:
 * - `agent_id`: the payment's attribution (SPEC §4 Attribution): the holder of
 *   the case at the payment (latest case_assigned at or before it); '' for a
 *   payment with no case or on a case with no assignee yet;
 * - `attempt_at`, `attempt_channel`: the latest contact attempt on the same case
 *   at or before the payment (any channel), for channel effectiveness (SPEC §4:
 *   "each payment credited once, to the latest attempt before it");
 *   `has_attempt` = 0 when there is none. Whether it credits the channel (within
 *   7 × 24 h, attempt in the period) is decided by the query.
 *   Attempts at the same instant: the ASOF join takes one of them, as the query
 *   it replaces did.
 *
 * Refresh, bounded in time and by key: loads holding assignments or attempts
 * recompute the payments of a case touched by them (a payment, an assignment or
 * an attempt on the case with one of those load_ids) from the loads' earliest
 * instant on (a payment's row reads the case's assignments and attempts at or
 * before it: earlier payments' rows stand), from all the case's events, so late
 * assignments and late attempts move the attribution of later payments; payments
 * without a case depend on nothing else: only the loaded ones are written. New
 * rows first, with a fresh refresh_id, then the older rows of the events the
 * refresh wrote are deleted, read from the loads' earliest instant on (the sort
 * key prunes: refresh-steps.ts deleteRewrittenEvents). Loads of payments only
 * (the common case) write the rows of the loaded payments that have none yet,
 * and nothing else: no other row can change, so nothing is deleted. Loads of
 * attempts only (no assignment, no payment) rewrite only the rows that differ
 * (ATTEMPTS_ONLY_INSERT_SQL). A refresh with assignments or payments that reads more
 * than ROWS_PER_SLICE payments, attempts and assignments writes its rows in ranges of
 * its cases (refresh-steps.ts sliceParams), then deletes once.
 */
import { randomUUID } from 'node:crypto';
import { queryRows } from '../../db.ts';
import type { TableDef } from '../../ddl.ts';
import type { DerivedTable } from '../index.ts';
import { CASES_ASSIGNED, CASES_ATTEMPTED, CASES_PAID } from '../key-sets.ts';
import { keyedTable, keySet } from '../keys.ts';
import { loadedRows, loadParams } from '../load-bounds.ts';
import {
  deleteRewrittenEvents,
  earliestLoaded,
  mayHold,
  PATCH_PARTS,
  sliceParams,
  sliceRange,
} from '../refresh-steps.ts';

const INSTANT = "DateTime64(3, 'UTC')";
const DICT = 'LowCardinality(String)';

export const PAYMENT_FACTS: TableDef = {
  name: 'payment_facts',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'event_id', type: 'String' },
    { name: 'payment_id', type: 'String' },
    { name: 'account_id', type: 'String' },
    { name: 'case_id', type: 'String', comment: "'' when the payment has no case" },
    { name: 'amount', type: 'Decimal(18, 2)' },
    { name: 'method', type: DICT },
    { name: 'occurred_at', type: INSTANT },
    { name: 'agent_id', type: 'String', comment: "holder of the case at the payment; '' none" },
    { name: 'has_attempt', type: 'UInt8', comment: '1 when the case had an attempt at or before' },
    { name: 'attempt_at', type: INSTANT, comment: 'latest attempt on the case at or before' },
    { name: 'attempt_channel', type: DICT, comment: "its channel; '' when none" },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(occurred_at, event_id)',
  shardKey: 'sipHash64(account_id)',
  why: 'Collections per agent and per channel over a period: payments filtered by occurred_at.',
};

const L = '{loadIds:Array(UUID)}';

/** Cases with an assignment or an attempt in the loads: the attribution of any of their payments may move. */
const MOVED_CASES = keySet(CASES_ASSIGNED, CASES_ATTEMPTED);

/** Cases touched by the given loads: a payment, an assignment or an attempt on the case. */
const TOUCHED = [CASES_PAID, CASES_ASSIGNED, CASES_ATTEMPTED];
const AFFECTED = keySet(...TOUCHED);

/**
 * The payment_facts rows of `payments` (a filter on `payment`); `cases` lists
 * (at least) their cases, to narrow the assignment and attempt sides;
 * `attempts` (default: every attempt of `cases`) must hold, per payment, the
 * latest attempt on its case at or before it.
 */
function selectSql(
  payments: string,
  cases: string,
  attempts = `(SELECT case_id, occurred_at, channel FROM contact_attempt WHERE case_id IN ${cases})`,
): string {
  return `
SELECT p.event_id AS event_id, p.payment_id AS payment_id, p.account_id AS account_id, p.case_id AS case_id,
       p.amount AS amount, p.method AS method, p.occurred_at AS occurred_at,
       if(p.case_id = '', '', p.holder) AS agent_id, at.case_id != '' AS has_attempt,
       at.occurred_at AS attempt_at, at.channel AS attempt_channel, {refreshId:UUID} AS refresh_id
FROM (
  SELECT p.event_id AS event_id, p.payment_id AS payment_id, p.account_id AS account_id, p.case_id AS case_id,
         p.amount AS amount, p.method AS method, p.occurred_at AS occurred_at, a.agent_id AS holder
  FROM (SELECT event_id, payment_id, account_id, case_id, amount, method, occurred_at FROM payment
        WHERE ${payments}) AS p
  ASOF LEFT JOIN (SELECT case_id, occurred_at, agent_id FROM case_assigned WHERE case_id IN ${cases}) AS a
    ON a.case_id = p.case_id AND a.occurred_at <= p.occurred_at
) AS p
ASOF LEFT JOIN ${attempts} AS at
  ON at.case_id = p.case_id AND at.occurred_at <= p.occurred_at`;
}

const COLUMNS = `(event_id, payment_id, account_id, case_id, amount, method, occurred_at, agent_id,
   has_attempt, attempt_at, attempt_channel, refresh_id)`;

function insertSql(payments: string, cases: string, attempts?: string): string {
  return `
INSERT INTO payment_facts
  ${COLUMNS}
${selectSql(payments, cases, attempts).trim()}
SETTINGS join_use_nulls = 0`;
}

/** The cases of the statement's range of a sliced refresh (refresh-steps.ts sliceRange). */
const IN_SLICE = sliceRange('case_id');

/**
 * The loads' earliest instant that can move a payment's row: their first payment,
 * assignment or attempt (ms). A payment's row reads the case's assignments and attempts
 * at or before it, never after: rows of earlier payments stand.
 */
const FIRST_MOVED = ['payment', 'case_assigned', 'contact_attempt'] as const;

/** From the loads' earliest instant on ({since}: earliestLoaded of FIRST_MOVED). */
const SINCE = `occurred_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')`;
/** The payments a refresh with assignments or attempts recomputes (PAYMENT_FACTS_INSERT_SQL). */
const RECOMPUTED = `${SINCE}
     AND ((case_id != '' AND case_id IN ${AFFECTED}) OR (case_id = '' AND load_id IN ${L}))`;
/** Their cases: their assignments and attempts are read over the cases' whole history. */
const RECOMPUTED_CASES = `(SELECT case_id FROM payment WHERE ${SINCE} AND case_id != '' AND case_id IN ${AFFECTED})`;

/**
 * Loads with assignments or attempts: the payments of a touched case from the loads'
 * earliest instant on (a late assignment or attempt moves later payments), payments
 * without a case only when loaded. One range of cases per statement (payments without a
 * case are in the first range).
 */
export const PAYMENT_FACTS_INSERT_SQL = insertSql(
  `${RECOMPUTED} AND ${IN_SLICE}`,
  `(SELECT case_id FROM ${RECOMPUTED_CASES} WHERE ${IN_SLICE})`,
);

/**
 * The rows such a refresh holds in memory grow with the recomputed cases' attempts (the
 * ASOF join's right side): a refresh reading more than this many payments, attempts and
 * assignments is cut into ranges of its cases. The whole M portfolio (17.3 M attempts,
 * 1.7 M payments) in one statement peaked at 2.18 GB of RSS.
 */
const ROWS_PER_SLICE = 6_000_000;

/**
 * The keys of a sliced refresh: the rows its insert reads (the recomputed payments, their
 * cases' attempts and assignments), not the loaded ones — a bulk reassignment loads
 * neither attempts nor payments, yet rewrites every payment of its cases.
 */
const SLICE_KEYS = `SELECT case_id AS key FROM payment WHERE ${RECOMPUTED}
UNION ALL SELECT case_id AS key FROM contact_attempt WHERE case_id IN ${RECOMPUTED_CASES}
UNION ALL SELECT case_id AS key FROM case_assigned WHERE case_id IN ${RECOMPUTED_CASES}`;

/** Cases of the loaded payments. */
const LOADED_CASES = keySet(CASES_PAID);

/**
 * From the month before the loaded payments' first one to their last: the
 * attempts that answer most payments' "latest attempt at or before" (a few
 * partitions instead of the cases' whole history).
 */
const RECENT = `occurred_at >= addMonths(toStartOfMonth((SELECT min(occurred_at) FROM payment WHERE ${loadedRows('payment')})), -1)
    AND occurred_at <= (SELECT max(occurred_at) FROM payment WHERE ${loadedRows('payment')})`;

/**
 * Cases whose first loaded payment has no recent attempt at or before it: only
 * for them can the answer be older, so only their older attempts are read.
 */
const OLDER_NEEDED = `(
  SELECT case_id FROM (
    SELECT case_id, occurred_at, 0 AS is_attempt FROM payment WHERE ${loadedRows('payment')} AND case_id != ''
    UNION ALL
    SELECT case_id, occurred_at, 1 FROM contact_attempt WHERE case_id IN ${LOADED_CASES} AND ${RECENT}
  )
  GROUP BY case_id
  HAVING countIf(is_attempt = 1) = 0 OR minIf(occurred_at, is_attempt = 1) > minIf(occurred_at, is_attempt = 0)
)`;

/**
 * Loaded payments that have a row already: their loads were refreshed before
 * (a retry, or a refresh cut short), and a row, once written, is kept right by
 * every later refresh — so it stands. Looked up within the loaded payments'
 * time range (sort key).
 */
const WRITTEN_EVENTS = `(
  SELECT event_id FROM payment_facts
  PREWHERE occurred_at >= (SELECT min(occurred_at) FROM payment WHERE ${loadedRows('payment')})
       AND occurred_at <= (SELECT max(occurred_at) FROM payment WHERE ${loadedRows('payment')})
  WHERE event_id IN (SELECT event_id FROM payment WHERE ${loadedRows('payment')})
)`;

/**
 * Loads of payments only (no assignment, no attempt): a payment's row depends on
 * the case's assignments and attempts, never on its other payments, so only the
 * loaded payments without a row are written — the cases' other rows stay as
 * they are, and nothing is deleted.
 */
export const PAYMENTS_ONLY_INSERT_SQL = insertSql(
  `${loadedRows('payment')} AND event_id NOT IN ${WRITTEN_EVENTS}`,
  LOADED_CASES,
  `(
  SELECT case_id, occurred_at, channel FROM contact_attempt WHERE case_id IN ${LOADED_CASES} AND ${RECENT}
  UNION ALL
  SELECT case_id, occurred_at, channel FROM contact_attempt
  WHERE case_id IN ${OLDER_NEEDED}
    AND occurred_at < addMonths(toStartOfMonth((SELECT min(occurred_at) FROM payment WHERE ${loadedRows('payment')})), -1)
)`,
);

/** The loaded attempts' cases, and the first loaded attempt. */
const ATTEMPT_CASES = keySet(CASES_ATTEMPTED);
const ATTEMPTS_FROM = `(SELECT min(occurred_at) FROM contact_attempt WHERE ${loadedRows('contact_attempt')})`;
/** Rows of the loaded attempts' cases from the first loaded attempt on (sort key and partitions prune). */
const AFTER_ATTEMPTS = `occurred_at >= ${ATTEMPTS_FROM} AND case_id IN ${ATTEMPT_CASES}`;

/**
 * Loads of attempts only (no assignment, no payment): an attempt at t changes at
 * most the "latest attempt at or before" of its case's payments at or after t,
 * never the attribution. Those payments are recomputed, and only the rows that
 * differ from the written ones are inserted (a late attempt seldom becomes a
 * payment's latest one; a new month's attempts have few payments after them).
 * A payment with more than one row is rewritten too: a refresh killed between
 * its insert and its DELETE leaves the new row beside the old one, and the rerun
 * recomputes the new row; were it skipped as "already written", nothing would be
 * written under the rerun's refresh_id and its DELETE would never clear the old
 * row (the payment's amount counted twice).
 */
export const ATTEMPTS_ONLY_INSERT_SQL = `
INSERT INTO payment_facts
  ${COLUMNS}
SELECT * FROM (${selectSql(AFTER_ATTEMPTS, ATTEMPT_CASES).trim()}) AS n
WHERE (n.event_id, n.agent_id, n.has_attempt, n.attempt_at, n.attempt_channel) NOT IN (
  SELECT event_id, agent_id, has_attempt, attempt_at, attempt_channel FROM payment_facts WHERE ${AFTER_ATTEMPTS}
)
  OR n.event_id IN (
  SELECT event_id FROM payment_facts WHERE ${AFTER_ATTEMPTS} GROUP BY event_id HAVING count() > 1
)
SETTINGS join_use_nulls = 0`;

export const paymentFacts: DerivedTable = keyedTable({
  table: PAYMENT_FACTS,
  shard: 'account',
  lookBack: { kind: 'latest', of: "assignment and attempt of a payment's case at or before it" },
  reads: ['case_assigned', 'contact_attempt', 'payment'],
  keys: TOUCHED,
  async run(db, context, keysId): Promise<void> {
    const params = { ...loadParams(context.loadIds, context.bounds), keysId };
    const moved = context.eventTypes
      ? mayHold(context, 'case_assigned', 'contact_attempt')
      : (await queryRows(db, `SELECT 1 FROM ${MOVED_CASES} LIMIT 1`, params)).length > 0;
    if (!moved) {
      await db.client.command({
        query: PAYMENTS_ONLY_INSERT_SQL,
        query_params: { ...params, refreshId: randomUUID() },
      });
      return;
    }
    const first = await earliestLoaded(db, context, FIRST_MOVED);
    if (!first) return;
    const query_params = { ...params, refreshId: randomUUID(), since: first.since };
    if (!mayHold(context, 'case_assigned', 'payment'))
      await db.client.command({ query: ATTEMPTS_ONLY_INSERT_SQL, query_params });
    else {
      const slicing = { keys: SLICE_KEYS, rowsPerSlice: ROWS_PER_SLICE };
      const sliceKeysParams = { ...params, since: first.since };
      for (const slice of await sliceParams(db, context, slicing, sliceKeysParams))
        await db.client.command({
          query: PAYMENT_FACTS_INSERT_SQL,
          query_params: { ...query_params, ...slice },
        });
    }
    // every row written is at or after the loads' first instant: the DELETE reads from there
    await deleteRewrittenEvents(
      db,
      context,
      PAYMENT_FACTS.name,
      query_params.refreshId,
      first.since,
    );
  },
});
