/**
 * Golden test of postCureRelapse (docs/metrics/post-cure-relapse.md). REPORT_TZ UTC;
 * as-of 2026-06-30 12:00 (latest event); period 2026-01-01 … 2026-06-30.
 *
 * | case | account | close                                 | cure day + 90 | snapshots (after the cure day, ≤ +90)          | counted            |
 * |------|---------|---------------------------------------|---------------|------------------------------------------------|--------------------|
 * | K1   | X1      | cured 01-10                           | 04-10         | 01-10 dpd 5 (same day: ignored), 02-15 dpd 0, 04-10 dpd 3 (last day) | 2026-01, relapsed |
 * | K2   | X2      | cured 01-20                           | 04-20         | 02-01 closed (not worse), 04-21 dpd 10 (too late) | 2026-01, not      |
 * | K3   | X3      | cured 02-05                           | 05-06         | 03-01 charged_off                              | 2026-02, relapsed  |
 * | K4   | X4      | cured 05-01                           | 07-30 > as-of | 05-31 dpd 1                                    | 2026-05, immature  |
 * | K5   | X5      | settled 01-15                         |               |                                                | no (not cured)     |
 * | K6   | X6      | cured 01-05, then charged_off 03-01   |               |                                                | no (last close)    |
 * | K7   | X7      | cured 2025-12-31 23:00                |               |                                                | no (before period) |
 * | K8   | X8      | paid_in_full 01-12                    |               |                                                | no (not `cured`)   |
 *
 * 2026-01: cured 2, mature 2, relapsed 1 → 1/2. 2026-02: 1, 1, 1 → 1.
 * 2026-05: 1 cure, 0 mature → rate null, 1 immature already relapsed.
 * Total: cured 4, mature 3, relapsed 2 → 2/3; immature 1 (relapsed 1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
let n = 0;
const ev = (occurred_at: string, fields: Record<string, unknown>) => ({
  event_id: `e${++n}`,
  occurred_at,
  ...fields,
});
const snap = (account_id: string, as_of: string, dpd: number, status = 'open') =>
  ev(`${as_of} 01:00:00`, { account_id, as_of, dpd, balance: '100', amount_due: '0', status });

beforeAll(async () => {
  api = await createTestApi();
  await api.insert(
    'case_opened',
    [1, 2, 3, 4, 5, 6, 7, 8].map((i) =>
      ev('2025-12-01 00:00:00', {
        case_id: `K${i}`,
        account_id: `X${i}`,
        strategy: 's',
        entry_dpd: 10,
        entry_balance: '100',
      }),
    ),
  );
  await api.insert('case_closed', [
    ev('2026-01-10 10:00:00', { case_id: 'K1', outcome: 'cured' }),
    ev('2026-01-20 10:00:00', { case_id: 'K2', outcome: 'cured' }),
    ev('2026-02-05 10:00:00', { case_id: 'K3', outcome: 'cured' }),
    ev('2026-05-01 10:00:00', { case_id: 'K4', outcome: 'cured' }),
    ev('2026-01-15 10:00:00', { case_id: 'K5', outcome: 'settled' }),
    ev('2026-01-05 10:00:00', { case_id: 'K6', outcome: 'cured' }),
    ev('2026-03-01 10:00:00', { case_id: 'K6', outcome: 'charged_off' }),
    ev('2025-12-31 23:00:00', { case_id: 'K7', outcome: 'cured' }),
    ev('2026-01-12 10:00:00', { case_id: 'K8', outcome: 'paid_in_full' }),
  ]);
  await api.insert('account_snapshot', [
    snap('X1', '2026-01-10', 5),
    snap('X1', '2026-02-15', 0),
    snap('X1', '2026-04-10', 3),
    snap('X2', '2026-02-01', 40, 'closed'),
    snap('X2', '2026-04-21', 10),
    snap('X3', '2026-03-01', 0, 'charged_off'),
    snap('X4', '2026-05-31', 1),
    snap('X6', '2026-02-01', 50),
    snap('X7', '2026-01-15', 50),
    snap('X8', '2026-02-01', 50),
  ]);
  const account = (account_id: string, portfolio: string) =>
    ev('2025-01-01 00:00:00', {
      account_id,
      customer_hash: 'h',
      product: 'credit_card',
      portfolio,
      region: 'north',
      opened_on: '2025-01-01',
      principal: '1000',
    });
  await api.insert('account_opened', [
    account('X1', 'retail'),
    account('X3', 'retail'),
    account('X2', 'sme'),
  ]);
  await api.insert('contact_attempt', [
    ev('2026-06-30 12:00:00', { case_id: 'K4', channel: 'sms', outcome: 'delivered' }),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($from: String!, $filter: PortfolioFilter) {
  postCureRelapse(from: $from, to: "2026-06-30", filter: $filter) {
    windowDays
    total { month cured matureCured relapsed relapseRate immatureCured immatureRelapsed }
    months { month cured matureCured relapsed relapseRate immatureCured immatureRelapsed }
  }
}`;
const row = (
  month: string | null,
  cured: number,
  matureCured: number,
  relapsed: number,
  relapseRate: number | null,
  immatureCured: number,
  immatureRelapsed: number,
) => ({ month, cured, matureCured, relapsed, relapseRate, immatureCured, immatureRelapsed });

describe('postCureRelapse', () => {
  it('counts relapses to M1 or worse within 90 days of the cure, mature cures only in the rate', async () => {
    expect(await api.data(QUERY, { from: '2026-01-01' })).toEqual({
      postCureRelapse: {
        windowDays: 90,
        total: row(null, 4, 3, 2, 2 / 3, 1, 1),
        months: [
          row('2026-01', 2, 2, 1, 0.5, 0, 0),
          row('2026-02', 1, 1, 1, 1, 0, 0),
          row('2026-05', 1, 0, 0, null, 1, 1),
        ],
      },
    });
  });

  it('filters by portfolio (retail = K1, K3) and includes the from day (K7 from 2025-12-31)', async () => {
    const retail = await api.data<{ postCureRelapse: { total: unknown } }>(QUERY, {
      from: '2026-01-01',
      filter: { portfolios: ['retail'] },
    });
    expect(retail.postCureRelapse.total).toEqual(row(null, 2, 2, 2, 1, 0, 0));
    // K7: cured 2025-12-31, X7 at 50 DPD on 2026-01-15 → relapsed: 5 cures, 4 mature, 3 relapsed.
    const wider = await api.data<{ postCureRelapse: { total: unknown } }>(QUERY, {
      from: '2025-12-31',
    });
    expect(wider.postCureRelapse.total).toEqual(row(null, 5, 4, 3, 3 / 4, 1, 1));
  });

  it('rejects a bad period with BAD_USER_INPUT', async () => {
    const result = await api.run(QUERY, { from: '2026-07-01' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('is after to');
  });
});
