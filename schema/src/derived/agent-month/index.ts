/**
 * `agent_month`: agent_day summed per (agent, UTC month), so that the whole
 * months of a long period read one row per agent and month (~2 500 a month at
 * scale M instead of ~75 000 day rows). The voice attempts' (local hour,
 * ordinal of the day, 7-day count) triples become a histogram: the distinct
 * triples with their counts (~6× fewer than attempts at M), still to be
 * compared with the COMPLIANCE_* thresholds by the query. Config-free like
 * agent_day.
 *
 * Refresh (after agent_day): the months of the (agent, day) keys agent_day
 * recomputed (AGENT_DAYS, refresh_keys) are recomputed from agent_day; new rows first with a fresh
 * refresh_id, then the older rows of those keys are deleted (refresh-steps.ts).
 */
import { randomUUID } from 'node:crypto';
import type { TableDef } from '../../ddl.ts';
import { AGENT_DAYS, listAgentDayKeys } from '../agent-day/index.ts';
import type { DerivedTable } from '../index.ts';
import { keyDaySet, keyedTable } from '../keys.ts';
import { deleteOlder, listedSlices, mayHoldOlder, PATCH_PARTS } from '../refresh-steps.ts';

export const AGENT_MONTH: TableDef = {
  name: 'agent_month',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'month', type: 'Date', comment: 'first day of the UTC month' },
    { name: 'agent_id', type: 'LowCardinality(String)' },
    { name: 'attempts', type: 'UInt64' },
    { name: 'rpcs', type: 'UInt64', comment: 'right-party contacts' },
    { name: 'talk_seconds', type: 'UInt64', comment: 'duration_s of call attempts' },
    { name: 'v_hour', type: 'Array(UInt8)', comment: 'per distinct triple: local hour' },
    { name: 'v_of_day', type: 'Array(UInt16)', comment: 'same order: ordinal in local day' },
    { name: 'v_in_7d', type: 'Array(UInt16)', comment: 'same order: count in 7 × 24 h' },
    { name: 'v_n', type: 'Array(UInt32)', comment: 'same order: voice attempts with the triple' },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(month, agent_id)',
  why: 'Agent and team performance over long periods: whole UTC months read by month range.',
};

/** The months of the keys, listed ({keys}: 'agent|YYYY-MM-01', {from}/{to}: first and last month). */
const LISTED_KEYS_IN = `day >= {from:Date} AND day < addMonths({to:Date}, 1)
  AND concat(agent_id, '|', toString(toStartOfMonth(day))) IN (SELECT arrayJoin({keys:Array(String)}))`;

function insertSql(inKeys: string): string {
  return `
INSERT INTO agent_month
  (month, agent_id, attempts, rpcs, talk_seconds, v_hour, v_of_day, v_in_7d, v_n, refresh_id)
SELECT t.month, t.agent_id, t.attempts, t.rpcs, t.talk_seconds, arrayMap(x -> x.1, h.hist),
       arrayMap(x -> x.2, h.hist), arrayMap(x -> x.3, h.hist), arrayMap(x -> x.4, h.hist), {refreshId:UUID}
FROM (
  SELECT toStartOfMonth(day) AS month, agent_id, sum(attempts) AS attempts, sum(rpcs) AS rpcs,
         sum(talk_seconds) AS talk_seconds
  FROM agent_day WHERE ${inKeys}
  GROUP BY month, agent_id
) AS t
LEFT JOIN (
  SELECT month, agent_id, arraySort(groupArray((hour, of_day, in_7d, n))) AS hist
  FROM (
    SELECT toStartOfMonth(day) AS month, agent_id, hour, of_day, in_7d, toUInt32(count()) AS n
    FROM agent_day ARRAY JOIN v_hour AS hour, v_of_day AS of_day, v_in_7d AS in_7d
    WHERE ${inKeys}
    GROUP BY month, agent_id, hour, of_day, in_7d
  )
  GROUP BY month, agent_id
) AS h ON h.month = t.month AND h.agent_id = t.agent_id
SETTINGS join_use_nulls = 0`;
}

const AGENT_MONTH_LISTED_INSERT_SQL = insertSql(LISTED_KEYS_IN);

/** Older rows of the keys' months: each has an agent_day row, so the refresh rewrote it. */
const REWRITTEN = `(agent_id, month) IN (SELECT key, toStartOfMonth(day) FROM ${keyDaySet(AGENT_DAYS)})
  AND refresh_id != {refreshId:UUID}`;

export const AGENT_MONTH_DELETE_SQL = `DELETE FROM agent_month WHERE ${REWRITTEN}`;

export const agentMonth: DerivedTable = keyedTable({
  table: AGENT_MONTH,
  shard: 'partial',
  lookBack: { kind: 'wholeKey', why: 'an (agent, month) from its agent_day rows' },
  reads: ['account_opened', 'case_opened', 'contact_attempt'],
  after: ['agent_day'],
  keys: [AGENT_DAYS],
  async run(db, context, keysId): Promise<void> {
    const listed = await listAgentDayKeys(db, keysId);
    // 'agent|YYYY-MM-DD' → 'agent|YYYY-MM-01'
    const keys = [...new Set(listed.map((k) => `${k.slice(0, -2)}01`))];
    if (keys.length === 0) return;
    const query_params = { keysId, refreshId: randomUUID() };
    // in month order (the days' order): each slice reads a range of months
    for (const slice of listedSlices(keys, context))
      await db.client.command({
        query: AGENT_MONTH_LISTED_INSERT_SQL,
        query_params: {
          ...query_params,
          keys: slice,
          from: slice[0]?.slice(-10),
          to: slice[slice.length - 1]?.slice(-10),
        },
      });
    // nothing older in a table that was empty (refresh-steps.ts)
    if (mayHoldOlder(context, AGENT_MONTH.name))
      await deleteOlder(db, AGENT_MONTH_DELETE_SQL, query_params);
  },
});
