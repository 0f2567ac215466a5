import { describe, expect, it } from 'vitest';
import type { OverviewTrendQuery } from '../../gql/graphql.ts';
import { kpiSeries } from './changes.ts';
import { KPI_META } from './kpi.ts';
import { OverviewTrendQuery as Doc } from './queries.ts';
import {
  TREND_MEASURES,
  chartPoints,
  trendMonths,
  trendPoints,
  trendVariables,
  trendWindows,
  withStockAtTo,
} from './trend.ts';

describe('overview trend', () => {
  it('covers the 13 calendar months ending at `to`, the last one cut at `to`', () => {
    const w = trendWindows('2026-10-15');
    expect(w).toHaveLength(13);
    // 2026-10 minus 12 months = 2025-10: the same month a year earlier
    expect(w[0]).toEqual({ month: '2025-10', from: '2025-10-01', to: '2025-10-31' });
    // February of a non-leap year ends on the 28th
    expect(w[4]).toEqual({ month: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(w[12]).toEqual({ month: '2026-10', from: '2026-10-01', to: '2026-10-15' });
  });

  it('asks for every KPI of every month in one explore request by month', () => {
    expect(Doc.toString().match(/\bexplore\(/g)).toHaveLength(1);
    expect(Doc.toString()).toContain('grain: MONTH');
    // the tiles' twelve KPIs, as measures whose keys are the KPI names
    expect(TREND_MEASURES.map((m) => m.toLowerCase())).toEqual(Object.keys(KPI_META));
    const vars = trendVariables(trendWindows('2026-10-15'), { regions: ['north'] });
    expect(vars).toEqual({
      from: '2025-10-01',
      to: '2026-10-15',
      measures: TREND_MEASURES,
      filter: { regions: ['north'] },
    });
  });

  it('maps the rows back to the months; a rate without a denominator is 0, as kpis; a month without a row has no point', () => {
    const w = trendWindows('2026-10-31');
    const rate = (value: number | null, numerator: number, denominator: number) => ({
      measure: 'DELINQUENCY_RATE' as const,
      value,
      numerator,
      denominator,
    });
    const collected = (value: number) => ({
      measure: 'AMOUNT_COLLECTED' as const,
      value,
      numerator: null,
      denominator: null,
    });
    const data = {
      explore: {
        rows: w
          .filter((_, i) => i !== 3)
          .map((x, i) => ({
            period: x.month,
            values: [i === 0 ? rate(null, 0, 0) : rate(i / 100, i, 100), collected(1000 + i)],
          })),
      },
    } as unknown as OverviewTrendQuery;
    const points = trendPoints(w, data);
    expect(points[0]).toEqual({ month: '2025-10', delinquencyRate: 0, amountCollected: 1000 });
    expect(points[1]).toEqual({ month: '2025-11', delinquencyRate: 0.01, amountCollected: 1001 });
    // no row: all zeros, which kpiTrend takes as before the data
    expect(points[3]).toEqual({ month: '2026-01', delinquencyRate: null, amountCollected: null });
    expect(points[12]).toEqual({ month: '2026-10', delinquencyRate: 0.11, amountCollected: 1011 });
    expect(trendMonths(w, data)[12]!.kpis.map((k) => k.name)).toEqual(Object.keys(KPI_META));
  });

  it('leaves a month withheld from a viewer (small cell) missing, not zero', () => {
    const w = trendWindows('2026-10-31');
    const value = (measure: string, v: number | null) => ({
      measure,
      value: v,
      numerator: null,
      denominator: null,
    });
    const data = {
      explore: {
        rows: w.map((x, i) => ({
          period: x.month,
          // 2026-09 is a small cell: explore withholds its values (null) and marks it
          suppressed: i === 11,
          values:
            i === 11
              ? [value('DELINQUENCY_RATE', null), value('AMOUNT_COLLECTED', null)]
              : [value('DELINQUENCY_RATE', 0.1), value('AMOUNT_COLLECTED', 500)],
        })),
      },
    } as unknown as OverviewTrendQuery;
    const months = trendMonths(w, data);
    expect(months[11]!.kpis.every((k) => k.value === null)).toBe(true);
    // a measure the row does not carry is still 0 in a row that is not withheld
    expect(months[10]!.kpis.find((k) => k.name === 'cases_opened')?.value).toBe(0);
    expect(trendPoints(w, data)[11]).toEqual({
      month: '2026-09',
      delinquencyRate: null,
      amountCollected: null,
    });
    // "what changed" sees no value for it, not a drop to zero
    const rate = kpiSeries(months).find((s) => s.id === 'delinquency_rate')!;
    expect(rate.points[11]).toEqual({ month: '2026-09', value: null });
    expect(rate.points[10]).toEqual({ month: '2026-08', value: 0.1 });
  });

  it('takes the last window’s delinquency from kpis when `to` is inside its month, as the tile', () => {
    const months = (rate: number) =>
      ['2026-09', '2026-10'].map((month) => ({
        month,
        kpis: [
          { name: 'delinquency_rate', value: rate },
          { name: 'delinquent_accounts', value: 7 },
          { name: 'amount_collected', value: 100 },
        ],
      }));
    // kpis for 2026-10-01 … 2026-10-15 read the state at the 15th: rate 0.2, 5 accounts
    const tiles = [
      { name: 'delinquency_rate', value: 0.2 },
      { name: 'delinquent_accounts', value: 5 },
      { name: 'amount_collected', value: 999 },
    ];
    const mid = withStockAtTo(months(0.3), trendWindows('2026-10-15'), tiles);
    expect(mid[1]!.kpis).toEqual([
      { name: 'delinquency_rate', value: 0.2 },
      { name: 'delinquent_accounts', value: 5 },
      // a flow over the window is explore's already: left as is
      { name: 'amount_collected', value: 100 },
    ]);
    expect(mid[0]).toEqual(months(0.3)[0]);
    // a month-end `to`: explore's month end is kpis' `to`, nothing replaced
    expect(withStockAtTo(months(0.3), trendWindows('2026-10-31'), tiles)).toEqual(months(0.3));
  });

  it('marks the month that ends after the as-of date as to date, drawn dashed from the month before', () => {
    const points = [
      { month: '2026-09', delinquencyRate: 0.1, amountCollected: 900 },
      { month: '2026-10', delinquencyRate: 0.11, amountCollected: 1000 },
      { month: '2026-11', delinquencyRate: 0.02, amountCollected: 30 },
    ];
    // as of 2026-11-01: November is partial, October complete
    const c = chartPoints(points, '2026-11-01');
    expect(c.map((p) => p.label)).toEqual(['2026-09', '2026-10', '2026-11 (to date)']);
    expect(c.map((p) => p.collected)).toEqual([900, 1000, null]);
    expect(c.map((p) => p.collectedToDate)).toEqual([null, 1000, 30]);
    // all complete: no dashed series at all
    expect(chartPoints(points, '2026-11-30').every((p) => p.rateToDate === null)).toBe(true);
  });
});
