import { describe, expect, it } from 'vitest';
import { paginate, sortRows } from './sort.ts';

const rows = [
  { id: 'c', v: 2 },
  { id: 'a', v: null },
  { id: 'b', v: 5 },
  { id: 'd', v: 2 },
];

describe('sortRows', () => {
  it('sorts descending with nulls last and ties broken by the tie key', () => {
    expect(
      sortRows(
        rows,
        (r) => r.v,
        'desc',
        (r) => r.id,
      ).map((r) => r.id),
    ).toEqual(['b', 'c', 'd', 'a']);
  });
  it('sorts ascending, still nulls last', () => {
    expect(
      sortRows(
        rows,
        (r) => r.v,
        'asc',
        (r) => r.id,
      ).map((r) => r.id),
    ).toEqual(['c', 'd', 'b', 'a']);
  });
  it('sorts text with localeCompare and keeps input order on ties without a tie key', () => {
    const t = [{ s: 'b' }, { s: 'a' }, { s: 'b' }];
    const out = sortRows(t, (r) => r.s, 'asc');
    expect(out[0]).toBe(t[1]);
    expect(out[1]).toBe(t[0]);
    expect(out[2]).toBe(t[2]);
  });
});

describe('paginate', () => {
  it('slices pages and clamps the page number', () => {
    const xs = [1, 2, 3, 4, 5];
    // 5 rows, size 2 → pages [1,2] [3,4] [5]
    expect(paginate(xs, 1, 2)).toEqual({ rows: [3, 4], page: 1, pages: 3, total: 5 });
    expect(paginate(xs, 9, 2)).toEqual({ rows: [5], page: 2, pages: 3, total: 5 });
    expect(paginate([], 0, 2)).toEqual({ rows: [], page: 0, pages: 1, total: 0 });
  });
});
