import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { badInput } from '../../errors.ts';
import { checkFilter, filterArg } from '../../filters/filter-check.ts';
import { ACCOUNT_DIMENSIONS, PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { previousPeriod, yearAgoPeriod, type Period } from '../../sql/period.ts';
import { parseDateRange } from '../../validate.ts';
import { KPI_NAMES, kpiValues } from './kpis.compute.ts';
import { dataSpanQuery, kpiQuery, monthEndFlagsQuery, type KpiRow } from './kpis.sql.ts';
import { KpiSummary } from './kpis.types.ts';

@Resolver()
export class KpisResolver {
  @Query(() => KpiSummary, {
    description:
      'Management KPIs over [from, to] (YYYY-MM-DD, REPORT_TZ, both inclusive) for the accounts of the filter, with the previous period and the same period a year earlier. A period that starts after the data as-of date is BAD_USER_INPUT; one that ends after it is flagged partial.',
  })
  async kpis(
    @Ctx() ctx: ApiContext,
    @Arg('from', () => String, { description: 'First day, YYYY-MM-DD.' }) from: string,
    @Arg('to', () => String, { description: 'Last day, YYYY-MM-DD, inclusive.' }) to: string,
    @Arg('filter', () => PortfolioFilter, filterArg(ACCOUNT_DIMENSIONS))
    filter: PortfolioFilter | null,
  ): Promise<KpiSummary> {
    parseDateRange(from, to);
    await checkFilter(ctx, 'kpis', filter, ACCOUNT_DIMENSIONS);
    const previous = previousPeriod(from, to);
    const yearAgo = yearAgoPeriod(from, to);
    const common = { tz: ctx.env.REPORT_TZ, graceDays: ctx.env.PROMISE_GRACE_DAYS, filter };
    // Which period ends allow the month-end form of the account state (kpis.sql.ts).
    const [[span], flags] = await Promise.all([
      runQuery<{ as_of: string | null; first_day: string | null }>(ctx, dataSpanQuery(common.tz)),
      runQuery<{ i: number | string; month_end: number | string }>(
        ctx,
        monthEndFlagsQuery([to, previous.to, yearAgo.to]),
      ),
    ]);
    const asOf = span?.as_of ?? null;
    if (asOf === null) throw badInput('No data is loaded yet: there are no KPIs to compute.');
    if (from > asOf)
      throw badInput(
        `The period ${from} … ${to} starts after the data as-of date ${asOf}: nothing is loaded for it yet.`,
      );
    const figures = async (period: Period, i: number) => {
      const monthEnd = flags.some((f) => Number(f.i) === i && Number(f.month_end) === 1);
      const [row] = await runQuery<KpiRow>(
        ctx,
        kpiQuery({ ...period, ...common, stateAtMonthEnd: monthEnd }),
      );
      if (!row) throw new Error('KPI query returned no row');
      return kpiValues(row);
    };
    // Always every comparison: the answer cache keys by field and arguments, not by
    // selection, so an answer must not depend on which fields were selected.
    const yearAgoHasData = span?.first_day != null && yearAgo.to >= span.first_day;
    const [now, then, lastYear] = await Promise.all([
      figures({ from, to }, 0),
      figures(previous, 1),
      yearAgoHasData ? figures(yearAgo, 2) : null,
    ]);
    return {
      from,
      to,
      previousFrom: previous.from,
      previousTo: previous.to,
      yearAgoFrom: yearAgo.from,
      yearAgoTo: yearAgo.to,
      asOf,
      partial: to > asOf,
      currency: ctx.env.CURRENCY,
      kpis: KPI_NAMES.map((name) => ({
        name,
        kpi: name,
        value: now[name] ?? 0,
        previous: then?.[name] ?? null,
        yearAgo: lastYear?.[name] ?? null,
      })),
    };
  }
}
