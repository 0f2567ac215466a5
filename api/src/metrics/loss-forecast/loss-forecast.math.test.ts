/**
 * loss-forecast.math.ts without a database: pooled transition counts and the
 * base month's distribution in, the projection out, worked out by hand below
 * (loss-forecast.test.ts runs the same code end to end on events).
 */
import { describe, expect, it } from 'vitest';
import type { ForecastInputRow } from './loss-forecast.sql.ts';
import { addMonths } from '../../sql/period.ts';
import { buildForecast } from './loss-forecast.math.ts';

const T = (from: string, to: string, accounts: number): ForecastInputRow => ({
  kind: 'T',
  base: '2026-03',
  from,
  to,
  accounts,
  balance: 0,
});
const D = (from: string, accounts: number, balance: number): ForecastInputRow => ({
  kind: 'D',
  base: '2026-03',
  from,
  to: '',
  accounts,
  balance,
});

// Pooled counts: M0 → M0 3, M0 → M1 1; M1 → M0 1, M1 → CHARGED_OFF 1;
// M1 → (no next state) 4: unobserved, left out; CHARGED_OFF → CLOSED 3: ignored,
// CHARGED_OFF is absorbing. So P(M0→M0) = 3/4, P(M0→M1) = 1/4, P(M1→M0) = P(M1→CO) = 1/2.
// Base month 2026-03: M0 100 accounts 1000.00, M1 20 / 400.00, CHARGED_OFF 5 / 250.00.
const ROWS = [
  T('M0', 'M0', 3),
  T('M0', 'M1', 1),
  T('M1', 'M0', 1),
  T('M1', 'CHARGED_OFF', 1),
  T('M1', '', 4),
  T('CHARGED_OFF', 'CLOSED', 3),
  D('M0', 100, 1000),
  D('M1', 20, 400),
  D('CHARGED_OFF', 5, 250),
];

const nonZero = (buckets: { bucket: string; accounts: number; balance: number }[]) =>
  Object.fromEntries(
    buckets.filter((b) => b.accounts !== 0).map((b) => [b.bucket, [b.accounts, b.balance]]),
  );

describe('buildForecast', () => {
  const f = buildForecast(ROWS, 2, 3);

  it('names the base month and the lookback window before it', () => {
    // 3 origin months before 2026-03: 2025-12 … 2026-02
    expect([f.baseMonth, f.lookbackFrom, f.lookbackTo]).toEqual(['2026-03', '2025-12', '2026-02']);
  });

  it('row-normalises the counts; unseen transient buckets stay put, absorbing ones always', () => {
    const p = Object.fromEntries(f.matrix.map((c) => [`${c.from}>${c.to}`, c.probability]));
    expect(p).toEqual({
      'M0>M0': 3 / 4,
      'M0>M1': 1 / 4,
      'M1>M0': 1 / 2,
      'M1>CHARGED_OFF': 1 / 2,
      'M2>M2': 1,
      'M3>M3': 1,
      'M4>M4': 1,
      'M5>M5': 1,
      'M6>M6': 1,
      'M7_PLUS>M7_PLUS': 1,
      'CHARGED_OFF>CHARGED_OFF': 1,
      'CLOSED>CLOSED': 1,
    });
    expect(f.unobservedBuckets).toEqual(['M2', 'M3', 'M4', 'M5', 'M6', 'M7_PLUS']);
    expect(nonZero(f.start)).toEqual({ M0: [100, 1000], M1: [20, 400], CHARGED_OFF: [5, 250] });
  });

  it('moves counts and balances with the chain; charge-offs are the growth of CHARGED_OFF', () => {
    // Month 1 counts:  M0 = 100·3/4 + 20·1/2 = 85, M1 = 100·1/4 = 25, CO = 5 + 20·1/2 = 15
    // Month 1 balance: M0 = 1000·3/4 + 400·1/2 = 950, M1 = 250, CO = 250 + 200 = 450
    // Month 2 counts:  M0 = 85·3/4 + 25·1/2 = 76.25, M1 = 85·1/4 = 21.25, CO = 15 + 12.5 = 27.5
    // Month 2 balance: M0 = 950·3/4 + 250·1/2 = 837.5, M1 = 237.5, CO = 450 + 125 = 575
    expect(
      f.months.map((m) => [m.month, nonZero(m.buckets), m.chargeOffs, m.chargeOffBalance]),
    ).toEqual([
      ['2026-04', { M0: [85, 950], M1: [25, 250], CHARGED_OFF: [15, 450] }, 10, 200],
      ['2026-05', { M0: [76.25, 837.5], M1: [21.25, 237.5], CHARGED_OFF: [27.5, 575] }, 12.5, 125],
    ]);
    // 27.5 − 5 accounts and 575 − 250 over the horizon; no account or balance is lost.
    expect([f.expectedChargeOffs, f.expectedChargeOffBalance]).toEqual([22.5, 325]);
    for (const m of f.months) {
      expect(m.buckets.reduce((s, b) => s + b.accounts, 0)).toBeCloseTo(125, 9);
      expect(m.buckets.reduce((s, b) => s + b.balance, 0)).toBeCloseTo(1650, 9);
    }
  });

  it('is empty when no month has data', () => {
    expect(buildForecast([], 3, 6)).toEqual({
      baseMonth: null,
      lookbackFrom: null,
      lookbackTo: null,
      matrix: [],
      unobservedBuckets: [],
      start: [],
      months: [],
      expectedChargeOffs: 0,
      expectedChargeOffBalance: 0,
    });
  });
});

describe('addMonths', () => {
  it('crosses year ends both ways', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-11', 14)).toBe('2027-01');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
  });
});
