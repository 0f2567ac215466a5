/**
 * Payments with the agent they are attributed to (docs/metrics/README.md#attribution): the
 * holder of the case, i.e. the latest `case_assigned` at or before the payment.
 * A payment with no case, or on a case with no assignee yet, has agent_id ''.
 *
 * Columns: event_id, payment_id, account_id, case_id, amount, method, occurred_at, agent_id.
 *
 * Reads `payment_facts` (schema/src/derived/payment-facts/index.ts), where the ETL
 * keeps each payment's attribution current.
 */
export const ATTRIBUTED_PAYMENTS_SQL = `(
  SELECT event_id, payment_id, account_id, case_id, amount, method, occurred_at, agent_id
  FROM payment_facts
)`;

/** The holder of each case at an instant column `at` of table alias `t`: use as an ASOF LEFT JOIN target. */
export const CASE_HOLDERS_SQL = `(SELECT case_id, occurred_at AS assigned_at, agent_id FROM case_assigned)`;
