/**
 * Trains one propensity model in ClickHouse and validates it out of time
 * (docs/models.md): samples and features go into scratch Memory tables, the
 * model is `stochasticLogisticRegression` over standardised features (Adam,
 * shuffled passes), test predictions come from `evalMLMethod`, and the
 * run is stored in `model_run` with its metrics and verdict against the naive
 * baseline: the training samples' 30-day rate by bucket × segment (the bucket
 * at the sample's instant, which at opening is the entry bucket).
 */
import { randomUUID } from 'node:crypto';
import { queryRows, type Db } from '@collections/schema';
import { featuresSql, trainSamplesSql } from './features.sql.ts';
import {
  CATEGORICAL_FEATURES,
  MIN_LEVEL_SHARE,
  aucInterval,
  featureNames,
  featureVectorSql,
  probabilitySql,
  verdict,
  type Discrimination,
  type Target,
} from './model.ts';
import { chTime, dropScratch, scratchNames } from './scratch.ts';

/**
 * Learning rate, L2, mini-batch and method (measured: docs/decisions/005). Passes over
 * the training samples: enough for ~80 000 updates' worth of rows, at most 20, at least 1.
 */
export const SGD: Sgd = { learningRate: 0.001, l2: 0.001, batch: 16, epochs: 0, method: 'Adam' };
export const ROWS_PER_RUN = 80_000;
export const MAX_EPOCHS = 20;
export interface Sgd {
  readonly learningRate: number;
  readonly l2: number;
  readonly batch: number;
  /** 0 = from the number of training samples (ROWS_PER_RUN, MAX_EPOCHS). */
  readonly epochs: number;
  readonly method: 'SGD' | 'Momentum' | 'Nesterov' | 'Adam';
}
const methodOf = (g: Sgd) =>
  `stochasticLogisticRegression(${g.learningRate}, ${g.l2}, ${g.batch}, '${g.method}'), ${g.epochs} passes`;
const DAY_MS = 86_400_000;
/** Default cut-off: 120 days before the as-of instant (test = cases opened in the 90 days after it). */
export const DEFAULT_CUTOFF_DAYS = 120;

