import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { FROM_ARG, TO_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { badInput, echo } from '../../errors.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { FILTER_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { DIMENSIONS_ARG_DESCRIPTION, GROUP_BY_DEPRECATION, groupByNames } from '../../group-by.ts';
import { parseDateRange } from '../../validate.ts';
import { Dimension } from '../explore/explore.catalog.ts';
import {
  PLAN_DIMENSIONS,
  repaymentPlansQuery,
  type PlanDimension,
  type PlanGroupRow,
} from './repayment-plans.sql.ts';
import { PlanGroup } from './repayment-plans.types.ts';

const DIMENSIONS = Object.keys(PLAN_DIMENSIONS) as PlanDimension[];
/** The Dimension values repaymentPlans groups by: explore's names, but PLAN_KIND is kind. */
const BY_DIMENSION: Partial<Record<Dimension, PlanDimension>> = {
  [Dimension.PLAN_KIND]: 'kind',
  ...Object.fromEntries(DIMENSIONS.filter((d) => d !== 'kind').map((d) => [d, d])),
};

@Resolver()
export class RepaymentPlansResolver {
  @Query(() => [PlanGroup], {
    description: `Repayment plans created in [from, to] (YYYY-MM-DD, REPORT_TZ), grouped by any of: ${DIMENSIONS.join(', ')} (default kind).`,
  })
  async repaymentPlans(
    @Arg('from', () => String, FROM_ARG) from: string,
    @Arg('to', () => String, TO_ARG) to: string,
    // Nullable without a default (it was `= ["kind"]`): only so can `dimensions` be told apart.
    @Arg('groupBy', () => [String], {
      nullable: true,
      description: `Dimensions to group by, in order: ${DIMENSIONS.join(', ')}; kind when neither this nor dimensions is given.`,
      deprecationReason: GROUP_BY_DEPRECATION,
    })
    groupBy: string[] | null,
    @Arg('dimensions', () => [Dimension], {
      nullable: true,
      description: `${DIMENSIONS_ARG_DESCRIPTION} PLAN_KIND, STRATEGY, SEGMENT, ENTRY_BUCKET, PRODUCT, PORTFOLIO, REGION; [PLAN_KIND] when neither is given.`,
    })
    byDimensions: Dimension[] | null,
    @Arg('filter', () => PortfolioFilter, filterArg(FILTER_DIMENSIONS))
    filter: PortfolioFilter | null,
    @Ctx() ctx: ApiContext,
  ): Promise<PlanGroup[]> {
    parseDateRange(from, to);
    const dimensions = parseGroupBy(
      groupByNames('repaymentPlans', groupBy, byDimensions, BY_DIMENSION) ?? ['kind'],
    );
    await checkFilter(ctx, 'repaymentPlans', filter, FILTER_DIMENSIONS);
    const rows = await runQuery<PlanGroupRow>(
      ctx,
      repaymentPlansQuery({
        from,
        to,
        groupBy: dimensions,
        tz: ctx.env.REPORT_TZ,
        filter,
        // viewers see aggregates only: no group small enough to single out a plan's case
        minPlans: ctx.role === 'viewer' ? ctx.env.SMALL_CELL_MIN_CASES : undefined,
      }),
    );
    return rows.map((row) => ({
      key: row.key,
      plans: row.plans,
      totalAmount: row.sum_total,
      paid: row.sum_paid,
      dueSoFar: row.sum_due,
      onTrack: row.on_track,
      onTrackRate: row.on_track / row.plans,
      closedPlans: row.closed_plans,
      completed: row.completed,
      completionRate: row.closed_plans === 0 ? null : row.completed / row.closed_plans,
      suppressedGroups: row.suppressed_groups,
    }));
  }
}

function parseGroupBy(groupBy: readonly string[]): PlanDimension[] {
  for (const d of groupBy) {
    if (!DIMENSIONS.includes(d as PlanDimension))
      throw badInput(`unknown groupBy dimension ${echo(d)}; use any of: ${DIMENSIONS.join(', ')}.`);
  }
  if (new Set(groupBy).size !== groupBy.length) throw badInput('groupBy lists a dimension twice.');
  return groupBy as PlanDimension[];
}
