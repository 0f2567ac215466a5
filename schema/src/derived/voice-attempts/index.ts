/**
 * `voice_attempts`: one row per voice or in-person contact attempt (`call`,
 * `field_visit`, `ivr`: docs/metrics/compliance.md) with everything the contact rules
 * need that does not depend on configuration: the attempt's local time (UTC
 * instant shifted by the `utc_offset_minutes` of the case's account), its
 * ordinal among the case's voice attempts of the same local day, and the count
 * of the case's voice attempts in the 7 × 24 h ending at it. The thresholds
 * (COMPLIANCE_* variables) are applied by the query, so changing them needs no
 * rebuild.
 *
 * Rules for the precomputed columns (the same as api/src/sql/compliance.ts had
 * inline): the case's account is the account of its first case_opened; its
 * offset is the latest account_opened's; 480 when either is unknown (docs/etl.md
 * default). Attempts at the same instant are ordered by event_id. The 7 × 24 h
 * window is (t − 168 h, t]: an attempt exactly 168 h earlier is outside.
 *
 * Refresh, bounded in time: the loads' voice attempts rewrite, per case, only
 * the rows from its first loaded voice attempt to its last + 8 days
 * (VOICE_ATTEMPTS_WINDOW_INSERT_SQL), and delete only the older rows of those
 * events: a load of new attempts after the last ones deletes nothing. Every
 * voice attempt of a case is recomputed only when the loads' openings may change
 * its offset: a case_opened of the case, or an account_opened of the account of
 * one of its openings (a late account changes the local time of its cases'
 * attempts); new rows first with a fresh refresh_id, then the older rows of the
 * cases the refresh wrote are deleted (the DELETE finds them from the new rows: a
 * DELETE whose subquery read account_opened never finished in chDB). A load of more
 * than ROWS_PER_SLICE voice attempts writes its rows in ranges of its cases
 * (the window functions sort a statement's rows in memory), then deletes once.
 */
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '../../db.ts';
import type { TableDef } from '../../ddl.ts';
import { VOICE_CHANNELS } from '../../domain.ts';
import type { DerivedTable, RefreshContext } from '../index.ts';
import { CASES_OF_ACCOUNTS_OPENED, CASES_OPENED } from '../key-sets.ts';
import { keyedTable, keySet } from '../keys.ts';
import { loadedRows, loadParams } from '../load-bounds.ts';
import { lookAheadSql, lookBackMs, lookBackSql, type LookBack } from '../look-back.ts';
import {
  ALL_KEYS,
  deleteOlder,
  mayHold,
  mayHoldOlder,
  PATCH_PARTS,
  refreshKeys,
  rewrittenOlderRowsSql,
  sliceParams,
  sliceRange,
} from '../refresh-steps.ts';

const INSTANT = "DateTime64(3, 'UTC')";
const DICT = 'LowCardinality(String)';
export const DEFAULT_UTC_OFFSET_MINUTES = 480;
/** The 7-day count's window, and a local day (the ordinal of the day) around it. */
export const VOICE_LOOK_BACK: LookBack = {
  kind: 'hours',
  hours: 7 * 24,
  slackHours: 24,
  why: 'the 7-day count, a local day',
};
const WEEK_MS = lookBackMs(VOICE_LOOK_BACK, 'window');
/**
 * Voice attempts sorted by one refresh statement: a bigger load is refreshed in ranges
 * of its cases (refresh-steps.ts sliceParams). The whole M portfolio's 13.6 M voice
 * attempts: one statement 24 s and 3.87 GB peak RSS; 4 slices of 4 M 34 s and 1.95 GB;
 * 7 of 2 M 49 s and 1.6 GB (each statement reads the loads' rows again).
 */
const ROWS_PER_SLICE = 4_000_000;
/** The cases of the statement's range (its parameters: ALL_KEYS when not sliced). */
const IN_SLICE = sliceRange('case_id');

