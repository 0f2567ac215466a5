/**
 * `payment_facts`: one row per payment event with what payment metrics look up
 * per payment, precomputed so that queries read one small table instead of
 * ASOF-joining every payment with the case's assignments and attempts:
 * - `agent_id`: the payment's attribution (SPEC §4 Attribution): the holder of
 *   the case at the payment (latest case_assigned at or before it); '' for a
 *   payment with no case or on a case with no assignee yet;
 * - `attempt_at`, `attempt_channel`: the latest contact attempt on the same case
 *   at or before the payment (any channel), for channel effectiveness (SPEC §4:
 *   "each payment credited once, to the latest attempt before it");
 *   `has_attempt` = 0 when there is none. Whether it credits the channel (within
 *   7 × 24 h, attempt in the period) is decided by the query.
 *   Attempts at the same instant: the ASOF join takes one of them, as the query
 *   it replaces did.
 *
 * Refresh: every payment of a case touched by the given loads (a payment, an
 * assignment or an attempt on the case with one of those load_ids) is recomputed
 * from all the case's events, so late assignments and late attempts move the
 * attribution of earlier payments. Payments without a case depend on nothing
 * else: only the loaded ones are written. New rows first, with a fresh
 * refresh_id, then the older rows of the cases (payments without a case: the
 * events) the refresh wrote are deleted.
 */
import type { Db } from '../db.ts';
import type { TableDef } from '../ddl.ts';
import type { DerivedTable, RefreshContext } from './index.ts';
import { refreshKeys } from './refresh-steps.ts';

const INSTANT = "DateTime64(3, 'UTC')";
const DICT = 'LowCardinality(String)';

export const PAYMENT_FACTS: TableDef = {
  name: 'payment_facts',
  engine: 'MergeTree',
  columns: [
    { name: 'event_id', type: 'String' },
    { name: 'payment_id', type: 'String' },
    { name: 'account_id', type: 'String' },
    { name: 'case_id', type: 'String', comment: "'' when the payment has no case" },
    { name: 'amount', type: 'Decimal(18, 2)' },
    { name: 'method', type: DICT },
    { name: 'occurred_at', type: INSTANT },
    { name: 'agent_id', type: 'String', comment: "holder of the case at the payment; '' none" },
    { name: 'has_attempt', type: 'UInt8', comment: '1 when the case had an attempt at or before' },
    { name: 'attempt_at', type: INSTANT, comment: 'latest attempt on the case at or before' },
    { name: 'attempt_channel', type: DICT, comment: "its channel; '' when none" },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(occurred_at, event_id)',
  shardKey: 'sipHash64(case_id)',
  why: 'Collections per agent and per channel over a period: payments filtered by occurred_at.',
};

/** Cases touched by the given loads: a payment, an assignment or an attempt on the case. */
const AFFECTED = `(
  SELECT case_id FROM payment WHERE load_id IN {loadIds:Array(UUID)} AND case_id != ''
  UNION DISTINCT
  SELECT case_id FROM case_assigned WHERE load_id IN {loadIds:Array(UUID)}
  UNION DISTINCT
  SELECT case_id FROM contact_attempt WHERE load_id IN {loadIds:Array(UUID)}
)`;

const PAYMENTS = `(
  SELECT event_id, payment_id, account_id, case_id, amount, method, occurred_at FROM payment
  WHERE (case_id != '' AND case_id IN ${AFFECTED}) OR (case_id = '' AND load_id IN {loadIds:Array(UUID)})
)`;

export const PAYMENT_FACTS_INSERT_SQL = `
INSERT INTO payment_facts
  (event_id, payment_id, account_id, case_id, amount, method, occurred_at, agent_id,
   has_attempt, attempt_at, attempt_channel, refresh_id)
SELECT p.event_id, p.payment_id, p.account_id, p.case_id, p.amount, p.method, p.occurred_at,
       if(p.case_id = '', '', p.holder), at.case_id != '', at.occurred_at, at.channel, {refreshId:UUID}
FROM (
  SELECT p.event_id AS event_id, p.payment_id AS payment_id, p.account_id AS account_id, p.case_id AS case_id,
         p.amount AS amount, p.method AS method, p.occurred_at AS occurred_at, a.agent_id AS holder
  FROM ${PAYMENTS} AS p
  ASOF LEFT JOIN (SELECT case_id, occurred_at, agent_id FROM case_assigned WHERE case_id IN ${AFFECTED}) AS a
    ON a.case_id = p.case_id AND a.occurred_at <= p.occurred_at
) AS p
ASOF LEFT JOIN (
  SELECT case_id, occurred_at, channel FROM contact_attempt
  WHERE case_id IN ${AFFECTED}
    AND case_id IN (SELECT case_id FROM payment WHERE case_id != '' AND case_id IN ${AFFECTED})
) AS at
  ON at.case_id = p.case_id AND at.occurred_at <= p.occurred_at
SETTINGS join_use_nulls = 0`;

export const PAYMENT_FACTS_DELETE_SQL = `
DELETE FROM payment_facts
WHERE ((case_id != '' AND case_id IN (SELECT case_id FROM payment_facts WHERE refresh_id = {refreshId:UUID}))
       OR (case_id = '' AND event_id IN (SELECT event_id FROM payment_facts
                                         WHERE refresh_id = {refreshId:UUID} AND case_id = '')))
  AND refresh_id != {refreshId:UUID}`;

/** Older rows of the keys the refresh rewrote: the DELETE is needed. */
export const PAYMENT_FACTS_STALE_SQL = `
SELECT 1 FROM payment_facts
WHERE ((case_id != '' AND case_id IN (SELECT case_id FROM payment_facts WHERE refresh_id = {refreshId:UUID}))
       OR (case_id = '' AND event_id IN (SELECT event_id FROM payment_facts
                                         WHERE refresh_id = {refreshId:UUID} AND case_id = '')))
  AND refresh_id != {refreshId:UUID}`;

export const paymentFacts: DerivedTable = {
  name: PAYMENT_FACTS.name,
  async refresh(db: Pick<Db, 'client'>, context: RefreshContext): Promise<void> {
    await refreshKeys(db, context, {
      touched: `SELECT 1 FROM ${AFFECTED}`,
      insert: PAYMENT_FACTS_INSERT_SQL,
      stale: PAYMENT_FACTS_STALE_SQL,
      delete: PAYMENT_FACTS_DELETE_SQL,
    });
  },
};
