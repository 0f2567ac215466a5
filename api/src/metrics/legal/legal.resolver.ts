import { LEGAL_ACTIONS } from '@collections/schema';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { FROM_ARG, TO_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { FILTER_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { parseDateRange } from '../../validate.ts';
import { legalQuery, type LegalRow } from './legal.sql.ts';
import { LegalPipeline, LegalStage } from './legal.types.ts';

@Resolver()
export class LegalResolver {
  @Query(() => LegalPipeline, {
    description:
      'Cases whose first legal action is in [from, to] (YYYY-MM-DD, REPORT_TZ), by stage reached.',
  })
  async legalPipeline(
    @Arg('from', () => String, FROM_ARG) from: string,
    @Arg('to', () => String, TO_ARG) to: string,
    @Arg('filter', () => PortfolioFilter, filterArg(FILTER_DIMENSIONS))
    filter: PortfolioFilter | null,
    @Ctx() ctx: ApiContext,
  ): Promise<LegalPipeline> {
    parseDateRange(from, to);
    await checkFilter(ctx, 'legalPipeline', filter, FILTER_DIMENSIONS);
    const rows = await runQuery<LegalRow>(
      ctx,
      legalQuery({ from, to, tz: ctx.env.REPORT_TZ, filter }),
    );
    const byStage = new Map(rows.map((row) => [row.stage, row]));
    return {
      // LEGAL_ACTIONS lists the four stages in order, then withdrawn.
      stages: LEGAL_ACTIONS.map((stage) => toStage(stage, byStage.get(stage))),
      total: toStage(null, byStage.get('')),
    };
  }
}

function toStage(stage: string | null, row: LegalRow | undefined): LegalStage {
  if (!row)
    return {
      stage,
      cases: 0,
      legalCost: 0,
      recovered: 0,
      meanDaysToFirstAction: null,
      medianDaysToFirstAction: null,
      recoveredPerCost: null,
      costToCollect: null,
    };
  const known = row.n_opened_known > 0;
  return {
    stage,
    cases: row.n_cases,
    legalCost: row.sum_cost,
    recovered: row.sum_recovered,
    meanDaysToFirstAction: known ? row.mean_days : null,
    medianDaysToFirstAction: known ? row.median_days : null,
    recoveredPerCost: row.sum_cost === 0 ? null : row.sum_recovered / row.sum_cost,
    costToCollect: row.sum_recovered === 0 ? null : row.sum_cost / row.sum_recovered,
  };
}
