/**
 * One row per promise with its status (docs/metrics/README.md#promise-kept). The window runs
 * from the promise's occurred_at to the end of day `due_on + grace` in REPORT_TZ
 * (midnight after it), both ends included: a payment at exactly that midnight
 * counts, one a minute later does not. Payments on the promise's case inside
 * the window are summed: ≥ amount kept, > 0 partial, 0 broken; pending while the
 * window ends after the as-of instant.
 *
 * Parameters: `{grace:UInt16}` (PROMISE_GRACE_DAYS), `{tz:String}` (REPORT_TZ).
 * Columns: ptp_id, case_id, agent_id, amount, made_at, due_on, window_end, paid,
 * status ('kept' | 'partial' | 'broken' | 'pending').
 *
 * Reads `promise_facts` (schema/src/derived/promise-facts.ts: each promise with
 * the payments on its case from the promise on, kept current by the ETL), so a
 * query filtered on made_at reads only that period's promises.
 */
import { AS_OF_INSTANT_SQL } from './as-of.ts';
import { endOfDaySql } from './period.ts';

export const PROMISE_STATUSES = ['kept', 'partial', 'broken', 'pending'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export const PROMISES_SQL = `(
  SELECT ptp_id, case_id, agent_id, amount, made_at, due_on, window_end, paid,
         multiIf(window_end > as_of, 'pending', paid >= amount, 'kept', paid > 0, 'partial', 'broken') AS status
  FROM (
    SELECT ptp_id, case_id, agent_id, amount, made_at, due_on,
           ${endOfDaySql('addDays(due_on, {grace:UInt16})')} AS window_end,
           arraySum(arrayFilter((a, t) -> t <= window_end, pay_amount, pay_at)) AS paid,
           ${AS_OF_INSTANT_SQL} AS as_of
    FROM promise_facts
  )
)`;

/** Promise statuses counted by kept_rate (kpis) and explore: one definition each. */
export const PROMISE_KEPT_SQL = `status = 'kept'`;
export const PROMISE_MATURED_SQL = `status != 'pending'`;
export const PROMISE_BROKEN_SQL = `status = 'broken'`;

/** Kept rate = kept / (kept + partial + broken) over rows of PROMISES_SQL; null when no promise has matured. */
export const KEPT_RATE_SQL = `if(countIf(status != 'pending') = 0, NULL, countIf(status = 'kept') / countIf(status != 'pending'))`;
