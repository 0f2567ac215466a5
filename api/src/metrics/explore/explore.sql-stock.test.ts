import { describe, expect, it } from 'vitest';
import { TimeGrain } from './explore.catalog.ts';
import { stateMonths } from './explore.sql-stock.ts';

describe('stateMonths: the month ends a period’s time buckets show', () => {
  it('takes every month at MONTH, the period’s last month without a grain', () => {
    expect(stateMonths('2026-01-15', '2026-03-10', TimeGrain.MONTH, '2026-04-28')).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(stateMonths('2026-01-01', '2026-03-31', null, '2026-04-28')).toEqual(['2026-03-01']);
  });

  it('takes each quarter’s or year’s last month within the period, the period’s own last one for the last bucket', () => {
    // Q4 2025 ends in December; Q1 2026 is cut at February by the period
    expect(stateMonths('2025-11-01', '2026-02-28', TimeGrain.QUARTER, '2026-04-28')).toEqual([
      '2025-12-01',
      '2026-02-01',
    ]);
    expect(stateMonths('2024-06-01', '2026-04-30', TimeGrain.YEAR, '2026-04-28')).toEqual([
      '2024-12-01',
      '2025-12-01',
      '2026-04-01',
    ]);
  });

  it('stops at the as-of month: a bucket holding it shows it, one wholly after it none', () => {
    // as-of 2026-04-28: Q2's June and 2026's December become April; May, June dropped
    expect(stateMonths('2026-01-01', '2026-06-30', TimeGrain.QUARTER, '2026-04-28')).toEqual([
      '2026-03-01',
      '2026-04-01',
    ]);
    expect(stateMonths('2025-01-01', '2026-12-31', TimeGrain.YEAR, '2026-04-28')).toEqual([
      '2025-12-01',
      '2026-04-01',
    ]);
    expect(stateMonths('2026-01-01', '2026-12-31', null, '2026-04-28')).toEqual(['2026-04-01']);
    expect(stateMonths('2026-04-01', '2026-06-30', TimeGrain.MONTH, '2026-04-28')).toEqual([
      '2026-04-01',
    ]);
    expect(stateMonths('2026-05-01', '2026-06-30', TimeGrain.QUARTER, '2026-04-28')).toEqual([]);
    // nothing loaded
    expect(stateMonths('2026-01-01', '2026-03-31', null, null)).toEqual([]);
  });
});
