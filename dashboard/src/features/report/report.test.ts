import { describe, expect, it } from 'vitest';
import { breachingTeams, reportMonth, topBottomTeams } from './report.ts';

describe('report month', () => {
  it('defaults to the last complete month and marks a month to date', () => {
    expect(reportMonth(null, '2026-11-01')).toEqual({ ok: true, month: '2026-10', partial: false });
    expect(reportMonth('2026-09', '2026-11-01')).toEqual({
      ok: true,
      month: '2026-09',
      partial: false,
    });
    expect(reportMonth('2026-11', '2026-11-01')).toEqual({
      ok: true,
      month: '2026-11',
      partial: true,
    });
  });

  it('refuses a malformed month or one after the data, saying why', () => {
    expect(reportMonth('2026-13', '2026-11-01')).toEqual({
      ok: false,
      message: '“2026-13” is not a month: write it as YYYY-MM, e.g. 2026-10.',
    });
    expect(reportMonth('2026-1', '2026-11-01').ok).toBe(false);
    expect(reportMonth('2026-12', '2026-11-01')).toEqual({
      ok: false,
      message: 'There are no data for 2026-12 yet: the data end on 2026-11-01.',
    });
  });
});

describe('report selections', () => {
  const teams = [
    { team: 'a', amountCollected: 50, violations: 0 },
    { team: 'b', amountCollected: 90, violations: 2 },
    { team: 'c', amountCollected: 10, violations: 5 },
    { team: 'd', amountCollected: 70, violations: 2 },
  ];
  it('lists the top and bottom collectors without repeating a team', () => {
    const { top, bottom } = topBottomTeams(teams, 2);
    expect(top.map((t) => t.team)).toEqual(['b', 'd']);
    // least first: c (10), a (50)
    expect(bottom.map((t) => t.team)).toEqual(['c', 'a']);
    // 4 teams, 3 each: top b, d, a; bottom only what is left (c)
    expect(topBottomTeams(teams, 3).bottom.map((t) => t.team)).toEqual(['c']);
  });
  it('lists teams with breaches, most first', () => {
    expect(breachingTeams(teams).map((t) => t.team)).toEqual(['c', 'b', 'd']);
  });
});