export interface DecileRow {
  /** 1 = highest scores */
  readonly decile: number;
  readonly cases: number;
  readonly positives: number;
  readonly meanPredicted: number;
}
export interface Evaluation extends Discrimination {
  readonly aucLow: number;
  readonly aucHigh: number;
  readonly deciles: readonly DecileRow[];
}
export interface RunMetrics {
  readonly model: Evaluation;
  readonly baseline: Evaluation;
  /** Largest |evalMLMethod − stored-coefficient probability| on the test cases (should be ~0). */
  readonly evalConsistency: number;
}
export interface ModelRun {
  readonly runId: string;
  readonly target: Target;
  readonly cutoff: string;
  readonly asOf: string;
  readonly features: readonly string[];
  readonly means: readonly number[];
  readonly stds: readonly number[];
  readonly coefficients: readonly number[];
  readonly intercept: number;
  readonly trainSamples: number;
  readonly testSamples: number;
  readonly published: boolean;
  readonly verdict: string;
  readonly metrics: RunMetrics;
  readonly seconds: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The data's as-of instant (docs/metrics/README.md), or null on an empty database. */
export async function dataAsOf(db: Pick<Db, 'client'>): Promise<string | null> {
  const [row] = await queryRows<{ at: string | null; n: string }>(
    db,
    `SELECT max(max_occurred_at) AS at, count() AS n FROM data_as_of`,
  );
  return row && Number(row.n) > 0 ? (row.at as string) : null;
}

async function levelsOf(db: Pick<Db, 'client'>, features: string, trainSamples: number) {
  const levels: Record<string, string[]> = {};
  for (const column of CATEGORICAL_FEATURES) {
    const rows = await queryRows<{ v: string }>(
      db,
      `SELECT toString(${column}) AS v FROM ${features} WHERE split = 0
       GROUP BY v HAVING count() >= {min:UInt64} ORDER BY count() DESC, v`,
      { min: Math.max(1, Math.ceil(trainSamples * MIN_LEVEL_SHARE)) },
    );
    levels[column] = rows.map((r) => r.v);
  }
  return levels;
}

async function evaluate(
  db: Pick<Db, 'client'>,
  predictions: string,
  column: 'p_model' | 'p_base',
): Promise<Evaluation> {
  const [s] = await queryRows<{ n: string; pos: string; brier: number; auc: number }>(
    db,
    `SELECT count() AS n, sum(y) AS pos, avg(pow(${column} - y, 2)) AS brier,
       if(sum(y) > 0 AND sum(y) < count(), arrayAUC(groupArray(${column}), groupArray(y)), 0.5) AS auc
     FROM ${predictions}`,
  );
  const deciles = await queryRows<{ d: number; n: string; pos: string; mean: number }>(
    db,
    `SELECT d, count() AS n, sum(y) AS pos, avg(p) AS mean FROM (
       SELECT ${column} AS p, y, ntile(10) OVER (ORDER BY ${column} DESC, case_id) AS d FROM ${predictions})
     GROUP BY d ORDER BY d`,
  );
  const n = Number(s?.n ?? 0);
  const positives = Number(s?.pos ?? 0);
  const auc = Number(s?.auc ?? 0.5);
  const ci = aucInterval(auc, positives, n - positives);
  return {
    n,
    positives,
    auc,
    brier: Number(s?.brier ?? 0),
    aucLow: ci.low,
    aucHigh: ci.high,
    deciles: deciles.map((r) => ({
      decile: Number(r.d),
      cases: Number(r.n),
      positives: Number(r.pos),
      meanPredicted: Number(r.mean),
    })),
  };
}

/** Trains, validates and stores one run. `cutoff`/`asOf` default from the data. */
export async function trainModel(
  db: Pick<Db, 'client'>,
  options: { target: Target; cutoff?: string; asOf?: string; sgd?: Sgd },
): Promise<ModelRun> {
  // Settings are numbers and an enum (never user text): safe to inline in the aggregate's parameters.
  const g = options.sgd ?? SGD;
  if (!['SGD', 'Momentum', 'Nesterov', 'Adam'].includes(g.method))
    throw new Error(`Unknown SGD method ${String(g.method)}`);
  const started = performance.now();
  const asOf = options.asOf ?? (await dataAsOf(db));
  if (asOf === null) throw new Error('No data loaded: nothing to train on');
  const cutoff = options.cutoff ?? iso(Date.parse(asOf) - DEFAULT_CUTOFF_DAYS * DAY_MS);
  const runId = randomUUID();
  const t = scratchNames(runId);
  const label = options.target; // a Target: a column of the feature table
  try {
    await db.client.command({
      query: trainSamplesSql(t.samples),
      query_params: { cutoff: chTime(cutoff), asOf: chTime(asOf) },
    });
    await db.client.command({ query: featuresSql(t.features, t.samples) });
    const [counts] = await queryRows<{ train: string; test: string }>(
      db,
      `SELECT countIf(split = 0) AS train, countIf(split = 1) AS test FROM ${t.features}`,
    );
    const trainSamples = Number(counts?.train ?? 0);
    const testSamples = Number(counts?.test ?? 0);
    if (trainSamples === 0) throw new Error(`No mature cases opened before the cut-off ${cutoff}`);
    const features = featureNames(await levelsOf(db, t.features, trainSamples));
    const epochs =
      g.epochs > 0
        ? Math.trunc(g.epochs)
        : Math.min(MAX_EPOCHS, Math.max(1, Math.ceil(ROWS_PER_RUN / trainSamples)));
    const x = featureVectorSql(features);
    const [moments] = await queryRows<{ means: number[]; stds: number[] }>(
      db,
      `SELECT avgForEach(x) AS means, stddevPopForEach(x) AS stds
       FROM (SELECT ${x.sql} AS x FROM ${t.features} WHERE split = 0)`,
      x.params,
    );
    const means = (moments?.means ?? []).map(Number);
    const stds = (moments?.stds ?? []).map((s) => (Number(s) > 1e-9 ? Number(s) : 1));
    const z = features.map((_, i) => `z[${i + 1}]`).join(', ');
    const standardised = `arrayMap((v, m, sd) -> (v - m) / sd, ${x.sql}, {means:Array(Float64)}, {stds:Array(Float64)})`;
    // One thread: the passes run in the shuffled order given, so a run is reproducible.
    await db.client.command({
      query: `CREATE TABLE ${t.model} ENGINE = Memory AS
        SELECT stochasticLogisticRegressionState(${Number(g.learningRate)}, ${Number(g.l2)}, ${Math.trunc(g.batch)}, '${g.method}')(y, ${z}) AS state
        FROM (SELECT if(${label}, 1, -1) AS y, ${standardised} AS z
              FROM ${t.features} ARRAY JOIN range(${epochs}) AS epoch
              WHERE split = 0 ORDER BY epoch, cityHash64(sid, epoch))
        SETTINGS max_threads = 1`,
      query_params: { ...x.params, means, stds },
    });
    const [weights] = await queryRows<{ w: number[] }>(
      db,
      `SELECT finalizeAggregation(state) AS w FROM ${t.model}`,
    );
    const w = (weights?.w ?? []).map(Number);
    const coefficients = w.slice(0, features.length);
    const intercept = w[features.length] ?? 0;
    await db.client.command({
      query: `CREATE TABLE ${t.predictions} ENGINE = Memory AS
        WITH (SELECT state FROM ${t.model}) AS model
        SELECT f.sid AS case_id, toUInt8(f.${label}) AS y,
          evalMLMethod(model, ${z}) AS p_model, ${probabilitySql('f.x')} AS p_coef,
          if(b.n > 0, b.rate, {overall:Float64}) AS p_base
        FROM (SELECT sid, bucket, segment, ${label}, ${x.sql} AS x, ${standardised} AS z
              FROM ${t.features} WHERE split = 1) AS f
        LEFT JOIN (SELECT bucket, segment, count() AS n, avg(${label}) AS rate
                   FROM ${t.features} WHERE split = 0 GROUP BY bucket, segment) AS b
          ON b.bucket = f.bucket AND b.segment = f.segment
        SETTINGS join_use_nulls = 0`,
      query_params: {
        ...x.params,
        means,
        stds,
        coefficients,
        intercept,
        overall: await trainRate(db, t.features, label),
      },
    });
    const model = await evaluate(db, t.predictions, 'p_model');
    const baseline = await evaluate(db, t.predictions, 'p_base');
    const [gap] = await queryRows<{ d: number }>(
      db,
      `SELECT max(abs(p_model - p_coef)) AS d FROM ${t.predictions}`,
    );
    const decision = verdict(model, baseline);
    const run: ModelRun = {
      runId,
      target: options.target,
      cutoff: iso(Date.parse(cutoff)),
      asOf: iso(Date.parse(asOf)),
      features,
      means,
      stds,
      coefficients,
      intercept,
      trainSamples,
      testSamples,
      ...decision,
      metrics: { model, baseline, evalConsistency: Number(gap?.d ?? 0) },
      seconds: (performance.now() - started) / 1000,
    };
    await storeRun(db, run, methodOf({ ...g, epochs }));
    return run;
  } finally {
    await dropScratch(db, t);
  }
}

async function trainRate(db: Pick<Db, 'client'>, features: string, label: Target) {
  const [row] = await queryRows<{ r: number }>(
    db,
    `SELECT avg(${label}) AS r FROM ${features} WHERE split = 0`,
  );
  return Number(row?.r ?? 0);
}

async function storeRun(db: Pick<Db, 'client'>, run: ModelRun, method: string): Promise<void> {
  await db.client.insert({
    table: 'model_run',
    format: 'JSONEachRow',
    values: [
      {
        run_id: run.runId,
        target: run.target,
        trained_at: chTime(iso(Date.now())),
        cutoff: chTime(run.cutoff),
        as_of: chTime(run.asOf),
        method,
        features: run.features,
        means: run.means,
        stds: run.stds,
        coefficients: run.coefficients,
        intercept: run.intercept,
        train_samples: run.trainSamples,
        test_samples: run.testSamples,
        published: run.published ? 1 : 0,
        verdict: run.verdict,
        metrics: JSON.stringify(run.metrics),
        seconds: run.seconds,
      },
    ],
  });
}
