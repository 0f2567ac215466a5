/**
 * Golden test of explore's month-end measures (docs/metrics/explore.md "Month-end
 * measures"): delinquency at month ends, roll rates, charge-offs. REPORT_TZ UTC.
 *
 * Accounts: A1 north A, A2 north B, A3 south A, A4 south B, A5 south B. Month-end snapshots
 * (bucket balance; none = no snapshot that month):
 * | acct | Jan      | Feb      | Mar            | Apr                |
 * |------|----------|----------|----------------|--------------------|
 * | A1   | M0 1000  | M1 1000  | M2 1000        | M3 1000            |
 * | A2   | M1 500   | M2 500   | none (carried) | CHARGED_OFF 500    |
 * | A3   | M1 200   | M0 200   | M0 200         | M1 200             |
 * | A4   | M0 300   | M0 300   | CLOSED 0       | CLOSED 0           |
 * | A5   | CHARGED_OFF 400, every month (not open: in no delinquency figure)   |
 *
 * Delinquency (open M1+ balance / open balance, accounts):
 *   Jan: A2 + A3 = 700 / 2000 = 0.35, 2 · Feb: A1 + A2 = 1500 / 2000 = 0.75, 2
 *   Mar: A1 + A2 (Feb's, carried) = 1500 / (1000 + 500 + 200) = 1500 / 1700, 2
 *   Apr: A1 = 1000 / (1000 + 200) … A3 is M1 too: 1200 / 1200 = 1, 2
 *   north (A1, A2): Jan 500 / 1500 · south (A3, A4): Jan 200 / 500 = 0.4.
 * Transitions (origin → next month; A2 Feb → none is unobserved). The pooled bases take
 * open origins only (M0 … M7_PLUS; cure M1 … M7_PLUS): A4 Mar CLOSED → CLOSED and A5's
 * CHARGED_OFF → CHARGED_OFF (Jan, Feb, Mar) are in neither, though snapshotted:
 *   Jan: A1 M0→M1 (fwd), A2 M1→M2 (fwd), A3 M1→M0 (cure), A4 M0→M0
 *   Feb: A1 M1→M2 (fwd), A3 M0→M0, A4 M0→CLOSED (CLOSED is not worse)
 *   Mar: A1 M2→M3 (fwd), A3 M0→M1 (fwd)
 *   origins Jan–Mar: roll base 4 + 3 + 2 = 9, rolled forward 2 + 1 + 2 = 5 → 5/9;
 *   cure base (M1 … M7_PLUS, observed): A2 Jan, A3 Jan, A1 Feb, A1 Mar = 4, cured A3 → 1/4.
 *   (counting them: roll 5/12, cure 1/8 — history diluting the rates)
 *   north: base 2 + 1 + 1 = 4, forward 4 → 1; south: base 2 + 2 + 1 = 5, forward 1 → 0.2
 *   (with A5: 1/8).
 *   M1 origins: A2 Jan (B, fwd), A3 Jan (A, cured), A1 Feb (A, fwd) → A 1/2, B 1/1.
 * Charge-offs: A5 first charged off on 01-28 → January 1; A2 on 04-28 → April 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOpened, createTestApi, fixtureEvents, type TestApi } from '../../testing.ts';
import { expectExploreEqualsNamedMetrics } from './explore.equality.ts';

let api: TestApi;
const ev = fixtureEvents();
const account = (id: string, region: string, risk_grade: string) => ({
  ...accountOpened(ev, id, { region }),
  risk_grade,
});
const snap = (as_of: string, account_id: string, status: string, dpd: number, balance: string) =>
  ev(`${as_of} 01:00:00`, { account_id, as_of, status, dpd, balance, amount_due: '0' });

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'UTC' });
  await api.insert('account_opened', [
    account('A1', 'north', 'A'),
    account('A2', 'north', 'B'),
    account('A3', 'south', 'A'),
    account('A4', 'south', 'B'),
    account('A5', 'south', 'B'),
  ]);
  await api.insert('account_snapshot', [
    snap('2026-01-28', 'A1', 'open', 0, '1000'),
    snap('2026-02-28', 'A1', 'open', 15, '1000'),
    snap('2026-03-28', 'A1', 'open', 45, '1000'),
    snap('2026-04-28', 'A1', 'open', 75, '1000'),
    snap('2026-01-28', 'A2', 'open', 10, '500'),
    snap('2026-02-28', 'A2', 'open', 40, '500'),
    snap('2026-04-28', 'A2', 'charged_off', 100, '500'),
    snap('2026-01-28', 'A3', 'open', 20, '200'),
    snap('2026-02-28', 'A3', 'open', 0, '200'),
    snap('2026-03-28', 'A3', 'open', 0, '200'),
    snap('2026-04-28', 'A3', 'open', 25, '200'),
    snap('2026-01-28', 'A4', 'open', 0, '300'),
    snap('2026-02-28', 'A4', 'open', 0, '300'),
    snap('2026-03-28', 'A4', 'closed', 0, '0'),
    snap('2026-04-28', 'A4', 'closed', 0, '0'),
    ...['01', '02', '03', '04'].map((m) => snap(`2026-${m}-28`, 'A5', 'charged_off', 120, '400')),
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
const brief = (v: Value) => [v.value, v.numerator, v.denominator];
const error = async (args: string) =>
  (await api.run(`{ explore(${args}) { totalRows } }`)).errors?.[0];

describe('explore month-end measures', () => {
  it('gives the delinquency rate with its counts for every month in one request', async () => {
    const rows = await run(
      'from: "2026-01-01", to: "2026-04-30", grain: MONTH, measures: [DELINQUENCY_RATE, DELINQUENT_ACCOUNTS, CHARGE_OFFS]',
    );
    expect(rows.map((r) => [r.period, ...r.values.map(brief)])).toEqual([
      ['2026-01', [0.35, 700, 2000], [2, null, null], [1, null, null]],
      ['2026-02', [0.75, 1500, 2000], [2, null, null], [0, null, null]],
      // A2 has no March snapshot: February's M2 500 is carried
      ['2026-03', [1500 / 1700, 1500, 1700], [2, null, null], [0, null, null]],
      ['2026-04', [1, 1200, 1200], [2, null, null], [1, null, null]],
    ]);
    // the data end on 04-28: May and June would only repeat April's carried states
    const after = await run(
      'from: "2026-04-01", to: "2026-06-30", grain: MONTH, measures: [DELINQUENCY_RATE]',
    );
    expect(after.map((r) => [r.period, ...brief(r.values[0]!)])).toEqual([
      ['2026-04', 1, 1200, 1200],
    ]);
  });

  it("shows a quarter's or a period's state at its last month end, by region", async () => {
    const quarters = await run(
      'from: "2026-01-01", to: "2026-04-30", grain: QUARTER, measures: [DELINQUENCY_RATE]',
    );
    expect(quarters.map((r) => [r.period, ...brief(r.values[0]!)])).toEqual([
      ['2026-Q1', 1500 / 1700, 1500, 1700],
      ['2026-Q2', 1, 1200, 1200],
    ]);
    // buckets reaching past the data's end (04-28) show the as-of month's states, as kpis
    // does over them: Q2 and 2026 at April's 1200 / 1200, 2 accounts; 2025 holds no state
    const pastAsOf = await run(
      'from: "2026-01-01", to: "2026-06-30", grain: QUARTER, measures: [DELINQUENCY_RATE]',
    );
    expect(pastAsOf.map((r) => [r.period, ...brief(r.values[0]!)])).toEqual([
      ['2026-Q1', 1500 / 1700, 1500, 1700],
      ['2026-Q2', 1, 1200, 1200],
    ]);
    const years = await run(
      'from: "2025-01-01", to: "2026-12-31", grain: YEAR, measures: [DELINQUENCY_RATE]',
    );
    expect(years.map((r) => [r.period, ...brief(r.values[0]!)])).toEqual([['2026', 1, 1200, 1200]]);
    const wholeYear = await run(
      'from: "2026-01-01", to: "2026-12-31", measures: [DELINQUENCY_RATE, DELINQUENT_ACCOUNTS]',
    );
    expect(wholeYear.map((r) => r.values.map(brief))).toEqual([
      [
        [1, 1200, 1200],
        [2, null, null],
      ],
    ]);
    // a bucket wholly after the as-of month has no state: no row
    expect(
      await run(
        'from: "2026-05-01", to: "2026-06-30", grain: QUARTER, measures: [DELINQUENCY_RATE]',
      ),
    ).toEqual([]);
    const january = await run(
      'from: "2026-01-01", to: "2026-01-31", dimensions: [REGION], measures: [DELINQUENCY_RATE]',
    );
    expect(january.map((r) => [r.key, ...brief(r.values[0]!)])).toEqual([
      [['north'], 1 / 3, 500, 1500],
      [['south'], 0.4, 200, 500],
    ]);
  });

  it('answers "ranking regions by deterioration" in one request', async () => {
    const rows = await run(
      'from: "2026-01-01", to: "2026-03-31", dimensions: [REGION], measures: [ROLL_FORWARD_RATE], orderBy: ROLL_FORWARD_RATE',
    );
    expect(rows.map((r) => [r.key[0], ...brief(r.values[0]!)])).toEqual([
      ['north', 1, 4, 4],
      ['south', 0.2, 1, 5],
    ]);
  });

  it('answers "M1→M2 roll rate by risk grade" in one request', async () => {
    const rows = await run(
      'from: "2026-01-01", to: "2026-03-31", dimensions: [RISK_GRADE, MONTH_END_BUCKET], measures: [ROLL_FORWARD_RATE], filter: { monthEndBuckets: ["M1"] }',
    );
    expect(rows.map((r) => [r.key, ...brief(r.values[0]!)])).toEqual([
      [['A', 'M1'], 0.5, 1, 2],
      [['B', 'M1'], 1, 1, 1],
    ]);
  });

  it('pools roll-forward and cure rates over the months, by origin bucket', async () => {
    const all = await run(
      'from: "2026-01-01", to: "2026-03-31", measures: [ROLL_FORWARD_RATE, CURE_TO_M0_RATE]',
    );
    expect(all.map((r) => r.values.map(brief))).toEqual([
      [
        [5 / 9, 5, 9],
        [0.25, 1, 4],
      ],
    ]);
    const byBucket = await run(
      'from: "2026-01-01", to: "2026-03-31", dimensions: [MONTH_END_BUCKET], measures: [ROLL_FORWARD_RATE, CURE_TO_M0_RATE]',
    );
    // M0: A1 Jan (fwd), A4 Jan, A3 Feb, A4 Feb, A3 Mar (fwd); M1: A2 Jan (fwd), A3 Jan (cured),
    // A1 Feb (fwd); M2: A1 Mar (fwd); CLOSED (A4 Mar) and CHARGED_OFF (A5 × 3): no base
    expect(byBucket.map((r) => [r.key[0], ...r.values.map(brief)])).toEqual([
      ['CHARGED_OFF', [null, 0, 0], [null, 0, 0]],
      ['CLOSED', [null, 0, 0], [null, 0, 0]],
      ['M0', [0.4, 2, 5], [null, 0, 0]],
      ['M1', [2 / 3, 2, 3], [1 / 3, 1, 3]],
      ['M2', [1, 1, 1], [0, 0, 1]],
    ]);
  });

  it('refuses DAY and WEEK, case dimensions and unknown buckets, and the bucket filter elsewhere', async () => {
    expect(
      (
        await error(
          'from: "2026-01-01", to: "2026-03-31", grain: DAY, measures: [DELINQUENCY_RATE, CASES_OPENED]',
        )
      )?.message,
    ).toBe(
      'delinquency_rate is read at month ends: grain must be MONTH, QUARTER or YEAR (or absent), not DAY.',
    );
    expect(
      (await error('from: "2026-01-01", to: "2026-03-31", grain: WEEK, measures: [ROLL_BASE]'))
        ?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (
        await error(
          'from: "2026-01-01", to: "2026-03-31", dimensions: [STRATEGY], measures: [ROLL_BASE]',
        )
      )?.message,
    ).toBe(
      'roll_base cannot be sliced by strategy: it can be by portfolio, product, region, risk_grade, month_end_bucket.',
    );
    expect(
      (
        await error(
          'from: "2026-01-01", to: "2026-03-31", measures: [ROLL_BASE], filter: { monthEndBuckets: ["M9"] }',
        )
      )?.message,
    ).toContain('filter.monthEndBuckets has the unknown value "M9"; the closest known: M0');
    expect(
      (
        await error(
          'from: "2026-01-01", to: "2026-03-31", measures: [CASES_OPENED], filter: { monthEndBuckets: ["M1"] }',
        )
      )?.message,
    ).toBe(
      'explore (for these measures) cannot be filtered by monthEndBuckets: its filter takes portfolios, products, regions, riskGrades, segments, strategies, experiments.',
    );
    const kpis = await api.run(
      '{ kpis(from: "2026-01-01", to: "2026-03-31", filter: { monthEndBuckets: ["M1"] }) { asOf } }',
    );
    expect(kpis.errors?.[0]?.message).toBe(
      'kpis cannot be filtered by monthEndBuckets: its filter takes portfolios, products, regions, riskGrades.',
    );
  });

  it('equals kpis and rollRates for every month-end measure, on every slice', async () => {
    let compared = 0;
    for (const slice of [
      { from: '2026-01-01', to: '2026-03-31' },
      { from: '2026-02-01', to: '2026-04-30' },
      { from: '2026-03-01', to: '2026-03-31' },
      // periods reaching past the data's end (04-28): the year, the second quarter
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2026-04-01', to: '2026-06-30' },
      { from: '2026-01-01', to: '2026-04-30', filter: { regions: ['north'] } },
      { from: '2026-01-01', to: '2026-03-31', filter: { riskGrades: ['A'] } },
    ])
      compared += await expectExploreEqualsNamedMetrics(api, slice);
    expect(compared).toBeGreaterThan(100);
  });
});
