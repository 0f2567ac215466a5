import { describe, expect, it } from 'vitest';
import { median, schedule, summarize } from './stats.ts';

describe('summarize', () => {
  it('takes the middle value of an odd sample', () => {
    // sorted 1, 3, 9 → median 3
    expect(summarize([9, 1, 3])).toEqual({ runs: 3, median: 3, min: 1, max: 9 });
  });
  it('averages the two middle values of an even sample', () => {
    // sorted 2, 4, 6, 100 → (4 + 6) / 2 = 5
    expect(summarize([100, 4, 2, 6])).toEqual({ runs: 4, median: 5, min: 2, max: 100 });
  });
  it('refuses an empty sample', () => {
    expect(() => summarize([])).toThrow('no samples');
  });
});

describe('schedule', () => {
  it('interleaves targets within each query and round, warm-up rounds first', () => {
    const plan = schedule(['q1', 'q2'], ['ch', 'pg'], 1, 2);
    // 3 rounds × 2 queries × 2 targets
    expect(plan).toHaveLength(12);
    expect(plan.slice(0, 4)).toEqual([
      { query: 'q1', target: 'ch', warm: true },
      { query: 'q1', target: 'pg', warm: true },
      { query: 'q2', target: 'ch', warm: true },
      { query: 'q2', target: 'pg', warm: true },
    ]);
    expect(plan.filter((p) => !p.warm)).toHaveLength(8);
  });
});

describe('median', () => {
  it('is the middle value, the mean of the middle two, or NaN for no sample', () => {
    // sorted 1, 2, 3 → 2; sorted 1, 2, 3, 4 → (2 + 3) / 2 = 2.5
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
