import { describe, expect, it } from 'vitest';
import { latestByVintage, vintageRows } from './vintages.ts';

// 2026-01: 200 accounts; MOB 0: 0 ever 30+, MOB 1: 10 ever 30+ (4 ever 60+), MOB 2: 20 (8, 2).
// 2026-02: 100 accounts; MOB 0: 0, MOB 1: 5 ever 30+ — no MOB 2 yet.
const vintages = [
  {
    vintage: '2026-01',
    accounts: 200,
    points: [
      { monthsOnBook: 0, ever30: 0, ever60: 0, ever90: 0 },
      { monthsOnBook: 1, ever30: 10, ever60: 4, ever90: 0 },
      { monthsOnBook: 2, ever30: 20, ever60: 8, ever90: 2 },
    ],
  },
  {
    vintage: '2026-02',
    accounts: 100,
    points: [
      { monthsOnBook: 0, ever30: 0, ever60: 0, ever90: 0 },
      { monthsOnBook: 1, ever30: 5, ever60: 0, ever90: 0 },
    ],
  },
];

describe('vintageRows', () => {
  it('divides ever-30+ by the vintage size, null past a vintage’s last month', () => {
    // 10/200 = 0.05, 5/100 = 0.05; 20/200 = 0.1, 2026-02 not yet at MOB 2
    expect(vintageRows(vintages, '30')).toEqual([
      { monthsOnBook: 0, '2026-01': 0, '2026-02': 0 },
      { monthsOnBook: 1, '2026-01': 0.05, '2026-02': 0.05 },
      { monthsOnBook: 2, '2026-01': 0.1, '2026-02': null },
    ]);
  });
  it('switches threshold', () => {
    // 8/200 = 0.04 ever 60+, 2/200 = 0.01 ever 90+
    expect(vintageRows(vintages, '60')[2]).toMatchObject({ '2026-01': 0.04 });
    expect(vintageRows(vintages, '90')[2]).toMatchObject({ '2026-01': 0.01 });
  });
  it('is empty without vintages', () => {
    expect(vintageRows([], '30')).toEqual([]);
  });
});

describe('latestByVintage', () => {
  it('takes each vintage’s last point', () => {
    expect(latestByVintage(vintages, '30')).toEqual([
      { vintage: '2026-01', accounts: 200, monthsOnBook: 2, ever: 20, rate: 0.1 },
      { vintage: '2026-02', accounts: 100, monthsOnBook: 1, ever: 5, rate: 0.05 },
    ]);
  });
});
