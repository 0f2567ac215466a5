/**
 * kpis with a PortfolioFilter outside UTC: attempts and payments of whole UTC
 * days come from kpi_daily, those of the partial UTC days at the period's edges
 * from the event tables (kpis.sql.ts). REPORT_TZ Asia/Shanghai (UTC+8), so
 * local day D is [D−1 16:00Z, D 16:00Z).
 *
 * A1 retail (case K1), A2 sme (case K2). Attempts on K1 (RPC unless noted):
 *   03-01 15:59:59.999Z · 03-01 16:00Z · 03-02 12:00Z no_answer · 03-03 15:59:59.999Z · 03-03 16:00Z;
 *   on K2: 03-02 10:00Z. Payments: A1 10 (03-01 16:00Z), 5 (03-02 08:00Z), 100 (03-03 16:00Z); A2 50 (03-02).
 *
 * 03-02..03-03 local = [03-01 16:00Z, 03-03 16:00Z), one whole UTC day (03-02):
 *   retail: attempts 16:00 (edge), 03-02 12:00 (whole day), 03-03 15:59 (edge) → RPC 2/3;
 *   collected 10 + 5 = 15. Unfiltered: 4 attempts, 3 RPCs → 0.75; 65.
 *   Previous period 02-28..03-01 local = [02-27 16:00Z, 03-01 16:00Z): retail 03-01 15:59 → 1/1.
 * 03-02..03-02 local = [03-01 16:00Z, 03-02 16:00Z), no whole UTC day: retail
 *   16:00 RPC and 03-02 12:00 no_answer → 1/2; collected 15.
 * Contact costs, in the order of the attempts above: 1, 2, 4, 8, 16; K2's 32.
 *   03-02..03-03 retail: 2 (edge) + 4 (whole day) + 8 (edge) = 14, previous 1;
 *   unfiltered 14 + 32 = 46. 03-02..03-02 retail: 2 + 4 = 6.
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
const account = (account_id: string, portfolio: string) =>
  ev('2025-01-01 00:00:00', {
    account_id,
    customer_hash: 'h',
    product: 'card',
    portfolio,
    region: 'north',
    opened_on: '2025-01-01',
    principal: '1000',
  });
const attempt = (at: string, case_id: string, cost: string, outcome = 'right_party_contact') =>
  ev(at, { case_id, agent_id: 'G1', channel: 'call', outcome, cost });
const pay = (at: string, account_id: string, amount: string) =>
  ev(at, { payment_id: `Y${n}`, account_id, case_id: '', amount });

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
    attempt('2026-03-03 15:59:59.999', 'K1', '8'),
    attempt('2026-03-03 16:00:00', 'K1', '16'),
    attempt('2026-03-02 10:00:00', 'K2', '32'),
  ]);
  await api.insert('payment', [
    pay('2026-03-01 16:00:00', 'A1', '10'),
    pay('2026-03-02 08:00:00', 'A1', '5'),
    pay('2026-03-03 16:00:00', 'A1', '100'),
    pay('2026-03-02 00:00:00', 'A2', '50'),
  ]);
});
afterAll(() => api.dispose());

type Kpi = { name: string; value: number; previous: number | null };
async function kpis(from: string, to: string, filter?: unknown): Promise<Record<string, Kpi>> {
  const data = await api.data<{ kpis: { kpis: Kpi[] } }>(
    `query ($from: String!, $to: String!, $filter: PortfolioFilter) {
      kpis(from: $from, to: $to, filter: $filter) { kpis { name value previous } }
    }`,
    { from, to, filter },
  );
  return Object.fromEntries(data.kpis.kpis.map((k) => [k.name, k]));
}

describe('kpis with a PortfolioFilter at the edges of UTC days', () => {
  it('adds the partial UTC days at both ends to the whole ones', async () => {
    const retail = await kpis('2026-03-02', '2026-03-03', { portfolios: ['retail'] });
    expect(retail.rpc_rate).toEqual({ name: 'rpc_rate', value: 2 / 3, previous: 1 });
    expect(retail.amount_collected?.value).toBe(15);
    expect(retail.collection_cost).toEqual({ name: 'collection_cost', value: 14, previous: 1 });
    const all = await kpis('2026-03-02', '2026-03-03');
    expect(all.rpc_rate?.value).toBe(0.75);
    expect(all.amount_collected?.value).toBe(65);
    expect(all.collection_cost?.value).toBe(46);
  });

  it('reads only edge rows when the period holds no whole UTC day', async () => {
    const retail = await kpis('2026-03-02', '2026-03-02', { portfolios: ['retail'] });
    expect(retail.rpc_rate?.value).toBe(0.5);
    expect(retail.amount_collected?.value).toBe(15);
    expect(retail.collection_cost?.value).toBe(6);
  });
});
