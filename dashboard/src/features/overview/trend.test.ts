import { describe, expect, it } from 'vitest';
import type { KpiTrendQuery } from '../../gql/graphql.ts';
import { KpiTrendQuery as Doc } from './queries.ts';
import { TREND_MONTHS, chartPoints, trendPoints, trendVariables, trendWindows } from './trend.ts';

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

  it('asks for every month in one document, one alias per month', () => {
    const aliases = Doc.toString().match(/\bm\d+: kpis\(/g) ?? [];
    expect(aliases).toHaveLength(TREND_MONTHS);
    const w = trendWindows('2026-10-31');
    const vars = trendVariables(w, { regions: ['north'] }) as unknown as Record<string, unknown>;
    expect(vars).toMatchObject({
      filter: { regions: ['north'] },
      f0: '2025-10-01',
      t0: '2025-10-31',
      f12: '2026-10-01',
      t12: '2026-10-31',
    });
    expect(Object.keys(vars)).toHaveLength(1 + 2 * TREND_MONTHS);
  });

  it('maps each alias back to its month', () => {
    const w = trendWindows('2026-10-31');
    const data = Object.fromEntries(
      w.map((_, i) => [
        `m${i}`,
        {
          kpis: [
            { name: 'delinquency_rate', value: i / 100 },
            { name: 'amount_collected', value: 1000 + i },
          ],
        },
      ]),
    ) as unknown as KpiTrendQuery;
    const points = trendPoints(w, data);
    expect(points[0]).toEqual({ month: '2025-10', delinquencyRate: 0, amountCollected: 1000 });
    expect(points[12]).toEqual({ month: '2026-10', delinquencyRate: 0.12, amountCollected: 1012 });
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
