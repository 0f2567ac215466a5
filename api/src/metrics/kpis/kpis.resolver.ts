import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context.ts';
import { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { runQuery } from '../../query.ts';
import { asOfQuery } from '../as-of/as-of.sql.ts';
import { previousPeriod } from '../../sql/period.ts';
import { parseDateRange } from '../../validate.ts';
import { KPI_NAMES, kpiValues } from './kpis.compute.ts';
import { kpiQuery, monthEndFlagsQuery, type KpiRow } from './kpis.sql.ts';
import { KpiSummary } from './kpis.types.ts';

@Resolver()
export class KpisResolver {
  @Query(() => KpiSummary, {
    description:
      'Management KPIs over [from, to] with the previous period of the same length, for the accounts of the filter.',
  })
  async kpis(
    @Ctx() ctx: ApiContext,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @Arg('filter', () => PortfolioFilter, { nullable: true }) filter: PortfolioFilter | null,
  ): Promise<KpiSummary> {
    parseDateRange(from, to);
    const previous = previousPeriod(from, to);
    const common = { tz: ctx.env.REPORT_TZ, graceDays: ctx.env.PROMISE_GRACE_DAYS, filter };
    // Which period ends allow the month-end form of the account state (kpis.sql.ts).
    const flags = await runQuery<{ i: number | string; month_end: number | string }>(
      ctx,
      monthEndFlagsQuery([to, previous.to]),
    );
    const monthEnd = (i: number) =>
      flags.some((f) => Number(f.i) === i && Number(f.month_end) === 1);
    const [[current], [before], [asOf]] = await Promise.all([
      runQuery<KpiRow>(ctx, kpiQuery({ from, to, ...common, stateAtMonthEnd: monthEnd(0) })),
      runQuery<KpiRow>(ctx, kpiQuery({ ...previous, ...common, stateAtMonthEnd: monthEnd(1) })),
      runQuery<{ date: string | null }>(ctx, asOfQuery(ctx.env.REPORT_TZ)),
    ]);
    if (!current || !before) throw new Error('KPI query returned no row');
    const now = kpiValues(current);
    const then = kpiValues(before);
    return {
      from,
      to,
      previousFrom: previous.from,
      previousTo: previous.to,
      asOf: asOf?.date ?? '',
      kpis: KPI_NAMES.map((name) => ({ name, value: now[name] ?? 0, previous: then[name] })),
    };
  }
}
