/**
 * explore outside UTC: a UTC day is not a local day, so attempts and payments
 * are read from the event tables (explore.sql.ts) and grains are local.
 * REPORT_TZ Asia/Shanghai (UTC+8): local day D is [D−1 16:00Z, D 16:00Z).
 *
 * A1 retail (case K1), A2 sme (case K2), both opened 2026-02-01.
 * Attempts on K1: 03-01 15:59:59.999Z (local 03-01) RPC cost 1; 03-01 16:00Z (local 03-02)
 *   RPC cost 2; 03-02 12:00Z (local 03-02) no_answer cost 4. On K2: 03-02 10:00Z (local 03-02) RPC cost 8.
 * Payments: A1 10 at 03-01 16:00Z (local 03-02), 5 at 03-01 08:00Z (local 03-01); A2 50 at 03-02 10:00Z.
 *
 * By local day, 03-01 … 03-02: 03-01 attempts 1, RPC 1, collected 5;
 *   03-02 attempts 3, RPC 2 (K1 16:00Z, K2), collected 10 + 50 = 60.
 * retail only on 03-02: attempts 2 (16:00Z, 12:00Z), RPC 1 → 1/2; collected 10.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOpened, createTestApi, fixtureEvents, type TestApi } from '../../testing.ts';
import { expectExploreEqualsNamedMetrics } from './explore.equality.ts';

let api: TestApi;
let n = 0;
const ev = fixtureEvents();
const account = (account_id: string, portfolio: string) =>
  accountOpened(ev, account_id, { portfolio });
const attempt = (at: string, case_id: string, cost: string, outcome = 'right_party_contact') =>
  ev(at, { case_id, agent_id: 'G1', channel: 'call', outcome, cost });
const pay = (at: string, account_id: string, amount: string) =>
  ev(at, { payment_id: `Y${++n}`, account_id, case_id: '', amount });

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'Asia/Shanghai' });
  await api.insert('account_opened', [account('A1', 'retail'), account('A2', 'sme')]);
  await api.insert('case_opened', [
    ev('2026-02-01 00:00:00', { case_id: 'K1', account_id: 'A1', strategy: 's', entry_dpd: 5 }),
    ev('2026-02-01 00:00:00', { case_id: 'K2', account_id: 'A2', strategy: 's', entry_dpd: 5 }),
  ]);
  await api.insert('contact_attempt', [
    attempt('2026-03-01 15:59:59.999', 'K1', '1'),
    attempt('2026-03-01 16:00:00', 'K1', '2'),
    attempt('2026-03-02 12:00:00', 'K1', '4', 'no_answer'),
    attempt('2026-03-02 10:00:00', 'K2', '8'),
  ]);
  await api.insert('payment', [
    pay('2026-03-01 16:00:00', 'A1', '10'),
    pay('2026-03-01 08:00:00', 'A1', '5'),
    pay('2026-03-02 10:00:00', 'A2', '50'),
  ]);
});
afterAll(() => api.dispose());

type Rows = { explore: { rows: { period: string; values: { value: number | null }[] }[] } };

describe('explore in a time zone other than UTC', () => {
  it('buckets attempts and payments by local day', async () => {
    const data = await api.data<Rows>(
      '{ explore(from: "2026-03-01", to: "2026-03-02", grain: DAY, measures: [ATTEMPTS, RPCS, AMOUNT_COLLECTED]) { rows { period values { value } } } }',
    );
    expect(data.explore.rows.map((r) => [r.period, ...r.values.map((v) => v.value)])).toEqual([
      ['2026-03-01', 1, 1, 5],
      ['2026-03-02', 3, 2, 60],
    ]);
  });

  it('filters them by the account dimensions', async () => {
    const data = await api.data<Rows>(
      '{ explore(from: "2026-03-02", to: "2026-03-02", measures: [RPC_RATE, AMOUNT_COLLECTED], filter: { portfolios: ["retail"] }) { rows { period values { value } } } }',
    );
    expect(data.explore.rows[0]?.values.map((v) => v.value)).toEqual([0.5, 10]);
  });

  it('equals kpis for every figure the catalog claims', async () => {
    let compared = 0;
    for (const slice of [
      { from: '2026-03-01', to: '2026-03-02' },
      { from: '2026-03-02', to: '2026-03-02', filter: { portfolios: ['retail'] } },
    ])
      compared += await expectExploreEqualsNamedMetrics(api, slice);
    expect(compared).toBeGreaterThan(20);
  });
});
