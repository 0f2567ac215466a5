/** The comparison periods of kpis (docs/metrics/kpis.md, `previous`, and the same period a year earlier). Pure. */
import { describe, expect, it } from 'vitest';
import { isWholeMonths, previousPeriod, yearAgoPeriod } from './period.ts';

describe('isWholeMonths', () => {
  it('is from the 1st of a month to the last day of a month, both inclusive', () => {
    expect(isWholeMonths('2026-10-01', '2026-10-31')).toBe(true);
    expect(isWholeMonths('2024-02-01', '2024-02-29')).toBe(true); // leap February
    expect(isWholeMonths('2025-02-01', '2025-02-28')).toBe(true);
    expect(isWholeMonths('2026-07-01', '2026-09-30')).toBe(true);
    expect(isWholeMonths('2026-10-01', '2026-10-30')).toBe(false); // not the month's last day
    expect(isWholeMonths('2026-10-02', '2026-10-31')).toBe(false);
    expect(isWholeMonths('2024-02-01', '2024-02-28')).toBe(false); // 29 February is missing
    expect(isWholeMonths('2026-10-01', '2026-11-01')).toBe(false); // an exclusive end is not a month end
  });
});

describe('previousPeriod', () => {
  it('takes the same number of calendar months just before for whole months', () => {
    // October (31 days) → September (30), not the 31 days 08-31..09-30.
    expect(previousPeriod('2026-10-01', '2026-10-31')).toEqual({
      from: '2026-09-01',
      to: '2026-09-30',
    });
    // March → February (28 days), not 01-29..02-28.
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    // Q3 (92 days) → Q2 (91 days).
    expect(previousPeriod('2026-07-01', '2026-09-30')).toEqual({
      from: '2026-04-01',
      to: '2026-06-30',
    });
    // A calendar year → the year before, across the year boundary; January → December.
    expect(previousPeriod('2026-01-01', '2026-12-31')).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(previousPeriod('2026-01-01', '2026-01-31')).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    // Leap February → January.
    expect(previousPeriod('2024-02-01', '2024-02-29')).toEqual({
      from: '2024-01-01',
      to: '2024-01-31',
    });
  });

  it('keeps the period of equal length just before otherwise', () => {
    // 10-01..10-15 is 15 days → 09-16..09-30.
    expect(previousPeriod('2026-10-01', '2026-10-15')).toEqual({
      from: '2026-09-16',
      to: '2026-09-30',
    });
    // 03-15..04-14 (31 days) → 02-12..03-14.
    expect(previousPeriod('2026-03-15', '2026-04-14')).toEqual({
      from: '2026-02-12',
      to: '2026-03-14',
    });
  });
});

describe('yearAgoPeriod', () => {
  it('takes the same calendar months a year earlier for whole months', () => {
    expect(yearAgoPeriod('2026-10-01', '2026-10-31')).toEqual({
      from: '2025-10-01',
      to: '2025-10-31',
    });
    // February 2025 → February 2024 up to its 29th; January–February likewise.
    expect(yearAgoPeriod('2025-02-01', '2025-02-28')).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(yearAgoPeriod('2025-01-01', '2025-02-28')).toEqual({
      from: '2024-01-01',
      to: '2024-02-29',
    });
    expect(yearAgoPeriod('2024-02-01', '2024-02-29')).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
  });

  it('takes the same dates a year earlier otherwise, 29 February → 28 February', () => {
    expect(yearAgoPeriod('2026-10-01', '2026-10-15')).toEqual({
      from: '2025-10-01',
      to: '2025-10-15',
    });
    expect(yearAgoPeriod('2024-02-29', '2024-03-10')).toEqual({
      from: '2023-02-28',
      to: '2023-03-10',
    });
    expect(yearAgoPeriod('2026-01-15', '2026-01-15')).toEqual({
      from: '2025-01-15',
      to: '2025-01-15',
    });
  });
});
