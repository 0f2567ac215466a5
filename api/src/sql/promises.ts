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
 * Reads `promise_facts` (schema/src/derived/promise-facts/index.ts: each promise with
 * the payments on its case from the promise on, kept current by the ETL), so a
 * query filtered on made_at reads only that period's promises.
 */
import { AS_OF_INSTANT_SQL } from './as-of.ts';
import { endOfDaySql } from './period.ts';

export const PROMISE_STATUSES = ['kept', 'partial', 'broken', 'pending'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/**
 * The status rule, on a row with `window_end` and `as_of`: `kept` and `anyPaid`
 * are the conditions "payments inside the window reach the amount" and "… are > 0".
 */
function statusSql(kept: string, anyPaid: string): string {
  return `multiIf(window_end > as_of, 'pending', ${kept}, 'kept', ${anyPaid}, 'partial', 'broken')`;
}

const WINDOW_END_SQL = endOfDaySql('addDays(due_on, {grace:UInt16})');

export const PROMISES_SQL = `(
  SELECT ptp_id, case_id, agent_id, amount, made_at, due_on, window_end, paid,
         ${statusSql('paid >= amount', 'paid > 0')} AS status
  FROM (
    SELECT ptp_id, case_id, agent_id, amount, made_at, due_on,
           ${WINDOW_END_SQL} AS window_end,
           arraySum(arrayFilter((a, t) -> t <= window_end, pay_amount, pay_at)) AS paid,
           ${AS_OF_INSTANT_SQL} AS as_of
    FROM promise_facts
  )
)`;

/**
 * The same status from promise_case_facts (schema/src/derived/promise-case-facts/index.ts),
 * with the case's dimensions: payments are > 0, so the sum inside the window is
 * ≥ amount exactly when kept_at ≤ window_end and > 0 exactly when
 * first_paid_at ≤ window_end. Columns: case_id, made_at, amount, status and the
 * dimension columns of case_outcome_facts (has_account, portfolio, … entry_dpd).
 */
export const PROMISE_CASES_SQL = `(
  SELECT case_id, made_at, amount, has_account, portfolio, product, region, risk_grade, segment, strategy,
         experiment, arm_role, entry_dpd,
         ${statusSql('kept_at <= window_end', 'first_paid_at <= window_end')} AS status
  FROM (
    SELECT *, ${WINDOW_END_SQL} AS window_end, ${AS_OF_INSTANT_SQL} AS as_of
    FROM promise_case_facts
  )
)`;

/** Promise statuses counted by kept_rate (kpis) and explore: one definition each. */
export const PROMISE_KEPT_SQL = `status = 'kept'`;
export const PROMISE_MATURED_SQL = `status != 'pending'`;
export const PROMISE_BROKEN_SQL = `status = 'broken'`;

/** Kept rate = kept / (kept + partial + broken) over rows of PROMISES_SQL; null when no promise has matured. */
export const KEPT_RATE_SQL = `if(countIf(status != 'pending') = 0, NULL, countIf(status = 'kept') / countIf(status != 'pending'))`;
