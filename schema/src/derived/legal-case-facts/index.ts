/**
 * `legal_case_facts`: one row per case with a legal_action, with what the legal
 * pipeline (docs/metrics/legal-pipeline.md) otherwise aggregates per case at query time:
 * - `first_at`: its first legal action; `cost`: Σ cost of all its actions;
 * - `stage`: `withdrawn` when its latest action is a withdrawal, otherwise the
 *   furthest of demand_letter → filed → judgment → enforcement it reached;
 * - `recovered`: Σ payments on the case at or after `first_at`;
 * - `has_opening`, `opened_at`: its first case_opened (as case_facts).
 * Nothing depends on configuration: the query applies the period (REPORT_TZ).
 *
 * Refresh: cases with a legal action, a payment or a case_opened in the loads
 * are recomputed from all their events (a late earlier action moves first_at,
 * and with it what counts as recovered); only cases with a legal action get a
 * row. New rows first with a fresh refresh_id, then the older rows of the cases
 * written are deleted (refresh-steps.ts skips what has nothing to do).
 */
import type { TableDef } from '../../ddl.ts';
import { LEGAL_STAGES } from '../../domain.ts';
import type { DerivedTable } from '../index.ts';
import { CASES_LEGAL, CASES_OPENED, CASES_PAID } from '../key-sets.ts';
import { keySet, stepsTable } from '../keys.ts';
import { PATCH_PARTS } from '../refresh-steps.ts';

const INSTANT = "DateTime64(3, 'UTC')";
const MONEY = 'Decimal(18, 2)';

export const LEGAL_CASE_FACTS: TableDef = {
  name: 'legal_case_facts',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'case_id', type: 'String' },
    { name: 'first_at', type: INSTANT, comment: 'first legal_action' },
    { name: 'stage', type: 'LowCardinality(String)', comment: 'stage reached, or withdrawn' },
    { name: 'cost', type: MONEY, comment: 'Σ cost of all legal actions' },
    { name: 'recovered', type: MONEY, comment: 'Σ payments at or after first_at' },
    { name: 'has_opening', type: 'UInt8', comment: '1 when the case has a case_opened' },
    { name: 'opened_at', type: INSTANT, comment: 'first case_opened; meaningful when has_opening' },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(first_at, case_id)',
  why: 'legalPipeline: cases whose first legal action falls in a period.',
};

const stagesArray = `[${LEGAL_STAGES.map((s) => `'${s}'`).join(', ')}]`;

/** Cases with a legal action, a payment or an opening in the loads. */
const TOUCHED = [CASES_LEGAL, CASES_PAID, CASES_OPENED];
const AFFECTED = keySet(...TOUCHED);

const LEGAL = `(
  SELECT case_id, min(occurred_at) AS l_first_at, sum(cost) AS l_cost,
         argMax(action, occurred_at) AS last_action,
         max(indexOf(${stagesArray}, action)) AS furthest
  FROM legal_action WHERE case_id IN ${AFFECTED}
  GROUP BY case_id
)`;

export const LEGAL_CASE_FACTS_INSERT_SQL = `
INSERT INTO legal_case_facts (case_id, first_at, stage, cost, recovered, has_opening, opened_at, refresh_id)
SELECT l.case_id, l.l_first_at,
       if(l.last_action = 'withdrawn', 'withdrawn', ${stagesArray}[l.furthest]),
       toDecimal64(l.l_cost, 2), toDecimal64(r.r_recovered, 2), o.case_id != '', o.o_opened_at, {refreshId:UUID}
FROM ${LEGAL} AS l
LEFT JOIN (
  SELECT x.case_id AS case_id, sumIf(p.amount, p.occurred_at >= x.l_first_at) AS r_recovered
  FROM ${LEGAL} AS x
  INNER JOIN (
    SELECT case_id, occurred_at, amount FROM payment
    WHERE case_id != '' AND case_id IN (SELECT case_id FROM legal_action WHERE case_id IN ${AFFECTED})
  ) AS p ON p.case_id = x.case_id
  GROUP BY x.case_id
) AS r ON r.case_id = l.case_id
LEFT JOIN (
  SELECT case_id, min(occurred_at) AS o_opened_at FROM case_opened
  WHERE case_id IN (SELECT case_id FROM legal_action WHERE case_id IN ${AFFECTED})
  GROUP BY case_id
) AS o ON o.case_id = l.case_id
SETTINGS join_use_nulls = 0`;

/** Older rows of the touched cases (a case without a legal action has none). */
const OF_REWRITTEN = `case_id IN ${AFFECTED} AND refresh_id != {refreshId:UUID}`;

export const legalCaseFacts: DerivedTable = stepsTable({
  table: LEGAL_CASE_FACTS,
  shard: 'account',
  lookBack: { kind: 'wholeKey', why: "a case's legal actions and payments" },
  reads: ['case_opened', 'legal_action', 'payment'],
  keys: TOUCHED,
  steps: () => ({
    touched: `SELECT 1 FROM legal_action WHERE case_id IN ${AFFECTED}`,
    insert: LEGAL_CASE_FACTS_INSERT_SQL,
    delete: `DELETE FROM legal_case_facts WHERE ${OF_REWRITTEN}`,
  }),
});
