import { CASE_FACTS } from '../derived/case-facts/index.ts';
import { DATA_AS_OF } from '../derived/data-as-of/index.ts';
import type { Migration } from './index.ts';

export const m400CaseFacts: Migration = {
  version: 400,
  name: 'case_facts and data_as_of: per-case facts and the cached as-of instant for case metrics',
  steps: [{ table: CASE_FACTS }, { table: DATA_AS_OF }],
};
