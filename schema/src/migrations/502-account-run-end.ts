import { ACCOUNT_RUN_END } from '../derived/account-run-end/index.ts';
import type { Migration } from './index.ts';

/**
 * account_run_end: account_month rows followed by a month without state, with
 * the month the state resumes (KPI state at a month end without per-account
 * aggregation). Filled for data loaded before this migration by
 * `refreshDerived` over the committed load_ids (docs/schema.md#derived-tables).
 */
export const m502AccountRunEnd: Migration = {
  version: 502,
  name: 'account_run_end: carried month-end states for the KPI state at period end',
  steps: [{ table: ACCOUNT_RUN_END }],
};
