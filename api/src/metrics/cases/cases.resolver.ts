import { BUCKETS } from '@collections/schema';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { badInput, echo } from '../../errors.ts';
import { checkFilter as checkDimensions, filterArg } from '../../filters/filter-check.ts';
import { FILTER_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { parseDate, parseLimit, parseOffset } from '../../validate.ts';
import {
  caseCountQuery,
  caseHoldersQuery,
  casePageQuery,
  casePaidQuery,
  type CaseQueryArgs,
  type CaseRow,
  type HolderRow,
} from './cases.sql.ts';
import { checkListFilter, DEFAULT_ORDER, encodeCursor, type ListOrder } from './cases.list.ts';
import { CaseFilter, CaseOrder, CasePage, CaseSummary, CaseTimeline } from './cases.types.ts';
import { requireRole } from '../../auth.ts';
import { caseTimelineQuery, type TimelineRow } from './timeline.sql.ts';

const ENTRY_BUCKETS = new Set<string>(BUCKETS.filter((b) => b !== 'CHARGED_OFF' && b !== 'CLOSED'));

function checkFilter(filter: CaseFilter | null): void {
  if (!filter) return;
  const bad = (filter.entryBuckets ?? []).filter((b) => !ENTRY_BUCKETS.has(b));
  if (bad.length > 0)
    throw badInput(
      `entryBuckets must be among ${[...ENTRY_BUCKETS].join(', ')}; got ${bad.map(echo).join(', ')}.`,
    );
  if (filter.openedFrom) parseDate('openedFrom', filter.openedFrom);
  if (filter.openedTo) parseDate('openedTo', filter.openedTo);
  if (filter.openedFrom && filter.openedTo && filter.openedFrom > filter.openedTo)
    throw badInput(`openedFrom (${filter.openedFrom}) is after openedTo (${filter.openedTo}).`);
}

export function toCase(r: CaseRow, h: HolderRow, paid: number): CaseSummary {
  const closed = Number(r.is_closed) === 1;
  return {
    caseId: r.case_id,
    accountMasked: r.account_masked,
    openedAt: r.opened_at,
    strategy: r.strategy,
    experiment: r.experiment,
    armRole: r.arm_role,
    segment: r.segment,
    entryDpd: Number(r.entry_dpd),
    entryBucket: r.entry_bucket,
    entryBalance: Number(r.entry_balance),
    agentId: h.agent_id === '' ? null : h.agent_id,
    agentName: h.agent_name === '' ? null : h.agent_name,
    team: h.agent_id === '' ? null : h.team,
    closed,
    closedAt: closed ? r.closed_at : null,
    outcome: closed ? r.outcome : null,
    paid,
  };
}

const NO_HOLDER: HolderRow = { case_id: '', agent_id: '', agent_name: '', team: '' };

/** The page's rows with their holder and what was paid: two lookups by the page's case ids. */
export async function withHolderAndPaid(ctx: ApiContext, rows: CaseRow[]): Promise<CaseSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.case_id);
  const [holders, paid] = await Promise.all([
    runQuery<HolderRow>(ctx, caseHoldersQuery(ids)),
    runQuery<{ case_id: string; paid: number }>(ctx, casePaidQuery(ids)),
  ]);
  const holderOf = new Map(holders.map((h) => [h.case_id, h]));
  const paidOf = new Map(paid.map((p) => [p.case_id, Number(p.paid)]));
  return rows.map((r) =>
    toCase(r, holderOf.get(r.case_id) ?? NO_HOLDER, paidOf.get(r.case_id) ?? 0),
  );
}

/** The PortfolioFilter fields `filter` carries too (docs/api.md "Naming": one filter argument). */
const ACCOUNT_SIDE = ['portfolios', 'products', 'regions', 'riskGrades', 'experiments'] as const;

/**
 * `filter` as the one argument: its account-side lists move into the portfolio
 * filter the SQL reads, and `agents` becomes `agentIds`. A list given both ways
 * (filter and the deprecated portfolio or agentIds) is BAD_USER_INPUT, never a guess.
 */
export function oneFilter(
  filter: CaseFilter | null,
  portfolio: PortfolioFilter | null,
): { filter: CaseFilter | null; portfolio: PortfolioFilter | null } {
  if (!filter) return { filter, portfolio };
  const { agents, ...rest } = filter;
  const out: CaseFilter = { ...rest };
  if (agents != null) {
    if (filter.agentIds != null) throw badInput('cases takes agents or agentIds, not both.');
    out.agentIds = agents;
  }
  const merged: PortfolioFilter = { ...portfolio };
  for (const field of ACCOUNT_SIDE) {
    const values = filter[field];
    delete out[field];
    if (values == null) continue;
    if (portfolio?.[field] != null)
      throw badInput(`cases takes ${field} in filter or in portfolio, not both.`);
    merged[field] = values;
  }
  return {
    filter: out,
    portfolio: portfolio || ACCOUNT_SIDE.some((f) => filter[f] != null) ? merged : null,
  };
}

