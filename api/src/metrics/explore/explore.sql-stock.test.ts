import { describe, expect, it } from 'vitest';
import { TimeGrain } from './explore.catalog.ts';
import { stateMonths } from './explore.sql-stock.ts';

describe('stateMonths: the month ends a period’s time buckets show', () => {
  it('takes every month at MONTH, the period’s last month without a grain', () => {
    expect(stateMonths('2026-01-15', '2026-03-10', TimeGrain.MONTH)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(stateMonths('2026-01-01', '2026-03-31', null)).toEqual(['2026-03-01']);
  });

  it('takes each quarter’s or year’s last month within the period, the period’s own last one for the last bucket', () => {
    // Q4 2025 ends in December; Q1 2026 is cut at February by the period
    expect(stateMonths('2025-11-01', '2026-02-28', TimeGrain.QUARTER)).toEqual([
      '2025-12-01',
      '2026-02-01',
    ]);
    expect(stateMonths('2024-06-01', '2026-04-30', TimeGrain.YEAR)).toEqual([
      '2024-12-01',
      '2025-12-01',
      '2026-04-01',
    ]);
  });
});
