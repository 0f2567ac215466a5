/**
 * `agent_day`: one row per (agent, UTC day) with the agent's additive contact
 * measures of that day (docs/metrics/agent-performance.md), so that a year of agent
 * performance sums ~1 M small rows instead of reading ~8 M attempts:
 * attempts, RPCs, talk seconds (duration_s of `call` attempts); each attempt's
 * second of the day, RPC flag, talk seconds and case, for the partial days at
 * a period's edges (contact_attempt is sorted by case, not time); and for each of
 * the agent's voice attempts of the day (voice_attempts rows) the three values
 * the contact rules compare with their thresholds: local hour, ordinal on the
 * case in its local day, count on the case in the 7 × 24 h ending at it
 * (capped at 65535, above any allowed threshold). Nothing depends on
 * configuration: the query applies REPORT_TZ (whole UTC days inside the period
 * come from here, the partial days at its edges from the per-event tables) and
 * the COMPLIANCE_* thresholds.
 *
 * Refresh (after voice_attempts and agent_case_days, whose rows it reads): the (agent, day) keys a
 * load can change are recomputed from all their events —
 * - the day of every attempt in the loads;
 * - for a voice attempt in the loads at t on case K: the days of K's voice
 *   attempts in [t, t + 8 days] (its ordinal and 7-day count shift those of
 *   the later attempts on K within a local day and 168 h);
 * - for a case_opened or account_opened in the loads: every day of the case's
 *   voice attempts (the account's offset moves their local times), taken from the
 *   case's agent_case_days rows (refreshed before it: every UTC day of the case's
 *   attempts by each agent, a superset of its voice attempts' days).
 * The keys are written once per refresh (AGENT_DAYS, refresh_keys), listed and
 * passed to the INSERT as a constant set; the voice part reads voice_attempts only
 * within the loaded voice attempts' bounds + 8 days. New rows first with a fresh refresh_id, then the older rows of the
 * keys the refresh wrote are deleted (refresh-steps.ts).
 */
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '../../db.ts';
import type { TableDef } from '../../ddl.ts';
import { CONTACT_CATEGORIES, VOICE_CHANNELS } from '../../domain.ts';
import type { DerivedTable } from '../index.ts';
import { CASES_OF_ACCOUNTS_OPENED, CASES_OPENED, DAYS_ATTEMPTED } from '../key-sets.ts';
import { daySet, keyDaySet, keyedTable, keySet, type KeySet } from '../keys.ts';
import { lookAheadSql } from '../look-back.ts';
import { deleteOlder, listedSlices, mayHoldOlder, PATCH_PARTS } from '../refresh-steps.ts';
import { VOICE_LOOK_BACK } from '../voice-attempts/index.ts';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const LOADS = '{loadIds:Array(UUID)}';

export const AGENT_DAY: TableDef = {
  name: 'agent_day',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'day', type: 'Date', comment: 'UTC day of the attempts' },
    { name: 'agent_id', type: 'LowCardinality(String)' },
    { name: 'attempts', type: 'UInt32' },
    { name: 'rpcs', type: 'UInt32', comment: 'right-party contacts' },
    { name: 'talk_seconds', type: 'UInt64', comment: 'duration_s of call attempts' },
    { name: 'a_sec', type: 'Array(UInt32)', comment: 'per attempt: UTC second of the day' },
    { name: 'a_rpc', type: 'Array(UInt8)', comment: 'same order: 1 for a right-party contact' },
    { name: 'a_talk', type: 'Array(UInt32)', comment: 'same order: duration_s of a call, else 0' },
    { name: 'a_case', type: 'Array(String)', comment: 'same order: case_id' },
    { name: 'v_hour', type: 'Array(UInt8)', comment: 'per voice attempt: local hour' },
    { name: 'v_of_day', type: 'Array(UInt16)', comment: 'same order: ordinal in local day' },
    { name: 'v_in_7d', type: 'Array(UInt16)', comment: 'same order: count in 7 × 24 h' },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(day, agent_id)',
  why: 'Agent and team performance over long periods: whole UTC days read by day range.',
};

