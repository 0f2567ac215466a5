import { describe, expect, it } from 'vitest';
import {
  judge,
  kpiCounts,
  kpiSeries,
  meanSd,
  rollSeries,
  whatChanged,
  type Series,
} from './changes.ts';

/** 2025-01 … 2025-12. */
const months = (n: number) =>
  Array.from({ length: n }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

/** 12 earlier months alternating 0.40 / 0.44 (mean 0.42), then `latest`. */
function rate(latest: number, count?: { of: number; in: number }): Series {
  const ms = [...months(12), '2026-01'];
  return {
    id: 'r',
    label: 'M1→M2 roll rate',
    format: 'pct',
    href: '#/roll-rates',
    points: ms.map((month, i) =>
      i < 12
        ? { month, value: i % 2 ? 0.44 : 0.4 }
        : { month, value: latest, ...(count ? { count } : {}) },
    ),
  };
}

describe('what changed', () => {
  it('computes the mean and the sample standard deviation', () => {
    // 0.40 ×6, 0.44 ×6: mean 0.42; squared deviations 12 × 0.0004 = 0.0048; / 11 → sd √0.000436 = 0.02089
    const s = meanSd(
      rate(0)
        .points.slice(0, 12)
        .map((p) => p.value!),
    )!;
    expect(s.mean).toBeCloseTo(0.42, 12);
    expect(s.sd).toBeCloseTo(Math.sqrt(0.0048 / 11), 12);
    expect(meanSd([1])).toBeNull();
  });

  it('flags a month beyond 2 sd with its counts and a one-line reason', () => {
    // 0.52: z = (0.52 − 0.42) / 0.02089 = 4.79
    const c = judge(rate(0.52, { of: 52, in: 100 }))!;
    expect(c.z).toBeCloseTo(0.1 / Math.sqrt(0.0048 / 11), 9);
    expect(c.count).toEqual({ of: 52, in: 100 });
    expect(c.reason).toBe('M1→M2 roll rate 52.0% (52/100) vs 42.0 ± 2.1% over 12 months');
    expect(c.month).toBe('2026-01');
  });

  it('keeps a month within 2 sd, a flat series and a short history quiet', () => {
    // 0.46: z = 0.04 / 0.02089 = 1.91 ≤ 2
    expect(judge(rate(0.46))).toBeNull();
    // 0.47: z = 0.05 / 0.02089 = 2.39 > 2, also downwards: 0.37 → z = −2.39
    expect(judge(rate(0.47))).not.toBeNull();
    expect(judge(rate(0.37))!.z).toBeLessThan(-2);
    const flat: Series = {
      ...rate(0.9),
      points: rate(0.9).points.map((p, i) => ({ ...p, value: i < 12 ? 0.5 : 0.9 })),
    };
    expect(judge(flat)).toBeNull();
    const short: Series = { ...rate(0.9), points: rate(0.9).points.slice(-6) };
    expect(judge(short)).toBeNull();
  });

  it('lists only the moved series of the 13-month KPI trend, largest |z| first', () => {
    // amount_collected: 1000/1100 alternating (mean 1050, sd 52.2), then 2000: z = 18.2
    // cases_opened: 10/12 alternating (mean 11, sd 1.04), then 12: z = 0.96
    const trend = [...months(12), '2026-01'].map((month, i) => ({
      month,
      kpis: [
        { name: 'amount_collected', value: i === 12 ? 2000 : i % 2 ? 1100 : 1000 },
        { name: 'cases_opened', value: i === 12 ? 12 : i % 2 ? 12 : 10 },
      ],
    }));
    const changes = whatChanged(kpiSeries(trend));
    expect(changes.map((c) => c.id)).toEqual(['amount_collected']);
    expect(changes[0]!.href).toBe('#/agents');
    expect(changes[0]!.reason).toMatch(
      /^Amount collected CNY 2,000 vs CNY 1,050 ± 52 over 12 months$/,
    );
  });

  it('puts the counts explore gives behind a KPI rate into its reason', () => {
    // cure_rate_30d: 0.30/0.34 alternating (mean 0.32, sd 0.02089), then 0.40 = 40 of 100 mature
    // cases: z = 0.08 / 0.02089 = 3.83. cost_to_collect's parts are amounts.
    const ms = [...months(12), '2026-01'];
    const trend = ms.map((month, i) => ({
      month,
      kpis: [{ name: 'cure_rate_30d', value: i === 12 ? 0.4 : i % 2 ? 0.34 : 0.3 }],
    }));
    const counts = kpiCounts([
      {
        period: '2026-01',
        values: [
          { measure: 'CURE_RATE_30D', numerator: 40, denominator: 100 },
          { measure: 'COST_TO_COLLECT', numerator: 500, denominator: 2000 },
        ],
      },
    ]);
    expect(counts.get('cost_to_collect')?.get('2026-01')).toEqual({
      of: 500,
      in: 2000,
      money: true,
    });
    const [c] = whatChanged(kpiSeries(trend, counts));
    expect(c!.reason).toBe('Cure rate (30 days) 40.0% (40/100) vs 32.0 ± 2.1% over 12 months');
    expect(c!.count).toEqual({ of: 40, in: 100 });
  });

  it('gives the delinquency rate its counts, delinquent balance of open balance, in the currency', () => {
    // delinquency_rate: 0.10/0.12 alternating (mean 0.11, sd 0.01044), then 0.15 =
    // 150 000 delinquent of 1 000 000 open: z = 0.04 / 0.01044 = 3.83.
    const ms = [...months(12), '2026-01'];
    const trend = ms.map((month, i) => ({
      month,
      kpis: [{ name: 'delinquency_rate', value: i === 12 ? 0.15 : i % 2 ? 0.12 : 0.1 }],
    }));
    const counts = kpiCounts([
      {
        period: '2026-01',
        values: [{ measure: 'DELINQUENCY_RATE', numerator: 150_000, denominator: 1_000_000 }],
      },
    ]);
    const [c] = whatChanged(kpiSeries(trend, counts));
    expect(c!.reason).toBe(
      'Delinquency rate (balance) 15.0% (CNY 150,000/CNY 1,000,000) vs 11.0 ± 1.0% over 12 months',
    );
    expect(c!.href).toBe('#/roll-rates');
  });

  it('takes a month of all-zero KPIs (before the data) as missing, not as a zero', () => {
    // 6 months before the data (all 0), then 6 months at 100/110 and a latest 105: history
    // 100, 110 ×3 each (mean 105): no change; with the zeros counted, the mean would be 52.5.
    const trend = [...months(12), '2026-01'].map((month, i) => ({
      month,
      kpis: [
        { name: 'cases_opened', value: i < 6 ? 0 : i === 12 ? 105 : i % 2 ? 110 : 100 },
        { name: 'charge_offs', value: i < 6 ? 0 : 3 },
      ],
    }));
    const s = kpiSeries(trend).find((x) => x.id === 'cases_opened')!;
    expect(s.points.slice(0, 6).every((p) => p.value === null)).toBe(true);
    expect(judge(s)).toBeNull();
    expect(whatChanged(kpiSeries(trend))).toEqual([]);
  });

  it('builds roll-rate series from the API rates with the accounts behind them', () => {
    const s = rollSeries(
      [
        {
          month: '2025-12',
          transitions: [
            { from: 'M1', to: 'M2', accounts: 3, accountRate: 0.3 },
            { from: 'M1', to: 'M0', accounts: 7, accountRate: 0.7 },
          ],
        },
      ],
      () => '2026-01',
    ).find((x) => x.id === 'roll:M1>M2')!;
    // 3 of the 3 + 7 = 10 M1 accounts observed next month; the API's rate 0.3
    expect(s.points).toEqual([{ month: '2026-01', value: 0.3, count: { of: 3, in: 10 } }]);
  });
});
