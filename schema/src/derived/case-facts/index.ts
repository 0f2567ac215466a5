/**
 * `case_facts`: one row per case with what most case metrics need (docs/etl.md
 * case_opened / case_closed, §4 "case cure within N days"), so that case
 * metrics read a precomputed table instead of aggregating both event tables on
 * every query. Semantics: a case opened twice keeps its first opening (earliest
 * occurred_at); its close is its latest `case_closed`; `cured_at` is its first
 * closure with a cure outcome (`cured` or `paid_in_full`). A case with closures
 * but no opening (yet) has no row; it appears once its opening is loaded.
 *
 * Refresh: the cases touched by the given loads (a case_opened or case_closed
 * row with one of those load_ids) are recomputed from all their events, so late
 * and out-of-order events (closure before opening, second opening, later
 * closure) stay right. New rows are written first with a fresh refresh_id, then
 * the cases' older rows are deleted, when there are any: a reader never sees a
 * case missing.
 */
import type { TableDef } from '../../ddl.ts';
import { CURE_OUTCOMES } from '../../domain.ts';
import type { DerivedTable } from '../index.ts';
import { CASES_CLOSED, CASES_OPENED } from '../key-sets.ts';
import { keySet, stepsTable } from '../keys.ts';
import { PATCH_PARTS } from '../refresh-steps.ts';

const DICT = 'LowCardinality(String)';
const INSTANT = "DateTime64(3, 'UTC')";

export const CASE_FACTS: TableDef = {
  name: 'case_facts',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'case_id', type: 'String' },
    { name: 'account_id', type: 'String', comment: 'of the first opening' },
    { name: 'opened_at', type: INSTANT, comment: 'occurred_at of the first case_opened' },
    { name: 'strategy', type: DICT },
    { name: 'experiment', type: DICT },
    { name: 'arm_role', type: DICT },
    { name: 'segment', type: DICT },
    { name: 'entry_dpd', type: 'UInt32' },
    { name: 'entry_balance', type: 'Decimal(18, 2)' },
    { name: 'is_closed', type: 'UInt8', comment: '1 when the case has any case_closed' },
    { name: 'closed_at', type: INSTANT, comment: 'latest closure; meaningful when is_closed' },
    { name: 'outcome', type: DICT, comment: "outcome of the latest closure; '' when open" },
    { name: 'is_cured', type: 'UInt8', comment: '1 when any closure has a cure outcome' },
    { name: 'cured_at', type: INSTANT, comment: 'first cure closure; meaningful when is_cured' },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(strategy, opened_at, case_id)',
  shardKey: 'sipHash64(account_id)',
  why: 'Case metrics (cure curves, outcomes, strategy comparison, KPIs): one row per case, grouped by strategy and filtered by opening period.',
};

const cureList = CURE_OUTCOMES.map((o) => `'${o}'`).join(', ');

/** Cases touched by the given loads (openings or closures, in any order: refresh_keys). */
const AFFECTED = keySet(CASES_OPENED, CASES_CLOSED);

export const CASE_FACTS_INSERT_SQL = `
INSERT INTO case_facts
  (case_id, account_id, opened_at, strategy, experiment, arm_role, segment, entry_dpd, entry_balance,
   is_closed, closed_at, outcome, is_cured, cured_at, refresh_id)
SELECT o.case_id, o.o_account_id, o.o_opened_at, o.o_strategy, o.o_experiment, o.o_arm_role, o.o_segment,
       o.o_entry_dpd, o.o_entry_balance,
       c.n > 0, c.c_closed_at, c.last_outcome, c.cures > 0, c.c_cured_at,
       {refreshId:UUID}
FROM (
  SELECT case_id, min(occurred_at) AS o_opened_at,
         -- first opening; event_id only makes exact ties deterministic
         argMin(tuple(account_id, strategy, experiment, arm_role, segment, entry_dpd, entry_balance),
                tuple(occurred_at, event_id)) AS first,
         -- aliases differ from the column names: ClickHouse would resolve those to the alias
         tupleElement(first, 1) AS o_account_id, tupleElement(first, 2) AS o_strategy,
         tupleElement(first, 3) AS o_experiment, tupleElement(first, 4) AS o_arm_role,
         tupleElement(first, 5) AS o_segment, tupleElement(first, 6) AS o_entry_dpd,
         tupleElement(first, 7) AS o_entry_balance
  FROM case_opened
  WHERE case_id IN ${AFFECTED}
  GROUP BY case_id
) AS o
LEFT JOIN (
  SELECT case_id, count() AS n, max(occurred_at) AS c_closed_at,
         argMax(outcome, tuple(occurred_at, event_id)) AS last_outcome,
         countIf(outcome IN (${cureList})) AS cures,
         minIf(occurred_at, outcome IN (${cureList})) AS c_cured_at
  FROM case_closed
  WHERE case_id IN ${AFFECTED}
  GROUP BY case_id
) AS c ON c.case_id = o.case_id
SETTINGS join_use_nulls = 0`;

/** Older rows of the touched cases. */
const OLDER = `FROM case_facts WHERE case_id IN ${AFFECTED} AND refresh_id != {refreshId:UUID}`;

export const CASE_FACTS_DELETE_SQL = `DELETE ${OLDER}`;

export const caseFacts: DerivedTable = stepsTable({
  table: CASE_FACTS,
  shard: 'account',
  lookBack: { kind: 'wholeKey', why: "a case's openings and closures" },
  reads: ['case_closed', 'case_opened'],
  keys: [CASES_OPENED, CASES_CLOSED],
  // the DELETE only when older rows exist (a load of new cases has none): refresh-steps.ts
  steps: () => ({
    touched: `SELECT 1 FROM ${AFFECTED}`,
    insert: CASE_FACTS_INSERT_SQL,
    delete: CASE_FACTS_DELETE_SQL,
  }),
});