/**
 * The loads' attempts lie within their attempt days (DAYS_ATTEMPTED, refresh_keys): the
 * bound lets contact_attempt's month partitions outside be skipped (load_id is in no key;
 * each unbounded read scanned the whole table).
 */
const IN_LOADED_DAYS = `occurred_at >= toDateTime64((SELECT min(day) FROM ${daySet(DAYS_ATTEMPTED)}), 3, 'UTC')
    AND occurred_at < toDateTime64(addDays((SELECT max(day) FROM ${daySet(DAYS_ATTEMPTED)}), 1), 3, 'UTC')`;

const LOADED_VOICE = `contact_attempt WHERE load_id IN ${LOADS} AND channel IN (${list(VOICE_CHANNELS)})
    AND ${IN_LOADED_DAYS}`;

/**
 * (agent_id, day) keys the loads can change (see the module comment), written once per
 * refresh when agent_day (after voice_attempts) is refreshed; agent_month reads them
 * too. The voice part reads voice_attempts within the loaded voice attempts' bounds
 * (+ 8 days; its sort key prunes the rest); the opening part reads the attempt days of
 * the cases of the loads' openings (refresh_keys: empty when the loads hold none) from
 * agent_case_days, one row per (agent, case): voice_attempts, sorted by time, was read
 * whole by a lookup by case (1.0–1.3 CPU-s of a day's load at scale M), and
 * contact_attempt, sorted by case but in month partitions, opened every month's
 * granules (100 k accounts, month 24: all 1.69 M rows for 1 509 cases, against 41 629
 * agent_case_days rows). A listed day without a voice attempt is rewritten unchanged.
 */
export const AGENT_DAYS: KeySet = {
  name: 'agent_days',
  select: `SELECT agent_id AS key, toDate32(toDate(occurred_at, 'UTC')) AS day FROM contact_attempt
  WHERE load_id IN ${LOADS} AND agent_id != '' AND ${IN_LOADED_DAYS}
  UNION ALL
  SELECT v.agent_id, toDate32(toDate(v.occurred_at, 'UTC')) FROM voice_attempts AS v
  INNER JOIN (
    SELECT case_id, min(occurred_at) AS lo, max(occurred_at) AS hi FROM ${LOADED_VOICE} GROUP BY case_id
  ) AS t ON t.case_id = v.case_id
  WHERE v.agent_id != '' AND v.occurred_at >= t.lo AND v.occurred_at <= ${lookAheadSql(VOICE_LOOK_BACK, 't.hi')}
    AND v.occurred_at >= (SELECT min(occurred_at) FROM ${LOADED_VOICE})
    AND v.occurred_at <= (SELECT ${lookAheadSql(VOICE_LOOK_BACK, 'max(occurred_at)')} FROM ${LOADED_VOICE})
  UNION ALL
  SELECT toString(agent_id), toDate32(arrayJoin(days)) FROM agent_case_days
  WHERE case_id IN ${keySet(CASES_OPENED, CASES_OF_ACCOUNTS_OPENED)}`,
  uses: [CASES_OPENED, CASES_OF_ACCOUNTS_OPENED, DAYS_ATTEMPTED],
};

/**
 * The same with the keys listed first ({keys}: 'agent|YYYY-MM-DD', {from}/{to}: their
 * first and last day): the key set, evaluated once per use inside the INSERT, cost
 * more than the roll-up itself at scale.
 */
const LISTED_KEY_DAYS = `occurred_at >= toDateTime64({from:Date}, 3, 'UTC')
    AND occurred_at < toDateTime64(addDays({to:Date}, 1), 3, 'UTC')
    AND concat(agent_id, '|', toString(toDate(occurred_at, 'UTC'))) IN (SELECT arrayJoin({keys:Array(String)}))`;

