/**
 * Golden test of catalog and explore (docs/metrics/explore.md), REPORT_TZ UTC
 * (attempts and payments from kpi_daily), SMALL_CELL_MIN_CASES 2.
 *
 * Accounts: A1 north, A2 south (both retail). A late snapshot (06-30) puts the
 * as-of after every 30-day window.
 * | case | acct | opened | strategy   | entry | closed                     | payments on it |
 * |------|------|--------|------------|-------|----------------------------|----------------|
 * | K1   | A1   | 01-05  | early_call | 1000  | cured 01-15 (10 days)      | 400 on 01-10   |
 * | K2   | A2   | 01-05  | sms_first  | 2000  | settled 02-04 (30 days)    | 500 on 02-01   |
 * | K3   | A1   | 02-10  | sms_first  | 500   | open                       |                |
 * | K4   | A2   | 02-20  | early_call | 100   | cured 02-25 (5 days)       | 100 on 02-24   |
 * Promises (grace 3 days): PT1 K1 300 made 01-06 due 01-09 (window to 01-13; 400 on 01-10: kept);
 *   PT2 K2 200 made 01-20 due 01-25 (window to 01-29; 500 on 02-01 too late: broken);
 *   PT3 K3 50 made 02-12 due 02-15 (nothing: broken).
 * Attempts: K1 call RPC 01-06 cost 2; K2 sms delivered 01-06 cost 0.5; K3 call no_answer
 *   02-11 cost 1; K4 call RPC 02-21 cost 2. Legal: K2 demand_letter 01-25 cost 50.
 * Plans: PL1 K1 installment 01-07 300; PL2 K2 settlement 02-02 1500; PL3 K3 installment
 *   02-12 200 (repaymentPlans by kind is the equality check's reference).
 *
 * January: opened K1, K2 (cured within 30 days: K1) → 1/2; promises PT1 kept, PT2 broken → 1/2;
 *   attempts 2, RPC 1 → 1/2; collected 400; cost 2.5 + 50 = 52.5 → 52.5 / 400 = 0.13125.
 * February: opened K3, K4 (cured: K4) → 1/2; PT3 broken → 0/1; attempts 2, RPC 1 → 1/2;
 *   collected 500 + 100 = 600; cost 1 + 2 = 3 → 3 / 600 = 0.005.
 * Closed Jan–Feb by strategy: early_call K1, K4 → 2 cases, recovered 400 + 100 = 500 of
 *   1000 + 100 → 500/1100, days (10 + 5) / 2 = 7.5; sms_first K2 → 1, 500 of 2000 → 0.25, 30 days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountOpened,
  createTestApi,
  fixtureEvents,
  paymentPlan,
  type TestApi,
} from '../../testing.ts';
import { Measure } from './explore.catalog.ts';
import { expectExploreEqualsNamedMetrics } from './explore.equality.ts';

let api: TestApi;
let n = 0;
const ev = fixtureEvents();
const account = (account_id: string, region: string) => accountOpened(ev, account_id, { region });
const kase = (case_id: string, account_id: string, day: string, strategy: string, entry: string) =>
  ev(`${day} 00:00:00`, {
    case_id,
    account_id,
    strategy,
    segment: 'willing_able',
    entry_dpd: 10,
    entry_balance: entry,
  });
const pay = (day: string, case_id: string, account_id: string, amount: string) =>
  ev(`${day} 12:00:00`, { payment_id: `Y${++n}`, account_id, case_id, amount });
const attempt = (day: string, case_id: string, channel: string, outcome: string, cost: string) =>
  ev(`${day} 09:00:00`, { case_id, channel, outcome, cost });
const promise = (day: string, ptp_id: string, case_id: string, amount: string, due_on: string) =>
  ev(`${day} 10:00:00`, { ptp_id, case_id, amount, due_on });

beforeAll(async () => {
  api = await createTestApi({ SMALL_CELL_MIN_CASES: '2' });
  await api.insert('account_opened', [account('A1', 'north'), account('A2', 'south')]);
  await api.insert('case_opened', [
    kase('K1', 'A1', '2026-01-05', 'early_call', '1000'),
    kase('K2', 'A2', '2026-01-05', 'sms_first', '2000'),
    kase('K3', 'A1', '2026-02-10', 'sms_first', '500'),
    kase('K4', 'A2', '2026-02-20', 'early_call', '100'),
  ]);
  await api.insert('case_closed', [
    ev('2026-01-15 00:00:00', { case_id: 'K1', outcome: 'cured' }),
    ev('2026-02-04 00:00:00', { case_id: 'K2', outcome: 'settled' }),
    ev('2026-02-25 00:00:00', { case_id: 'K4', outcome: 'cured' }),
  ]);
  await api.insert('payment', [
    pay('2026-01-10', 'K1', 'A1', '400'),
    pay('2026-02-01', 'K2', 'A2', '500'),
    pay('2026-02-24', 'K4', 'A2', '100'),
  ]);
  await api.insert('promise_to_pay', [
    promise('2026-01-06', 'PT1', 'K1', '300', '2026-01-09'),
    promise('2026-01-20', 'PT2', 'K2', '200', '2026-01-25'),
    promise('2026-02-12', 'PT3', 'K3', '50', '2026-02-15'),
  ]);
  await api.insert('contact_attempt', [
    attempt('2026-01-06', 'K1', 'call', 'right_party_contact', '2'),
    attempt('2026-01-06', 'K2', 'sms', 'delivered', '0.5'),
    attempt('2026-02-11', 'K3', 'call', 'no_answer', '1'),
    attempt('2026-02-21', 'K4', 'call', 'right_party_contact', '2'),
  ]);
  await api.insert('legal_action', [
    ev('2026-01-25 00:00:00', { case_id: 'K2', action: 'demand_letter', cost: '50' }),
  ]);
  const plan = (
    day: string,
    plan_id: string,
    case_id: string,
    kind: string,
    total_amount: string,
  ) => paymentPlan(ev, `${day} 08:00:00`, { plan_id, case_id, kind, total_amount });
  await api.insert('payment_plan', [
    plan('2026-01-07', 'PL1', 'K1', 'installment', '300'),
    plan('2026-02-02', 'PL2', 'K2', 'settlement', '1500'),
    plan('2026-02-12', 'PL3', 'K3', 'installment', '200'),
  ]);
  await api.insert('account_snapshot', [
    ev('2026-06-30 01:00:00', {
      account_id: 'A2',
      as_of: '2026-06-30',
      dpd: 0,
      balance: '1',
      amount_due: '0',
      status: 'open',
    }),
  ]);
});
afterAll(() => api.dispose());

interface Value {
  measure: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
const run = async (args: string, role?: 'viewer') =>
  (
    await api.data<{
      explore: {
        rows: { period: string | null; key: string[]; suppressed: boolean; values: Value[] }[];
      };
    }>(
      `{ explore(${args}) { rows { period key suppressed values { measure value numerator denominator } } } }`,
      undefined,
      role,
    )
  ).explore.rows;
const brief = (v: Value) => [v.value, v.numerator, v.denominator];

describe('explore', () => {
  it('answers the overview trend in one request: measures by month with numerators and denominators', async () => {
    const rows = await run(
      'from: "2026-01-01", to: "2026-02-28", grain: MONTH, measures: [CASES_OPENED, CURE_RATE_30D, KEPT_RATE, RPC_RATE, AMOUNT_COLLECTED, COST_TO_COLLECT]',
    );
    expect(rows.map((r) => [r.period, r.values.map(brief)])).toEqual([
      [
        '2026-01',
        [
          [2, null, null],
          [0.5, 1, 2],
          [0.5, 1, 2],
          [0.5, 1, 2],
          [400, null, null],
          [0.13125, 52.5, 400],
        ],
      ],
      [
        '2026-02',
        [
          [2, null, null],
          [0.5, 1, 2],
          [0, 0, 1],
          [0.5, 1, 2],
          [600, null, null],
          [0.005, 3, 600],
        ],
      ],
    ]);
  });

  it('slices case measures by strategy and orders by a measure', async () => {
    const rows = await run(
      'from: "2026-01-01", to: "2026-02-28", dimensions: [STRATEGY], measures: [CASES_CLOSED, RECOVERY_RATE, MEAN_DAYS_TO_CLOSE], orderBy: RECOVERY_RATE',
    );
    expect(rows.map((r) => [r.key, r.values.map(brief)])).toEqual([
      // 500 / 1100 > 500 / 2000
      [
        ['early_call'],
        [
          [2, null, null],
          [500 / 1100, 500, 1100],
          [7.5, 15, 2],
        ],
      ],
      [
        ['sms_first'],
        [
          [1, null, null],
          [0.25, 500, 2000],
          [30, 30, 1],
        ],
      ],
    ]);
  });

  it('takes the one filter, and refuses slices and filters a measure cannot honour', async () => {
    // north = A1: opened K1 (cured), K3 (not) → 1/2
    const rows = await run(
      'from: "2026-01-01", to: "2026-02-28", measures: [CURE_RATE_30D], filter: { regions: ["north"] }',
    );
    expect(rows.map((r) => r.values.map(brief))).toEqual([[[0.5, 1, 2]]]);
    const sliced = await api.run(
      '{ explore(from: "2026-01-01", to: "2026-02-28", measures: [ATTEMPTS], dimensions: [STRATEGY]) { totalRows } }',
    );
    expect(sliced.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(sliced.errors?.[0]?.message).toBe(
      'attempts cannot be sliced by strategy: it can be by portfolio, product, region, risk_grade, channel, contact_hour, contact_weekday, team, agent.',
    );
    const filtered = await api.run(
      '{ explore(from: "2026-01-01", to: "2026-02-28", measures: [ATTEMPTS], filter: { strategies: ["sms_first"] }) { totalRows } }',
    );
    expect(filtered.errors?.[0]?.message).toBe(
      'explore (for these measures) cannot be filtered by strategies: its filter takes portfolios, products, regions, riskGrades, teams, agents, channels.',
    );
    const misspelt = await api.run(
      '{ explore(from: "2026-01-01", to: "2026-02-28", measures: [CASES_OPENED], filter: { regions: ["nrth"] }) { totalRows } }',
    );
    expect(misspelt.errors?.[0]?.message).toContain('the closest known: north, south');
  });

  it('finds the best contact hour and weekday (account local time) and slices by channel', async () => {
    const byDimension = async (dimension: string) =>
      (
        await run(
          `from: "2026-01-01", to: "2026-02-28", dimensions: [${dimension}], measures: [ATTEMPTS, RPC_RATE]`,
        )
      ).map((r) => [r.key[0], r.values[0]?.value, r.values[1]?.value]);
    // every attempt at 09:00Z; accounts at the default offset 480 → 17:00 local: 4 attempts, RPC 2/4
    expect(await byDimension('CONTACT_HOUR')).toEqual([['17', 4, 0.5]]);
    // 01-06 Tue (K1 RPC, K2 delivered), 02-11 Wed (K3 no_answer), 02-21 Sat (K4 RPC)
    expect(await byDimension('CONTACT_WEEKDAY')).toEqual([
      ['2-Tue', 2, 0.5],
      ['3-Wed', 1, 0],
      ['6-Sat', 1, 1],
    ]);
    // calls K1, K3, K4 → RPC 2/3; the sms → 0/1
    expect(await byDimension('CHANNEL')).toEqual([
      ['call', 3, 2 / 3],
      ['sms', 1, 0],
    ]);
  });

  it('slices and filters attempts by channel with account dimensions (channel_daily)', async () => {
    const values = async (args: string) =>
      (await run(`from: "2026-01-01", to: "2026-02-28", ${args}`)).map((r) => [
        ...r.key,
        ...r.values.map((v) => v.value),
      ]);
    // north (A1): K1 call RPC 2, K3 call no_answer 1; south (A2): K2 sms 0.5, K4 call RPC 2
    expect(
      await values('dimensions: [CHANNEL, REGION], measures: [ATTEMPTS, RPCS, CONTACT_COST]'),
    ).toEqual([
      ['call', 'north', 2, 1, 3],
      ['call', 'south', 1, 1, 2],
      ['sms', 'south', 1, 0, 0.5],
    ]);
    // calls only, by region; February's calls (K3, K4) by month
    expect(
      await values('dimensions: [REGION], measures: [ATTEMPTS], filter: { channels: ["call"] }'),
    ).toEqual([
      ['north', 2],
      ['south', 1],
    ]);
    expect(
      (
        await run(
          'from: "2026-02-01", to: "2026-02-28", grain: MONTH, dimensions: [CHANNEL], measures: [RPC_RATE]',
        )
      ).map((r) => [r.period, ...r.key, r.values[0]?.numerator, r.values[0]?.denominator]),
    ).toEqual([['2026-02', 'call', 1, 2]]);
  });

  it('answers "30-day cure of M1 cases by first-contact channel" in one request', async () => {
    const rows = await run(
      'from: "2026-01-01", to: "2026-02-28", dimensions: [ENTRY_BUCKET, FIRST_CONTACT_CHANNEL], measures: [CURE_RATE_30D]',
    );
    // every case entered at dpd 10 (M1); first attempts: K1 call, K2 sms, K3 call, K4 call;
    // all mature (as-of 06-30); cured within 30 days: K1 (10 days), K4 (5) → call 2/3, sms 0/1
    expect(rows.map((r) => [r.key, ...brief(r.values[0]!)])).toEqual([
      [['M1', 'call'], 2 / 3, 2, 3],
      [['M1', 'sms'], 0, 0, 1],
    ]);
    const notByAttempts = await api.run(
      '{ explore(from: "2026-01-01", to: "2026-02-28", dimensions: [FIRST_CONTACT_CHANNEL], measures: [ATTEMPTS]) { totalRows } }',
    );
    expect(notByAttempts.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('withholds small cells from viewers', async () => {
    const rows = await run(
      'from: "2026-01-01", to: "2026-02-28", dimensions: [STRATEGY], measures: [CASES_CLOSED]',
      'viewer',
    );
    // SMALL_CELL_MIN_CASES 2: sms_first has 1 closed case
    expect(rows.map((r) => [r.key[0], r.suppressed, r.values[0]?.value])).toEqual([
      ['early_call', false, 2],
      ['sms_first', true, null],
    ]);
  });

  it('equals the named metric for every figure the catalog claims, on every slice', async () => {
    let compared = 0;
    for (const slice of [
      { from: '2026-01-01', to: '2026-02-28' },
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-01-01', to: '2026-02-28', filter: { regions: ['north'] } },
      { from: '2026-01-01', to: '2026-02-28', filter: { strategies: ['sms_first'] } },
    ])
      compared += await expectExploreEqualsNamedMetrics(api, slice);
    expect(compared).toBeGreaterThan(40);
  });
});

describe('catalog', () => {
  it('describes every measure and dimension, with values and the currency', async () => {
    const { catalog } = await api.data<{
      catalog: {
        currency: string;
        measures: {
          name: string;
          unit: string;
          numerator: string | null;
          denominator: string | null;
          definedBy: string[];
          dimensions: string[];
        }[];
        dimensions: { name: string; values: string[] }[];
      };
    }>(
      `{ catalog { currency measures { name unit numerator denominator definedBy dimensions } dimensions { name values } } }`,
    );
    expect(catalog.currency).toBe('CNY');
    expect(catalog.measures.length).toBe(Object.keys(Measure).length);
    expect(catalog.measures.find((m) => m.name === 'CURE_RATE_30D')).toEqual({
      name: 'CURE_RATE_30D',
      unit: 'RATE',
      numerator: 'CURED_30D',
      denominator: 'CURE_MATURE_30D',
      definedBy: [
        'kpis.cure_rate_30d',
        'strategyComparison.cureRate',
        'cureCurve.cohorts.points[days=30].cureRate',
        'upliftBySegment.segments.arms.arm.cureRate',
      ],
      dimensions: [
        'PORTFOLIO',
        'PRODUCT',
        'REGION',
        'RISK_GRADE',
        'SEGMENT',
        'STRATEGY',
        'EXPERIMENT',
        'ARM_ROLE',
        'ENTRY_BUCKET',
        'FIRST_CONTACT_CHANNEL',
      ],
    });
    const values = Object.fromEntries(catalog.dimensions.map((d) => [d.name, d.values]));
    expect([values.REGION, values.STRATEGY, values.ARM_ROLE]).toEqual([
      ['north', 'south'],
      ['early_call', 'sms_first'],
      ['champion', 'challenger'],
    ]);
  });
});
