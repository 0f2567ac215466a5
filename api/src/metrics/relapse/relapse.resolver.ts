import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { FROM_ARG, TO_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { FILTER_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { parseDateRange } from '../../validate.ts';
import { RELAPSE_WINDOW_DAYS, relapseQuery, type RelapseRow } from './relapse.sql.ts';
import { PostCureRelapse, RelapseCohort } from './relapse.types.ts';

@Resolver()
export class RelapseResolver {
  @Query(() => PostCureRelapse, {
    description:
      'Of the cases closed cured in [from, to] (YYYY-MM-DD, REPORT_TZ), the share back in M1 or worse within 90 days.',
  })
  async postCureRelapse(
    @Arg('from', () => String, FROM_ARG) from: string,
    @Arg('to', () => String, TO_ARG) to: string,
    @Arg('filter', () => PortfolioFilter, filterArg(FILTER_DIMENSIONS))
    filter: PortfolioFilter | null,
    @Ctx() ctx: ApiContext,
  ): Promise<PostCureRelapse> {
    parseDateRange(from, to);
    await checkFilter(ctx, 'postCureRelapse', filter, FILTER_DIMENSIONS);
    const rows = await runQuery<RelapseRow>(
      ctx,
      relapseQuery({ from, to, filter, tz: ctx.env.REPORT_TZ }),
    );
    const months = rows.map((row) =>
      cohort(row.month, row.n_cured, row.n_mature, row.n_relapsed, row.n_immature_relapsed),
    );
    const sum = (pick: (r: RelapseRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
    const total = cohort(
      null,
      sum((r) => r.n_cured),
      sum((r) => r.n_mature),
      sum((r) => r.n_relapsed),
      sum((r) => r.n_immature_relapsed),
    );
    return { windowDays: RELAPSE_WINDOW_DAYS, total, months };
  }
}

function cohort(
  month: string | null,
  cured: number,
  matureCured: number,
  relapsed: number,
  immatureRelapsed: number,
): RelapseCohort {
  return {
    month,
    cured,
    matureCured,
    relapsed,
    relapseRate: matureCured === 0 ? null : relapsed / matureCured,
    immatureCured: cured - matureCured,
    immatureRelapsed,
  };
}
