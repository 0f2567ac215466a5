import { BUCKETS } from '@collections/schema';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { requireRole } from '../../auth.ts';
import { badInput, echo } from '../../errors.ts';
import { runQuery } from '../../query.ts';
import { parseLimit, parseOffset } from '../../validate.ts';
import { dimensionsQuery, type DimensionRow } from '../dimensions/dimensions.sql.ts';
import { latestPublishedRunRow, latestRunRow } from '../models/models.resolver.ts';
import { workQueueQuery, workQueueValuesQuery, type WorkQueueRow } from './work-queue.sql.ts';
import { WorkQueueFilter, WorkQueuePage } from './work-queue.types.ts';

function checkKnown(name: string, given: readonly string[], known: readonly string[]): void {
  const set = new Set(known);
  const unknown = given.filter((v) => !set.has(v));
  if (unknown.length > 0)
    throw badInput(`Unknown ${name} in the work queue: ${unknown.map(echo).join(', ')}.`);
}

@Resolver()
export class WorkQueueResolver {
  @Query(() => WorkQueuePage, {
    description:
      'Open cases ranked by P(cure in 30 d) × balance ÷ expected contact cost, from the newest cure run that beat the baseline (a refused newer run does not empty the queue; analyst role and above).',
  })
  async workQueue(
    @Ctx() ctx: ApiContext,
    @Arg('filter', () => WorkQueueFilter, { nullable: true, description: 'Optional filters.' })
    filter: WorkQueueFilter | null,
    @Arg('limit', () => Int, {
      nullable: true,
      defaultValue: 50,
      description: 'Page size (≤ 1000).',
    })
    limit: number | null,
    @Arg('offset', () => Int, { nullable: true, defaultValue: 0, description: 'Rows to skip.' })
    offset: number | null,
  ): Promise<WorkQueuePage> {
    requireRole(ctx, 'analyst');
    // A refused newest run leaves the last published one in charge (docs/models.md "Work queue").
    const newest = await latestRunRow(ctx, 'cure_30d');
    const run =
      Number(newest.published) === 1 ? newest : await latestPublishedRunRow(ctx, 'cure_30d');
    if (!run)
      throw badInput(
        `No cure model has been published, so there is no queue; the latest was refused: ${newest.verdict}`,
      );
    const filters = {
      teams: filter?.teams ?? [],
      agents: filter?.agents ?? [],
      segments: filter?.segments ?? [],
      buckets: filter?.buckets ?? [],
    };
    checkKnown('buckets', filters.buckets, BUCKETS);
    if (filters.teams.length + filters.agents.length + filters.segments.length > 0) {
      // Known: a value of the queue, or one `dimensions` offers (a registered team
      // without an open case is an empty queue, not a misspelling).
      const [queued] = await runQuery<{ teams: string[]; agents: string[]; segments: string[] }>(
        ctx,
        workQueueValuesQuery(run.run_id),
      );
      const dims = await runQuery<DimensionRow>(ctx, dimensionsQuery());
      const known = (kind: 'teams' | 'agents' | 'segments') => [
        ...(queued?.[kind] ?? []),
        ...dims.filter((d) => d.kind === kind).map((d) => d.value),
      ];
      checkKnown('teams', filters.teams, known('teams'));
      checkKnown('agents', filters.agents, known('agents'));
      checkKnown('segments', filters.segments, known('segments'));
    }
    const rows = await runQuery<WorkQueueRow>(
      ctx,
      workQueueQuery({
        runId: run.run_id,
        filters,
        limit: parseLimit(limit ?? 50),
        offset: parseOffset(offset ?? 0),
      }),
    );
    return {
      runId: run.run_id,
      scoredAt: rows[0] ? new Date(rows[0].scored_at).toISOString() : null,
      total: Number(rows[0]?.total ?? 0),
      rows: rows.map((r) => ({
        caseId: r.case_id,
        score: Number(r.score),
        balance: Number(r.balance),
        expectedRecovery: Number(r.expected_recovery),
        expectedCost: Number(r.expected_cost),
        priority: Number(r.priority),
        bucket: r.bucket,
        segment: r.segment,
        strategy: r.strategy,
        agentId: r.agent_id,
        team: r.team,
      })),
    };
  }
}
