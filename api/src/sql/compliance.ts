/**
 * Contact-rule checks (SPEC §4 Compliance), one row per voice or in-person
 * attempt (`call`, `field_visit`, `ivr`) with the rules it breaks. Shared by the
 * compliance report and by any metric that counts violations (agentPerformance).
 *
 * Local time is the attempt's UTC instant shifted by the `utc_offset_minutes` of
 * the case's account (latest account_opened of the account of the case's first
 * case_opened); 480 when the case or its account is unknown (SPEC §2 default).
 *
 * Rules, with thresholds from configuration (docs/ANALYTICS-B.md):
 * - off_hours: local hour < START or ≥ END (21:59:59.999 is fine, 22:00:00 is not;
 *   07:59:59.999 is not, 08:00:00 is);
 * - over_daily: the attempt is the (MAX_PER_DAY + 1)-th or later voice attempt
 *   on its case on the same local calendar day;
 * - over_weekly: it is the (MAX_PER_7D + 1)-th or later voice attempt on its case
 *   in the 7 × 24 h ending at it, i.e. in (t − 168 h, t]: an attempt exactly
 *   168 h earlier is outside the window.
 * Every voice attempt counts towards the limits, including out-of-hours ones and
 * ones that are themselves violations. Attempts at the same instant are ordered by
 * event_id. An attempt breaking several rules is one violation (is_violation).
 *
 * Parameters: `{from:Date32}`, `{to:Date32}`, `{tz:String}` (the reporting
 * period; the fragment reads 7 days of history before it so that counts at the
 * start of the period are right), `{c_start:UInt8}`, `{c_end:UInt8}`,
 * `{c_day:UInt32}`, `{c_week:UInt32}` (see complianceParams).
 *
 * Columns: event_id, case_id, agent_id, channel, outcome, occurred_at,
 * utc_offset_minutes, local_at (DateTime64 whose UTC wall clock is the local
 * time), attempt_of_day, attempts_in_7d, off_hours, over_daily, over_weekly,
 * is_violation, in_period (UInt8 flags).
 */
import type { Env } from '@collections/schema';
import { isVoiceSql } from './contact.ts';
import { inPeriodSql } from './period.ts';

export const DEFAULT_UTC_OFFSET_MINUTES = 480;
const WEEK_MS = 7 * 24 * 3600 * 1000;

export type ComplianceEnv = Pick<
  Env,
  | 'COMPLIANCE_START_HOUR'
  | 'COMPLIANCE_END_HOUR'
  | 'COMPLIANCE_MAX_PER_DAY'
  | 'COMPLIANCE_MAX_PER_7D'
>;

export function complianceParams(env: ComplianceEnv): Record<string, number> {
  return {
    c_start: env.COMPLIANCE_START_HOUR,
    c_end: env.COMPLIANCE_END_HOUR,
    c_day: env.COMPLIANCE_MAX_PER_DAY,
    c_week: env.COMPLIANCE_MAX_PER_7D,
  };
}

const VOICE_RANGE = `${isVoiceSql('channel')}
  AND occurred_at >= toDateTime64({from:Date32}, 3, {tz:String}) - toIntervalDay(7)
  AND occurred_at < toDateTime64(addDays({to:Date32}, 1), 3, {tz:String})`;
const RANGE_CASES = `(SELECT case_id FROM contact_attempt WHERE ${VOICE_RANGE})`;

/**
 * Offset of each case with a voice attempt in range. Same rule as ACCOUNTS_SQL
 * (latest account_opened), narrowed to the one column and the accounts of those
 * cases: aggregating every account's dimensions costs more than the rules.
 */
const CASE_OFFSETS_SQL = `(
  SELECT c.case_id AS case_id,
         if(acc.account_id = '', ${DEFAULT_UTC_OFFSET_MINUTES}, acc.utc_offset_minutes) AS off
  FROM (SELECT case_id, argMin(account_id, occurred_at) AS account_id FROM case_opened
        WHERE case_id IN ${RANGE_CASES} GROUP BY case_id) AS c
  LEFT JOIN (
    SELECT account_id, argMax(utc_offset_minutes, occurred_at) AS utc_offset_minutes FROM account_opened
    WHERE account_id IN (SELECT account_id FROM case_opened WHERE case_id IN ${RANGE_CASES})
    GROUP BY account_id
  ) AS acc ON acc.account_id = c.account_id
)`;

export const COMPLIANCE_ATTEMPTS_SQL = `(
  SELECT event_id, case_id, agent_id, channel, outcome, occurred_at, utc_offset_minutes, local_at,
         attempt_of_day, attempts_in_7d,
         toHour(local_at) < {c_start:UInt8} OR toHour(local_at) >= {c_end:UInt8} AS off_hours,
         attempt_of_day > {c_day:UInt32} AS over_daily,
         attempts_in_7d > {c_week:UInt32} AS over_weekly,
         off_hours OR over_daily OR over_weekly AS is_violation,
         ${inPeriodSql('occurred_at')} AS in_period
  FROM (
    SELECT event_id, case_id, agent_id, channel, outcome, occurred_at, utc_offset_minutes, local_at,
           toInt64(row_number() OVER (PARTITION BY case_id, toDate(local_at) ORDER BY occurred_at, event_id)) AS attempt_of_day,
           toInt64(row_number() OVER (PARTITION BY case_id ORDER BY occurred_at, event_id))
             - toInt64(count() OVER (PARTITION BY case_id ORDER BY ms
                 RANGE BETWEEN UNBOUNDED PRECEDING AND ${WEEK_MS} PRECEDING)) AS attempts_in_7d
    FROM (
      SELECT a.event_id AS event_id, a.case_id AS case_id, a.agent_id AS agent_id, a.channel AS channel,
             a.outcome AS outcome, a.occurred_at AS occurred_at, toUnixTimestamp64Milli(a.occurred_at) AS ms,
             toInt32(if(o.case_id = '', ${DEFAULT_UTC_OFFSET_MINUTES}, o.off)) AS utc_offset_minutes,
             a.occurred_at + toIntervalMinute(utc_offset_minutes) AS local_at
      FROM (SELECT * FROM contact_attempt WHERE ${VOICE_RANGE}) AS a
      LEFT JOIN ${CASE_OFFSETS_SQL} AS o ON o.case_id = a.case_id
    )
  )
)`;

/** The rules an attempt broke, in a fixed order, from the three flags. */
export const COMPLIANCE_RULES = ['OUTSIDE_HOURS', 'DAILY_LIMIT', 'WEEKLY_LIMIT'] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];

export function rulesOf(flags: {
  off_hours: number | boolean;
  over_daily: number | boolean;
  over_weekly: number | boolean;
}): ComplianceRule[] {
  const rules: ComplianceRule[] = [];
  if (Number(flags.off_hours)) rules.push('OUTSIDE_HOURS');
  if (Number(flags.over_daily)) rules.push('DAILY_LIMIT');
  if (Number(flags.over_weekly)) rules.push('WEEKLY_LIMIT');
  return rules;
}
