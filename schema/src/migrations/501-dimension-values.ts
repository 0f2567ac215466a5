import { DIMENSION_VALUES } from '../derived/dimension-values/index.ts';
import type { Migration } from './index.ts';

/**
 * dimension_values: the distinct filter values each load brought. Filled for
 * data loaded before this migration by `refreshDerived` over the committed
 * load_ids (docs/schema.md#derived-tables).
 */
export const m501DimensionValues: Migration = {
  version: 501,
  name: 'dimension_values: filter values per load',
  steps: [{ table: DIMENSION_VALUES }],
};