export const VOICE_ATTEMPTS: TableDef = {
  name: 'voice_attempts',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'event_id', type: 'String' },
    { name: 'case_id', type: 'String' },
    { name: 'agent_id', type: 'String', comment: "'' for automated attempts" },
    { name: 'channel', type: DICT },
    { name: 'outcome', type: DICT },
    { name: 'occurred_at', type: INSTANT },
    { name: 'utc_offset_minutes', type: 'Int32', comment: "of the case's account" },
    { name: 'local_at', type: INSTANT, comment: 'whose UTC wall clock is the local time' },
    { name: 'attempt_of_day', type: 'Int64', comment: 'ordinal on the case in its local day' },
    {
      name: 'attempts_in_7d',
      type: 'Int64',
      comment: 'on the case in (t − 168 h, t], itself included',
    },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(occurred_at, event_id)',
  why: 'Compliance per agent and the list of offending attempts over a period, in time order.',
};

const voiceList = VOICE_CHANNELS.map((c) => `'${c}'`).join(', ');

/**
 * Cases whose account or offset the loads' openings may change (a case_opened of the
 * case, an account_opened of its account), those of `slice` when given: all their voice
 * attempts are recomputed. The loads' own attempts are rewritten in their windows after.
 */
function affected(slice = 'true'): string {
  return `(
  SELECT case_id FROM (SELECT key AS case_id FROM ${keySet(...OPENINGS)}) WHERE ${slice}
)`;
}
/** The key sets of affected() (refresh_keys). */
const OPENINGS = [CASES_OPENED, CASES_OF_ACCOUNTS_OPENED];
const AFFECTED = affected();

function caseOffsets(cases: string): string {
  return `(
  SELECT c.case_id AS case_id,
         if(acc.account_id = '', ${DEFAULT_UTC_OFFSET_MINUTES}, acc.utc_offset_minutes) AS off
  FROM (SELECT case_id, argMin(account_id, occurred_at) AS account_id FROM case_opened
        WHERE case_id IN ${cases} GROUP BY case_id) AS c
  LEFT JOIN (
    SELECT account_id, argMax(utc_offset_minutes, occurred_at) AS utc_offset_minutes FROM account_opened
    WHERE account_id IN (SELECT account_id FROM case_opened WHERE case_id IN ${cases})
    GROUP BY account_id
  ) AS acc ON acc.account_id = c.account_id
)`;
}

/** The precomputed columns, over voice attempts with `ms` and `local_at` (see the module comment). */
const OF_DAY = `toInt64(row_number() OVER (PARTITION BY case_id, toDate(local_at) ORDER BY occurred_at, event_id))`;
const IN_7D = `toInt64(row_number() OVER (PARTITION BY case_id ORDER BY occurred_at, event_id))
         - toInt64(count() OVER (PARTITION BY case_id ORDER BY ms
             RANGE BETWEEN UNBOUNDED PRECEDING AND ${WEEK_MS} PRECEDING))`;

const ATTEMPT_COLUMNS = `a.event_id AS event_id, a.case_id AS case_id, a.agent_id AS agent_id, a.channel AS channel,
         a.outcome AS outcome, a.occurred_at AS occurred_at, toUnixTimestamp64Milli(a.occurred_at) AS ms,
         toInt32(if(o.case_id = '', ${DEFAULT_UTC_OFFSET_MINUTES}, o.off)) AS utc_offset_minutes,
         a.occurred_at + toIntervalMinute(utc_offset_minutes) AS local_at`;

export const VOICE_ATTEMPTS_INSERT_SQL = `
INSERT INTO voice_attempts
  (event_id, case_id, agent_id, channel, outcome, occurred_at, utc_offset_minutes, local_at,
   attempt_of_day, attempts_in_7d, refresh_id)
SELECT event_id, case_id, agent_id, channel, outcome, occurred_at, utc_offset_minutes, local_at,
       ${OF_DAY},
       ${IN_7D},
       {refreshId:UUID}
FROM (
  SELECT ${ATTEMPT_COLUMNS}
  FROM (SELECT event_id, case_id, agent_id, channel, outcome, occurred_at FROM contact_attempt
        WHERE channel IN (${voiceList}) AND ${IN_SLICE} AND case_id IN ${affected(IN_SLICE)}) AS a
  LEFT JOIN ${caseOffsets(affected(IN_SLICE))} AS o ON o.case_id = a.case_id
)
SETTINGS join_use_nulls = 0`;

