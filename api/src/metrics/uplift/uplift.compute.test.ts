import { describe, expect, it } from 'vitest';
import type { ArmRow } from '../strategy-comparison/strategy-comparison.sql.ts';
import { benjaminiHochberg, tauSquared, upliftBySegment } from './uplift.compute.ts';

describe('benjaminiHochberg', () => {
  it('matches the hand computation', () => {
    // p sorted: 0.01 (k=1), 0.02 (k=2), 0.03 (k=3), 0.5 (k=4), m = 4:
    // raw p·m/k = 0.04, 0.04, 0.04, 0.5; running minimum from the top keeps them.
    expect(benjaminiHochberg([0.03, 0.5, 0.01, 0.02])).toEqual([0.04, 0.5, 0.04, 0.04]);
    // 0.04·2/1 = 0.08, 0.05·2/2 = 0.05 → the first is capped by the second: both 0.05.
    expect(benjaminiHochberg([0.04, 0.05])).toEqual([0.05, 0.05]);
  });
});

describe('tauSquared', () => {
  it('is 0 when the segments agree within their noise', () => {
    expect(tauSquared([0.1, 0.1, 0.1], [0.05, 0.05, 0.05])).toBe(0);
  });
  it('matches DerSimonian–Laird by hand', () => {
    // estimates 0 and 0.4, se 0.1 each: w = 100, 100; mean 0.2; Q = 100·0.04·2 = 8;
    // C = 200 − 20000/200 = 100; τ² = (8 − 1)/100 = 0.07.
    expect(tauSquared([0, 0.4], [0.1, 0.1])).toBeCloseTo(0.07, 12);
  });
});

const row = (
  segment: string,
  strategy: string,
  mature: number,
  cured: number,
  tagged = 0,
): ArmRow => ({
  segment,
  strategy,
  cases: mature,
  mature_cases: mature,
  cured,
  champion_tagged: tagged,
  sum_y: cured * 100,
  sum_x: mature * 1000,
  sum_yy: cured * 10_000,
  sum_xy: cured * 100_000,
  sum_xx: mature * 1_000_000,
  cost: 0,
});

describe('upliftBySegment', () => {
  // Segment a: challenger 60/100 vs champion 30/100 → uplift +0.30;
  // segment b: challenger 15/100 vs champion 30/100 → uplift −0.15.
  const rows = [
    row('a', 'champ', 100, 30, 100),
    row('a', 'chall', 100, 60),
    row('b', 'champ', 100, 30, 100),
    row('b', 'chall', 100, 15),
  ];
  const report = upliftBySegment(rows, { experiment: 'x', champion: null, confidence: 0.95 });
  const arm = (s: string) =>
    report.segments.find((x) => x.segment === s)?.arms.find((a) => a.strategy === 'chall');

  it('gives each segment its own uplift with a Wald interval', () => {
    expect(report.champion).toBe('champ');
    expect(arm('a')?.uplift).toBeCloseTo(0.3, 12);
    expect(arm('b')?.uplift).toBeCloseTo(-0.15, 12);
    // a: se = sqrt(0.6·0.4/100 + 0.3·0.7/100) = sqrt(0.0045) = 0.067082; ±1.959964·se = ±0.131478.
    expect(arm('a')?.upliftCI?.low).toBeCloseTo(0.3 - 0.131478, 5);
  });

  it('recommends the challenger where it helps and the champion where it hurts', () => {
    expect(report.segments.map((s) => s.recommendedArm)).toEqual(['chall', 'champ']);
    expect(arm('a')?.significant).toBe(true);
    // The segments disagree far beyond their noise: τ² is large, so shrinkage moves little.
    expect(arm('a')?.shrunkUplift).toBeGreaterThan(0.25);
    expect(arm('b')?.shrunkUplift).toBeLessThan(-0.1);
  });

  it('expected gain: the challenger on segment a only, per case of both segments', () => {
    // 200 mature cases in each segment; gain = (200 · shrunk uplift of a + 200 · 0) / 400.
    expect(report.expectedGain).toBeCloseTo((arm('a')?.shrunkUplift ?? 0) / 2, 12);
    expect(report.expectedGainCI.low).toBeGreaterThan(0);
  });
});
