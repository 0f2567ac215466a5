/**
 * Scores every case open at an instant with a stored run (docs/models.md):
 * features from events up to that instant only, the run's standardisation and
 * coefficients, rows into `case_score` carrying the run id. A run that did not
 * beat the baseline is refused here too, unless the caller insists (tests).
 */
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '@collections/schema';
import { featuresSql, scoreSamplesSql } from './features.sql.ts';
import { featureVectorSql, probabilitySql, type Target } from './model.ts';
import { chTime, dropScratch, scratchNames } from './scratch.ts';
import type { ModelRun } from './train.ts';

/** Floor of the expected contact cost, so that a strategy without costs does not divide by 0. */
export const MIN_EXPECTED_COST = 0.01;

/** Holder of each sampled case at the scoring instant (latest case_assigned at or before it). */
const HOLDERS_SQL = (
  samples: string,
) => `SELECT x.case_id AS case_id, argMax(x.agent_id, x.occurred_at) AS agent_id
  FROM case_assigned AS x INNER JOIN ${samples} AS s ON s.case_id = x.case_id
  WHERE x.occurred_at <= s.score_at GROUP BY x.case_id`;

/** Contact cost per case worked, by strategy, over the 30 days before the scoring instant. */
const COST_SQL = `SELECT c.strategy AS strategy, toFloat64(sum(a.cost)) / uniqExact(a.case_id) AS cost
  FROM contact_attempt AS a
  INNER JOIN (SELECT case_id, argMin(strategy, occurred_at) AS strategy FROM case_opened GROUP BY case_id) AS c
    ON c.case_id = a.case_id
  WHERE a.occurred_at > {at:DateTime64(3, 'UTC')} - INTERVAL 30 DAY AND a.occurred_at <= {at:DateTime64(3, 'UTC')}
  GROUP BY c.strategy`;

/** What scoring needs of a stored run (model_run). */
export type StoredRun = Pick<
  ModelRun,
  | 'runId'
  | 'target'
  | 'features'
  | 'means'
  | 'stds'
  | 'coefficients'
  | 'intercept'
  | 'published'
  | 'verdict'
>;

/** The newest run for a target (with `publishedOnly`, the newest published one), or null. */
export async function latestRun(
  db: Pick<Db, 'client'>,
  target: Target,
  { publishedOnly = false }: { publishedOnly?: boolean } = {},
): Promise<StoredRun | null> {
  const [row] = await queryRows<{
    run_id: string;
    features: string[];
    means: number[];
    stds: number[];
    coefficients: number[];
    intercept: number;
    published: number;
    verdict: string;
  }>(
    db,
    `SELECT run_id, features, means, stds, coefficients, intercept, published, verdict
     FROM model_run WHERE target = {target:String} AND ({publishedOnly:UInt8} = 0 OR published = 1)
     ORDER BY trained_at DESC, run_id DESC LIMIT 1`,
    { target, publishedOnly: publishedOnly ? 1 : 0 },
  );
  if (!row) return null;
  return {
    runId: row.run_id,
    target,
    features: row.features,
    means: row.means.map(Number),
    stds: row.stds.map(Number),
    coefficients: row.coefficients.map(Number),
    intercept: Number(row.intercept),
    published: Number(row.published) === 1,
    verdict: row.verdict,
  };
}

/** Writes the scores of the cases open at `at` (ISO instant); returns how many. */
export async function scoreOpenCases(
  db: Pick<Db, 'client'>,
  run: StoredRun,
  at: string,
  options: { allowUnpublished?: boolean } = {},
): Promise<{ cases: number; seconds: number }> {
  if (!run.published && !options.allowUnpublished)
    throw new Error(`Run ${run.runId} (${run.target}) is not published: ${run.verdict}`);
  const started = performance.now();
  const t = scratchNames(randomUUID());
  const x = featureVectorSql(run.features);
  try {
    await db.client.command({
      query: scoreSamplesSql(t.samples),
      query_params: { at: chTime(at) },
    });
    await db.client.command({ query: featuresSql(t.features, t.samples) });
    await db.client.command({
      query: `INSERT INTO case_score
          (run_id, target, scored_at, case_id, account_id, score, balance, bucket, segment, strategy,
           agent_id, expected_cost)
        SELECT {runId:UUID}, {target:String}, f.score_at, f.case_id, f.account_id,
          f.p, f.balance, f.bucket, f.segment, f.strategy, h.agent_id,
          greatest(ifNull(k.cost, 0), {minCost:Float64})
        FROM (SELECT *, ${probabilitySql(x.sql)} AS p FROM ${t.features}) AS f
        LEFT JOIN (${HOLDERS_SQL(t.samples)}) AS h ON h.case_id = f.case_id
        LEFT JOIN (${COST_SQL}) AS k ON k.strategy = f.strategy
        SETTINGS join_use_nulls = 1`,
      query_params: {
        ...x.params,
        at: chTime(at),
        minCost: MIN_EXPECTED_COST,
        runId: run.runId,
        target: run.target,
        means: run.means,
        stds: run.stds,
        coefficients: run.coefficients,
        intercept: run.intercept,
      },
    });
    const [row] = await queryRows<{ n: string }>(db, `SELECT count() AS n FROM ${t.features}`);
    return { cases: Number(row?.n ?? 0), seconds: (performance.now() - started) / 1000 };
  } finally {
    await dropScratch(db, t);
  }
}