/** Voice attempts of the loads. */
const LOADED = `contact_attempt WHERE ${loadedRows('contact_attempt')} AND channel IN (${voiceList})`;
/**
 * The loads' voice attempts the window refresh rewrites: not those of cases the
 * openings pass rewrote whole (same rows twice in one refresh, and a first load's
 * empty-table shortcut would keep both).
 */
const WINDOWED = `${LOADED} AND case_id NOT IN ${AFFECTED}`;
/**
 * The same within their bounds {lo}/{hi} (ms; the window insert has them): the month
 * partitions outside are not read (load_id is in no key).
 */
const WINDOWED_IN_BOUNDS = `${WINDOWED}
    AND occurred_at >= fromUnixTimestamp64Milli({lo:Int64}, 'UTC')
    AND occurred_at <= fromUnixTimestamp64Milli({hi:Int64}, 'UTC')`;
const LOADED_CASES = `(SELECT case_id FROM ${WINDOWED_IN_BOUNDS})`;
const WINDOWED_KEYS = `SELECT case_id AS key FROM ${WINDOWED}`;
/**
 * The keys of a sliced openings pass (refresh-steps.ts sliceParams): the rows its insert
 * sorts, every voice attempt of the affected cases — not the loaded attempts, which a
 * load of openings only has none of (a late account_opened of every account: all 13.6 M
 * voice attempts at scale M in one statement). contact_attempt is sorted by case_id.
 */
const AFFECTED_KEYS = `SELECT case_id AS key FROM contact_attempt
  WHERE channel IN (${voiceList}) AND case_id IN ${AFFECTED}`;

/**
 * Rows a load of attempts only can change (no opening: offsets stand): a voice
 * attempt at t on case K moves the ordinal of K's later attempts in its local
 * day (< 24 h) and the 7-day count of those in (t, t + 168 h], nothing before t.
 * So per case K, from its first loaded voice attempt `lo` to its last `hi` + 8
 * days, rows are recomputed from K's voice attempts since lo − 8 days (a local
 * day and 168 h before any of them). {lo}/{hi}: the loaded attempts' bounds
 * (ms), so that the read prunes contact_attempt's month partitions.
 */
export const VOICE_ATTEMPTS_WINDOW_INSERT_SQL = `
INSERT INTO voice_attempts
  (event_id, case_id, agent_id, channel, outcome, occurred_at, utc_offset_minutes, local_at,
   attempt_of_day, attempts_in_7d, refresh_id)
SELECT event_id, case_id, agent_id, channel, outcome, occurred_at, utc_offset_minutes, local_at,
       attempt_of_day, attempts_in_7d, {refreshId:UUID}
FROM (
  SELECT event_id, case_id, agent_id, channel, outcome, occurred_at, utc_offset_minutes, local_at, emit_from,
         ${OF_DAY} AS attempt_of_day, ${IN_7D} AS attempts_in_7d
  FROM (
    SELECT ${ATTEMPT_COLUMNS}, s.lo AS emit_from
    FROM (SELECT event_id, case_id, agent_id, channel, outcome, occurred_at FROM contact_attempt
          WHERE channel IN (${voiceList}) AND case_id IN ${LOADED_CASES} AND ${IN_SLICE}
            AND occurred_at >= ${lookBackSql(VOICE_LOOK_BACK, "fromUnixTimestamp64Milli({lo:Int64}, 'UTC')")}
            AND occurred_at <= ${lookAheadSql(VOICE_LOOK_BACK, "fromUnixTimestamp64Milli({hi:Int64}, 'UTC')")}) AS a
    INNER JOIN (SELECT case_id, min(occurred_at) AS lo, max(occurred_at) AS hi FROM ${WINDOWED_IN_BOUNDS} AND ${IN_SLICE}
                GROUP BY case_id) AS s
      ON s.case_id = a.case_id
    LEFT JOIN ${caseOffsets(`(SELECT case_id FROM ${WINDOWED_IN_BOUNDS} AND ${IN_SLICE})`)} AS o ON o.case_id = a.case_id
    WHERE a.occurred_at >= ${lookBackSql(VOICE_LOOK_BACK, 's.lo')} AND a.occurred_at <= ${lookAheadSql(VOICE_LOOK_BACK, 's.hi')}
  )
)
WHERE occurred_at >= emit_from
SETTINGS join_use_nulls = 0`;

