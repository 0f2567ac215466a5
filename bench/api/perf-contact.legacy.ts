/**
 * The contact-side SQL as it was before the derived tables promise_facts,
 * payment_facts and voice_attempts (commit 79768a7), kept verbatim as the
 * "before" side of bench/api/perf-contact.ts.
 */
import { isContactSql, isRpcSql, isVoiceSql } from '../../api/src/sql/contact.ts';
import { AS_OF_INSTANT_SQL } from '../../api/src/sql/as-of.ts';
import { endOfDaySql, inPeriodSql } from '../../api/src/sql/period.ts';
import type { SqlQuery } from '../../api/src/query.ts';

const DEFAULT_UTC_OFFSET_MINUTES = 480;
const WEEK_MS = 7 * 24 * 3600 * 1000;

export const LEGACY_PROMISES_SQL = `(
  SELECT ptp_id, case_id, agent_id, amount, made_at, due_on, window_end, paid,
         multiIf(window_end > as_of, 'pending', paid >= amount, 'kept', paid > 0, 'partial', 'broken') AS status
  FROM (
    SELECT p.ptp_id AS ptp_id, p.case_id AS case_id, p.agent_id AS agent_id, p.amount AS amount,
           p.occurred_at AS made_at, p.due_on AS due_on, p.window_end AS window_end,
           sumIf(pay.amount, pay.occurred_at >= p.occurred_at AND pay.occurred_at <= p.window_end) AS paid,
           ${AS_OF_INSTANT_SQL} AS as_of
    FROM (
      SELECT event_id, ptp_id, case_id, agent_id, amount, occurred_at, due_on,
             ${endOfDaySql('addDays(due_on, {grace:UInt16})')} AS window_end
      FROM promise_to_pay
    ) AS p
    LEFT JOIN (SELECT case_id, occurred_at, amount FROM payment WHERE case_id != '') AS pay ON pay.case_id = p.case_id
    GROUP BY p.event_id, p.ptp_id, p.case_id, p.agent_id, p.amount, p.occurred_at, p.due_on, p.window_end
  )
)`;

export const LEGACY_ATTRIBUTED_PAYMENTS_SQL = `(
  SELECT p.event_id AS event_id, p.payment_id AS payment_id, p.account_id AS account_id, p.case_id AS case_id,
         p.amount AS amount, p.method AS method, p.occurred_at AS occurred_at,
         if(p.case_id = '', '', a.agent_id) AS agent_id
  FROM payment AS p
  ASOF LEFT JOIN (SELECT case_id, occurred_at, agent_id FROM case_assigned) AS a
    ON a.case_id = p.case_id AND a.occurred_at <= p.occurred_at
)`;

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

export const LEGACY_COMPLIANCE_ATTEMPTS_SQL = `(
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

/** The channel effectiveness query before payment_facts (no portfolio filter). */
export function legacyChannelQuery(args: { from: string; to: string; tz: string }): SqlQuery {
  const caseFilter = '1';
  const CREDIT_WINDOW_DAYS = 7;
  const start = 'toDateTime64({from:Date32}, 3, {tz:String})';
  const horizon = `toDateTime64(addDays({to:Date32}, ${1 + CREDIT_WINDOW_DAYS}), 3, {tz:String})`;
  return {
    query: `
      SELECT s.channel AS channel, s.attempts AS attempts, s.contacts AS contacts, s.rpcs AS rpcs,
             s.promises AS promises, s.cost AS cost,
             toInt64(ifNull(c.payments, 0)) AS payments, ifNull(c.collected, 0) AS collected
      FROM (
        SELECT channel, toInt64(count()) AS attempts,
               toInt64(countIf(${isContactSql('outcome')})) AS contacts,
               toInt64(countIf(${isRpcSql('outcome')})) AS rpcs,
               toInt64(countIf(outcome = 'promise_to_pay')) AS promises,
               round(toFloat64(sum(cost)), 2) AS cost
        FROM contact_attempt
        WHERE ${inPeriodSql('occurred_at')} AND ${caseFilter}
        GROUP BY channel
      ) AS s
      LEFT JOIN (
        SELECT a.channel AS channel, toInt64(count()) AS payments, round(toFloat64(sum(p.amount)), 2) AS collected
        FROM (
          SELECT case_id, occurred_at, amount FROM payment
          WHERE case_id != '' AND occurred_at >= ${start} AND occurred_at < ${horizon}
        ) AS p
        ASOF INNER JOIN (
          SELECT case_id, occurred_at, channel FROM contact_attempt
          WHERE occurred_at >= ${start} AND occurred_at < ${horizon} AND ${caseFilter}
            AND case_id IN (SELECT case_id FROM payment
                            WHERE case_id != '' AND occurred_at >= ${start} AND occurred_at < ${horizon})
        ) AS a ON a.case_id = p.case_id AND a.occurred_at <= p.occurred_at
        WHERE p.occurred_at <= a.occurred_at + toIntervalDay(${CREDIT_WINDOW_DAYS})
          AND ${inPeriodSql('a.occurred_at')}
        GROUP BY a.channel
      ) AS c ON c.channel = s.channel
      SETTINGS join_use_nulls = 1`,
    query_params: { from: args.from, to: args.to, tz: args.tz },
  };
}
