import { MODEL_TARGETS as TARGETS } from '@collections/schema';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { requireRole } from '../../auth.ts';
import { badInput, echo } from '../../errors.ts';
import { runQuery } from '../../query.ts';
import { parseLimit, parseOffset } from '../../validate.ts';
import { evaluationOf, type StoredEvaluation } from './models.compute.ts';
import { caseScoresQuery, modelRunsQuery, type ModelRunRow, type ScoreRow } from './models.sql.ts';
import { CaseScorePage, ModelRun } from './models.types.ts';

function parseTarget(target: string): string {
  if (!(TARGETS as readonly string[]).includes(target))
    throw badInput(`target must be one of ${TARGETS.join(', ')}, got ${echo(target)}.`);
  return target;
}

/** Instants come back as ISO 8601 (BASE_SETTINGS date_time_output_format). */
const isoOf = (text: string) => new Date(text).toISOString();

function toRun(r: ModelRunRow): ModelRun {
  const metrics = JSON.parse(r.metrics) as { model: StoredEvaluation; baseline: StoredEvaluation };
  return {
    runId: r.run_id,
    target: r.target,
    trainedAt: isoOf(r.trained_at),
    cutoff: isoOf(r.cutoff),
    asOf: isoOf(r.as_of),
    method: r.method,
    features: r.features,
    coefficients: r.coefficients.map(Number),
    intercept: Number(r.intercept),
    trainSamples: Number(r.train_samples),
    testSamples: Number(r.test_samples),
    published: Number(r.published) === 1,
    verdict: r.verdict,
    model: evaluationOf(metrics.model),
    baseline: evaluationOf(metrics.baseline),
    seconds: Number(r.seconds),
  };
}

/** The newest run of a target; BAD_USER_INPUT when there is none yet. */
export async function latestRunRow(
  ctx: Parameters<typeof runQuery>[0],
  target: string,
): Promise<ModelRunRow> {
  const [run] = await runQuery<ModelRunRow>(ctx, modelRunsQuery({ target, limit: 1 }));
  if (!run) throw badInput(`No model run for ${target} yet: run \`pnpm etl score\` first.`);
  return run;
}

/** The newest published run of a target, or null when none beat the baseline. */
export async function latestPublishedRunRow(
  ctx: Parameters<typeof runQuery>[0],
  target: string,
): Promise<ModelRunRow | null> {
  const [run] = await runQuery<ModelRunRow>(
    ctx,
    modelRunsQuery({ target, limit: 1, publishedOnly: true }),
  );
  return run ?? null;
}

@Resolver()
export class ModelsResolver {
  @Query(() => [ModelRun], {
    description:
      'Propensity model training runs, newest first, with out-of-time metrics and the verdict against the baseline.',
  })
  async modelRuns(
    @Ctx() ctx: ApiContext,
    @Arg('target', () => String, {
      nullable: true,
      description: 'cure_30d or payment_30d; all when absent.',
    })
    target: string | null,
    @Arg('limit', () => Int, {
      nullable: true,
      defaultValue: 20,
      description: 'At most this many runs (≤ 1000).',
    })
    limit: number | null,
    @Arg('publishedOnly', () => Boolean, {
      nullable: true,
      defaultValue: false,
      description:
        'Only the runs that beat the baseline (published): with limit 1, the run the work queue ranks by, however many refused runs are newer.',
    })
    publishedOnly: boolean | null,
  ): Promise<ModelRun[]> {
    const rows = await runQuery<ModelRunRow>(
      ctx,
      modelRunsQuery({
        target: target ? parseTarget(target) : null,
        limit: parseLimit(limit ?? 20),
        publishedOnly: publishedOnly === true,
      }),
    );
    return rows.map(toRun);
  }

  @Query(() => CaseScorePage, {
    description:
      'Scores of open cases from the latest run of a target, highest first (analyst role and above). A run that does not beat the baseline publishes no scores: rows are empty and verdict says why.',
  })
  async caseScores(
    @Ctx() ctx: ApiContext,
    @Arg('target', () => String, { description: 'cure_30d or payment_30d.' }) target: string,
    @Arg('limit', () => Int, {
      nullable: true,
      defaultValue: 50,
      description: 'Page size (≤ 1000).',
    })
    limit: number | null,
    @Arg('offset', () => Int, { nullable: true, defaultValue: 0, description: 'Rows to skip.' })
    offset: number | null,
  ): Promise<CaseScorePage> {
    requireRole(ctx, 'analyst');
    const run = await latestRunRow(ctx, parseTarget(target));
    const empty = {
      runId: run.run_id,
      published: false,
      verdict: run.verdict,
      scoredAt: null,
      total: 0,
      rows: [],
    };
    if (Number(run.published) !== 1) return empty;
    const rows = await runQuery<ScoreRow>(
      ctx,
      caseScoresQuery({
        runId: run.run_id,
        limit: parseLimit(limit ?? 50),
        offset: parseOffset(offset ?? 0),
      }),
    );
    return {
      ...empty,
      published: true,
      scoredAt: rows[0] ? isoOf(rows[0].scored_at) : null,
      total: Number(rows[0]?.total ?? 0),
      rows: rows.map((r) => ({ caseId: r.case_id, score: Number(r.score) })),
    };
  }
}
