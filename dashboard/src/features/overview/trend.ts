/**
 * The overview trend: the 12 calendar months ending at `to` (the last one cut
 * at `to`), fetched as one aliased request (queries.ts KpiTrendQuery). Pure.
 */
import type { KpiTrendQuery, KpiTrendQueryVariables, PortfolioFilter } from '../../gql/graphql.ts';
import { addMonths, lastDayOfMonth, monthOf, monthRange } from '../../lib/dates.ts';
import { kpiTrend, type TrendPoint } from './kpi.ts';

export const TREND_MONTHS = 12;

export interface TrendWindow {
  month: string;
  from: string;
  to: string;
}

export function trendWindows(to: string): TrendWindow[] {
  const last = monthOf(to);
  return monthRange(addMonths(last, 1 - TREND_MONTHS), last).map((month) => {
    const end = lastDayOfMonth(month);
    return { month, from: `${month}-01`, to: end < to ? end : to };
  });
}

type Alias = `m${number}` & keyof KpiTrendQuery;

export function trendVariables(
  windows: readonly TrendWindow[],
  filter: PortfolioFilter | null,
): KpiTrendQueryVariables {
  const vars: Record<string, string | PortfolioFilter | null> = { filter };
  windows.forEach((w, i) => {
    vars[`f${i}`] = w.from;
    vars[`t${i}`] = w.to;
  });
  return vars as unknown as KpiTrendQueryVariables;
}

export function trendPoints(windows: readonly TrendWindow[], data: KpiTrendQuery): TrendPoint[] {
  return kpiTrend(windows.map((w, i) => ({ month: w.month, kpis: data[`m${i}` as Alias].kpis })));
}
