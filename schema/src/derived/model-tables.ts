/**
 * Tables of the propensity models (docs/models.md): `model_run` keeps every
 * training run (cut-off, features, standardisation, coefficients, out-of-time
 * metrics, the verdict against the naive baseline) and `case_score` the scores
 * of open cases, each carrying the run that produced it. They are written by
 * `pnpm etl score`, not by the per-load refresh: a score is a statement about
 * one instant, re-made on demand.
 */
import type { TableDef } from '../ddl.ts';

const INSTANT = "DateTime64(3, 'UTC')";

export const MODEL_RUN: TableDef = {
  name: 'model_run',
  engine: 'MergeTree',
  columns: [
    { name: 'run_id', type: 'UUID' },
    { name: 'target', type: 'LowCardinality(String)', comment: 'cure_30d | payment_30d' },
    { name: 'trained_at', type: INSTANT },
    {
      name: 'cutoff',
      type: INSTANT,
      comment: 'train: opened + 30 d <= cutoff; test: opened >= cutoff',
    },
    { name: 'as_of', type: INSTANT, comment: 'data as-of instant when trained' },
    { name: 'method', type: 'String', comment: 'e.g. stochasticLogisticRegression(…)' },
    { name: 'features', type: 'Array(String)' },
    { name: 'means', type: 'Array(Float64)', comment: 'standardisation, per feature' },
    { name: 'stds', type: 'Array(Float64)' },
    { name: 'coefficients', type: 'Array(Float64)', comment: 'per standardised feature' },
    { name: 'intercept', type: 'Float64' },
    { name: 'train_samples', type: 'UInt64' },
    { name: 'test_samples', type: 'UInt64' },
    {
      name: 'published',
      type: 'UInt8',
      comment: '1 when the model beats the baseline out of time',
    },
    { name: 'verdict', type: 'String' },
    { name: 'metrics', type: 'String', comment: 'JSON: model and baseline AUC, Brier, deciles' },
    { name: 'seconds', type: 'Float64', comment: 'wall time of the run' },
  ],
  orderBy: '(target, trained_at, run_id)',
  shardKey: 'sipHash64(run_id)',
  why: 'Model runs by target, newest last: the API reads the latest run per target.',
};

export const CASE_SCORE: TableDef = {
  name: 'case_score',
  engine: 'MergeTree',
  columns: [
    { name: 'run_id', type: 'UUID' },
    { name: 'target', type: 'LowCardinality(String)' },
    {
      name: 'scored_at',
      type: INSTANT,
      comment: 'the scoring instant: features use events up to it',
    },
    { name: 'case_id', type: 'String' },
    { name: 'account_id', type: 'String' },
    { name: 'score', type: 'Float64', comment: 'P(target) for the case, from the run' },
    // What the work queue filters and ranks by, as known at the scoring instant:
    { name: 'balance', type: 'Float64', comment: 'latest snapshot balance' },
    { name: 'bucket', type: 'LowCardinality(String)' },
    { name: 'segment', type: 'LowCardinality(String)' },
    { name: 'strategy', type: 'LowCardinality(String)' },
    { name: 'agent_id', type: 'String', comment: "holder (latest case_assigned); '' when none" },
    {
      name: 'expected_cost',
      type: 'Float64',
      comment: "contact cost per case of the case's strategy over the 30 days before scoring",
    },
  ],
  orderBy: '(run_id, case_id)',
  shardKey: 'sipHash64(account_id)',
  why: 'Scores of one run read together (work queue, calibration checks).',
};
