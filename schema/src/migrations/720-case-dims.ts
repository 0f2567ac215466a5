import { CASE_DIMS } from '../derived/case-dims/index.ts';
import type { Migration } from './index.ts';

/**
 * case_dims: per case, its account's dimensions and the M1+ snapshot days around
 * a cured closure (post-cure relapse, KPI PortfolioFilter). Filled for data
 * loaded before this migration by `refreshDerived` over the committed load_ids
 * (bench/api/fill-derived.ts; docs/schema.md#derived-tables).
 */
export const m720CaseDims: Migration = {
  version: 720,
  name: 'case_dims: account dimensions and relapse snapshot days per case',
  steps: [{ table: CASE_DIMS }],
};
