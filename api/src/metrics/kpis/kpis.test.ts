/**
 * Golden test of kpis (docs/metrics/kpis.md, KPIs). REPORT_TZ = UTC, grace 3 days.
 * Period 2026-03-01..03-31 (whole months) → previous 2026-02-01..02-28 (calendar February).
 * As-of instant 2026-04-20 00:00Z: mature for 30 d ⇔ opened at or before 03-21 00:00Z.
 *
 * Accounts: AC1 retail/credit_card/north/A, AC2 retail/auto_loan/south/B,
 * AC3 sme/sme_loan/north/C; AC4, AC5 have snapshots but no account_opened.
 *
 * Latest snapshot on or before 03-31:
 *   AC1 open dpd 45 (M2) 1200 · AC2 charged_off (03-20) · AC3 two snapshots as_of
 *   03-31, the later-loaded open dpd 35 (M2) 2600 wins over dpd 0 2500; its 04-05
 *   snapshot is after the period · AC4 open dpd 0 200 · AC5 charged_off.
 *   → delinquent 1200 + 2600 = 3800 on 2 accounts; open balance 4000 → rate 0.95.
 * On or before 02-28: AC1 open dpd 0 1000 · AC2 open dpd 10 (M1) 500 · AC3 open
 *   dpd 200 (M7_PLUS) 3000 · AC5 charged_off → 3500 on 2 accounts / 4500 = 0.7778.
 * Charge-offs (first charged_off as_of): AC2 03-20 → March 1; AC5 02-01 (again
 *   03-05, not its first) → previous 1.
 *
 * Cases: K1 AC1 opened 03-01 cured 03-10; K2 AC2 opened 03-15 charged_off 03-20;
 *   K3 AC3 opened 02-10 cured 03-05 (23 d); K5 AC1 opened 03-31 (immature) cured 04-02.
 *   March: opened K1, K2, K5 = 3; closed K1, K2, K3 = 3 (K5 closes in April); cure 30 d over mature K1, K2 → 1/2.
 *   Previous: opened K3 = 1; closed 0; cure K3 (mature, 23 d) → 1/1.
 * Payments: March AC1/K1 100 (03-05) + AC2/K2 50.50 (03-31 23:59:59Z) = 150.50;
 *   AC3 200 at 04-01 00:00Z is outside; previous AC3 300 (02-10).
 * Attempts: March K1 rpc, K1 no_answer, K2 sms delivered, K2 promise_to_pay → 2/4;
 *   previous K3 rpc → 1/1.
 * Promises: P1 K1 100 due 03-04 (window to 03-08 00:00Z), K1 pays 100 on 03-05 → kept;
 *   P2 K2 50 due 03-18 (to 03-22 00:00Z), no K2 payment inside → broken;
 *   P3 K5 due 04-30 → pending. March kept rate 1/2; previous none → null.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';

let api: TestApi;
let n = 0;
const utc = (instant: string) => new Date(instant).toISOString().replace('T', ' ').slice(0, 23);
const ev = (at: string, fields: Record<string, unknown>) => ({
  event_id: `e${++n}`,
  occurred_at: utc(at),
  ...fields,
});
const account = (
  account_id: string,
  portfolio: string,
  product: string,
  region: string,
  risk_grade: string,
) =>
  ev('2025-01-01T00:00:00Z', {
    account_id,
    portfolio,
    product,
    region,
    risk_grade,
    opened_on: '2024-01-01',
    principal: '5000',
  });
const snap = (
  as_of: string,
  account_id: string,
  status: string,
  dpd: number,
  balance: string,
  at = `${as_of}T12:00:00Z`,
) => ev(at, { account_id, as_of, status, dpd, balance, amount_due: '0' });
const open = (at: string, case_id: string, account_id: string) =>
  ev(at, { case_id, account_id, strategy: 's', entry_dpd: 10, entry_balance: '100' });
const pay = (at: string, account_id: string, case_id: string, amount: string) =>
  ev(at, { payment_id: `Y${n}`, account_id, case_id, amount });
const attempt = (at: string, case_id: string, channel: string, outcome: string) =>
  ev(at, { case_id, agent_id: 'A1', channel, outcome });

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'UTC', PROMISE_GRACE_DAYS: '3' });
  await api.insert('account_opened', [
    account('AC1', 'retail', 'credit_card', 'north', 'A'),
    account('AC2', 'retail', 'auto_loan', 'south', 'B'),
    account('AC3', 'sme', 'sme_loan', 'north', 'C'),
  ]);
  await api.insert('account_snapshot', [
    snap('2026-02-28', 'AC1', 'open', 0, '1000'),
    snap('2026-03-31', 'AC1', 'open', 45, '1200'),
    snap('2026-02-15', 'AC2', 'open', 10, '500'),
    snap('2026-03-20', 'AC2', 'charged_off', 100, '480'),
    snap('2026-03-25', 'AC2', 'charged_off', 105, '480'),
    snap('2026-02-10', 'AC3', 'open', 200, '3000'),
    snap('2026-03-31', 'AC3', 'open', 0, '2500', '2026-04-01T01:00:00Z'),
    snap('2026-03-31', 'AC3', 'open', 35, '2600', '2026-04-01T02:00:00Z'),
    snap('2026-04-05', 'AC3', 'open', 0, '2000'),
    snap('2026-03-10', 'AC4', 'open', 0, '200'),
    snap('2026-02-01', 'AC5', 'charged_off', 200, '900'),
    snap('2026-03-05', 'AC5', 'charged_off', 230, '900'),
  ]);
  await api.insert('case_opened', [
    open('2026-03-01T00:00:00Z', 'K1', 'AC1'),
    open('2026-03-15T00:00:00Z', 'K2', 'AC2'),
    open('2026-02-10T00:00:00Z', 'K3', 'AC3'),
    open('2026-03-31T00:00:00Z', 'K5', 'AC1'),
  ]);
  await api.insert('case_closed', [
    ev('2026-03-10T00:00:00Z', { case_id: 'K1', outcome: 'cured' }),
    ev('2026-03-20T00:00:00Z', { case_id: 'K2', outcome: 'charged_off' }),
    ev('2026-03-05T00:00:00Z', { case_id: 'K3', outcome: 'cured' }),
    ev('2026-04-02T00:00:00Z', { case_id: 'K5', outcome: 'cured' }),
  ]);
  await api.insert('payment', [
    pay('2026-03-05T00:00:00Z', 'AC1', 'K1', '100'),
    pay('2026-03-31T23:59:59Z', 'AC2', 'K2', '50.50'),
    pay('2026-04-01T00:00:00Z', 'AC3', 'K3', '200'),
    pay('2026-02-10T00:00:00Z', 'AC3', 'K3', '300'),
  ]);
  await api.insert('contact_attempt', [
    attempt('2026-03-02T00:00:00Z', 'K1', 'call', 'right_party_contact'),
    attempt('2026-03-03T00:00:00Z', 'K1', 'call', 'no_answer'),
    attempt('2026-03-16T00:00:00Z', 'K2', 'sms', 'delivered'),
    attempt('2026-03-16T01:00:00Z', 'K2', 'call', 'promise_to_pay'),
    attempt('2026-02-11T00:00:00Z', 'K3', 'call', 'right_party_contact'),
    // The as-of instant.
    attempt('2026-04-20T00:00:00Z', 'K9', 'sms', 'delivered'),
  ]);
  const promise = (at: string, ptp_id: string, case_id: string, amount: string, due_on: string) =>
    ev(at, { ptp_id, case_id, agent_id: 'A1', amount, due_on });
  await api.insert('promise_to_pay', [
    promise('2026-03-02T00:00:00Z', 'P1', 'K1', '100', '2026-03-04'),
    promise('2026-03-16T01:00:00Z', 'P2', 'K2', '50', '2026-03-18'),
    promise('2026-03-31T00:00:00Z', 'P3', 'K5', '10', '2026-04-30'),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($from: String!, $to: String!, $filter: PortfolioFilter) {
  kpis(from: $from, to: $to, filter: $filter) { from to previousFrom previousTo asOf kpis { name value previous } }
}`;
interface Summary {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  asOf: string;
  kpis: { name: string; value: number; previous: number | null }[];
}
const kpis = async (filter?: Record<string, string[]>) => {
  const { kpis: summary } = await api.data<{ kpis: Summary }>(QUERY, {
    from: '2026-03-01',
    to: '2026-03-31',
    filter,
  });
  return {
    summary,
    by: Object.fromEntries(summary.kpis.map((k) => [k.name, [k.value, k.previous]])),
  };
};

describe('kpis', () => {
  it('gives every KPI for the period and the previous period', async () => {
    const { summary, by } = await kpis();
    expect([
      summary.from,
      summary.to,
      summary.previousFrom,
      summary.previousTo,
      summary.asOf,
    ]).toEqual(['2026-03-01', '2026-03-31', '2026-02-01', '2026-02-28', '2026-04-20']);
    expect(by.delinquent_balance).toEqual([3800, 3500]);
    expect(by.delinquent_accounts).toEqual([2, 2]);
    expect(by.delinquency_rate?.[0]).toBeCloseTo(0.95, 12);
    expect(by.delinquency_rate?.[1]).toBeCloseTo(3500 / 4500, 12);
    expect(by.cases_opened).toEqual([3, 1]);
    expect(by.cases_closed).toEqual([3, 0]);
    expect(by.amount_collected).toEqual([150.5, 300]);
    expect(by.cure_rate_30d).toEqual([0.5, 1]);
    expect(by.rpc_rate).toEqual([0.5, 1]);
    expect(by.kept_rate).toEqual([0.5, null]);
    expect(by.charge_offs).toEqual([1, 1]);
  });

  it('restricts every KPI to the filtered accounts', async () => {
    // sme → AC3 only: state 2600 (M2) of 2600; K3 closed in March, opened before; no March payment
    // (its 200 is on 04-01), no March attempt or promise. Previous: 3000 of 3000, K3 opened and
    // cured, 300 collected, 1 RPC of 1.
    const sme = (await kpis({ portfolios: ['sme'] })).by;
    expect(sme).toEqual({
      delinquent_balance: [2600, 3000],
      delinquent_accounts: [1, 1],
      delinquency_rate: [1, 1],
      cases_opened: [0, 1],
      cases_closed: [1, 0],
      amount_collected: [0, 300],
      cure_rate_30d: [0, 1],
      rpc_rate: [0, 1],
      kept_rate: [0, null],
      charge_offs: [0, 0],
      // No contact or legal cost in this fixture (kpis-compare.test.ts has them): 0 / 0 → value 0,
      // previous 0 / 300 = 0.
      collection_cost: [0, 0],
      cost_to_collect: [0, 0],
    });
    // auto_loan → AC2: charged off in March (no open balance → rate 0 now, 500 / 500 before).
    const auto = (await kpis({ products: ['auto_loan'] })).by;
    expect([
      auto.delinquent_accounts,
      auto.delinquency_rate,
      auto.charge_offs,
      auto.amount_collected,
    ]).toEqual([
      [0, 1],
      [0, 1],
      [1, 0],
      [50.5, 0],
    ]);
    // north → AC1 + AC3: 3800 on 2; before, only AC3's 3000 (AC1 was current); payments 100 (AC1).
    const north = (await kpis({ regions: ['north'] })).by;
    expect([north.delinquent_balance, north.amount_collected, north.cases_opened]).toEqual([
      [3800, 3000],
      [100, 300],
      [2, 1],
    ]);
    // risk grade A → AC1: K1 (rpc 1 of 2, P1 kept) and immature K5.
    const gradeA = (await kpis({ riskGrades: ['A'] })).by;
    expect([
      gradeA.delinquent_balance,
      gradeA.rpc_rate,
      gradeA.kept_rate,
      gradeA.cure_rate_30d,
    ]).toEqual([
      [1200, 0],
      [0.5, null],
      [1, null],
      [1, null],
    ]);
  });

  it('rejects from after to with BAD_USER_INPUT', async () => {
    const result = await api.run(QUERY, { from: '2026-03-02', to: '2026-03-01' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/from \(2026-03-02\) is after to \(2026-03-01\)/);
  });
});
