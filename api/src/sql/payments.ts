/**
 * Payments with the agent they are attributed to (SPEC §4 Attribution): the
 * holder of the case, i.e. the latest `case_assigned` at or before the payment.
 * A payment with no case, or on a case with no assignee yet, has agent_id ''.
 *
 * Columns: event_id, payment_id, account_id, case_id, amount, method, occurred_at, agent_id.
 */
export const ATTRIBUTED_PAYMENTS_SQL = `(
  SELECT p.event_id AS event_id, p.payment_id AS payment_id, p.account_id AS account_id, p.case_id AS case_id,
         p.amount AS amount, p.method AS method, p.occurred_at AS occurred_at,
         if(p.case_id = '', '', a.agent_id) AS agent_id
  FROM payment AS p
  ASOF LEFT JOIN (SELECT case_id, occurred_at, agent_id FROM case_assigned) AS a
    ON a.case_id = p.case_id AND a.occurred_at <= p.occurred_at
)`;

/** The holder of each case at an instant column `at` of table alias `t`: use as an ASOF LEFT JOIN target. */
export const CASE_HOLDERS_SQL = `(SELECT case_id, occurred_at AS assigned_at, agent_id FROM case_assigned)`;
