/**
 * Contact-rule violations (SPEC §4 Compliance), one row per voice or in-person
 * attempt (`call`, `field_visit`, `ivr`) with the rules it breaks, in the
 * account's local time (utc_offset_minutes of the case's account, default 480
 * when the account or case is not known yet). An attempt is a violation when:
 * - its local time is before {c_start}:00 or at/after {c_end}:00;
 * - it is the {c_day}+1-th or later voice attempt on its case that local day
 *   (default 6 allowed → the 7th is a violation);
 * - it is the {c_week}+1-th or later on its case in the 7 × 24 h ending at it,
 *   i.e. (t − 168 h, t] (default 7 allowed → the 8th is a violation).
 * Attempts at the very same millisecond on a case count each other in the
 * 7 × 24 h window (RANGE frame peers).
 *
 * Parameters: {c_start:UInt8}, {c_end:UInt8}, {c_day:UInt32}, {c_week:UInt32}
 * (see `violationParams`).
 * Columns: event_id, case_id, agent_id, channel, occurred_at, local_at,
 * off_hours, over_daily, over_weekly, is_violation (UInt8 each).
 */
import type { Env } from '@collections/schema';
import { isVoiceSql } from './contact.ts';

export function violationParams(
  env: Pick<
    Env,
    | 'COMPLIANCE_START_HOUR'
    | 'COMPLIANCE_END_HOUR'
    | 'COMPLIANCE_MAX_PER_DAY'
    | 'COMPLIANCE_MAX_PER_7D'
  >,
): Record<string, number> {
  return {
    c_start: env.COMPLIANCE_START_HOUR,
    c_end: env.COMPLIANCE_END_HOUR,
    c_day: env.COMPLIANCE_MAX_PER_DAY,
    c_week: env.COMPLIANCE_MAX_PER_7D,
  };
}

export const VIOLATIONS_SQL = `(
  SELECT event_id, case_id, agent_id, channel, occurred_at, local_at, off_hours, over_daily, over_weekly,
         off_hours OR over_daily OR over_weekly AS is_violation
  FROM (
    SELECT event_id, case_id, agent_id, channel, occurred_at, local_at,
           toHour(local_at) < {c_start:UInt8} OR toHour(local_at) >= {c_end:UInt8} AS off_hours,
           row_number() OVER (PARTITION BY case_id, toDate(local_at) ORDER BY occurred_at, event_id) > {c_day:UInt32} AS over_daily,
           count() OVER (PARTITION BY case_id ORDER BY toUnixTimestamp64Milli(occurred_at)
                         RANGE BETWEEN 604799999 PRECEDING AND CURRENT ROW) > {c_week:UInt32} AS over_weekly
    FROM (
      SELECT t.event_id AS event_id, t.case_id AS case_id, t.agent_id AS agent_id, t.channel AS channel,
             t.occurred_at AS occurred_at,
             addMinutes(toTimeZone(t.occurred_at, 'UTC'), if(o.found = 1, o.utc_offset_minutes, 480)) AS local_at
      FROM (SELECT * FROM contact_attempt WHERE ${isVoiceSql('channel')}) AS t
      LEFT JOIN (
        SELECT c.case_id AS case_id, a.utc_offset_minutes AS utc_offset_minutes, toUInt8(1) AS found
        FROM (SELECT case_id, argMin(account_id, occurred_at) AS account_id FROM case_opened GROUP BY case_id) AS c
        INNER JOIN (SELECT account_id, argMax(utc_offset_minutes, occurred_at) AS utc_offset_minutes
                    FROM account_opened GROUP BY account_id) AS a ON a.account_id = c.account_id
      ) AS o ON o.case_id = t.case_id
    )
  )
)`;
