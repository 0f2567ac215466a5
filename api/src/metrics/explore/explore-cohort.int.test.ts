/**
 * Golden test of explore's cohort measures (docs/metrics/explore.md "Cohort measures"):
 * cure-curve points, post-cure relapse, legal cases, vintages; and the equality of
 * every measure with cureCurve, vintages, postCureRelapse, legalPipeline, lossForecast
 * and upliftBySegment. REPORT_TZ UTC; as-of 2026-04-30 01:00 (the last snapshot).
 *
 * Accounts (opened_on): A1 north 01-02, A2 south 01-03, A3 north 02-01, A4 south 2025-06-01.
 * Month-end snapshots, dpd (bucket):
 * | acct | 01-31  | 02-28   | 03-31   | 04-30   |
 * |------|--------|---------|---------|---------|
 * | A1   | 0 M0   | 35 M2   | 0 M0    | 5 M1    |
 * | A2   | 10 M1  | 0 M0    | 0 M0    | 5 M1    |
 * | A3   |        | 0 M0    | 65 M3   | 95 M4   |
 * | A4   | 0 M0   | 0 M0    | 0 M0    |         |
 * A4 has no April snapshot: its March state is carried into the April month end, which
 * is lossForecast's start (base month April) as it is explore's month-end state.
 * Cases (experiment exp1 but K5; segment; opened 00:00):
 * | case | acct | opened     | strategy   | arm        | segment | closed                  |
 * |------|------|------------|------------|------------|---------|-------------------------|
 * | K1   | A1   | 01-05      | call_first | champion   | willing | cured 01-15 (10 days)   |
 * | K2   | A2   | 01-08      | sms_first  | challenger | willing | cured 02-20 (43 days)   |
 * | K3   | A3   | 02-10      | call_first | champion   | unable  | settled 03-15           |
 * | K4   | A2   | 02-20      | sms_first  | challenger | unable  | open                    |
 * | K5   | A4   | 2025-12-01 | sms_first  |            | willing | cured 01-20             |
 * Legal: K3 demand_letter 02-15 (50), filed 03-01 (200), payment 400 on 03-10 → stage filed,
 *   cost 250, recovered 400 (1.6), 5 days from opening; K4 demand_letter 03-05 (50),
 *   withdrawn 03-20 (0) → withdrawn, cost 50, recovered 0, 13 days.
 *
 * Cure within N of K1 … K4 (opened 01-01 … 04-30) by strategy, mature = opened + N ≤ 04-30 01:00:
 *   N 7: all mature, none cured → 0/2, 0/2. N 30: all mature, K1 → call_first 1/2, sms 0/2.
 *   N 60: all mature (K4 04-21), K1, K2 → 1/2, 1/2. N 90: K1 (04-05), K2 (04-08) mature,
 *   K3 (05-11), K4 not → 1/1, 1/1.
 * Relapse within 90 days of the cures closed 01-01 … 04-30: K1 01-15 (A1 M2 on 02-28:
 *   relapsed; window ends 04-15 ≤ 04-30: mature); K5 01-20 (A4 always M0: mature, not);
 *   K2 02-20 (window to 05-21: immature; A2 M1 on 04-30: relapsed already).
 *   call_first: 1 cure, 1 mature, 1 relapse → 1; sms_first: 2 cures, 1 mature, 0 → 0, 1 immature relapse.
 * Vintages (as-of month April): 2026-01 = A1, A2: A1 first 30+ in February (k 1), A2 never →
 *   ever30 k0 0, k1 … k3 1 of 2; 2026-02 = A3: 30+ and 60+ in March (k 1), 90+ in April (k 2).
 *   At the as-of month: 3 accounts, ever 30+ A1, A3 → 2/3, ever 90+ A3 → 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOpened, createTestApi, fixtureEvents, type TestApi } from '../../testing.ts';
import { expectExploreEqualsNamedMetrics } from './explore.equality.ts';

let api: TestApi;
const ev = fixtureEvents();
const account = (account_id: string, region: string, opened_on: string) => ({
  ...accountOpened(ev, account_id, { region }),
  opened_on,
});
const snap = (as_of: string, account_id: string, dpd: number) =>
  ev(`${as_of} 01:00:00`, {
    account_id,
    as_of,
    status: 'open',
    dpd,
    balance: '100',
    amount_due: '0',
  });
const kase = (
  case_id: string,
  account_id: string,
  day: string,
  strategy: string,
  arm_role: string,
  segment: string,
) =>
  ev(`${day} 00:00:00`, {
    case_id,
    account_id,
    strategy,
    experiment: arm_role ? 'exp1' : '',
    arm_role,
    segment,
    entry_dpd: 10,
    entry_balance: '100',
  });
const legal = (day: string, case_id: string, action: string, cost: string) =>
  ev(`${day} 00:00:00`, { case_id, action, cost });

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'UTC' });
  await api.insert('account_opened', [
    account('A1', 'north', '2026-01-02'),
    account('A2', 'south', '2026-01-03'),
    account('A3', 'north', '2026-02-01'),
    account('A4', 'south', '2025-06-01'),
  ]);
  const dpd: Record<string, (number | null)[]> = {
    A1: [0, 35, 0, 5],
    A2: [10, 0, 0, 5],
    A3: [null, 0, 65, 95],
    A4: [0, 0, 0, null],
  };
  const ends = ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30'];
  await api.insert(
    'account_snapshot',
    Object.entries(dpd).flatMap(([id, days]) =>
      days.flatMap((d, i) => (d === null ? [] : [snap(ends[i]!, id, d)])),
    ),
  );
  await api.insert('case_opened', [
    kase('K1', 'A1', '2026-01-05', 'call_first', 'champion', 'willing'),
    kase('K2', 'A2', '2026-01-08', 'sms_first', 'challenger', 'willing'),
    kase('K3', 'A3', '2026-02-10', 'call_first', 'champion', 'unable'),
    kase('K4', 'A2', '2026-02-20', 'sms_first', 'challenger', 'unable'),
    kase('K5', 'A4', '2025-12-01', 'sms_first', '', 'willing'),
  ]);
  await api.insert('case_closed', [
    ev('2026-01-15 00:00:00', { case_id: 'K1', outcome: 'cured' }),
    ev('2026-02-20 00:00:00', { case_id: 'K2', outcome: 'cured' }),
    ev('2026-03-15 00:00:00', { case_id: 'K3', outcome: 'settled' }),
    ev('2026-01-20 00:00:00', { case_id: 'K5', outcome: 'cured' }),
  ]);
  await api.insert('legal_action', [
    legal('2026-02-15', 'K3', 'demand_letter', '50'),
    legal('2026-03-01', 'K3', 'filed', '200'),
    legal('2026-03-05', 'K4', 'demand_letter', '50'),
    legal('2026-03-20', 'K4', 'withdrawn', '0'),
  ]);
  await api.insert('payment', [
    ev('2026-03-10 12:00:00', { payment_id: 'Y1', account_id: 'A3', case_id: 'K3', amount: '400' }),
  ]);
});
afterAll(() => api.dispose());

interface Value {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
interface Row {
  period: string | null;
  key: string[];
  values: Value[];
}
const run = async (args: string) =>
  (
    await api.data<{ explore: { rows: Row[] } }>(
      `{ explore(${args}) { rows { period key values { value numerator denominator } } } }`,
    )
  ).explore.rows;
const brief = (v: Value) =>
  v.numerator === null ? v.value : [v.value, v.numerator, v.denominator];
const table = (rows: Row[]) => rows.map((r) => [r.period, ...r.key, ...r.values.map(brief)]);
const PERIOD = 'from: "2026-01-01", to: "2026-04-30"';

describe('explore cohort measures', () => {
  it('answers post-cure relapse by strategy in one request', async () => {
    const rows = await run(
      `${PERIOD}, dimensions: [STRATEGY], measures: [RELAPSE_RATE, CURES, IMMATURE_RELAPSES]`,
    );
    expect(table(rows)).toEqual([
      [null, 'call_first', [1, 1, 1], 1, 0],
      [null, 'sms_first', [0, 0, 1], 2, 1],
    ]);
  });

  it('gives the cure curve points by strategy', async () => {
    const rows = await run(
      `${PERIOD}, dimensions: [STRATEGY], measures: [CURE_RATE_7D, CURE_RATE_30D, CURE_RATE_60D, CURE_RATE_90D]`,
    );
    expect(table(rows)).toEqual([
      [null, 'call_first', [0, 0, 2], [0.5, 1, 2], [0.5, 1, 2], [1, 1, 1]],
      [null, 'sms_first', [0, 0, 2], [0, 0, 2], [0.5, 1, 2], [1, 1, 1]],
    ]);
  });

  it('gives the legal pipeline by stage', async () => {
    const rows = await run(
      `${PERIOD}, dimensions: [LEGAL_STAGE], measures: [LEGAL_CASES, LEGAL_RECOVERED_PER_COST, MEAN_DAYS_TO_FIRST_ACTION]`,
    );
    expect(table(rows)).toEqual([
      [null, 'filed', 1, [1.6, 400, 250], [5, 5, 1]],
      [null, 'withdrawn', 1, [0, 0, 50], [13, 13, 1]],
    ]);
  });

  it('gives vintage curves by opening month and months on book, and at the as-of month', async () => {
    const curves = await run(
      `${PERIOD}, grain: MONTH, dimensions: [MONTHS_ON_BOOK], measures: [EVER_30_RATE, EVER_90]`,
    );
    expect(table(curves)).toEqual([
      ['2026-01', '000', [0, 0, 2], 0],
      ['2026-01', '001', [0.5, 1, 2], 0],
      ['2026-01', '002', [0.5, 1, 2], 0],
      ['2026-01', '003', [0.5, 1, 2], 0],
      ['2026-02', '000', [0, 0, 1], 0],
      ['2026-02', '001', [1, 1, 1], 0],
      ['2026-02', '002', [1, 1, 1], 1],
    ]);
    const latest = await run(`${PERIOD}, measures: [EVER_30_RATE, EVER_90]`);
    expect(table(latest)).toEqual([[null, [2 / 3, 2, 3], 1]]);
    const byDay = await api.run(
      `{ explore(${PERIOD}, grain: DAY, measures: [VINTAGE_ACCOUNTS]) { totalRows } }`,
    );
    expect(byDay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('equals every cohort metric for every figure the catalog claims, on every slice', async () => {
    const byMetric = new Map<string, number>();
    for (const slice of [
      { from: '2026-01-01', to: '2026-04-30' },
      { from: '2026-02-01', to: '2026-03-31' },
      { from: '2026-01-01', to: '2026-04-30', filter: { regions: ['north'] } },
      { from: '2026-01-01', to: '2026-04-30', filter: { strategies: ['call_first'] } },
    ])
      await expectExploreEqualsNamedMetrics(api, slice, byMetric);
    // every cohort metric compared: the figures × groups × slices it has
    for (const metric of [
      'cureCurve',
      'vintages',
      'postCureRelapse',
      'legalPipeline',
      'lossForecast',
      'upliftBySegment',
    ])
      expect(byMetric.get(metric) ?? 0, metric).toBeGreaterThan(4);
  });
});
