import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { ACCOUNT_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { parseIntIn } from '../../validate.ts';
import { buildForecast } from './loss-forecast.math.ts';
import { lossForecastQuery, type ForecastInputRow } from './loss-forecast.sql.ts';
import { LossForecast } from './loss-forecast.types.ts';

@Resolver()
export class LossForecastResolver {
  @Query(() => LossForecast, {
    description:
      'Bucket distribution and expected charge-offs `months` ahead, from the pooled roll rates of the last `lookbackMonths` origin months.',
  })
  async lossForecast(
    @Arg('months', () => Int, {
      defaultValue: 6,
      description: 'Months to project ahead (1–60).',
    })
    months: number,
    @Arg('lookbackMonths', () => Int, {
      defaultValue: 6,
      description: 'Latest origin months whose pooled roll rates drive the projection (1–36).',
    })
    lookbackMonths: number,
    @Arg('filter', () => PortfolioFilter, filterArg(ACCOUNT_DIMENSIONS))
    filter: PortfolioFilter | null,
    @Ctx() ctx: ApiContext,
  ): Promise<LossForecast> {
    parseIntIn('months', months, 1, 60);
    parseIntIn('lookbackMonths', lookbackMonths, 1, 36);
    await checkFilter(ctx, 'lossForecast', filter, ACCOUNT_DIMENSIONS);
    const rows = await runQuery<ForecastInputRow>(
      ctx,
      lossForecastQuery({ lookbackMonths, filter }),
    );
    return buildForecast(rows, months, lookbackMonths);
  }
}
