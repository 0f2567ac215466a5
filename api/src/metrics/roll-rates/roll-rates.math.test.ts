/**
 * roll-rates.math.ts without a database: transition rows in, rates out, every
 * number worked out by hand below (roll-rates.test.ts checks the same code end
 * to end on events).
 */
import { describe, expect, it } from 'vitest';
import type { TransitionRow } from '../../sql/transitions.ts';
import { buildMatrix, buildReport, monthsBetween } from './roll-rates.math.ts';

const row = (from: string, to: string, accounts: number, balance: number, ym?: string) => ({
  ...(ym ? { ym } : {}),
  from,
  to,
  accounts,
  balance,
});

// One origin month:
//   M0 → M0 3 accounts 300.00 | M0 → M1 1, 100.00 | M0 → CLOSED 1, 0.00 | M0 → (none) 1, 40.00
//   M1 → M0 1, 60.00 | M1 → M2 1, 1.005
//   M3 → (none) 2, 70.00: a bucket seen only unobserved
//   CHARGED_OFF → CHARGED_OFF 2, 500.00
//   X9 → M0: not a bucket, ignored
const ROWS: TransitionRow[] = [
  row('M0', 'M0', 3, 300),
  row('M0', 'M1', 1, 100),
  row('M0', 'CLOSED', 1, 0),
  row('M0', '', 1, 40),
  row('M1', 'M0', 1, 60),
  row('M1', 'M2', 1, 1.005),
  row('M3', '', 2, 70),
  row('CHARGED_OFF', 'CHARGED_OFF', 2, 500),
  row('X9', 'M0', 1, 10),
];

describe('buildMatrix', () => {
  const m = buildMatrix(ROWS);

  it('gives each cell its share of the observed accounts and balance of its origin', () => {
    // M0 observed: 3 + 1 + 1 = 5 accounts, 300 + 100 + 0 = 400.00 (the unobserved one is left out).
    // M1 observed: 2 accounts, 60 + 1.005 = 61.005.
    expect(m.transitions).toEqual([
      {
        from: 'M0',
        to: 'M0',
        accounts: 3,
        balance: 300,
        accountRate: 3 / 5,
        balanceRate: 300 / 400,
      },
      {
        from: 'M0',
        to: 'M1',
        accounts: 1,
        balance: 100,
        accountRate: 1 / 5,
        balanceRate: 100 / 400,
      },
      { from: 'M0', to: 'CLOSED', accounts: 1, balance: 0, accountRate: 1 / 5, balanceRate: 0 },
      {
        from: 'M1',
        to: 'M0',
        accounts: 1,
        balance: 60,
        accountRate: 1 / 2,
        balanceRate: 60 / 61.005,
      },
      // 1.005 rounds half away from zero to 1.01 (docs/metrics/roll-rates.md), though the double is 1.00499…
      {
        from: 'M1',
        to: 'M2',
        accounts: 1,
        balance: 1.01,
        accountRate: 1 / 2,
        balanceRate: 1.005 / 61.005,
      },
      {
        from: 'CHARGED_OFF',
        to: 'CHARGED_OFF',
        accounts: 2,
        balance: 500,
        accountRate: 1,
        balanceRate: 1,
      },
    ]);
  });

  it('reports accounts without a next state apart, outside every denominator', () => {
    // 1 from M0 (40.00) + 2 from M3 (70.00)
    expect(m.unobserved).toBe(3);
    expect(m.unobservedBalance).toBe(110);
  });

  it('summarises each origin bucket: roll forward, cure, paid off', () => {
    expect(m.flows).toEqual([
      {
        // worse than M0: M1 (1 of 5; 100 of 400); CLOSED has no rank, so it is not "worse".
        // Cure is undefined from M0 (null); paid off: CLOSED 1 of 5, 0 of 400.
        bucket: 'M0',
        accounts: 5,
        balance: 400,
        unobserved: 1,
        rollForwardRate: 1 / 5,
        cureRate: null,
        paidOffRate: 1 / 5,
        rollForwardBalanceRate: 100 / 400,
        cureBalanceRate: null,
        paidOffBalanceRate: 0,
      },
      {
        // worse: M2 (1 of 2); cured to M0: 1 of 2, 60 of 61.005. The flow sums its cells'
        // balances as shown (rounded to cents), so M2's share is 1.01 of 61.005.
        bucket: 'M1',
        accounts: 2,
        balance: 61.01,
        unobserved: 0,
        rollForwardRate: 1 / 2,
        cureRate: 1 / 2,
        paidOffRate: 0,
        rollForwardBalanceRate: 1.01 / 61.005,
        cureBalanceRate: 60 / 61.005,
        paidOffBalanceRate: 0,
      },
      {
        // Only unobserved accounts: every denominator is 0, so nullable rates are null
        // and the others 0 (docs/metrics/README.md#zero-denominators).
        bucket: 'M3',
        accounts: 0,
        balance: 0,
        unobserved: 2,
        rollForwardRate: null,
        cureRate: null,
        paidOffRate: 0,
        rollForwardBalanceRate: null,
        cureBalanceRate: null,
        paidOffBalanceRate: 0,
      },
      {
        // Nothing ranks above CHARGED_OFF (rank 8) but CLOSED, which has no rank: 0 of 2.
        bucket: 'CHARGED_OFF',
        accounts: 2,
        balance: 500,
        unobserved: 0,
        rollForwardRate: 0,
        cureRate: 0,
        paidOffRate: 0,
        rollForwardBalanceRate: 0,
        cureBalanceRate: 0,
        paidOffBalanceRate: 0,
      },
    ]);
  });

  it('is empty for no rows', () => {
    expect(buildMatrix([])).toEqual({
      transitions: [],
      flows: [],
      unobserved: 0,
      unobservedBalance: 0,
    });
  });
});

describe('monthsBetween', () => {
  it('lists the months inclusive across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });

  it('gives one month when from = to and none when from > to', () => {
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04', '2026-03')).toEqual([]);
  });
});

describe('buildReport', () => {
  it('keeps empty months and pools by summing counts, not by averaging rates', () => {
    // January: M0 → M0 1, M0 → M1 1 (M0 → M1 rate 1/2).
    // February: nothing. March: M0 → M0 7, M0 → M1 1 (rate 1/8).
    // Pooled: M0 → M1 (1 + 1) / (2 + 8) = 0.2, not the mean of the rates (1/2 + 1/8) / 2 = 0.3125.
    const r = buildReport(
      [
        row('M0', 'M0', 1, 10, '2026-01'),
        row('M0', 'M1', 1, 10, '2026-01'),
        row('M0', 'M0', 7, 70, '2026-03'),
        row('M0', 'M1', 1, 10, '2026-03'),
      ],
      '2026-01',
      '2026-03',
    );
    expect(r.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(r.months[1]!.transitions).toEqual([]);
    const toM1 = (m: { transitions: { to: string; accountRate: number }[] }) =>
      m.transitions.find((t) => t.to === 'M1')!.accountRate;
    expect(toM1(r.months[0]!)).toBe(1 / 2);
    expect(toM1(r.months[2]!)).toBe(1 / 8);
    expect(toM1(r.pooled)).toBe(2 / 10);
    // Balance basis pooled the same way: (10 + 10) / (20 + 80).
    expect(r.pooled.transitions.find((t) => t.to === 'M1')!.balanceRate).toBe(20 / 100);
  });
});
