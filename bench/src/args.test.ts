import { describe, expect, it } from 'vitest';
import { benchArgs } from './args.ts';

describe('benchArgs', () => {
  it('takes 24 origin months ending the month before the last, and the year to the as-of date', () => {
    // last month 2026-01 → last origin 2025-12; 24 origins: 2024-01 … 2025-12.
    // 365 days ending 2026-01-31 start on 2025-02-01 (2025 is not a leap year).
    const args = benchArgs({
      firstMonth: '2023-06-01',
      lastMonth: '2026-01-01',
      asOfDate: '2026-01-31',
      experiment: 'X',
    });
    expect(args).toMatchObject({
      fromMonth: '2024-01-01',
      toMonth: '2025-12-01',
      from: '2025-02-01',
      to: '2026-01-31',
      experiment: 'X',
    });
  });
  it('starts at the first month when the data is shorter', () => {
    // 2024-01 … 2024-03: origins 2024-01 and 2024-02.
    const args = benchArgs({
      firstMonth: '2024-01-01',
      lastMonth: '2024-03-01',
      asOfDate: '2024-03-31',
      experiment: '',
    });
    expect(args).toMatchObject({ fromMonth: '2024-01-01', toMonth: '2024-02-01' });
  });
});
