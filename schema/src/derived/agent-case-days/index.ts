/**
 * `agent_case_days`: one row per (agent, case) the agent attempted, with the
 * sorted distinct UTC days of those attempts and their first and last day.
 * "Cases worked" (docs/metrics/agent-performance.md) is a distinct count that does not
 * add up across days: a query over whole UTC days keeps the (agent, case) rows
 * with a day inside them (most rows are decided by first_day / last_day alone)
 * instead of reading every attempt of the period; the partial days at the
 * period's edges (REPORT_TZ) come from contact_attempt.
 *
 * Refresh: every (agent, case) row of a case with an attempt in the loads is
 * recomputed, bounded in time (docs/decisions/001-refresh-bounded-in-time.md): every
 * attempt the loads hold is on or after SINCE, the UTC day of their earliest attempt,
 * so a case with a written row keeps the row's days before SINCE and reads its
 * attempts from SINCE on (contact_attempt's month partitions before it are not read);
 * a case without any row is recomputed from all its attempts. The pairs whose days
 * differ from the written row (or that have none, or more than one: a refresh
 * killed before its DELETE) are written with a fresh
 * refresh_id, then the older rows of those pairs are deleted (refresh-steps.ts).
 */
import type { TableDef } from '../../ddl.ts';
import type { DerivedTable } from '../index.ts';
import { CASES_AGENT_ATTEMPTED, DAYS_ATTEMPTED } from '../key-sets.ts';
import { daySet, keySet, stepsTable } from '../keys.ts';
import { PATCH_PARTS } from '../refresh-steps.ts';

export const AGENT_CASE_DAYS: TableDef = {
  name: 'agent_case_days',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'last_day', type: 'Date', comment: 'UTC day of the latest attempt' },
    { name: 'agent_id', type: 'LowCardinality(String)' },
    { name: 'case_id', type: 'String' },
    { name: 'first_day', type: 'Date', comment: 'UTC day of the first attempt' },
    { name: 'days', type: 'Array(Date)', comment: 'UTC days with an attempt, ascending' },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(last_day, agent_id, case_id)',
  why: 'Cases worked per agent over a period: rows whose last day is before the period are skipped by the key.',
};

const CASES = keySet(CASES_AGENT_ATTEMPTED);

/** The UTC day of the loads' earliest attempt (their attempt days are in refresh_keys). */
const SINCE = `(SELECT min(day) FROM ${daySet(DAYS_ATTEMPTED)})`;

/** The written rows of the cases. */
const WRITTEN = `(SELECT toString(agent_id) AS agent_id, case_id, days FROM agent_case_days WHERE case_id IN ${CASES})`;

/**
 * The written rows of the cases, one per (agent, case): the union of its rows' days
 * and their number. A refresh killed between its insert and its DELETE leaves a pair
 * with two rows, and a join would meet either one. Every row's days are days the pair
 * had an attempt, and attempts are never removed, so a newer row's days hold an older
 * one's: the union is the newest row's days (what to keep before SINCE), whichever
 * rows there are, and is right even with no way to tell which row is newest
 * (refresh_id is random). A pair with more than one row is rewritten even when its
 * days are unchanged, so that the DELETE clears the extra rows.
 */
const WRITTEN_PAIRS = `(
  SELECT toString(agent_id) AS agent_id, case_id, arraySort(groupUniqArrayArray(days)) AS days, count() AS n
  FROM agent_case_days WHERE case_id IN ${CASES}
  GROUP BY agent_id, case_id
)`;

/**
 * Rows of the cases that differ from the written ones (or have none): an attempt on
 * a day the pair had already changes nothing, so most (agent, case) pairs of a
 * late or re-delivered month are not rewritten. Attempts read: those from SINCE on of
 * every case, and all of the cases without a row (their days before SINCE are in no row).
 */
export const AGENT_CASE_DAYS_INSERT_SQL = `
INSERT INTO agent_case_days (last_day, agent_id, case_id, first_day, days, refresh_id)
SELECT nd[-1], r.agent_id, r.case_id, nd[1],
       arrayConcat(arrayFilter(d -> d < ${SINCE}, o.days), r.days) AS nd, {refreshId:UUID}
FROM (
  SELECT agent_id, case_id, arraySort(groupUniqArray(toDate(occurred_at, 'UTC'))) AS days
  FROM (
    SELECT agent_id, case_id, occurred_at FROM contact_attempt
    WHERE agent_id != '' AND case_id IN ${CASES}
      AND occurred_at >= toDateTime64(${SINCE}, 3, 'UTC')
    UNION ALL
    SELECT agent_id, case_id, occurred_at FROM contact_attempt
    WHERE agent_id != '' AND case_id IN (
      SELECT key FROM ${CASES} WHERE key NOT IN (SELECT case_id FROM ${WRITTEN}))
  )
  GROUP BY agent_id, case_id
) AS r
LEFT ANY JOIN ${WRITTEN_PAIRS} AS o ON o.agent_id = r.agent_id AND o.case_id = r.case_id
WHERE o.case_id = '' OR o.n > 1 OR o.days != nd
SETTINGS join_use_nulls = 0`;

/** Older rows of the (agent, case) pairs the refresh rewrote. */
const REWRITTEN = `(agent_id, case_id) IN (SELECT agent_id, case_id FROM agent_case_days WHERE refresh_id = {refreshId:UUID})
  AND refresh_id != {refreshId:UUID}`;

export const AGENT_CASE_DAYS_DELETE_SQL = `DELETE FROM agent_case_days WHERE ${REWRITTEN}`;

export const agentCaseDays: DerivedTable = stepsTable({
  table: AGENT_CASE_DAYS,
  shard: 'account',
  lookBack: { kind: 'utcDay', why: "a pair's days are a set" },
  reads: ['contact_attempt'],
  keys: [CASES_AGENT_ATTEMPTED, DAYS_ATTEMPTED],
  steps: () => ({
    touched: `SELECT 1 FROM ${CASES}`,
    insert: AGENT_CASE_DAYS_INSERT_SQL,
    delete: AGENT_CASE_DAYS_DELETE_SQL,
  }),
});