/** The validated arguments of a case list (GraphQL `cases` and the CSV route alike). */
export async function caseListArgs(
  ctx: ApiContext,
  filter: CaseFilter | null,
  portfolio: PortfolioFilter | null,
  order: ListOrder,
): Promise<CaseQueryArgs> {
  ({ filter, portfolio } = oneFilter(filter, portfolio));
  checkFilter(filter);
  checkListFilter(filter);
  await checkDimensions(ctx, 'cases', portfolio, FILTER_DIMENSIONS, 'portfolio');
  return {
    filter,
    portfolio,
    order,
    tz: ctx.env.REPORT_TZ,
    piiKey: ctx.env.PII_KEY,
    graceDays: ctx.env.PROMISE_GRACE_DAYS,
  };
}

/** One page: `limit` rows (one more is read to know whether a next page exists) and the total. */
export async function casePage(
  ctx: ApiContext,
  args: CaseQueryArgs,
  limit: number,
  offset: number,
): Promise<CasePage> {
  const read = await runQuery<CaseRow>(ctx, casePageQuery(args, limit + 1, offset));
  const rows = read.slice(0, limit);
  // After a cursor or past the last page no row carries the total: count separately.
  const total =
    !args.after && rows[0] !== undefined
      ? Number(rows[0].total)
      : !args.after && offset === 0
        ? 0
        : Number((await runQuery<{ total: number }>(ctx, caseCountQuery(args)))[0]?.total ?? 0);
  const last = rows.at(-1);
  return {
    rows: await withHolderAndPaid(ctx, rows),
    total,
    hasNextPage: read.length > limit,
    endCursor: last ? encodeCursor(args.order ?? DEFAULT_ORDER, last.sort_key, last.case_id) : null,
  };
}

@Resolver()
export class CasesResolver {
  @Query(() => CasePage, {
    description:
      'Cases matching the filters, newest opened first (analyst role and above; identifiers masked).',
  })
  async cases(
    @Ctx() ctx: ApiContext,
    @Arg('filter', () => CaseFilter, {
      nullable: true,
      description:
        'Case-level filters (strategy, holder, outcome, entry bucket, opening dates, promises, current bucket).',
    })
    filter: CaseFilter | null,
    @Arg('portfolio', () => PortfolioFilter, {
      ...filterArg(FILTER_DIMENSIONS),
      deprecationReason:
        'Use filter: CaseFilter carries portfolios, products, regions, riskGrades, experiments, segments and strategies too.',
    })
    portfolio: PortfolioFilter | null,
    @Arg('limit', () => Int, { defaultValue: 50, description: 'Rows per page, at most 1000.' })
    limit: number,
    @Arg('offset', () => Int, {
      defaultValue: 0,
      description: 'Rows to skip (pages); 0 with `after`.',
    })
    offset: number,
    @Arg('orderBy', () => CaseOrder, {
      defaultValue: CaseOrder.OPENED_AT,
      description: 'Sort column; ties by caseId ascending.',
    })
    orderBy: CaseOrder,
    @Arg('descending', () => Boolean, {
      defaultValue: true,
      description: 'Largest (latest) first (default) or smallest first.',
    })
    descending: boolean,
    @Arg('after', () => String, {
      nullable: true,
      description:
        'The endCursor of the previous page (same filters and order): the rows after it.',
    })
    after: string | null,
  ): Promise<CasePage> {
    requireRole(ctx, 'analyst');
    parseLimit(limit);
    parseOffset(offset);
    if (after && offset > 0) throw badInput('Pass either offset or after, not both.');
    const args = await caseListArgs(ctx, filter, portfolio, { orderBy, descending });
    return casePage(ctx, { ...args, after }, limit, offset);
  }

  @Query(() => CaseTimeline, {
    description:
      'One case and every event touching it, in time order (analyst role and above; identifiers masked).',
  })
  async caseTimeline(
    @Ctx() ctx: ApiContext,
    @Arg('caseId', () => String, { description: 'The case_id of the events (1–128 characters).' })
    caseId: string,
  ): Promise<CaseTimeline> {
    requireRole(ctx, 'analyst');
    if (caseId.length < 1 || caseId.length > 128)
      throw badInput(`caseId must be 1 to 128 characters, got ${caseId.length}.`);
    const [summary] = await withHolderAndPaid(
      ctx,
      await runQuery<CaseRow>(
        ctx,
        casePageQuery({ caseId, tz: ctx.env.REPORT_TZ, piiKey: ctx.env.PII_KEY }, 1, 0),
      ),
    );
    const events = await runQuery<TimelineRow>(ctx, caseTimelineQuery(caseId));
    return {
      caseId,
      summary: summary ?? null,
      events: events.map((e) => ({
        type: e.type,
        eventId: e.event_id,
        occurredAt: e.occurred_at,
        agentId: e.agent_id === '' ? null : e.agent_id,
        channel: e.channel === '' ? null : e.channel,
        outcome: e.outcome === '' ? null : e.outcome,
        amount: e.amount === null ? null : Number(e.amount),
        detail: e.detail,
      })),
    };
  }
}
