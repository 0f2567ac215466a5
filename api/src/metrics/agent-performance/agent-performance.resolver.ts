import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { FROM_ARG, TEAM_ARG_DEPRECATION, TO_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { complianceParams } from '../../sql/compliance.ts';
import { cents, rateOrNull, rateOrZero } from '../../stats/ratios.ts';
import { parseDateRange, parseLimit, parseOffset } from '../../validate.ts';
import {
  agentPerformanceQuery,
  teamPerformanceQuery,
  type PerformanceArgs,
} from './agent-performance.sql.ts';
import { AgentPerformancePage, TeamPerformance } from './agent-performance.types.ts';

interface MeasureRow {
  attempts: number;
  rpcs: number;
  cases_worked: number;
  talk_seconds: number;
  promises: number;
  kept: number;
  matured: number;
  collected: number;
  violations: number;
}

/** The derived rates of docs/metrics/agent-performance.md from the counted measures. */
function measures(row: MeasureRow) {
  const amountCollected = cents(row.collected);
  return {
    attempts: Number(row.attempts),
    rpcs: Number(row.rpcs),
    rpcRate: rateOrZero(Number(row.rpcs), Number(row.attempts)),
    promises: Number(row.promises),
    promiseRate: rateOrZero(Number(row.promises), Number(row.rpcs)),
    keptRate: rateOrNull(Number(row.kept), Number(row.matured)),
    amountCollected,
    casesWorked: Number(row.cases_worked),
    talkSeconds: Number(row.talk_seconds),
    collectedPerTalkHour:
      Number(row.talk_seconds) === 0
        ? null
        : cents(row.collected / (Number(row.talk_seconds) / 3600)),
    violations: Number(row.violations),
  };
}

/**
 * What the agent metrics' filter honours: their measures are per agent (the
 * roll-ups of docs/metrics/agent-performance.md hold no channel or account).
 */
const AGENT_FILTER = ['teams', 'agents'] as const;

async function performanceArgs(
  ctx: ApiContext,
  metric: string,
  from: string,
  to: string,
  filter: PortfolioFilter | null | undefined,
): Promise<PerformanceArgs> {
  parseDateRange(from, to);
  await checkFilter(ctx, metric, filter, AGENT_FILTER);
  return {
    from,
    to,
    tz: ctx.env.REPORT_TZ,
    graceDays: ctx.env.PROMISE_GRACE_DAYS,
    compliance: complianceParams(ctx.env),
    filter,
  };
}

@Resolver()
export class AgentPerformanceResolver {
  @Query(() => AgentPerformancePage, {
    description:
      'Agents with an attempt, promise or attributed payment in [from, to], by amount collected (desc) then agent id.',
  })
  async agentPerformance(
    @Ctx() ctx: ApiContext,
    @Arg('from', () => String, FROM_ARG) from: string,
    @Arg('to', () => String, TO_ARG) to: string,
    @Arg('team', () => String, {
      nullable: true,
      description: 'Only the agents of this team (their latest registration); all when absent.',
      deprecationReason: TEAM_ARG_DEPRECATION,
    })
    team: string | null,
    @Arg('filter', () => PortfolioFilter, filterArg(AGENT_FILTER))
    filter: PortfolioFilter | null | undefined,
    @Arg('limit', () => Int, {
      nullable: true,
      defaultValue: 50,
      description: 'Rows per page, at most 1000.',
    })
    limit: number | null,
    @Arg('offset', () => Int, {
      nullable: true,
      defaultValue: 0,
      description: 'Rows to skip (pages).',
    })
    offset: number | null,
  ): Promise<AgentPerformancePage> {
    const args = await performanceArgs(ctx, 'agentPerformance', from, to, filter);
    const sql = agentPerformanceQuery({
      ...args,
      team: team ?? null,
      limit: parseLimit(limit ?? 50),
      offset: parseOffset(offset ?? 0),
    });
    const rows = await runQuery<
      MeasureRow & {
        agent_id: string;
        agent_name: string | null;
        team: string | null;
        total: number;
      }
    >(ctx, sql);
    const total =
      rows.length > 0 ? Number(rows[0]?.total) : await this.countAgents(ctx, args, team);
    return {
      total,
      rows: rows.map((row) => ({
        agentId: row.agent_id,
        agentName: row.agent_name,
        team: row.team,
        ...measures(row),
      })),
    };
  }

  /** The total when the page is empty (offset past the end): the same query's first row. */
  private async countAgents(ctx: ApiContext, args: PerformanceArgs, team: string | null) {
    const rows = await runQuery<{ total: number }>(
      ctx,
      agentPerformanceQuery({ ...args, team: team ?? null, limit: 1, offset: 0 }),
    );
    return rows.length > 0 ? Number(rows[0]?.total) : 0;
  }

  @Query(() => [TeamPerformance], {
    description: 'Agent performance in [from, to] rolled up per team, by amount collected (desc).',
  })
  async teamPerformance(
    @Ctx() ctx: ApiContext,
    @Arg('from', () => String, FROM_ARG) from: string,
    @Arg('to', () => String, TO_ARG) to: string,
    @Arg('filter', () => PortfolioFilter, filterArg(AGENT_FILTER))
    filter: PortfolioFilter | null | undefined,
  ): Promise<TeamPerformance[]> {
    const rows = await runQuery<MeasureRow & { team: string; agents: number }>(
      ctx,
      teamPerformanceQuery(await performanceArgs(ctx, 'teamPerformance', from, to, filter)),
    );
    return rows.map((row) => ({ team: row.team, agents: Number(row.agents), ...measures(row) }));
  }
}
