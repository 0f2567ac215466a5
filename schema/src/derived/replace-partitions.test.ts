/** The months a partition replacement covers: both ends included, across a year end. */
import { describe, expect, it } from 'vitest';
import { monthsBetween } from './replace-partitions.ts';

describe('monthsBetween', () => {
  it('lists the first days from one month to another, both included', () => {
    expect(monthsBetween('2025-11-01', '2026-02-01')).toEqual([
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ]);
    expect(monthsBetween('2026-10-01', '2026-10-01')).toEqual(['2026-10-01']);
    expect(monthsBetween('2026-10-01', '2026-09-01')).toEqual([]);
  });
});
