/**
 * The overview trend: the 13 calendar months ending at `to` (the last one cut
 * at `to`), fetched as one aliased request (queries.ts KpiTrendQuery). A month
 * that ends after the data's as-of date is "to date": the chart draws it dashed
 * and labels it so, and "what changed" leaves it out. Pure.
 */
import type { KpiTrendQuery, KpiTrendQueryVariables, PortfolioFilter } from '../../gql/graphql.ts';
import { addMonths, lastDayOfMonth, monthOf, monthRange } from '../../lib/dates.ts';
import { isPartialMonth } from '../../lib/periods.ts';
import { markToDate, toDateKey } from '../../lib/todate.ts';
import { kpiTrend, type TrendPoint } from './kpi.ts';

export const TREND_MONTHS = 13;

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

export function trendMonths(windows: readonly TrendWindow[], data: KpiTrendQuery) {
  return windows.map((w, i) => ({ month: w.month, kpis: data[`m${i}` as Alias].kpis }));
}

export function trendPoints(windows: readonly TrendWindow[], data: KpiTrendQuery): TrendPoint[] {
  return kpiTrend(trendMonths(windows, data));
}

export interface ChartPoint extends TrendPoint {
  /** Axis label: the month, "(to date)" when incomplete. */
  label: string;
  partial: boolean;
  /** Complete months only (solid line). */
  rate: number | null;
  collected: number | null;
  /** The last complete month and the partial one (dashed line joining them). */
  rateToDate: number | null;
  collectedToDate: number | null;
}

/**
 * Chart rows: a month whose window ends after `asOf` is partial; its values go
 * to the dashed "to date" series, which also repeats the month before so that
 * the dashed segment starts where the solid line ends.
 */
export function chartPoints(points: readonly TrendPoint[], asOf: string): ChartPoint[] {
  const plain = points.map((p) => ({
    ...p,
    label: p.month,
    partial: isPartialMonth(p.month, asOf),
    rate: p.delinquencyRate as number | null,
    collected: p.amountCollected as number | null,
  }));
  const { rows } = markToDate(plain, ['rate', 'collected'], (r) => r.partial, 'label');
  return rows.map((r) => {
    const dashed = r as Record<string, unknown>;
    return {
      ...r,
      rateToDate: (dashed[toDateKey('rate')] as number | null | undefined) ?? null,
      collectedToDate: (dashed[toDateKey('collected')] as number | null | undefined) ?? null,
    };
  });
}
