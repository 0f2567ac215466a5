/**
 * Golden test of caseOutcomes (docs/metrics/case-outcomes.md). REPORT_TZ = Asia/Shanghai;
 * period March 2026 local = [02-28 16:00Z, 03-31 16:00Z).
 *
 * Cases closed in the period (days = elapsed hours / 24):
 *   K1 sms_first / willing_able / dpd 15 → M1, AC1 (credit_card, retail, north),
 *      03-01 00:00Z → cured 03-03 12:00Z = 2.5 d; entry 1000; payments 200 at the
 *      open instant + 300 at the close instant (both in) + 999 one ms after (out) = 500;
 *      holder at close A2 (South; A1 North held it until 03-02).
 *   K2 sms_first / willing_able / dpd 45 → M2, AC2 (auto_loan, retail, south),
 *      03-02 → settled 03-06 = 4 d; entry 2000; recovered 1000; holder A1 (North).
 *   K3 early_call / '' / dpd 0 → M0, AC3 never opened (product/portfolio/region ''),
 *      02-01 → cured 03-02 = 29 d; entry 500; recovered 0; no holder → team ''.
 *   K4 early_call / unwilling_able / dpd 200 → M7_PLUS, AC1, 03-01 → charged_off
 *      03-11 = 10 d; entry 1500; recovered 0; holder A1 (North).
 *   K6 sms_first / willing_unable / dpd 30 → M1, AC2, 03-31 03:59:59Z → paid_in_full
 *      03-31 15:59:59Z (23:59:59 local, last second of the period) = 0.5 d; entry 500;
 *      recovered 500; no holder.
 * Not in the period: K5 closed 04-01 00:00 local (03-31 16:00Z); K7 still open.
 *
 * All (5 cases): cured 2 (0.4), charged_off, paid_in_full, settled 1 each (0.2);
 *   days 0.5, 2.5, 4, 10, 29 → mean 46 / 5 = 9.2, median 4;
 *   recovered 500 + 1000 + 500 = 2000; rate 2000 / 5500.
 * By portfolio: '' = K3 (29 d); retail = K1, K2, K4, K6: days 0.5, 2.5, 4, 10 →
 *   mean 17 / 4 = 4.25, median of an even count (2.5 + 4) / 2 = 3.25;
 *   recovered 2000 / 5000 = 0.4.
 * By team: '' = K3, K6 (500 / 1000); North = K2, K4 (1000 / 3500); South = K1 (500 / 1000).
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
const open = (
  at: string,
  case_id: string,
  account_id: string,
  strategy: string,
  segment: string,
  entry_dpd: number,
  entry_balance: string,
) => ev(at, { case_id, account_id, strategy, segment, entry_dpd, entry_balance });
const account = (account_id: string, product: string, portfolio: string, region: string) =>
  ev('2025-01-01T00:00:00Z', {
    account_id,
    product,
    portfolio,
    region,
    opened_on: '2024-01-01',
    principal: '10000',
  });
const pay = (at: string, case_id: string, amount: string) =>
  ev(at, { payment_id: `Y${n}`, account_id: 'AC', case_id, amount });

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'Asia/Shanghai' });
  await api.insert('account_opened', [
    account('AC1', 'credit_card', 'retail', 'north'),
    account('AC2', 'auto_loan', 'retail', 'south'),
  ]);
  await api.insert('agent_registered', [
    ev('2025-01-01T00:00:00Z', { agent_id: 'A1', name: 'Ann', team: 'North' }),
    ev('2025-01-01T00:00:00Z', { agent_id: 'A2', name: 'Bob', team: 'South' }),
  ]);
  await api.insert('case_opened', [
    open('2026-03-01T00:00:00Z', 'K1', 'AC1', 'sms_first', 'willing_able', 15, '1000'),
    open('2026-03-02T00:00:00Z', 'K2', 'AC2', 'sms_first', 'willing_able', 45, '2000'),
    open('2026-02-01T00:00:00Z', 'K3', 'AC3', 'early_call', '', 0, '500'),
    open('2026-03-01T00:00:00Z', 'K4', 'AC1', 'early_call', 'unwilling_able', 200, '1500'),
    open('2026-03-20T00:00:00Z', 'K5', 'AC1', 'early_call', 'willing_able', 5, '100'),
    open('2026-03-31T03:59:59Z', 'K6', 'AC2', 'sms_first', 'willing_unable', 30, '500'),
    open('2026-03-05T00:00:00Z', 'K7', 'AC2', 'sms_first', 'willing_able', 5, '100'),
  ]);
  await api.insert('case_closed', [
    ev('2026-03-03T12:00:00Z', { case_id: 'K1', outcome: 'cured' }),
    ev('2026-03-06T00:00:00Z', { case_id: 'K2', outcome: 'settled' }),
    ev('2026-03-02T00:00:00Z', { case_id: 'K3', outcome: 'cured' }),
    ev('2026-03-11T00:00:00Z', { case_id: 'K4', outcome: 'charged_off' }),
    ev('2026-04-01T00:00:00+08:00', { case_id: 'K5', outcome: 'cured' }),
    ev('2026-03-31T23:59:59+08:00', { case_id: 'K6', outcome: 'paid_in_full' }),
  ]);
  await api.insert('case_assigned', [
    ev('2026-02-28T00:00:00Z', { case_id: 'K1', agent_id: 'A1' }),
    ev('2026-03-02T00:00:00Z', { case_id: 'K1', agent_id: 'A2' }),
    ev('2026-03-02T00:00:00Z', { case_id: 'K2', agent_id: 'A1' }),
    ev('2026-03-01T00:00:00Z', { case_id: 'K4', agent_id: 'A1' }),
    // Assigned after K4's close: not its holder at close.
    ev('2026-03-12T00:00:00Z', { case_id: 'K4', agent_id: 'A2' }),
  ]);
  await api.insert('payment', [
    pay('2026-03-01T00:00:00Z', 'K1', '200'),
    pay('2026-03-03T12:00:00Z', 'K1', '300'),
    pay('2026-03-03T12:00:00.001Z', 'K1', '999'),
    pay('2026-03-05T00:00:00Z', 'K2', '1000'),
    pay('2026-03-31T10:00:00Z', 'K6', '500'),
    pay('2026-03-25T00:00:00Z', 'K5', '100'),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($from: String!, $to: String!, $groupBy: [String!], $filter: PortfolioFilter) {
  caseOutcomes(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {
    key cases outcomes { outcome cases share } meanDaysToClose medianDaysToClose recovered recoveryRate
  }
}`;
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
type Group = {
  key: string[];
  cases: number;
  outcomes: { outcome: string; cases: number; share: number }[];
  meanDaysToClose: number;
  medianDaysToClose: number;
  recovered: number;
  recoveryRate: number;
};
const groups = async (variables: Record<string, unknown>) =>
  (await api.data<{ caseOutcomes: Group[] }>(QUERY, { ...MARCH, ...variables })).caseOutcomes;

describe('caseOutcomes', () => {
  it('without groupBy gives one group of every case closed in the period', async () => {
    const [all, ...rest] = await groups({});
    expect(rest).toEqual([]);
    expect(all?.key).toEqual([]);
    expect(all?.cases).toBe(5);
    expect(all?.outcomes).toEqual([
      { outcome: 'cured', cases: 2, share: 0.4 },
      { outcome: 'charged_off', cases: 1, share: 0.2 },
      { outcome: 'paid_in_full', cases: 1, share: 0.2 },
      { outcome: 'settled', cases: 1, share: 0.2 },
    ]);
    expect(all?.meanDaysToClose).toBeCloseTo(9.2, 9);
    expect(all?.medianDaysToClose).toBeCloseTo(4, 9);
    expect(all?.recovered).toBe(2000);
    expect(all?.recoveryRate).toBeCloseTo(2000 / 5500, 12);
  });

  it('takes the median of an even count as the mean of the two middle values', async () => {
    const result = await groups({ groupBy: ['portfolio'] });
    expect(result.map((g) => [g.key, g.cases, g.meanDaysToClose, g.medianDaysToClose])).toEqual([
      [[''], 1, 29, 29],
      [['retail'], 4, 4.25, 3.25],
    ]);
    expect(result[1]?.recovered).toBe(2000);
    expect(result[1]?.recoveryRate).toBeCloseTo(0.4, 12);
  });

  it('groups by the team of the holder at close', async () => {
    const result = await groups({ groupBy: ['team'] });
    expect(result.map((g) => [g.key, g.cases, g.recovered, g.recoveryRate])).toEqual([
      [[''], 2, 500, 0.5],
      [['North'], 2, 1000, 1000 / 3500],
      [['South'], 1, 500, 0.5],
    ]);
  });

  it('groups by several dimensions in the order given', async () => {
    const byStrategyBucket = await groups({ groupBy: ['strategy', 'entry_bucket'] });
    expect(byStrategyBucket.map((g) => [g.key, g.cases])).toEqual([
      [['early_call', 'M0'], 1],
      [['early_call', 'M7_PLUS'], 1],
      [['sms_first', 'M1'], 2],
      [['sms_first', 'M2'], 1],
    ]);
    const byAccount = await groups({ groupBy: ['product', 'region', 'segment'] });
    expect(byAccount.map((g) => [g.key, g.cases])).toEqual([
      [['', '', ''], 1],
      [['auto_loan', 'south', 'willing_able'], 1],
      [['auto_loan', 'south', 'willing_unable'], 1],
      [['credit_card', 'north', 'unwilling_able'], 1],
      [['credit_card', 'north', 'willing_able'], 1],
    ]);
  });

  it('takes explore’s Dimension enum as dimensions, the same groups as groupBy (docs/api.md "Naming")', async () => {
    const byEnum = await api.data<{ caseOutcomes: Group[] }>(
      `query ($from: String!, $to: String!) {
        caseOutcomes(from: $from, to: $to, dimensions: [STRATEGY, ENTRY_BUCKET]) { key cases }
      }`,
      MARCH,
    );
    expect(byEnum.caseOutcomes.map((g) => [g.key, g.cases])).toEqual([
      [['early_call', 'M0'], 1],
      [['early_call', 'M7_PLUS'], 1],
      [['sms_first', 'M1'], 2],
      [['sms_first', 'M2'], 1],
    ]);
    const byTeam = await api.data<{ caseOutcomes: Group[] }>(
      `query ($from: String!, $to: String!) {
        caseOutcomes(from: $from, to: $to, dimensions: [TEAM]) { key cases recovered }
      }`,
      MARCH,
    );
    expect(byTeam.caseOutcomes).toEqual(
      (await groups({ groupBy: ['team'] })).map((g) => ({
        key: g.key,
        cases: g.cases,
        recovered: g.recovered,
      })),
    );
    for (const [args, message] of [
      [
        'dimensions: [PLAN_KIND]',
        'caseOutcomes cannot group by PLAN_KIND; its dimensions are STRATEGY, SEGMENT, ENTRY_BUCKET, PRODUCT, PORTFOLIO, REGION, TEAM.',
      ],
      [
        'dimensions: [TEAM], groupBy: ["team"]',
        'caseOutcomes takes dimensions or groupBy, not both: drop groupBy.',
      ],
    ] as const) {
      const result = await api.run(
        `{ caseOutcomes(from: "2026-03-01", to: "2026-03-31", ${args}) { key } }`,
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toBe(message);
    }
  });

  it('applies a portfolio filter and is empty for a period without closures', async () => {
    const filtered = await groups({ filter: { products: ['credit_card'] } });
    // K1 (cured, 500 / 1000) and K4 (charged_off, 0 / 1500).
    expect(filtered.map((g) => [g.cases, g.recovered, g.recoveryRate])).toEqual([
      [2, 500, 500 / 2500],
    ]);
    expect(await groups({ from: '2025-01-01', to: '2025-12-31' })).toEqual([]);
  });

  // Last: it loads more events. A1 moves to team West (a later registration)
  // and a late payment of 250 on K2 on 03-04 (inside its open 03-02 … close
  // 03-06) arrives: North's cases K2, K4 now group as West with 1000 + 250 = 1250
  // recovered over 2000 + 1500 entry balance; '' and South as before.
  it('follows a late team move and a late payment', async () => {
    await api.insert('agent_registered', [
      ev('2026-04-01T00:00:00Z', { agent_id: 'A1', name: 'Ann', team: 'West' }),
    ]);
    await api.insert('payment', [pay('2026-03-04T00:00:00Z', 'K2', '250')]);
    const result = await groups({ groupBy: ['team'] });
    expect(result.map((g) => [g.key, g.cases, g.recovered, g.recoveryRate])).toEqual([
      [[''], 2, 500, 0.5],
      [['South'], 1, 500, 0.5],
      [['West'], 2, 1250, 1250 / 3500],
    ]);
  });

  it('rejects an unknown or repeated dimension with BAD_USER_INPUT', async () => {
    for (const [groupBy, message] of [
      [['strategy', 'colour'], /unknown dimension "colour"; use any of strategy, segment/],
      [['team', 'team'], /lists "team" more than once/],
    ] as const) {
      const result = await api.run(QUERY, { ...MARCH, groupBy });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(message);
    }
  });
});