function insertSql(inKeyDays: string): string {
  return `
INSERT INTO agent_day
  (day, agent_id, attempts, rpcs, talk_seconds, a_sec, a_rpc, a_talk, a_case, v_hour, v_of_day, v_in_7d, refresh_id)
SELECT a.day, a.agent_id, length(a.each), arrayCount(x -> x.2 = 1, a.each), arraySum(x -> x.3, a.each),
       arrayMap(x -> x.1, a.each), arrayMap(x -> x.2, a.each), arrayMap(x -> x.3, a.each), arrayMap(x -> x.4, a.each),
       arrayMap(x -> x.1, v.voice), arrayMap(x -> x.2, v.voice), arrayMap(x -> x.3, v.voice), {refreshId:UUID}
FROM (
  SELECT agent_id, toDate(occurred_at, 'UTC') AS day,
         arraySort(groupArray((toUInt32(toUnixTimestamp(occurred_at) % 86400),
                               toUInt8(outcome IN (${list(CONTACT_CATEGORIES.rpc)})),
                               toUInt32(if(channel = 'call', duration_s, 0)), case_id))) AS each
  FROM contact_attempt
  WHERE agent_id != '' AND ${inKeyDays}
  GROUP BY agent_id, day
) AS a
LEFT JOIN (
  SELECT agent_id, toDate(occurred_at, 'UTC') AS day,
         arraySort(groupArray((toUInt8(toHour(local_at)), toUInt16(least(attempt_of_day, 65535)),
                               toUInt16(least(attempts_in_7d, 65535))))) AS voice
  FROM voice_attempts
  WHERE agent_id != '' AND ${inKeyDays}
  GROUP BY agent_id, day
) AS v ON v.agent_id = a.agent_id AND v.day = a.day
SETTINGS join_use_nulls = 0`;
}

const AGENT_DAY_LISTED_INSERT_SQL = insertSql(LISTED_KEY_DAYS);

/** The (agent, day) keys of the refresh, 'agent_id|YYYY-MM-DD' in day order (AGENT_DAYS). */
export async function listAgentDayKeys(db: Pick<Db, 'client'>, keysId: string): Promise<string[]> {
  const rows = await queryRows<{ k: string }>(
    db,
    `SELECT DISTINCT concat(key, '|', toString(day)) AS k FROM ${keyDaySet(AGENT_DAYS)}`,
    { keysId },
  );
  return byDay(rows.map((r) => r.k));
}

/** 'agent|YYYY-MM-DD' keys sorted by day, then agent. */
function byDay(keys: readonly string[]): string[] {
  const key = (k: string) => `${k.slice(-10)}|${k}`;
  return [...keys].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Older rows of the listed keys: each has an attempt, so the refresh rewrote it. */
const REWRITTEN = `(agent_id, day) IN ${keyDaySet(AGENT_DAYS)} AND refresh_id != {refreshId:UUID}`;

export const AGENT_DAY_DELETE_SQL = `DELETE FROM agent_day WHERE ${REWRITTEN}`;

export const agentDay: DerivedTable = keyedTable({
  table: AGENT_DAY,
  shard: 'partial',
  lookBack: { kind: 'wholeKey', why: 'an (agent, day) from its voice_attempts rows' },
  reads: ['account_opened', 'case_opened', 'contact_attempt'],
  after: ['voice_attempts', 'agent_case_days'],
  keys: [AGENT_DAYS],
  async run(db, context, keysId): Promise<void> {
    const listed = await listAgentDayKeys(db, keysId);
    if (listed.length === 0) return;
    const query_params = { keysId, refreshId: randomUUID() };
    // in day order: each slice reads a range of days
    for (const keys of listedSlices(listed, context)) {
      const slice = { keys, from: keys[0]?.slice(-10), to: keys[keys.length - 1]?.slice(-10) };
      await db.client.command({
        query: AGENT_DAY_LISTED_INSERT_SQL,
        query_params: { ...query_params, ...slice },
      });
    }
    // nothing older in a table that was empty (refresh-steps.ts)
    if (mayHoldOlder(context, AGENT_DAY.name))
      await deleteOlder(db, AGENT_DAY_DELETE_SQL, query_params);
  },
});
