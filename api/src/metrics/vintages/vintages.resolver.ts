import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { FROM_MONTH_ARG, TO_MONTH_ARG } from '../../args.ts';
import type { ApiContext } from '../../context.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { ACCOUNT_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { addMonths } from '../../sql/period.ts';
import { parseMonthRange } from '../../validate.ts';
import { vintagesQuery, type VintageRow } from './vintages.sql.ts';
import { Vintage } from './vintages.types.ts';

@Resolver()
export class VintagesResolver {
  @Query(() => [Vintage], {
    description:
      'Vintage curves of accounts opened in fromMonth … toMonth (YYYY-MM): ever 30+/60+/90+ DPD by months-on-book.',
  })
  async vintages(
    @Arg('fromMonth', () => String, FROM_MONTH_ARG) fromMonth: string,
    @Arg('toMonth', () => String, TO_MONTH_ARG) toMonth: string,
    @Arg('filter', () => PortfolioFilter, filterArg(ACCOUNT_DIMENSIONS))
    filter: PortfolioFilter | null,
    @Ctx() ctx: ApiContext,
  ): Promise<Vintage[]> {
    parseMonthRange('fromMonth', fromMonth, 'toMonth', toMonth);
    await checkFilter(ctx, 'vintages', filter, ACCOUNT_DIMENSIONS);
    const rows = await runQuery<VintageRow>(
      ctx,
      vintagesQuery({ fromMonth, toMonth, filter, tz: ctx.env.REPORT_TZ }),
    );
    return toVintages(rows);
  }
}

/** Rows (one per vintage and k, in order) → vintages with their points. */
export function toVintages(rows: readonly VintageRow[]): Vintage[] {
  const vintages = new Map<string, Vintage>();
  for (const row of rows) {
    let vintage = vintages.get(row.vintage_month);
    if (!vintage) {
      vintage = { vintage: row.vintage_month, accounts: row.accounts, points: [] };
      vintages.set(row.vintage_month, vintage);
    }
    vintage.points.push({
      monthsOnBook: row.k,
      month: addMonths(row.vintage_month, row.k),
      ever30: row.ever30,
      ever60: row.ever60,
      ever90: row.ever90,
      ever30Rate: row.ever30 / row.accounts,
      ever60Rate: row.ever60 / row.accounts,
      ever90Rate: row.ever90 / row.accounts,
    });
  }
  return [...vintages.values()];
}
