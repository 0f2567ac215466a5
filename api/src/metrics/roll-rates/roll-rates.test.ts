import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../testing.ts';
import { fixtureEvents, loadEvents } from './roll-rates.fixture.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  await loadEvents(api.db, fixtureEvents(), randomUUID());
});
afterAll(() => api.dispose());

const QUERY = `query ($from: String!, $to: String!, $filter: PortfolioFilter) {
  rollRates(fromMonth: $from, toMonth: $to, filter: $filter) {
    months {
      month unobserved unobservedBalance
      transitions { from to accounts balance accountRate balanceRate }
      flows { bucket accounts balance unobserved rollForwardRate cureRate paidOffRate
              rollForwardBalanceRate cureBalanceRate paidOffBalanceRate }
    }
    pooled { from to accounts balance accountRate balanceRate }
    pooledUnobserved
    pooledFlows { bucket accounts rollForwardRate cureRate paidOffRate rollForwardBalanceRate paidOffBalanceRate }
  }
}`;

interface T {
  from: string;
  to: string;
  accounts: number;
  balance: number;
  accountRate: number;
  balanceRate: number;
}
interface Flow {
  bucket: string;
  accounts: number;
  rollForwardRate: number | null;
  cureRate: number | null;
  paidOffRate: number;
  rollForwardBalanceRate: number | null;
  paidOffBalanceRate: number;
}
interface Report {
  rollRates: {
    months: {
      month: string;
      unobserved: number;
      unobservedBalance: number;
      transitions: T[];
      flows: Flow[];
    }[];
    pooled: T[];
    pooledUnobserved: number;
    pooledFlows: Flow[];
  };
}

const t = (
  from: string,
  to: string,
  accounts: number,
  balance: number,
  accountRate: number,
  balanceRate: number,
): T => ({
  from,
  to,
  accounts,
  balance,
  accountRate: expect.closeTo(accountRate, 12) as unknown as number,
  balanceRate: expect.closeTo(balanceRate, 12) as unknown as number,
});

async function report(from: string, to: string, filter?: Record<string, string[]>) {
  return (await api.data<Report>(QUERY, { from, to, filter })).rollRates;
}

