/**
 * The overview trend: the 13 calendar months ending at `to` (the last one cut
 * at `to`), fetched as one explore request by month (queries.ts OverviewTrendQuery). A month
 * that ends after the data's as-of date is "to date": the chart draws it dashed
 * and labels it so, and "what changed" leaves it out. Pure.
 */
import type {
  Measure,
  OverviewTrendQuery,
  OverviewTrendQueryVariables,
  PortfolioFilter,
} from '../../gql/graphql.ts';
import { addMonths, lastDayOfMonth, monthOf, monthRange } from '../../lib/dates.ts';
import { isPartialMonth } from '../../lib/periods.ts';
import { markToDate, toDateKey } from '../../lib/todate.ts';
import { kpiTrend, type TrendPoint } from './kpi.ts';

export const TREND_MONTHS = 13;

/**
 * The KPIs of the trend as explore measures, whose catalog keys are the KPI names
 * (docs/metrics/explore.md): the tiles' twelve, in the same order.
 */
export const TREND_MEASURES: readonly Measure[] = [
  'DELINQUENT_BALANCE',
  'DELINQUENT_ACCOUNTS',
  'DELINQUENCY_RATE',
  'CASES_OPENED',
  'CASES_CLOSED',
  'AMOUNT_COLLECTED',
  'CURE_RATE_30D',
  'RPC_RATE',
  'KEPT_RATE',
  'CHARGE_OFFS',
  'COLLECTION_COST',
  'COST_TO_COLLECT',
];

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

export function trendVariables(
  windows: readonly TrendWindow[],
  filter: PortfolioFilter | null,
): OverviewTrendQueryVariables {
  return {
    from: windows[0]!.from,
    to: windows[windows.length - 1]!.to,
    measures: [...TREND_MEASURES],
    filter,
  };
}

/**
 * Each window's KPIs `{ name, value }` (name = the measure's key) from the explore rows.
 * A month without a row has no data: all zeros, as kpis answers (kpiSeries then
 * leaves it out); a rate without a denominator is 0, as kpis gives it. A row withheld
 * from a viewer (small cell, `suppressed`) is missing: null, not a zero.
 */
export function trendMonths(windows: readonly TrendWindow[], data: OverviewTrendQuery) {
  const byMonth = new Map(data.explore.rows.map((r) => [r.period, r]));
  return windows.map((w) => {
    const row = byMonth.get(w.month);
    return {
      month: w.month,
      kpis: TREND_MEASURES.map((m) => ({
        name: m.toLowerCase(),
        value: row?.suppressed ? null : (row?.values.find((v) => v.measure === m)?.value ?? 0),
      })),
    };
  });
}

/** The trend's stock KPIs: explore reads them at month ends, kpis at `to`. */
const STOCK_KPIS = ['delinquent_balance', 'delinquent_accounts', 'delinquency_rate'];

/**
 * With a `to` inside its month, the last window's delinquency figures are kpis' for the
 * period ending at `to` (the tiles' answer), not explore's month end: tile and trend agree.
 */
export function withStockAtTo<M extends { month: string; kpis: readonly KpiValue[] }>(
  months: readonly M[],
  windows: readonly TrendWindow[],
  kpis: readonly KpiValue[],
): M[] {
  const last = windows[windows.length - 1];
  if (!last || last.to === lastDayOfMonth(last.month)) return [...months];
  return months.map((m) =>
    m.month !== last.month
      ? m
      : {
          ...m,
          kpis: m.kpis.map((k) =>
            STOCK_KPIS.includes(k.name)
              ? { ...k, value: kpis.find((t) => t.name === k.name)?.value ?? k.value }
              : k,
          ),
        },
  );
}

interface KpiValue {
  name: string;
  value: number | null;
}

export function trendPoints(
  windows: readonly TrendWindow[],
  data: OverviewTrendQuery,
): TrendPoint[] {
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
