/**
 * docs/metrics/compliance.md for the comparison engines, written from the definitions (not
 * from the API's fragment): voice and in-person attempts (`call`,
 * `field_visit`, `ivr`) in the account's local time. An attempt is a violation
 * when its local hour is outside [START, END), or it is the (MAX_PER_DAY + 1)-th
 * or later such attempt on its case that local day, or the (MAX_PER_7D + 1)-th
 * or later on its case in the 7 × 24 h ending at it — (t − 168 h, t]: one
 * exactly 168 h earlier is out. Attempts at the same instant count in event_id
 * order. Every voice attempt counts towards the limits, whoever made it.
 *
 * Local time: the attempt's instant shifted by `utc_offset_minutes` of the
 * account of the case's first `case_opened` (latest `account_opened`), 480
 * when the case or the account is unknown (docs/etl.md#event-format, default). Thresholds are
 * the documented defaults (the benchmark runs with COMPLIANCE_* unset).
 */
import { list } from './common.ts';

export const COMPLIANCE_DEFAULTS = { startHour: 8, endHour: 22, maxPerDay: 6, maxPer7d: 7 };
const VOICE = ['call', 'field_visit', 'ivr'];

/**
 * Voice attempts from 7 days before `from` (the history the limits need) to the
 * end of `to` (date SQL expressions), with the verdict.
 * Columns: event_id, case_id, agent_id, occurred_at, is_violation.
 */
export function complianceAttemptsSql(from: string, to: string): string {
  const c = COMPLIANCE_DEFAULTS;
  return `(
  SELECT event_id, case_id, agent_id, occurred_at,
         (extract(hour FROM local_at) < ${c.startHour} OR extract(hour FROM local_at) >= ${c.endHour}
          OR attempt_of_day > ${c.maxPerDay} OR attempts_in_7d > ${c.maxPer7d}) AS is_violation
  FROM (
    SELECT v.*,
           row_number() OVER (PARTITION BY case_id, CAST(local_at AS DATE) ORDER BY occurred_at, event_id)
             AS attempt_of_day,
           row_number() OVER (PARTITION BY case_id ORDER BY occurred_at, event_id)
             - count(*) OVER (PARTITION BY case_id ORDER BY occurred_at
                              RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL '168 hours' PRECEDING)
             AS attempts_in_7d
    FROM (
      SELECT a.event_id, a.case_id, a.agent_id, a.occurred_at,
             a.occurred_at + COALESCE(acc.utc_offset_minutes, 480) * INTERVAL '1 minute' AS local_at
      FROM contact_attempt AS a
      LEFT JOIN (SELECT case_id, account_id,
                        row_number() OVER (PARTITION BY case_id ORDER BY occurred_at) AS rn
                 FROM case_opened) AS co ON co.case_id = a.case_id AND co.rn = 1
      LEFT JOIN (SELECT account_id, utc_offset_minutes,
                        row_number() OVER (PARTITION BY account_id ORDER BY occurred_at DESC) AS rn
                 FROM account_opened) AS acc ON acc.account_id = co.account_id AND acc.rn = 1
      WHERE a.channel IN (${list(VOICE)})
        AND a.occurred_at >= CAST(${from} AS DATE) - 7 AND a.occurred_at < CAST(${to} AS DATE) + 1
    ) AS v
  ) AS w
)`;
}