describe('rollRates (docs/metrics/roll-rates.md), golden numbers on roll-rates.fixture.ts', () => {
  it('January → February per month, count and balance basis', async () => {
    const r = await report('2026-01', '2026-02');
    const jan = r.months[0]!;
    expect(jan.month).toBe('2026-01');
    // Observed M0 in Jan: a1 (100), a2 (300) → N=2, B=400; a6 (50) vanishes in Feb (unobserved).
    // Observed M1: a3 (200; 30 DPD is M1), a4 (400; month-end dpd 30 beats the 15th's 45), a7 (1000) → N=3, B=1600.
    expect(jan.transitions).toEqual([
      t('M0', 'M0', 1, 300, 1 / 2, 300 / 400), // a2
      t('M0', 'M1', 1, 100, 1 / 2, 100 / 400), // a1 (dpd 1 is M1)
      t('M1', 'M0', 1, 200, 1 / 3, 200 / 1600), // a3
      t('M1', 'M2', 2, 1400, 2 / 3, 1400 / 1600), // a4 (dpd 58), a7 (dpd 40 at 03:00Z beats dpd 0 at 02:00Z)
      t('M6', 'M7_PLUS', 1, 500, 1, 1), // a5: 180 → 209 DPD
    ]);
    expect(jan.unobserved).toBe(1);
    expect(jan.unobservedBalance).toBe(50);

    const feb = r.months[1]!;
    // Feb M0: a2 (280), a3 (150) → N=2, B=430. a4 (M2, 400) has no March state: unobserved.
    expect(feb.transitions).toEqual([
      t('M0', 'M0', 1, 150, 1 / 2, 150 / 430), // a3
      t('M0', 'CLOSED', 1, 280, 1 / 2, 280 / 430), // a2
      t('M1', 'M2', 1, 100, 1, 1), // a1
      t('M2', 'M3', 1, 1000, 1, 1), // a7
      t('M7_PLUS', 'CHARGED_OFF', 1, 500, 1, 1), // a5
    ]);
    expect(feb.unobserved).toBe(1);
    expect(feb.unobservedBalance).toBe(400);
  });

  it('pools by summing numerators and denominators, with roll-forward, cure and paid-off rates', async () => {
    const r = await report('2026-01', '2026-02');
    // M0: Jan N=2 (B=400) + Feb N=2 (B=430) → N=4, B=830.
    // M1: Jan N=3 (B=1600) + Feb N=1 (a1, B=100) → N=4, B=1700.
    expect(r.pooled).toEqual([
      t('M0', 'M0', 2, 450, 2 / 4, 450 / 830),
      t('M0', 'M1', 1, 100, 1 / 4, 100 / 830),
      t('M0', 'CLOSED', 1, 280, 1 / 4, 280 / 830),
      t('M1', 'M0', 1, 200, 1 / 4, 200 / 1700),
      t('M1', 'M2', 3, 1500, 3 / 4, 1500 / 1700),
      t('M2', 'M3', 1, 1000, 1, 1),
      t('M6', 'M7_PLUS', 1, 500, 1, 1),
      t('M7_PLUS', 'CHARGED_OFF', 1, 500, 1, 1),
    ]);
    expect(r.pooledUnobserved).toBe(2);
    const m0 = r.pooledFlows.find((f) => f.bucket === 'M0')!;
    // M0: worse = M1 (1 of 4; 100 of 830), cure undefined for M0, paid off = CLOSED (1 of 4; 280 of 830).
    expect(m0).toEqual({
      bucket: 'M0',
      accounts: 4,
      rollForwardRate: 0.25,
      cureRate: null,
      paidOffRate: 0.25,
      rollForwardBalanceRate: expect.closeTo(100 / 830, 12),
      paidOffBalanceRate: expect.closeTo(280 / 830, 12),
    });
    const m1 = r.pooledFlows.find((f) => f.bucket === 'M1')!;
    expect(m1).toMatchObject({
      accounts: 4,
      rollForwardRate: 0.75,
      cureRate: 0.25,
      paidOffRate: 0,
    });
    // M7_PLUS → CHARGED_OFF is a roll forward (CHARGED_OFF is worse).
    expect(r.pooledFlows.find((f) => f.bucket === 'M7_PLUS')).toMatchObject({
      rollForwardRate: 1,
      cureRate: 0,
    });
  });

  it('every PortfolioFilter field filters (January)', async () => {
    const jan = async (filter: Record<string, string[]>) =>
      (await report('2026-01', '2026-01', filter)).months[0]!.transitions.map(
        (x) => `${x.from}>${x.to}:${x.accounts}`,
      );
    expect(await jan({ portfolios: ['sme'] })).toEqual(['M1>M2:1']); // a7
    expect(await jan({ products: ['personal_loan'] })).toEqual(['M1>M0:1']); // a3
    expect(await jan({ regions: ['south'] })).toEqual(['M1>M2:1', 'M6>M7_PLUS:1']); // a7, a5
    // grade A: a1, a2, a3, a4 (a6 unobserved)
    expect(await jan({ riskGrades: ['A'] })).toEqual(['M0>M0:1', 'M0>M1:1', 'M1>M0:1', 'M1>M2:1']);
    expect(await jan({ portfolios: ['retail'], regions: ['south'] })).toEqual(['M6>M7_PLUS:1']); // a5
    // An empty list does not filter (filters/portfolio-filter.ts): all five January transitions.
    expect(await jan({ portfolios: [] })).toHaveLength(5);
  });

  it('lists every origin month, empty ones included; the last month is all unobserved', async () => {
    const r = await report('2025-12', '2026-03');
    expect(r.months.map((m) => [m.month, m.transitions.length, m.unobserved])).toEqual([
      ['2025-12', 0, 0],
      ['2026-01', 5, 1],
      ['2026-02', 5, 1],
      ['2026-03', 0, 7], // seven accounts (all but a4) have a March state and no April one
    ]);
  });

  it('each origin row of rates sums to 1, and pooled = sum of the months', async () => {
    const r = await report('2026-01', '2026-03');
    for (const matrix of [...r.months.map((m) => m.transitions), r.pooled]) {
      const sums = new Map<string, number>();
      for (const x of matrix) sums.set(x.from, (sums.get(x.from) ?? 0) + x.accountRate);
      for (const sum of sums.values()) expect(sum).toBeCloseTo(1, 12);
    }
    const summed = new Map<string, number>();
    for (const m of r.months)
      for (const x of m.transitions)
        summed.set(`${x.from}>${x.to}`, (summed.get(`${x.from}>${x.to}`) ?? 0) + x.accounts);
    expect(new Map(r.pooled.map((x) => [`${x.from}>${x.to}`, x.accounts]))).toEqual(summed);
    expect(r.pooledUnobserved).toBe(r.months.reduce((s, m) => s + m.unobserved, 0));
  });

  it('gives the same answers when the same events arrive in another order, one load each', async () => {
    const before = await report('2026-01', '2026-03');
    for (const table of ['account_snapshot', 'account_opened', 'account_month'])
      await api.db.client.command({ query: `TRUNCATE TABLE ${table}` });
    // Reversed, in four loads: later snapshots and the account dimensions arrive before earlier ones.
    const reversed = fixtureEvents().reverse();
    const size = Math.ceil(reversed.length / 4);
    for (let i = 0; i < reversed.length; i += size)
      await loadEvents(api.db, reversed.slice(i, i + size), randomUUID());
    expect(await report('2026-01', '2026-03')).toEqual(before);
  });

  it('refuses bad months with BAD_USER_INPUT and a sentence', async () => {
    const bad = async (from: string, to: string) => {
      const res = await api.run(QUERY, { from, to });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return res.errors?.[0]?.message;
    };
    expect(await bad('2026-1', '2026-02')).toBe(
      'fromMonth must be a month as YYYY-MM, got "2026-1".',
    );
    expect(await bad('2026-03', '2026-02')).toBe('fromMonth (2026-03) is after toMonth (2026-02).');
    expect(await bad('2026-01', '2026-13')).toMatch(/toMonth must be a month/);
  });
});
