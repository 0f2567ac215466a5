/**
 * Golden test of the KPI state at period end (docs/metrics/kpis.md, KPIs: each account's latest
 * snapshot on or before `to`) when accounts have months without a snapshot: the
 * latest state may be months old, and an account may have several such gaps.
 * REPORT_TZ = UTC. Period 2026-03-01..03-31 (whole months) → previous 2026-02-01..02-28.
 *
 * Snapshots (status dpd balance):
 *   B1 retail: 2025-12-31 open 40 (M2) 1000, nothing after.
 *   B2 sme:    2025-12-31 open 70 (M3) 700; 2026-01-31 closed 0 0, nothing after.
 *   B3 retail: 2025-11-30 open 10 (M1) 300; (no December); 2026-01-31 open 0 800;
 *              (no February); 2026-03-15 open 35 (M2) 900.
 *   B4 sme:    2026-02-28 open 100 (M4) 400; 2026-03-31 open 0 450.
 *   B5 sme:    charged_off 500 on 2026-01-31, 02-28 and 03-31.
 *
 * On or before 03-31: B1 1000 M2 · B2 closed · B3 900 M2 (03-15) · B4 450 M0 · B5 charged off
 *   → delinquent 1000 + 900 = 1900 on 2 accounts; open 1000 + 900 + 450 = 2350.
 * On or before 02-28: B1 1000 M2 (still December's) · B2 closed · B3 800 M0 (January's,
 *   not November's) · B4 400 M4 · B5 charged off
 *   → delinquent 1000 + 400 = 1400 on 2; open 1000 + 800 + 400 = 2200.
 * Charge-offs: B5 first on 01-31 → in neither March nor February: 0 and 0 (the 31
 *   days before March, 01-29..02-28, would have counted it).
 * Retail (B1, B3): now 1900 on 2 of 1900 open; before 1000 on 1 of 1800 open.
 *
 * Mid-month period 2026-03-01..03-10 (previous 02-19..02-28), when March has
 * snapshots after the 10th (B3 03-15, B4 03-31, B5 03-31 are not seen yet):
 *   B1 1000 M2 · B2 closed · B3 800 M0 (January's) · B4 400 M4 (02-28) · B5 charged off
 *   → delinquent 1400 on 2 of 2200 open; no first charge-off in either period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
let n = 0;
const account = (account_id: string, portfolio: string) => ({
  event_id: `e${++n}`,
  occurred_at: '2024-01-01 00:00:00.000',
  account_id,
  portfolio,
  product: 'credit_card',
  region: 'north',
  risk_grade: 'A',
  opened_on: '2024-01-01',
  principal: '5000',
});
const snap = (as_of: string, account_id: string, status: string, dpd: number, balance: string) => ({
  event_id: `e${++n}`,
  occurred_at: `${as_of} 12:00:00.000`,
  account_id,
  as_of,
  status,
  dpd,
  balance,
  amount_due: '0',
});

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'UTC' });
  await api.insert('account_opened', [
    account('B1', 'retail'),
    account('B2', 'sme'),
    account('B3', 'retail'),
    account('B4', 'sme'),
    account('B5', 'sme'),
  ]);
  await api.insert('account_snapshot', [
    snap('2025-12-31', 'B1', 'open', 40, '1000'),
    snap('2025-12-31', 'B2', 'open', 70, '700'),
    snap('2026-01-31', 'B2', 'closed', 0, '0'),
    snap('2025-11-30', 'B3', 'open', 10, '300'),
    snap('2026-01-31', 'B3', 'open', 0, '800'),
    snap('2026-03-15', 'B3', 'open', 35, '900'),
    snap('2026-02-28', 'B4', 'open', 100, '400'),
    snap('2026-03-31', 'B4', 'open', 0, '450'),
    snap('2026-01-31', 'B5', 'charged_off', 200, '500'),
    snap('2026-02-28', 'B5', 'charged_off', 230, '500'),
    snap('2026-03-31', 'B5', 'charged_off', 260, '500'),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($to: String!, $filter: PortfolioFilter) {
  kpis(from: "2026-03-01", to: $to, filter: $filter) { kpis { name value previous } }
}`;
const kpis = async (filter?: Record<string, string[]>, to = '2026-03-31') => {
  const { kpis: summary } = await api.data<{
    kpis: { kpis: { name: string; value: number; previous: number | null }[] };
  }>(QUERY, { filter, to });
  return Object.fromEntries(summary.kpis.map((k) => [k.name, [k.value, k.previous]]));
};

describe('kpis state at period end', () => {
  it('carries each account’s latest state over months without a snapshot', async () => {
    const by = await kpis();
    expect(by.delinquent_balance).toEqual([1900, 1400]);
    expect(by.delinquent_accounts).toEqual([2, 2]);
    expect(by.delinquency_rate?.[0]).toBeCloseTo(1900 / 2350, 12);
    expect(by.delinquency_rate?.[1]).toBeCloseTo(1400 / 2200, 12);
    expect(by.charge_offs).toEqual([0, 0]);
  });

  it('restricts the state to the filtered accounts', async () => {
    const by = await kpis({ portfolios: ['retail'] });
    expect(by.delinquent_balance).toEqual([1900, 1000]);
    expect(by.delinquent_accounts).toEqual([2, 1]);
    expect(by.delinquency_rate?.[0]).toBe(1);
    expect(by.delinquency_rate?.[1]).toBeCloseTo(1000 / 1800, 12);
    expect(by.charge_offs).toEqual([0, 0]);
  });

  it('sees only the snapshots up to a mid-month period end', async () => {
    const by = await kpis(undefined, '2026-03-10');
    expect(by.delinquent_balance).toEqual([1400, 1400]);
    expect(by.delinquent_accounts).toEqual([2, 2]);
    expect(by.delinquency_rate?.[0]).toBeCloseTo(1400 / 2200, 12);
    expect(by.charge_offs).toEqual([0, 0]);
  });
});
