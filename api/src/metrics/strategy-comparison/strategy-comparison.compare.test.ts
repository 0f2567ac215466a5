/**
 * strategy-comparison.compare.ts without a database: per-arm counts in, the
 * comparison out, worked out by hand below (strategy-comparison.test.ts runs
 * the same code end to end on events).
 */
import { describe, expect, it } from 'vitest';
import { championOf, compareArms } from './strategy-comparison.compare.ts';
import type { ArmRow } from './strategy-comparison.sql.ts';

const arm = (strategy: string, mature: number, cured: number, extra: Partial<ArmRow> = {}) => ({
  strategy,
  cases: mature + 10,
  mature_cases: mature,
  cured,
  champion_tagged: 0,
  sum_y: 0,
  sum_x: 0,
  sum_yy: 0,
  sum_xy: 0,
  sum_xx: 0,
  cost: 0,
  ...extra,
});
const options = { experiment: 'exp1', champion: null, confidence: 0.95 };

describe('championOf', () => {
  it('takes the argument, else the arm with most champion-tagged cases, else none', () => {
    const rows = [
      arm('a', 10, 1, { champion_tagged: 3 }),
      arm('b', 10, 1, { champion_tagged: 7 }),
      arm('c', 10, 1),
    ];
    expect(championOf(rows, 'c')).toBe('c');
    expect(championOf(rows, null)).toBe('b');
    expect(championOf([arm('c', 10, 1)], null)).toBe('');
  });
});

describe('compareArms', () => {
  it('names a challenger that cures significantly more the winner', () => {
    // champion 30 of 100 cured (0.3), challenger 50 of 100 (0.5): lift 0.2, relative 0.2 / 0.3.
    // Pooled z-test: p = 80/200 = 0.4, SE = √(0.4·0.6·(1/100 + 1/100)) = √0.0048 = 0.069282,
    // z = 0.2 / 0.069282 = 2.88675, two-sided p = 2·(1 − Φ(2.88675)) = 0.00389 < 0.05.
    // Cost 1234.50 over 100 mature cases = 12.345 → 12.35 a case (half away from zero);
    // net (5000 − 1234.50) / 100 = 37.655 → 37.66.
    const c = compareArms(
      [
        arm('champ', 100, 30, { champion_tagged: 100 }),
        arm('chall', 100, 50, { sum_y: 5000, cost: 1234.5 }),
      ],
      options,
    );
    expect(c.champion).toBe('champ');
    const [champ, chall] = c.arms;
    expect(champ).toMatchObject({ cureRate: 0.3, liftVsChampion: null, pValue: null });
    expect(chall!.cureRate).toBe(0.5);
    expect(chall!.liftVsChampion).toBeCloseTo(0.2, 12);
    expect(chall!.relativeLift).toBeCloseTo(0.2 / 0.3, 12);
    expect(chall!.pValue).toBeCloseTo(0.00389, 5);
    expect(chall!.significant).toBe(true);
    expect([chall!.costPerCase, chall!.netRecoveryPerCase]).toEqual([12.35, 37.66]);
    expect(c.verdict).toBe(
      'chall is best: it beats the champion champ significantly; chall cures 50.0 % vs champ 30.0 % (p = 0.004).',
    );
    expect(c.casesNeededPerArm).toBeNull();
  });

  it('says how many cases would show a difference that is not significant yet', () => {
    // 35 of 100 vs 30 of 100: pooled 0.325, SE = √(0.325·0.675·0.02) = 0.066238,
    // z = 0.05 / 0.066238 = 0.75485, p = 2·(1 − Φ(0.75485)) = 0.4503.
    // Cases per arm at 95 % and 80 % power: p̄ = 0.325,
    // (1.959964·√(2·0.325·0.675) + 0.841621·√(0.35·0.65 + 0.3·0.7))² / 0.05²
    // = (1.959964·0.662382 + 0.841621·0.661438)² / 0.0025 = 1.854928² / 0.0025 = 1376.3 → 1377.
    const c = compareArms([arm('champ', 100, 30), arm('chall', 100, 35)], {
      ...options,
      champion: 'champ',
    });
    expect(c.arms[1]!.pValue).toBeCloseTo(0.4503, 4);
    expect(c.arms[1]!.significant).toBe(false);
    expect(c.casesNeededPerArm).toBe(1377);
    expect(c.verdict).toContain('No significant difference yet');
    expect(c.verdict).toContain('about 1377 mature cases per arm');
  });

  it('explains why it cannot compare: no arms, no champion, no mature cases', () => {
    expect(compareArms([], options)).toMatchObject({
      verdict: 'No cases of experiment "exp1" were opened in the period.',
      casesNeededPerArm: null,
    });
    expect(compareArms([arm('a', 10, 1), arm('b', 10, 2)], options).verdict).toMatch(
      /^No champion/,
    );
    const immature = compareArms([arm('champ', 0, 0), arm('chall', 20, 5)], {
      ...options,
      champion: 'champ',
    });
    // The champion has no mature case: no lift, no p-value, rates 0 (zero denominators).
    expect(immature.arms[1]).toMatchObject({ liftVsChampion: null, pValue: null });
    expect(immature.arms[0]).toMatchObject({ cureRate: 0, costPerCase: 0 });
    expect(immature.verdict).toMatch(/^Not enough mature cases/);
  });
});
