import { describe, expect, it } from 'vitest';
import type { KpiTrendQuery } from '../../gql/graphql.ts';
import { KpiTrendQuery as Doc } from './queries.ts';
import { TREND_MONTHS, trendPoints, trendVariables, trendWindows } from './trend.ts';

describe('overview trend', () => {
  it('covers the 12 calendar months ending at `to`, the last one cut at `to`', () => {
    const w = trendWindows('2026-10-15');
    expect(w).toHaveLength(12);
    // 2026-10 minus 11 months = 2025-11
    expect(w[0]).toEqual({ month: '2025-11', from: '2025-11-01', to: '2025-11-30' });
    // February of a non-leap year ends on the 28th
    expect(w[3]).toEqual({ month: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(w[11]).toEqual({ month: '2026-10', from: '2026-10-01', to: '2026-10-15' });
  });

  it('asks for every month in one document, one alias per month', () => {
    const aliases = Doc.toString().match(/\bm\d+: kpis\(/g) ?? [];
    expect(aliases).toHaveLength(TREND_MONTHS);
    const w = trendWindows('2026-10-31');
    const vars = trendVariables(w, { regions: ['north'] }) as unknown as Record<string, unknown>;
    expect(vars).toMatchObject({
      filter: { regions: ['north'] },
      f0: '2025-11-01',
      t0: '2025-11-30',
      f11: '2026-10-01',
      t11: '2026-10-31',
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
    expect(points[0]).toEqual({ month: '2025-11', delinquencyRate: 0, amountCollected: 1000 });
    expect(points[11]).toEqual({ month: '2026-10', delinquencyRate: 0.11, amountCollected: 1011 });
  });
});