/** Rows the window refresh rewrote, within {from}/{to} (ms: the sort key prunes). */
const WINDOW_OLDER = rewrittenOlderRowsSql(VOICE_ATTEMPTS.name);

/** Older rows of the cases the openings pass rewrote: all attempts of every affected case. */
const OPENINGS_OLDER = `case_id IN ${AFFECTED} AND refresh_id != {refreshId:UUID}`;
export const VOICE_ATTEMPTS_DELETE_SQL = `DELETE FROM voice_attempts WHERE ${OPENINGS_OLDER}`;

export const voiceAttempts: DerivedTable = keyedTable({
  table: VOICE_ATTEMPTS,
  shard: 'account',
  lookBack: VOICE_LOOK_BACK,
  reads: ['account_opened', 'case_opened', 'contact_attempt'],
  keys: OPENINGS,
  async run(db, context, keysId): Promise<void> {
    if (mayHold(context, 'case_opened', 'account_opened'))
      await refreshOpenings(db, context, keysId);
    if (mayHold(context, 'contact_attempt')) await refreshWindows(db, context, keysId);
  },
});

/** The cases of the loads' openings: all their attempts (the window pass skips them). */
async function refreshOpenings(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  keysId: string,
): Promise<void> {
  await refreshKeys(
    db,
    context,
    {
      table: VOICE_ATTEMPTS.name,
      touched: `SELECT 1 FROM ${AFFECTED}`,
      insert: VOICE_ATTEMPTS_INSERT_SQL,
      delete: VOICE_ATTEMPTS_DELETE_SQL,
      slices: { keys: AFFECTED_KEYS, rowsPerSlice: ROWS_PER_SLICE },
    },
    keysId,
  );
}

/** Loads of attempts without openings: only the rows in each case's window (above) are rewritten. */
async function refreshWindows(
  db: Pick<Db, 'client'>,
  context: RefreshContext,
  keysId: string,
): Promise<void> {
  const loaded = loadParams(context.loadIds, context.bounds);
  const [bounds] = await queryRows<{ lo: string; hi: string; n: string }>(
    db,
    `SELECT toString(toUnixTimestamp64Milli(min(occurred_at))) AS lo,
            toString(toUnixTimestamp64Milli(max(occurred_at))) AS hi, count() AS n FROM ${WINDOWED}`,
    { ...loaded, keysId },
  );
  if (!bounds || Number(bounds.n) === 0) return;
  const query_params = {
    ...loaded,
    keysId,
    refreshId: randomUUID(),
    lo: bounds.lo,
    hi: bounds.hi,
    from: bounds.lo,
    to: String(Number(bounds.hi) + lookBackMs(VOICE_LOOK_BACK)),
  };
  const perSlice = context.rowsPerSlice ?? ROWS_PER_SLICE;
  const ranges =
    Number(bounds.n) > perSlice
      ? await sliceParams(
          db,
          context,
          { keys: WINDOWED_KEYS, rowsPerSlice: perSlice },
          { ...loaded, keysId },
        )
      : [ALL_KEYS];
  for (const slice of ranges)
    await db.client.command({
      query: VOICE_ATTEMPTS_WINDOW_INSERT_SQL,
      query_params: { ...query_params, ...slice },
    });
  // nothing older in a table that was empty (refresh-steps.ts). The event_id set is kept
  // out of primary-key analysis: (occurred_at, event_id) ranges for a million ids cost far
  // more than the scan of the window's parts.
  if (!mayHoldOlder(context, VOICE_ATTEMPTS.name)) return;
  await deleteOlder(db, `DELETE FROM voice_attempts WHERE ${WINDOW_OLDER}`, query_params, {
    use_index_for_in_with_subqueries: 0,
  });
}
