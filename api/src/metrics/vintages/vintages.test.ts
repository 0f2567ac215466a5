/**
 * Golden test of vintages (docs/metrics/vintages.md). REPORT_TZ UTC; the as-of instant is
 * 2025-04-30 12:00 (a payment), so the as-of month is 2025-04.
 *
 * Vintage 2025-01 (5 accounts, k = 0 … 3):
 *   A1: 02-28 dpd 35 (M2: 30+ at k = 1), 03-31 dpd 65 (M3: 60+ at k = 2), 04-30 dpd 0.
 *   A2: 02-10 charged_off (30+, 60+ and 90+ at k = 1).
 *   A3: 02-15 dpd 30 (M1: not 30+), 03-15 dpd 31 (30+ at k = 2, mid-month), 03-31 dpd 0.
 *   A4: no snapshot (never). A5: 02-28 closed with dpd 100 (CLOSED: not delinquent).
 *   k=0: 0 0 0 | k=1: 30+ {A1,A2} = 2/5, 60+ {A2} = 1/5, 90+ {A2} = 1/5
 *   k=2: 30+ {A1,A2,A3} = 3/5, 60+ {A1,A2} = 2/5, 90+ 1/5 | k=3: as k=2.
 * Vintage 2025-02 (2 accounts, k = 0 … 2; sme portfolio for B1):
 *   B1: 03-31 dpd 91 (M4: all three at k = 1). B2: 02-28 dpd 61 (30+, 60+ at k = 0).
 *   k=0: 1/2 1/2 0 | k=1: 2/2 2/2 1/2 | k=2: as k=1.
 * Z1 (opened 2024-12-31, 90+ in 2025-01) is outside fromMonth = 2025-01.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDerived } from '@collections/schema';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
let n = 0;
const account = (account_id: string, opened_on: string, portfolio = 'retail') => ({
  event_id: `e${++n}`,
  occurred_at: `${opened_on} 00:00:00`,
  account_id,
  customer_hash: 'h',
  product: 'credit_card',
  portfolio,
  region: 'north',
  opened_on,
  principal: '1000',
});
const snap = (account_id: string, as_of: string, dpd: number, status = 'open') => ({
  event_id: `e${++n}`,
  occurred_at: `${as_of} 01:00:00`,
  account_id,
  as_of,
  dpd,
  balance: '100',
  amount_due: '0',
  status,
});

beforeAll(async () => {
  api = await createTestApi();
  await api.insert('account_opened', [
    account('A1', '2025-01-15'),
    account('A2', '2025-01-03'),
    account('A3', '2025-01-20'),
    account('A4', '2025-01-25'),
    account('A5', '2025-01-10'),
    account('B1', '2025-02-05', 'sme'),
    account('B2', '2025-02-06'),
    account('Z1', '2024-12-31'),
  ]);
  await api.insert('account_snapshot', [
    snap('A1', '2025-01-31', 0),
    snap('A1', '2025-02-28', 35),
    snap('A1', '2025-03-31', 65),
    snap('A1', '2025-04-30', 0),
    snap('A2', '2025-02-10', 0, 'charged_off'),
    snap('A3', '2025-02-15', 30),
    snap('A3', '2025-03-15', 31),
    snap('A3', '2025-03-31', 0),
    snap('A5', '2025-02-28', 100, 'closed'),
    snap('B1', '2025-03-31', 91),
    snap('B2', '2025-02-28', 61),
    snap('Z1', '2025-01-31', 95),
  ]);
  await api.insert('payment', [
    {
      event_id: 'as-of',
      occurred_at: '2025-04-30 12:00:00',
      payment_id: 'p',
      account_id: 'A1',
      amount: '1',
    },
  ]);
  // Fixture rows carry the default (nil) load_id: refresh the derived tables as a load would.
  await refreshDerived(api.db, { loadIds: ['00000000-0000-0000-0000-000000000000'] });
});
afterAll(() => api.dispose());

const QUERY = `query ($from: String!, $to: String!, $filter: PortfolioFilter) {
  vintages(fromMonth: $from, toMonth: $to, filter: $filter) {
    vintage accounts
    points { monthsOnBook month ever30 ever60 ever90 ever30Rate ever60Rate ever90Rate }
  }
}`;
const point = (
  k: number,
  month: string,
  accounts: number,
  e30: number,
  e60: number,
  e90: number,
) => ({
  monthsOnBook: k,
  month,
  ever30: e30,
  ever60: e60,
  ever90: e90,
  ever30Rate: e30 / accounts,
  ever60Rate: e60 / accounts,
  ever90Rate: e90 / accounts,
});

describe('vintages', () => {
  it('gives ever 30+/60+/90+ by months-on-book up to the as-of month', async () => {
    const data = await api.data(QUERY, { from: '2025-01', to: '2025-02' });
    expect(data).toEqual({
      vintages: [
        {
          vintage: '2025-01',
          accounts: 5,
          points: [
            point(0, '2025-01', 5, 0, 0, 0),
            point(1, '2025-02', 5, 2, 1, 1),
            point(2, '2025-03', 5, 3, 2, 1),
            point(3, '2025-04', 5, 3, 2, 1),
          ],
        },
        {
          vintage: '2025-02',
          accounts: 2,
          points: [
            point(0, '2025-02', 2, 1, 1, 0),
            point(1, '2025-03', 2, 2, 2, 1),
            point(2, '2025-04', 2, 2, 2, 1),
          ],
        },
      ],
    });
  });

  it('filters by portfolio (sme = B1 only) and by vintage month', async () => {
    const sme = await api.data(QUERY, {
      from: '2024-12',
      to: '2025-02',
      filter: { portfolios: ['sme'] },
    });
    expect(sme).toEqual({
      vintages: [
        {
          vintage: '2025-02',
          accounts: 1,
          points: [
            point(0, '2025-02', 1, 0, 0, 0),
            point(1, '2025-03', 1, 1, 1, 1),
            point(2, '2025-04', 1, 1, 1, 1),
          ],
        },
      ],
    });
    // Z1: opened 2024-12, 95 DPD in 2025-01 → 90+ from k = 1.
    const dec = await api.data<{ vintages: { vintage: string; points: { ever90: number }[] }[] }>(
      QUERY,
      { from: '2024-12', to: '2024-12' },
    );
    expect(dec.vintages.map((v) => [v.vintage, v.points.map((p) => p.ever90)])).toEqual([
      ['2024-12', [0, 1, 1, 1, 1]],
    ]);
  });

  it('rejects bad months with BAD_USER_INPUT', async () => {
    for (const [variables, message] of [
      [{ from: '2025-13', to: '2025-12' }, 'fromMonth must be a month as YYYY-MM'],
      [{ from: '2025-03', to: '2025-01' }, 'is after toMonth'],
    ] as const) {
      const result = await api.run(QUERY, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(message);
    }
  });
});
