/**
 * Golden test of cureCurve (docs/metrics/cure-curve.md). REPORT_TZ is
 * Asia/Shanghai (UTC+8); the as-of instant is 2026-04-10 00:00 UTC (the latest
 * event). Times below are UTC. Period 2026-02-28 … 2026-04-30 (Shanghai days).
 *
 * | case | opened (UTC)     | local month | strategy | closed                          | cure day | mature days      |
 * |------|------------------|-------------|----------|---------------------------------|----------|------------------|
 * | C1   | 02-28 17:00      | 2026-03     | s1       | cured 03-01 17:00 (exactly 24 h)| 1        | 40               |
 * | C2   | 03-05 00:00      | 2026-03     | s1       | paid_in_full 03-07 12:00 (2.5 d)| 3        | 36               |
 * | C3   | 03-10 00:00      | 2026-03     | s2       | settled 03-11 (not a cure)      | —        | 31               |
 * | C4   | 04-08 00:00      | 2026-04     | s2       | cured 04-08 06:00               | 1        | 2 (exactly 48 h) |
 * | C5   | 02-28 15:00      | 2026-02     | s1       | open                            | —        | 40               |
 * | C6   | 02-27 15:00      | (02-27 local: before the period, excluded)                                      |
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
const opened = (at: string, case_id: string, account_id: string, strategy: string) =>
  ev(at, { case_id, account_id, strategy, entry_dpd: 10, entry_balance: '100' });

beforeAll(async () => {
  api = await createTestApi({ REPORT_TZ: 'Asia/Shanghai' });
  await api.insert('case_opened', [
    opened('2026-02-28 17:00:00', 'C1', 'AC1', 's1'),
    opened('2026-03-05 00:00:00', 'C2', 'AC2', 's1'),
    opened('2026-03-10 00:00:00', 'C3', 'AC3', 's2'),
    opened('2026-04-08 00:00:00', 'C4', 'AC4', 's2'),
    opened('2026-02-28 15:00:00', 'C5', 'AC5', 's1'),
    opened('2026-02-27 15:00:00', 'C6', 'AC6', 's1'),
  ]);
  await api.insert('case_closed', [
    ev('2026-03-01 17:00:00', { case_id: 'C1', outcome: 'cured' }),
    ev('2026-03-07 12:00:00', { case_id: 'C2', outcome: 'paid_in_full' }),
    ev('2026-03-11 00:00:00', { case_id: 'C3', outcome: 'settled' }),
    ev('2026-04-08 06:00:00', { case_id: 'C4', outcome: 'cured' }),
    ev('2026-03-01 00:00:00', { case_id: 'C6', outcome: 'cured' }),
  ]);
  const account = (account_id: string, portfolio: string) =>
    ev('2025-01-01 00:00:00', {
      account_id,
      customer_hash: 'h',
      product: 'credit_card',
      portfolio,
      region: 'north',
      opened_on: '2025-01-01',
      principal: '1000',
    });
  await api.insert('account_opened', [
    account('AC1', 'retail'),
    account('AC2', 'retail'),
    account('AC3', 'sme'),
  ]);
  // The as-of instant.
  await api.insert('contact_attempt', [
    ev('2026-04-10 00:00:00', { case_id: 'C4', channel: 'sms', outcome: 'delivered' }),
  ]);
});
afterAll(() => api.dispose());

const QUERY = `query ($cohortBy: CureCohortBy, $filter: PortfolioFilter, $maxDays: Int, $from: String!) {
  cureCurve(from: $from, to: "2026-04-30", cohortBy: $cohortBy, maxDays: $maxDays, filter: $filter) {
    cohortBy maxDays
    cohorts { cohort cases points { days matureCases immatureCases cured cureRate } }
  }
}`;
const point = (
  days: number,
  matureCases: number,
  immatureCases: number,
  cured: number,
  cureRate: number | null,
) => ({ days, matureCases, immatureCases, cured, cureRate });

describe('cureCurve', () => {
  it('by opening month (local), with boundaries at exactly N × 24 h', async () => {
    const data = await api.data(QUERY, { cohortBy: 'MONTH', maxDays: 3, from: '2026-02-28' });
    expect(data).toEqual({
      cureCurve: {
        cohortBy: 'MONTH',
        maxDays: 3,
        cohorts: [
          // C5 only, never cured.
          {
            cohort: '2026-02',
            cases: 1,
            points: [
              point(0, 1, 0, 0, 0),
              point(1, 1, 0, 0, 0),
              point(2, 1, 0, 0, 0),
              point(3, 1, 0, 0, 0),
            ],
          },
          // C1 (day 1), C2 (day 3), C3 (never): 0/3, 1/3, 1/3, 2/3.
          {
            cohort: '2026-03',
            cases: 3,
            points: [
              point(0, 3, 0, 0, 0),
              point(1, 3, 0, 1, 1 / 3),
              point(2, 3, 0, 1, 1 / 3),
              point(3, 3, 0, 2, 2 / 3),
            ],
          },
          // C4: cured on day 1, mature up to N = 2 (t0 + 48 h = as-of), immature at N = 3 → rate null.
          {
            cohort: '2026-04',
            cases: 1,
            points: [
              point(0, 1, 0, 0, 0),
              point(1, 1, 0, 1, 1),
              point(2, 1, 0, 1, 1),
              point(3, 0, 1, 0, null),
            ],
          },
        ],
      },
    });
  });

  it('by strategy: an immature cure is not counted', async () => {
    const data = await api.data<{ cureCurve: { cohorts: unknown[] } }>(QUERY, {
      cohortBy: 'STRATEGY',
      maxDays: 3,
      from: '2026-02-28',
    });
    expect(data.cureCurve.cohorts).toEqual([
      // s1: C1 (day 1), C2 (day 3), C5 (never) → 0, 1/3, 1/3, 2/3.
      {
        cohort: 's1',
        cases: 3,
        points: [
          point(0, 3, 0, 0, 0),
          point(1, 3, 0, 1, 1 / 3),
          point(2, 3, 0, 1, 1 / 3),
          point(3, 3, 0, 2, 2 / 3),
        ],
      },
      // s2: C3 (never), C4 (day 1, immature at N = 3) → 0/2, 1/2, 1/2, then 0/1 with 1 immature.
      {
        cohort: 's2',
        cases: 2,
        points: [
          point(0, 2, 0, 0, 0),
          point(1, 2, 0, 1, 0.5),
          point(2, 2, 0, 1, 0.5),
          point(3, 1, 1, 0, 0),
        ],
      },
    ]);
  });

  it('filters by portfolio (C1, C2 are retail) and includes the from day (C6 only when from = 02-27)', async () => {
    const retail = await api.data<{ cureCurve: { cohorts: unknown[] } }>(QUERY, {
      cohortBy: 'ALL',
      maxDays: 3,
      from: '2026-02-28',
      filter: { portfolios: ['retail'] },
    });
    // C1 (day 1), C2 (day 3): 0/2, 1/2, 1/2, 2/2.
    expect(retail.cureCurve.cohorts).toEqual([
      {
        cohort: 'all',
        cases: 2,
        points: [
          point(0, 2, 0, 0, 0),
          point(1, 2, 0, 1, 0.5),
          point(2, 2, 0, 1, 0.5),
          point(3, 2, 0, 2, 1),
        ],
      },
    ]);
    // From 02-27: C6 joins (cured 03-01 00:00, 1 d 9 h after opening → cure day 2): 6 cases.
    const all = await api.data<{ cureCurve: { cohorts: { cases: number; points: unknown[] }[] } }>(
      QUERY,
      { cohortBy: 'ALL', maxDays: 2, from: '2026-02-27' },
    );
    // N=0: 0/6; N=1: C1, C4 → 2/6; N=2: + C6 → 3/6 (all six mature at N ≤ 2).
    expect(all.cureCurve.cohorts).toEqual([
      {
        cohort: 'all',
        cases: 6,
        points: [point(0, 6, 0, 0, 0), point(1, 6, 0, 2, 2 / 6), point(2, 6, 0, 3, 0.5)],
      },
    ]);
  });

  it('rejects bad arguments with BAD_USER_INPUT', async () => {
    for (const [variables, message] of [
      [{ maxDays: 400, from: '2026-02-28' }, 'maxDays must be between 0 and 365'],
      [{ maxDays: -1, from: '2026-02-28' }, 'maxDays must be between 0 and 365'],
      [{ from: '2026-05-01' }, 'is after to'],
      [{ from: '2026-02-30' }, 'calendar date'],
    ] as const) {
      const result = await api.run(QUERY, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(message);
    }
  });
});
