import { VOICE_CHANNELS } from '@collections/schema';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AGENT_ARG_DEPRECATION, FROM_ARG, TEAM_ARG_DEPRECATION, TO_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { badInput, echo } from '../../errors.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { parseDateRange, parseLimit, parseOffset } from '../../validate.ts';
import { requireRole } from '../../auth.ts';
import { rollUpTeams, toAgent, toViolation, totals } from './compliance.rollup.ts';
import {
  complianceAgentsQuery,
  complianceAttemptsQuery,
  type ComplianceAgentRow,
  type ComplianceAttemptRow,
} from './compliance.sql.ts';
import { ComplianceReport, ComplianceViolationPage } from './compliance.types.ts';

/** Attempts carry their agent (and team) and channel; no account or case dimension is read. */
const COMPLIANCE_FILTER = ['teams', 'agents', 'channels'] as const;

@Resolver(() => ComplianceReport)
export class ComplianceResolver {
  @Query(() => ComplianceReport, {
    description:
      'Contact-rule violations of voice and in-person attempts in [from, to] (dates in REPORT_TZ), per agent and team; offendingAttempts lists them (analyst role).',
  })
  async complianceReport(
    @Ctx() ctx: ApiContext,
    @Arg('from', () => String, FROM_ARG) from: string,
    @Arg('to', () => String, TO_ARG) to: string,
    @Arg('team', () => String, {
      nullable: true,
      description: 'Only the agents of this team; all when absent.',
      deprecationReason: TEAM_ARG_DEPRECATION,
    })
    team: string | null,
    @Arg('agentId', () => String, {
      nullable: true,
      description: 'Only this agent; all when absent.',
      deprecationReason: AGENT_ARG_DEPRECATION,
    })
    agentId: string | null,
    @Arg('filter', () => PortfolioFilter, filterArg(COMPLIANCE_FILTER))
    filter: PortfolioFilter | null | undefined,
    @Arg('limit', () => Int, {
      defaultValue: 50,
      description: 'Offending attempts listed per page, at most 1000.',
    })
    limit: number,
    @Arg('offset', () => Int, {
      defaultValue: 0,
      description: 'Offending attempts to skip (pages).',
    })
    offset: number,
  ): Promise<ComplianceReport> {
    const period = parseDateRange(from, to);
    parseLimit(limit);
    parseOffset(offset);
    await checkFilter(ctx, 'complianceReport', filter, COMPLIANCE_FILTER);
    // a known channel the report never counts would read as "no violations"
    const silent = (filter?.channels ?? []).filter((c) => !VOICE_CHANNELS.includes(c as never));
    if (silent.length > 0)
      throw badInput(
        `complianceReport counts voice and in-person attempts only: filter.channels takes ${VOICE_CHANNELS.join(', ')}, not ${silent.map(echo).join(', ')}.`,
      );
    const args = { ...period, tz: ctx.env.REPORT_TZ, team, agentId, filter, env: ctx.env };
    const agents = (await runQuery<ComplianceAgentRow>(ctx, complianceAgentsQuery(args))).map(
      toAgent,
    );
    return {
      ...period,
      ...totals(agents),
      thresholds: {
        startHour: ctx.env.COMPLIANCE_START_HOUR,
        endHour: ctx.env.COMPLIANCE_END_HOUR,
        maxPerDay: ctx.env.COMPLIANCE_MAX_PER_DAY,
        maxPer7Days: ctx.env.COMPLIANCE_MAX_PER_7D,
      },
      agents,
      teams: rollUpTeams(agents),
      query: { ...args, limit, offset },
    };
  }

  @FieldResolver(() => ComplianceViolationPage, {
    description:
      'The page (limit, offset) of offending attempts in time order; analyst role and above.',
  })
  async offendingAttempts(
    @Root() report: ComplianceReport,
    @Ctx() ctx: ApiContext,
  ): Promise<ComplianceViolationPage> {
    requireRole(ctx, 'analyst');
    const { limit, offset, ...args } = report.query;
    const rows = await runQuery<ComplianceAttemptRow>(
      ctx,
      complianceAttemptsQuery(args, limit, offset),
    );
    return { rows: rows.map(toViolation), total: report.violations };
  }
}
