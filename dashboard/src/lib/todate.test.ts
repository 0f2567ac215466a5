import { describe, expect, it } from 'vitest';
import { markToDate, toDateKey } from './todate.ts';

describe('to-date marking', () => {
  it('moves a trailing incomplete month to a dashed copy that starts at the month before', () => {
    const rows = [
      { month: '2026-09', a: 1, b: 10 },
      { month: '2026-10', a: 2, b: 20 },
      { month: '2026-11', a: 3, b: 30 },
    ];
    const m = markToDate(rows, ['a', 'b'], (r) => r.month === '2026-11', 'month');
    expect(m.toDate).toBe(true);
    const td = toDateKey('a');
    expect(m.rows.map((r) => [r.month, r.a, (r as Record<string, unknown>)[td]])).toEqual([
      ['2026-09', 1, null],
      ['2026-10', 2, 2], // the dash joins the solid line here
      ['2026-11 (to date)', null, 3],
    ]);
  });

  it('marks each series at its own last point (vintages end at different months on book)', () => {
    // vintage 2026-09 is at month on book 2 in 2026-11 (to date), 2026-10 at 1.
    const rows = [
      { mob: 0, v9: 0.1, v10: 0.2 },
      { mob: 1, v9: 0.3, v10: 0.4 },
      { mob: 2, v9: 0.5, v10: null },
    ];
    const start: Record<string, number> = { v9: 9, v10: 10 };
    const m = markToDate(rows, ['v9', 'v10'], (r, k) => start[k]! + r.mob === 11);
    const pick = (k: string) =>
      m.rows.map((r) => [r[k as 'v9'], (r as Record<string, unknown>)[toDateKey(k)]]);
    expect(pick('v9')).toEqual([
      [0.1, null],
      [0.3, 0.3],
      [null, 0.5],
    ]);
    expect(pick('v10')).toEqual([
      [0.2, 0.2],
      [null, 0.4],
      [null, null],
    ]);
  });

  it('leaves whole months alone', () => {
    const rows = [{ month: '2026-10', a: 1 }];
    expect(markToDate(rows, ['a'], () => false, 'month')).toEqual({ rows, toDate: false });
  });
});
