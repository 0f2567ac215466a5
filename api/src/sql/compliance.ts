/**
 * Contact-rule checks (docs/metrics/compliance.md), one row per voice or in-person
 * attempt (`call`, `field_visit`, `ivr`) with the rules it breaks. Shared by the
 * compliance report and by any metric that counts violations (agentPerformance).
 *
 * Local time is the attempt's UTC instant shifted by the `utc_offset_minutes` of
 * the case's account (latest account_opened of the account of the case's first
 * case_opened); 480 when the case or its account is unknown (docs/etl.md#event-format, default).
 *
 * Rules, with thresholds from configuration (docs/metrics/compliance.md):
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
import { inPeriodSql } from './period.ts';

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

/** The three rules as SQL over voice_attempts columns, thresholds as parameters. */
export const OFF_HOURS_SQL = `(toHour(local_at) < {c_start:UInt8} OR toHour(local_at) >= {c_end:UInt8})`;
export const OVER_DAILY_SQL = `(attempt_of_day > {c_day:UInt32})`;
export const OVER_WEEKLY_SQL = `(attempts_in_7d > {c_week:UInt32})`;
/** An attempt breaking several rules is one violation. */
export const IS_VIOLATION_SQL = `(${OFF_HOURS_SQL} OR ${OVER_DAILY_SQL} OR ${OVER_WEEKLY_SQL})`;

/**
 * The same rule over other expressions of the local hour, the ordinal in the
 * local day and the 7-day count (e.g. lambda arguments over agent_day's arrays).
 */
export function isViolationSql(localHour: string, attemptOfDay: string, attemptsIn7d: string) {
  return `(${localHour} < {c_start:UInt8} OR ${localHour} >= {c_end:UInt8} OR ${attemptOfDay} > {c_day:UInt32} OR ${attemptsIn7d} > {c_week:UInt32})`;
}

/**
 * Reads `voice_attempts` (schema/src/derived/voice-attempts/index.ts), where the ETL
 * keeps each voice attempt's local time, ordinal in its local day and count in
 * the preceding 7 × 24 h current; only the thresholds are applied here, so
 * changing them needs no rebuild. Rows from 7 days before the period are kept
 * (in_period = 0), as before.
 */
export const COMPLIANCE_ATTEMPTS_SQL = `(
  SELECT event_id, case_id, agent_id, channel, outcome, occurred_at, utc_offset_minutes, local_at,
         attempt_of_day, attempts_in_7d,
         ${OFF_HOURS_SQL} AS off_hours, ${OVER_DAILY_SQL} AS over_daily, ${OVER_WEEKLY_SQL} AS over_weekly,
         off_hours OR over_daily OR over_weekly AS is_violation,
         ${inPeriodSql('occurred_at')} AS in_period
  FROM voice_attempts
  WHERE occurred_at >= toDateTime64({from:Date32}, 3, {tz:String}) - toIntervalDay(7)
    AND occurred_at < toDateTime64(addDays({to:Date32}, 1), 3, {tz:String})
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
