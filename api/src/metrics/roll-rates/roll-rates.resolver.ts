import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { FROM_MONTH_ARG, TO_MONTH_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { ACCOUNT_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { parseMonthRange, parseMonthSpan } from '../../validate.ts';
import { buildReport } from './roll-rates.math.ts';
import type { TransitionRow } from '../../sql/transitions.ts';
import { rollRatesQuery } from './roll-rates.sql.ts';
import { RollRateReport } from './roll-rates.types.ts';

/** Origin months a report may span: two years by default data, ten at most. */
const MAX_MONTHS = 120;

@Resolver()
export class RollRatesResolver {
  @Query(() => RollRateReport, {
    description:
      'docs/metrics/roll-rates.md for origin months fromMonth … toMonth (YYYY-MM), each vs the month after.',
  })
  async rollRates(
    @Arg('fromMonth', () => String, FROM_MONTH_ARG) fromMonth: string,
    @Arg('toMonth', () => String, TO_MONTH_ARG) toMonth: string,
    @Arg('filter', () => PortfolioFilter, filterArg(ACCOUNT_DIMENSIONS))
    filter: PortfolioFilter | null,
    @Ctx() ctx: ApiContext,
  ): Promise<RollRateReport> {
    const range = parseMonthRange('fromMonth', fromMonth, 'toMonth', toMonth);
    parseMonthSpan(range.from, range.to, MAX_MONTHS);
    await checkFilter(ctx, 'rollRates', filter, ACCOUNT_DIMENSIONS);
    const rows = await runQuery<TransitionRow>(
      ctx,
      rollRatesQuery({ fromMonth: range.from, toMonth: range.to, filter }),
    );
    const report = buildReport(rows, range.from, range.to);
    return {
      months: report.months,
      pooled: report.pooled.transitions,
      pooledUnobserved: report.pooled.unobserved,
      pooledFlows: report.pooled.flows,
    };
  }
}
