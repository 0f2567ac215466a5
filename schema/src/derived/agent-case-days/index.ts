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
 * recomputed from all the case's attempts (read by contact_attempt's
 * `(case_id, occurred_at)` key); the pairs whose days differ from the written
 * row (or that have none) are written with a fresh refresh_id, then the older
 * rows of those pairs are deleted (refresh-steps.ts).
 */
import type { TableDef } from '../../ddl.ts';
import type { DerivedTable } from '../index.ts';
import { CASES_AGENT_ATTEMPTED } from '../key-sets.ts';
import { keySet, stepsTable } from '../keys.ts';

export const AGENT_CASE_DAYS: TableDef = {
  name: 'agent_case_days',
  engine: 'MergeTree',
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

/**
 * Rows of the cases that differ from the written ones (or have none): an attempt on
 * a day the pair had already changes nothing, so most (agent, case) pairs of a
 * late or re-delivered month are not rewritten.
 */
export const AGENT_CASE_DAYS_INSERT_SQL = `
INSERT INTO agent_case_days (last_day, agent_id, case_id, first_day, days, refresh_id)
SELECT n.days[-1], n.agent_id, n.case_id, n.days[1], n.days, {refreshId:UUID}
FROM (
  SELECT agent_id, case_id, arraySort(groupUniqArray(toDate(occurred_at, 'UTC'))) AS days
  FROM contact_attempt
  WHERE agent_id != '' AND case_id IN ${CASES}
  GROUP BY agent_id, case_id
) AS n
LEFT ANY JOIN (
  SELECT toString(agent_id) AS agent_id, case_id, days FROM agent_case_days WHERE case_id IN ${CASES}
) AS o ON o.agent_id = n.agent_id AND o.case_id = n.case_id
WHERE o.case_id = '' OR o.days != n.days
SETTINGS join_use_nulls = 0`;

/** Older rows of the (agent, case) pairs the refresh rewrote. */
const REWRITTEN = `(agent_id, case_id) IN (SELECT agent_id, case_id FROM agent_case_days WHERE refresh_id = {refreshId:UUID})
  AND refresh_id != {refreshId:UUID}`;

export const AGENT_CASE_DAYS_DELETE_SQL = `DELETE FROM agent_case_days WHERE ${REWRITTEN}`;

/** Older rows of the pairs the refresh rewrote: the DELETE is needed. */
export const AGENT_CASE_DAYS_STALE_SQL = `SELECT 1 FROM agent_case_days WHERE ${REWRITTEN}`;

export const agentCaseDays: DerivedTable = stepsTable({
  table: AGENT_CASE_DAYS,
  shard: 'account',
  reads: ['contact_attempt'],
  keys: [CASES_AGENT_ATTEMPTED],
  steps: () => ({
    touched: `SELECT 1 FROM ${CASES}`,
    insert: AGENT_CASE_DAYS_INSERT_SQL,
    stale: AGENT_CASE_DAYS_STALE_SQL,
    delete: AGENT_CASE_DAYS_DELETE_SQL,
  }),
});
