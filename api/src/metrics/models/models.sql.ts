/**
 * Model runs and case scores (docs/models.md), read from `model_run` and
 * `case_score` (written by `pnpm etl score`). Parameters only.
 */
import type { SqlQuery } from '../../query.ts';

export interface ModelRunRow {
  run_id: string;
  target: string;
  trained_at: string;
  cutoff: string;
  as_of: string;
  method: string;
  features: string[];
  coefficients: number[];
  intercept: number;
  train_samples: string;
  test_samples: string;
  published: number;
  verdict: string;
  metrics: string;
  seconds: number;
}

export function modelRunsQuery(args: {
  target: string | null;
  limit: number;
  /** Only runs that beat the baseline (the work queue's fallback). */
  publishedOnly?: boolean;
}): SqlQuery {
  return {
    query: `
      SELECT toString(run_id) AS run_id, toString(target) AS target, trained_at, cutoff, as_of, method,
             features, coefficients, intercept, train_samples, test_samples, published, verdict, metrics, seconds
      FROM model_run
      WHERE ({target:String} = '' OR target = {target:String})
        AND ({publishedOnly:UInt8} = 0 OR published = 1)
      ORDER BY trained_at DESC, run_id DESC
      LIMIT {limit:UInt32}`,
    query_params: {
      target: args.target ?? '',
      limit: args.limit,
      publishedOnly: args.publishedOnly ? 1 : 0,
    },
  };
}

export interface ScoreRow {
  case_id: string;
  score: number;
  scored_at: string;
  total: string;
}

/** Scores of one run at its latest scoring instant, highest first. */
export function caseScoresQuery(args: { runId: string; limit: number; offset: number }): SqlQuery {
  return {
    query: `
      WITH (SELECT max(scored_at) FROM case_score WHERE run_id = {runId:UUID}) AS latest
      SELECT case_id, score, scored_at, count() OVER () AS total
      FROM case_score
      WHERE run_id = {runId:UUID} AND scored_at = latest
      ORDER BY score DESC, case_id
      LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    query_params: args,
  };
}
