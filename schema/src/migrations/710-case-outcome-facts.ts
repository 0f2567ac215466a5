import { CASE_OUTCOME_FACTS } from '../derived/case-outcome-facts/index.ts';
import { LEGAL_CASE_FACTS } from '../derived/legal-case-facts/index.ts';
import type { Migration } from './index.ts';

export const m710CaseOutcomeFacts: Migration = {
  version: 710,
  name: 'case_outcome_facts and legal_case_facts: per-case facts for caseOutcomes, strategyComparison and legalPipeline',
  steps: [{ table: CASE_OUTCOME_FACTS }, { table: LEGAL_CASE_FACTS }],
};
