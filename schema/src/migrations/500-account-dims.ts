import { ACCOUNT_DIMS } from '../derived/account-dims/index.ts';
import type { Migration } from './index.ts';

/**
 * account_dims: one row per account (latest account_opened, first charge-off).
 * Filled for data loaded before this migration by `refreshDerived` over the
 * committed load_ids (docs/schema.md#derived-tables).
 */
export const m500AccountDims: Migration = {
  version: 500,
  name: 'account_dims: account dimension and first charge-off per account',
  steps: [{ table: ACCOUNT_DIMS }],
};
