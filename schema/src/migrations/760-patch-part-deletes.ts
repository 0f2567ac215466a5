import type { Migration } from './index.ts';

/**
 * The derived tables a refresh deletes from, as they stood when patch-part deletes came
 * in (every derived table but account_month: refresh-steps.ts PATCH_PARTS). Listed, not
 * taken from DERIVED_TABLES: a table declared later is created with the settings by its
 * own migration, which may run after this one.
 */
const TABLES = [
  'account_dims',
  'account_run_end',
  'account_vintage',
  'agent_case_days',
  'agent_day',
  'agent_month',
  'case_dims',
  'case_facts',
  'case_outcome_facts',
  'channel_daily',
  'data_as_of',
  'dimension_values',
  'kpi_daily',
  'legal_case_facts',
  'payment_facts',
  'promise_case_facts',
  'promise_facts',
  'voice_attempts',
] as const;

/**
 * Patch-part deletes (docs/decisions/010-patch-part-deletes.md): existing derived tables
 * get the settings their declarations now carry, so that a refresh's DELETE writes a
 * patch part instead of a mutation. Rows written before keep no block number; ClickHouse
 * deletes them by part offset until a merge rewrites their part.
 */
export const m760PatchPartDeletes: Migration = {
  version: 760,
  name: 'derived tables: block number and offset columns, for patch-part deletes',
  steps: TABLES.map((table) => ({
    sql: `ALTER TABLE ${table} MODIFY SETTING enable_block_number_column = 1, enable_block_offset_column = 1`,
    cluster: 'on-cluster' as const,
  })),
};
