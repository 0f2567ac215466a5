/**
 * Regression: a bank re-sends a corrected snapshot for the same day (docs/metrics/README.md#effective-snapshot):
 * of an account's snapshots with one as_of the greatest (occurred_at, event_id) holds and the
 * superseded one counts nowhere — not in the KPI state at period end, not in charge-offs.
 * REPORT_TZ = UTC. Load 1 holds the snapshots, load 2 the corrections (12:00, later than 10:00):
 *
 *   C1: 03-10 charged_off 600 → corrected open dpd 95 (M4) 600.
 *   C2: 02-27 charged_off 300 → corrected open dpd 95 (M4) 300; 04-30 charged_off 300.
 *   C3: 03-31 open dpd 0 (M0) 100 (a snapshot after the mid-month period end 03-20).
 *   C4: 03-15 two snapshots at the same instant, event_id 'tie-a' dpd 0 and 'tie-b' dpd 40
 *       (M2) 50: the greater event_id, tie-b, holds.
 *
 * March (previous February):
 *   state at 03-31: C1 M4 600, C2 M4 300 (February's), C3 M0 100, C4 M2 50
 *     → delinquent 600 + 300 + 50 = 950 on 3 accounts, open 950 + 100 = 1050;
 *   state at 02-28: C2 M4 300 → 300 on 1, open 300;
 *   charge-offs: C1 none, C2 first on 04-30 → 0 and 0
 *     (counting superseded snapshots: C1 on 03-10 and C2 on 02-27 → 1 and 1).
 * 03-01..03-20 (previous 02-09..02-28), C3's 03-31 not seen yet:
 *   C1 600, C2 300, C4 50 → 950 on 3, open 950; before 300 on 1; charge-offs 0 and 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
let n = 0;
const account = (account_id: string) => ({
  event_id: `o${++n}`,
  occurred_at: '2024-01-01 00:00:00.000',
  account_id,
  portfolio: 'retail',
  product: 'credit_card',
  region: 'north',
  risk_grade: 'A',
  opened_on: '2024-01-01',
  principal: '5000',
});
const snap = (
  as_of: string,
  hh: string,
  account_id: string,
  status: string,
  dpd: number,
  balance: string,
  event_id = `s${++n}`,
) => ({
  event_id,
  occurred_at: `${as_of} ${hh}:00:00.000`,
  account_id,
  as_of,
  status,
  dpd,
  balance,
  amount_due: '0',
});

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'UTC' });
  await api.insert('account_opened', ['C1', 'C2', 'C3', 'C4'].map(account));
  await api.insert('account_snapshot', [
    snap('2026-03-10', '10', 'C1', 'charged_off', 200, '600'),
    snap('2026-02-27', '10', 'C2', 'charged_off', 200, '300'),
    snap('2026-04-30', '10', 'C2', 'charged_off', 200, '300'),
    snap('2026-03-31', '10', 'C3', 'open', 0, '100'),
    snap('2026-03-15', '10', 'C4', 'open', 0, '50', 'tie-a'),
    snap('2026-03-15', '10', 'C4', 'open', 40, '50', 'tie-b'),
  ]);
  // the corrections, in a later load
  await api.insert('account_snapshot', [
    snap('2026-03-10', '12', 'C1', 'open', 95, '600'),
    snap('2026-02-27', '12', 'C2', 'open', 95, '300'),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($to: String!) {
  kpis(from: "2026-03-01", to: $to) { kpis { name value previous } }
}`;
const kpis = async (to: string) => {
  const { kpis: summary } = await api.data<{
    kpis: { kpis: { name: string; value: number; previous: number | null }[] };
  }>(QUERY, { to });
  return Object.fromEntries(summary.kpis.map((k) => [k.name, [k.value, k.previous]]));
};

describe('same-day corrected snapshots in the KPIs', () => {
  it('month end: the corrections hold, superseded charge-offs count nowhere', async () => {
    const by = await kpis('2026-03-31');
    expect(by.delinquent_balance).toEqual([950, 300]);
    expect(by.delinquent_accounts).toEqual([3, 1]);
    expect(by.delinquency_rate?.[0]).toBeCloseTo(950 / 1050, 12);
    expect(by.delinquency_rate?.[1]).toBe(1);
    expect(by.charge_offs).toEqual([0, 0]);
  });

  it('mid-month period end: the same rule for the latest snapshot on or before it', async () => {
    const by = await kpis('2026-03-20');
    expect(by.delinquent_balance).toEqual([950, 300]);
    expect(by.delinquent_accounts).toEqual([3, 1]);
    expect(by.delinquency_rate?.[0]).toBe(1);
    expect(by.charge_offs).toEqual([0, 0]);
  });
});
