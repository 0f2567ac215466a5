/**
 * One row per promise with its status (SPEC §4 "Promise kept"). The window runs
 * from the promise's occurred_at to the end of day `due_on + grace` in REPORT_TZ
 * (midnight after it), both ends included: a payment at exactly that midnight
 * counts, one a minute later does not. Payments on the promise's case inside
 * the window are summed: ≥ amount kept, > 0 partial, 0 broken; pending while the
 * window ends after the as-of instant.
 *
 * Parameters: `{grace:UInt16}` (PROMISE_GRACE_DAYS), `{tz:String}` (REPORT_TZ).
 * Columns: ptp_id, case_id, agent_id, amount, made_at, due_on, window_end, paid,
 * status ('kept' | 'partial' | 'broken' | 'pending').
 */
import { AS_OF_INSTANT_SQL } from './as-of.ts';
import { endOfDaySql } from './period.ts';

export const PROMISE_STATUSES = ['kept', 'partial', 'broken', 'pending'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export const PROMISES_SQL = `(
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

/** Kept rate = kept / (kept + partial + broken) over rows of PROMISES_SQL; null when no promise has matured. */
export const KEPT_RATE_SQL = `if(countIf(status != 'pending') = 0, NULL, countIf(status = 'kept') / countIf(status != 'pending'))`;
