import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';
import { fixtureEvents, loadEvents } from '../roll-rates/roll-rates.fixture.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.dispose());

const QUERY = `query ($months: Int, $lookback: Int, $filter: PortfolioFilter) {
  lossForecast(months: $months, lookbackMonths: $lookback, filter: $filter) {
    baseMonth lookbackFrom lookbackTo unobservedBuckets
    matrix { from to probability }
    start { bucket accounts balance }
    months { month chargeOffs chargeOffBalance buckets { bucket accounts balance } }
    expectedChargeOffs expectedChargeOffBalance
  }
}`;

interface Amount {
  bucket: string;
  accounts: number;
  balance: number;
}
interface Result {
  lossForecast: {
    baseMonth: string | null;
    lookbackFrom: string | null;
    lookbackTo: string | null;
    unobservedBuckets: string[];
    matrix: { from: string; to: string; probability: number }[];
    start: Amount[];
    months: { month: string; chargeOffs: number; chargeOffBalance: number; buckets: Amount[] }[];
    expectedChargeOffs: number;
    expectedChargeOffBalance: number;
  };
}

const nonZero = (list: Amount[]) =>
  Object.fromEntries(
    list.filter((b) => b.accounts !== 0).map((b) => [b.bucket, [b.accounts, b.balance]]),
  );

describe('lossForecast (docs/metrics/loss-forecast.md), golden numbers on roll-rates.fixture.ts', () => {
  it('is empty before anything is loaded', async () => {
    const r = (await api.data<Result>(QUERY, { months: 2, lookback: 2 })).lossForecast;
    expect(r).toMatchObject({ baseMonth: null, start: [], months: [], expectedChargeOffs: 0 });
  });

  it('projects the March distribution two months with the pooled Jan–Feb matrix', async () => {
    await loadEvents(api.db, fixtureEvents(), randomUUID());
    const r = (await api.data<Result>(QUERY, { months: 2, lookback: 2 })).lossForecast;
    expect([r.baseMonth, r.lookbackFrom, r.lookbackTo]).toEqual(['2026-03', '2026-01', '2026-02']);
    // Pooled Jan+Feb count basis (roll-rates.test.ts): M0 → M0 2/4, M1 1/4, CLOSED 1/4;
    // M1 → M0 1/4, M2 3/4; M2 → M3; M6 → M7_PLUS; M7_PLUS → CHARGED_OFF.
    // M3, M4, M5 have no observed origin: they stay put. Absorbing rows are identity.
    expect(r.unobservedBuckets).toEqual(['M3', 'M4', 'M5']);
    const p = Object.fromEntries(r.matrix.map((c) => [`${c.from}>${c.to}`, c.probability]));
    expect(p).toEqual({
      'M0>M0': 0.5,
      'M0>M1': 0.25,
      'M0>CLOSED': 0.25,
      'M1>M0': 0.25,
      'M1>M2': 0.75,
      'M2>M3': 1,
      'M3>M3': 1,
      'M4>M4': 1,
      'M5>M5': 1,
      'M6>M7_PLUS': 1,
      'M7_PLUS>CHARGED_OFF': 1,
      'CHARGED_OFF>CHARGED_OFF': 1,
      'CLOSED>CLOSED': 1,
    });
    // March end (as kpis): M0 a3 (140) + a6 (50); M2 a1 (100) + a4 (400: no March
    // snapshot, its February state carried) = 500; M3 a7 (1000); M7_PLUS a8 (300);
    // CHARGED_OFF a5 (500); CLOSED a2 (0).
    expect(nonZero(r.start)).toEqual({
      M0: [2, 190],
      M2: [2, 500],
      M3: [1, 1000],
      M7_PLUS: [1, 300],
      CHARGED_OFF: [1, 500],
      CLOSED: [1, 0],
    });
    const [apr, may] = r.months;
    // April: M0 2 → M0 1, M1 0.5, CLOSED 0.5 (balances 95, 47.5, 47.5); M2 → M3 (2, 500);
    // M3 stays (1000): M3 3, 1500; M7_PLUS → CHARGED_OFF (300), so 1 new charge-off of 300.
    expect(apr!.month).toBe('2026-04');
    expect(nonZero(apr!.buckets)).toEqual({
      M0: [1, 95],
      M1: [0.5, 47.5],
      M3: [3, 1500],
      CHARGED_OFF: [2, 800],
      CLOSED: [1.5, 47.5],
    });
    expect([apr!.chargeOffs, apr!.chargeOffBalance]).toEqual([1, 300]);
    // May: M0 1 → M0 0.5, M1 0.25, CLOSED 0.25; M1 0.5 → M0 0.125, M2 0.375.
    // Balances: M0 95·0.5 + 47.5·0.25 = 59.375 → 59.38; M1 95·0.25 = 23.75; M2 47.5·0.75 = 35.625 → 35.63;
    // CLOSED 47.5 + 95·0.25 = 71.25. No M7_PLUS left: no new charge-off.
    expect(may!.month).toBe('2026-05');
    expect(nonZero(may!.buckets)).toEqual({
      M0: [0.625, 59.38],
      M1: [0.25, 23.75],
      M2: [0.375, 35.63],
      M3: [3, 1500],
      CHARGED_OFF: [2, 800],
      CLOSED: [1.75, 71.25],
    });
    expect([may!.chargeOffs, may!.chargeOffBalance]).toEqual([0, 0]);
    expect([r.expectedChargeOffs, r.expectedChargeOffBalance]).toEqual([1, 300]);
  });

  it('filters the matrix and the distribution alike', async () => {
    // sme = a7 only: Jan M1 → Feb M2, Feb M2 → Mar M3; March M3 (1000); M3 unobserved, stays.
    const r = (
      await api.data<Result>(QUERY, { months: 1, lookback: 2, filter: { portfolios: ['sme'] } })
    ).lossForecast;
    expect(r.matrix.filter((c) => c.from === 'M1' || c.from === 'M2')).toEqual([
      { from: 'M1', to: 'M2', probability: 1 },
      { from: 'M2', to: 'M3', probability: 1 },
    ]);
    expect(nonZero(r.start)).toEqual({ M3: [1, 1000] });
    expect(nonZero(r.months[0]!.buckets)).toEqual({ M3: [1, 1000] });
  });

  it('refuses a horizon or lookback out of range with BAD_USER_INPUT', async () => {
    const res = await api.run(QUERY, { months: 0, lookback: 2 });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('months must be a whole number from 1 to 60, got 0.');
    const res2 = await api.run(QUERY, { months: 3, lookback: 99 });
    expect(res2.errors?.[0]?.message).toBe(
      'lookbackMonths must be a whole number from 1 to 36, got 99.',
    );
  });
});
