/**
 * `promise_facts`: one row per promise_to_pay event with the payments on its
 * case from the promise on (docs/metrics/README.md#promise-kept), so that promise status is
 * a per-row array filter instead of a join of every promise with every payment
 * on every query. The window end depends on configuration (PROMISE_GRACE_DAYS,
 * REPORT_TZ) and the as-of instant, so the table keeps the raw material
 * (payment instants and amounts at or after the promise, in time order) and the
 * query applies the window: changing the configuration needs no rebuild.
 *
 * Refresh: every promise of a case touched by the given loads (a promise or a
 * payment on the case with one of those load_ids) is recomputed from all its
 * events, so a late payment updates the status of an earlier promise and a
 * promise loaded after its payments still sees them. New rows are written with a
 * fresh refresh_id, then the older rows of the cases the refresh wrote are deleted.
 */
import type { TableDef } from '../../ddl.ts';
import type { DerivedTable } from '../index.ts';
import { CASES_PAID, CASES_PROMISED } from '../key-sets.ts';
import { keySet, stepsTable } from '../keys.ts';
import { PATCH_PARTS } from '../refresh-steps.ts';

const INSTANT = "DateTime64(3, 'UTC')";
const MONEY = 'Decimal(18, 2)';

export const PROMISE_FACTS: TableDef = {
  name: 'promise_facts',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'event_id', type: 'String', comment: 'of the promise_to_pay event' },
    { name: 'ptp_id', type: 'String' },
    { name: 'case_id', type: 'String' },
    { name: 'agent_id', type: 'String' },
    { name: 'amount', type: MONEY },
    { name: 'made_at', type: INSTANT, comment: 'occurred_at of the promise' },
    { name: 'due_on', type: 'Date32' },
    {
      name: 'pay_at',
      type: `Array(${INSTANT})`,
      comment: 'payments on the case at or after made_at, in time order',
    },
    { name: 'pay_amount', type: `Array(${MONEY})`, comment: 'their amounts, same order' },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(made_at, case_id, event_id)',
  why: 'Promise status (kept rate, agent performance): promises filtered by the period they were made in.',
};

/** Cases touched by the given loads: a promise or a payment on the case (refresh_keys). */
const TOUCHED = [CASES_PROMISED, CASES_PAID];
const AFFECTED = keySet(...TOUCHED);

/** The touched cases that have a promise (most payments are on cases without one). */
const PROMISED = `(SELECT case_id FROM promise_to_pay WHERE case_id IN ${AFFECTED})`;

export const PROMISE_FACTS_INSERT_SQL = `
INSERT INTO promise_facts (event_id, ptp_id, case_id, agent_id, amount, made_at, due_on, pay_at, pay_amount, refresh_id)
SELECT event_id, ptp_id, case_id, agent_id, amount, made_at, due_on,
       arrayMap(x -> x.1, pays), arrayMap(x -> x.2, pays), {refreshId:UUID}
FROM (
  SELECT p.event_id AS event_id, any(p.ptp_id) AS ptp_id, any(p.case_id) AS case_id, any(p.agent_id) AS agent_id,
         any(p.amount) AS amount, any(p.occurred_at) AS made_at, any(p.due_on) AS due_on,
         -- the case's payments from the promise on, in time order (an unmatched row has pay.case_id = '')
         arraySort(groupArrayIf((pay.occurred_at, pay.amount),
                                pay.case_id != '' AND pay.occurred_at >= p.occurred_at)) AS pays
  FROM (SELECT event_id, ptp_id, case_id, agent_id, amount, occurred_at, due_on FROM promise_to_pay
        WHERE case_id IN ${PROMISED}) AS p
  LEFT JOIN (SELECT case_id, occurred_at, amount FROM payment WHERE case_id IN ${PROMISED}) AS pay
    ON pay.case_id = p.case_id
  GROUP BY p.event_id
)
SETTINGS join_use_nulls = 0`;

/** Older rows of the touched cases (a case without a promise has none). */
const OLDER = `case_id IN ${AFFECTED} AND refresh_id != {refreshId:UUID}`;

export const PROMISE_FACTS_DELETE_SQL = `DELETE FROM promise_facts WHERE ${OLDER}`;

export const promiseFacts: DerivedTable = stepsTable({
  table: PROMISE_FACTS,
  shard: 'account',
  lookBack: { kind: 'wholeKey', why: "a case's promises and payments" },
  reads: ['payment', 'promise_to_pay'],
  keys: TOUCHED,
  steps: () => ({
    // rows exist only for promises: a load of payments on cases without one writes nothing
    touched: `SELECT 1 FROM promise_to_pay WHERE case_id IN ${AFFECTED}`,
    insert: PROMISE_FACTS_INSERT_SQL,
    delete: PROMISE_FACTS_DELETE_SQL,
  }),
});
