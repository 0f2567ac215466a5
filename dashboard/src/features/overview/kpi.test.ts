import { describe, expect, it } from 'vitest';
import { kpiTile, kpiTiles, kpiTrend } from './kpi.ts';

describe('kpiTile', () => {
  it('marks a falling delinquent balance as good news with its relative change', () => {
    // 900 vs 1200: delta −300, relative −300/1200 = −0.25, down, and down is good
    const t = kpiTile({ name: 'delinquent_balance', value: 900, previous: 1200 });
    expect(t).toMatchObject({ delta: -300, relative: -0.25, direction: 'down', good: true });
  });
  it('marks a rising collected amount as good and a rising rate as bad, rates without a relative change', () => {
    expect(kpiTile({ name: 'amount_collected', value: 150, previous: 100 })).toMatchObject({
      delta: 50,
      relative: 0.5,
      direction: 'up',
      good: true,
    });
    // 0.12 vs 0.10: +0.02 = 2 points, up, bad for delinquency
    const r = kpiTile({ name: 'delinquency_rate', value: 0.12, previous: 0.1 });
    expect(r.delta).toBeCloseTo(0.02, 10);
    expect(r).toMatchObject({ relative: null, direction: 'up', good: false });
  });
  it('has no delta without a previous value and no relative change from zero', () => {
    expect(kpiTile({ name: 'kept_rate', value: 0.5, previous: null })).toMatchObject({
      delta: null,
      direction: null,
      good: null,
    });
    expect(kpiTile({ name: 'cases_opened', value: 4, previous: 0 })).toMatchObject({
      delta: 4,
      relative: null,
      direction: 'up',
      good: false,
    });
  });
  it('carries the year-ago figure, null when absent', () => {
    expect(
      kpiTile({ name: 'amount_collected', value: 800, previous: 200, yearAgo: 400 }).yearAgo,
    ).toBe(400);
    expect(kpiTile({ name: 'kept_rate', value: 0.5, previous: null, yearAgo: 0.4 }).yearAgo).toBe(
      0.4,
    );
    expect(kpiTile({ name: 'kept_rate', value: 0.5 }).yearAgo).toBeNull();
  });
  it('shows cost to collect as a rate and collection cost as an amount, both better when lower', () => {
    // 0.125 vs 0.175: −5 points, down, good.
    const c = kpiTile({ name: 'cost_to_collect', value: 0.125, previous: 0.175 });
    expect(c.meta).toEqual({ label: 'Cost to collect', format: 'pct', upIsGood: false });
    expect(c).toMatchObject({ relative: null, direction: 'down', good: true });
    expect(kpiTile({ name: 'collection_cost', value: 100, previous: 35 })).toMatchObject({
      meta: { format: 'amount' },
      good: false,
    });
  });
  it('calls a change below display precision flat and neither good nor bad', () => {
    expect(kpiTile({ name: 'amount_collected', value: 100.001, previous: 100 })).toMatchObject({
      direction: 'flat',
      good: null,
    });
  });
});

describe('kpiTiles and kpiTrend', () => {
  it('orders known KPIs first and keeps unknown ones', () => {
    const names = kpiTiles([
      { name: 'zzz', value: 1 },
      { name: 'charge_offs', value: 2 },
      { name: 'delinquent_balance', value: 3 },
    ]).map((t) => t.name);
    expect(names).toEqual(['delinquent_balance', 'charge_offs', 'zzz']);
  });
  it('picks delinquency rate and amount collected per month', () => {
    expect(
      kpiTrend([
        {
          month: '2026-01',
          kpis: [
            { name: 'delinquency_rate', value: 0.1 },
            { name: 'amount_collected', value: 5 },
          ],
        },
        { month: '2026-02', kpis: [] },
        // before the data: every KPI 0 → no point rather than a drop to zero
        {
          month: '2025-12',
          kpis: [
            { name: 'delinquency_rate', value: 0 },
            { name: 'amount_collected', value: 0 },
          ],
        },
      ]),
    ).toEqual([
      { month: '2026-01', delinquencyRate: 0.1, amountCollected: 5 },
      { month: '2026-02', delinquencyRate: null, amountCollected: null },
      { month: '2025-12', delinquencyRate: null, amountCollected: null },
    ]);
  });
});
