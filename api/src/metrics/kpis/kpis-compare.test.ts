/**
 * Golden test of the kpis comparisons (docs/metrics/kpis.md, `previous`, the same period a
 * year earlier), the partial-period flag, cost to collect and the currency.
 * REPORT_TZ = UTC, CURRENCY = EUR.
 *
 * Accounts: A1 retail, A2 sme, A3 retail, A4 sme. Cases: K0 (A1, opened
 * 2025-09-01), K1 (A1) and K2 (A2), opened 2026-08-01.
 * First day of data: A1's snapshot of 2025-09-30 (the earliest as_of, attempt or payment).
 * As-of: the attempt of 2026-11-10 12:00Z → as-of date 2026-11-10.
 *
 * October 2026 (whole month → previous = September 2026, year ago = October 2025):
 *   payments A1 500 (10-05) + A2 300 (10-20) = 800;
 *   contact cost K1 call 10 (10-02) + K2 sms 0.5 (10-03) + K2 call 30 (10-21) = 40.5;
 *   legal cost K2 filed 59.5 (10-22) → collection cost 100; cost to collect 100 / 800 = 0.125;
 *   charge-offs: A4 first charged_off 10-15 → 1.
 * September 2026: payment A2 200 (09-15); contact cost K1 call 15 (09-30), legal K2
 *   demand_letter 20 (09-10) → 35; 35 / 200 = 0.175; charge-offs 0.
 *   Outside it, on 08-31 (in the 31 days before October, the old rule): A1 pays 1000 and
 *   A3 is first charged off — the old rule read collected 1200 and charge-offs 1.
 * October 2025: payment A1 400 (2025-10-10), contact cost K0 call 20 (2025-10-10) → 20 / 400 = 0.05.
 * After October: K2 enforcement 1000 on 11-02 (not October's cost).
 *
 * Retail (A1, A3; cases K0, K1): October 500 collected, cost 10 → 0.02; September 0 collected,
 *   cost 15 → cost to collect null (0 denominator); October 2025: 400, cost 20 → 0.05.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
let n = 0;
const ev = (at: string, fields: Record<string, unknown>) => ({
  event_id: `e${++n}`,
  occurred_at: `${at.replace('T', ' ').replace('Z', '')}.000`,
  ...fields,
});
const account = (account_id: string, portfolio: string) =>
  ev('2025-01-01T00:00:00Z', {
    account_id,
    portfolio,
    product: 'credit_card',
    region: 'north',
    risk_grade: 'A',
    opened_on: '2024-01-01',
    principal: '5000',
  });
const snap = (as_of: string, account_id: string, status: string, dpd: number) =>
  ev(`${as_of}T12:00:00Z`, { account_id, as_of, status, dpd, balance: '1000', amount_due: '0' });
const open = (at: string, case_id: string, account_id: string) =>
  ev(at, { case_id, account_id, strategy: 's', entry_dpd: 10, entry_balance: '100' });
const pay = (at: string, account_id: string, case_id: string, amount: string) =>
  ev(at, { payment_id: `Y${n}`, account_id, case_id, amount });
const attempt = (at: string, case_id: string, channel: string, cost: string) =>
  ev(at, { case_id, agent_id: 'AG1', channel, outcome: 'no_answer', cost });
const legal = (at: string, case_id: string, action: string, cost: string) =>
  ev(at, { case_id, action, cost });

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'UTC', CURRENCY: 'EUR' });
  await api.insert('account_opened', [
    account('A1', 'retail'),
    account('A2', 'sme'),
    account('A3', 'retail'),
    account('A4', 'sme'),
  ]);
  await api.insert('account_snapshot', [
    snap('2025-09-30', 'A1', 'open', 0),
    snap('2026-08-31', 'A3', 'charged_off', 200),
    snap('2026-10-15', 'A4', 'charged_off', 200),
  ]);
  await api.insert('case_opened', [
    open('2025-09-01T00:00:00Z', 'K0', 'A1'),
    open('2026-08-01T00:00:00Z', 'K1', 'A1'),
    open('2026-08-01T00:00:00Z', 'K2', 'A2'),
  ]);
  await api.insert('payment', [
    pay('2025-10-10T10:00:00Z', 'A1', 'K0', '400'),
    pay('2026-08-31T10:00:00Z', 'A1', 'K1', '1000'),
    pay('2026-09-15T10:00:00Z', 'A2', 'K2', '200'),
    pay('2026-10-05T10:00:00Z', 'A1', 'K1', '500'),
    pay('2026-10-20T10:00:00Z', 'A2', 'K2', '300'),
  ]);
  await api.insert('contact_attempt', [
    attempt('2025-10-10T09:00:00Z', 'K0', 'call', '20'),
    attempt('2026-09-30T09:00:00Z', 'K1', 'call', '15'),
    attempt('2026-10-02T09:00:00Z', 'K1', 'call', '10'),
    attempt('2026-10-03T09:00:00Z', 'K2', 'sms', '0.5'),
    attempt('2026-10-21T09:00:00Z', 'K2', 'call', '30'),
    // The as-of instant.
    attempt('2026-11-10T12:00:00Z', 'K2', 'sms', '0'),
  ]);
  await api.insert('legal_action', [
    legal('2026-09-10T09:00:00Z', 'K2', 'demand_letter', '20'),
    legal('2026-10-22T09:00:00Z', 'K2', 'filed', '59.5'),
    legal('2026-11-02T09:00:00Z', 'K2', 'enforcement', '1000'),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($from: String!, $to: String!, $filter: PortfolioFilter) {
  kpis(from: $from, to: $to, filter: $filter) {
    from to previousFrom previousTo yearAgoFrom yearAgoTo asOf partial currency
    kpis { name value previous yearAgo }
  }
}`;
interface Summary {
  previousFrom: string;
  previousTo: string;
  yearAgoFrom: string;
  yearAgoTo: string;
  asOf: string;
  partial: boolean;
  currency: string;
  kpis: { name: string; value: number; previous: number | null; yearAgo: number | null }[];
}
const kpis = async (from: string, to: string, filter?: Record<string, string[]>) => {
  const { kpis: summary } = await api.data<{ kpis: Summary }>(QUERY, { from, to, filter });
  const by = Object.fromEntries(
    summary.kpis.map((k) => [k.name, [k.value, k.previous, k.yearAgo]]),
  );
  return { summary, by };
};

describe('kpis comparisons', () => {
  it('compares whole months with the calendar months before and a year earlier', async () => {
    const { summary, by } = await kpis('2026-10-01', '2026-10-31');
    expect([summary.previousFrom, summary.previousTo]).toEqual(['2026-09-01', '2026-09-30']);
    expect([summary.yearAgoFrom, summary.yearAgoTo]).toEqual(['2025-10-01', '2025-10-31']);
    expect([summary.asOf, summary.partial, summary.currency]).toEqual(['2026-11-10', false, 'EUR']);
    // [October 2026, September 2026, October 2025]
    expect(by.amount_collected).toEqual([800, 200, 400]);
    expect(by.charge_offs).toEqual([1, 0, 0]);
    expect(by.collection_cost).toEqual([100, 35, 20]);
    expect(by.cost_to_collect).toEqual([0.125, 0.175, 0.05]);
  });

  it('keeps the equal-length previous period and the same dates a year earlier otherwise', async () => {
    // 10-01..10-20 (20 days) → previous 09-11..09-30: A2's 200 (09-15), K1's cost 15 (09-30);
    // 10-01..10-20: collected 500 + 300; cost 10 + 0.5 (K2's call of 10-21 is after);
    // a year earlier 2025-10-01..10-20: 400, cost 20.
    const { summary, by } = await kpis('2026-10-01', '2026-10-20');
    expect([summary.previousFrom, summary.previousTo]).toEqual(['2026-09-11', '2026-09-30']);
    expect([summary.yearAgoFrom, summary.yearAgoTo]).toEqual(['2025-10-01', '2025-10-20']);
    expect(by.amount_collected).toEqual([800, 200, 400]);
    expect(by.collection_cost).toEqual([10.5, 15, 20]);
  });

  it('restricts costs to the filtered accounts', async () => {
    const { by } = await kpis('2026-10-01', '2026-10-31', { portfolios: ['retail'] });
    expect(by.amount_collected).toEqual([500, 0, 400]);
    expect(by.collection_cost).toEqual([10, 15, 20]);
    expect(by.cost_to_collect).toEqual([0.02, null, 0.05]);
    // sme (A2, A4; case K2): October 300, cost 0.5 + 30 + 59.5 = 90 → 0.3; September 200, cost 20.
    const sme = (await kpis('2026-10-01', '2026-10-31', { portfolios: ['sme'] })).by;
    expect(sme.collection_cost).toEqual([90, 20, 0]);
    expect(sme.cost_to_collect?.slice(0, 2)).toEqual([0.3, 0.1]);
  });

  it('counts the contact cost as channelEffectiveness does', async () => {
    // One definition (sql/costs.ts): October's channel costs 10 + 30 (call) + 0.5 (sms) = 40.5,
    // plus the legal action of 10-22 (59.5) = the KPI's 100.
    const { channelEffectiveness } = await api.data<{ channelEffectiveness: { cost: number }[] }>(
      '{ channelEffectiveness(from: "2026-10-01", to: "2026-10-31") { cost } }',
    );
    const contact = channelEffectiveness.reduce((sum, c) => sum + c.cost, 0);
    expect(contact).toBe(40.5);
    const { by } = await kpis('2026-10-01', '2026-10-31');
    expect(by.collection_cost?.[0]).toBe(contact + 59.5);
  });

  it('gives no year-ago figures for a period before the first day of data', async () => {
    // August 2026 → August 2025, which ends before the first day of data (2025-09-30).
    const { summary, by } = await kpis('2026-08-01', '2026-08-31');
    expect(summary.yearAgoTo).toBe('2025-08-31');
    expect(summary.kpis.every((k) => k.yearAgo === null)).toBe(true);
    expect(by.amount_collected).toEqual([1000, 0, null]);
  });

  it('flags a period that reaches past the as-of date', async () => {
    // November to date: as-of 2026-11-10; the enforcement cost of 11-02 and nothing collected.
    const { summary, by } = await kpis('2026-11-01', '2026-11-30');
    expect([summary.asOf, summary.partial]).toEqual(['2026-11-10', true]);
    expect(by.collection_cost?.[0]).toBe(1000);
    // A period ending on the as-of date is not partial.
    expect((await kpis('2026-11-01', '2026-11-10')).summary.partial).toBe(false);
  });

  it('rejects a period that starts after the as-of date with BAD_USER_INPUT', async () => {
    const result = await api.run(QUERY, { from: '2026-12-01', to: '2026-12-31' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe(
      'The period 2026-12-01 … 2026-12-31 starts after the data as-of date 2026-11-10: nothing is loaded for it yet.',
    );
    expect(
      (await api.run(QUERY, { from: '2026-11-11', to: '2026-11-11' })).errors?.[0]?.extensions
        ?.code,
    ).toBe('BAD_USER_INPUT');
  });
});
