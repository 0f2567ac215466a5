import { describe, expect, it } from 'vitest';
import { defaultRangeFor, isPartialMonth, lastCompleteMonth } from './periods.ts';

describe('month-based default ranges', () => {
  it('takes the as-of month only when the as-of date is its last day', () => {
    expect(lastCompleteMonth('2026-11-01')).toBe('2026-10');
    expect(lastCompleteMonth('2026-10-31')).toBe('2026-10');
    // leap year: 29 February is the last day
    expect(lastCompleteMonth('2028-02-29')).toBe('2028-02');
    expect(lastCompleteMonth('2028-02-28')).toBe('2028-01');
  });

  it('marks a month that ends after the as-of date as partial', () => {
    expect(isPartialMonth('2026-11', '2026-11-01')).toBe(true);
    expect(isPartialMonth('2026-10', '2026-11-01')).toBe(false);
    expect(isPartialMonth('2026-10', '2026-10-31')).toBe(false);
  });

  it('gives each page kind whole months ending with the last complete month', () => {
    const asOf = '2026-11-01';
    expect(defaultRangeFor('lastMonth', asOf)).toMatchObject({
      from: '2026-10-01',
      to: '2026-10-31',
    });
    // 2026-10 minus 2 months = 2026-08
    expect(defaultRangeFor('last3', asOf)).toMatchObject({ from: '2026-08-01', to: '2026-10-31' });
    // 2026-10 minus 11 months = 2025-11: 12 months
    expect(defaultRangeFor('last12', asOf)).toMatchObject({ from: '2025-11-01', to: '2026-10-31' });
    // 13 month-ends 2025-10 … 2026-10 = 12 transitions
    expect(defaultRangeFor('transitions12', asOf)).toMatchObject({
      from: '2025-10-01',
      to: '2026-10-31',
    });
    // 2026-10 minus 23 months = 2024-11: 24 vintages
    expect(defaultRangeFor('vintages24', asOf)).toMatchObject({
      from: '2024-11-01',
      to: '2026-10-31',
    });
    expect(defaultRangeFor('lastMonth', asOf).label).toBe('last complete month (2026-10)');
  });
});
