import { PROMISE_CASE_FACTS } from '../derived/promise-case-facts/index.ts';
import type { Migration } from './index.ts';

/**
 * promise_case_facts: each promise with its payment milestones and its case's
 * dimensions (explore's promise measures). Filled for data loaded before this
 * migration by `refreshDerived` over the committed load_ids
 * (bench/api/fill-derived.ts; docs/schema.md#derived-tables).
 */
export const m730PromiseCaseFacts: Migration = {
  version: 730,
  name: 'promise_case_facts: promises with payment milestones and case dimensions',
  steps: [{ table: PROMISE_CASE_FACTS }],
};
