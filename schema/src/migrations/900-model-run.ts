import { CASE_SCORE, MODEL_RUN } from '../derived/model-tables.ts';
import type { Migration } from './index.ts';

/** model_run and case_score: propensity model runs and the scores of open cases (docs/models.md). */
export const m900ModelRun: Migration = {
  version: 900,
  name: 'model_run and case_score: propensity models and case scores',
  steps: [{ table: MODEL_RUN }, { table: CASE_SCORE }],
};
