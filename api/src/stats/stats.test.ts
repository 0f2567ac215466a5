/**
 * The statistics against known values. References computed independently with
 * Python's statistics.NormalDist (and the textbook 30 % vs 35 % → 1377 per arm).
 */
import { describe, expect, it } from 'vitest';
import { phi, twoSidedZ } from './normal.ts';
import {
  casesPerArmForPower,
  ratioWithInterval,
  twoProportionPValue,
  wilsonInterval,
} from './proportions.ts';

describe('normal distribution', () => {
  it('gives the usual critical values', () => {
    expect(twoSidedZ(0.95)).toBeCloseTo(1.959963984540054, 12);
    expect(twoSidedZ(0.9)).toBeCloseTo(1.6448536269514722, 12);
    expect(phi(0)).toBe(0.5);
  });
});

describe('wilsonInterval', () => {
  it('81 of 263 at 95 % is [0.25529, 0.36621]', () => {
    const { low, high } = wilsonInterval(81, 263, 0.95);
    expect(low).toBeCloseTo(0.2552885198782743, 12);
    expect(high).toBeCloseTo(0.3662095769828001, 12);
  });
  it('narrows at 90 %: [0.26331, 0.35657]', () => {
    const { low, high } = wilsonInterval(81, 263, 0.9);
    expect(low).toBeCloseTo(0.2633136171884814, 12);
    expect(high).toBeCloseTo(0.35656634960848815, 12);
  });
  it('stays inside [0, 1] at the extremes', () => {
    // 0 of 10: [0, 0.27753]; 10 of 10: [0.72247, 1].
    expect(wilsonInterval(0, 10, 0.95).low).toBeCloseTo(0, 12);
    expect(wilsonInterval(0, 10, 0.95).high).toBeCloseTo(0.27753279986288915, 12);
    expect(wilsonInterval(10, 10, 0.95).low).toBeCloseTo(0.7224672001371109, 12);
    expect(wilsonInterval(10, 10, 0.95).high).toBe(1);
  });
  it('is the whole range without cases', () => {
    expect(wilsonInterval(0, 0, 0.95)).toEqual({ low: 0, high: 1 });
  });
});

describe('ratioWithInterval (delta method)', () => {
  it('matches the documented formula on three cases', () => {
    // x = (100, 200, 300), y = (50, 40, 150): R = 240 / 600 = 0.4.
    // residuals y − R·x = 10, −40, 30 → squares 100 + 1600 + 900 = 2600.
    // SE = sqrt(2600 / (3·2)) / 200 = sqrt(433.33…) / 200 = 0.1040833.
    // 95 %: 0.4 ± 1.959964 × 0.1040833 = 0.4 ± 0.2039995.
    const sums = {
      n: 3,
      sumY: 240,
      sumX: 600,
      sumYY: 50 * 50 + 40 * 40 + 150 * 150,
      sumXY: 100 * 50 + 200 * 40 + 300 * 150,
      sumXX: 100 * 100 + 200 * 200 + 300 * 300,
    };
    const { rate, interval } = ratioWithInterval(sums, 0.95);
    const se = Math.sqrt(2600 / 6) / 200;
    expect(se).toBeCloseTo(0.1040833, 6);
    expect(rate).toBeCloseTo(0.4, 12);
    expect(interval.low).toBeCloseTo(0.4 - 1.959963984540054 * se, 9);
    expect(interval.high).toBeCloseTo(0.4 + 1.959963984540054 * se, 9);
    expect(interval.high).toBeCloseTo(0.6039995, 6);
  });
  it('is 0 without balance and collapses with one case', () => {
    const none = { n: 0, sumY: 0, sumX: 0, sumYY: 0, sumXY: 0, sumXX: 0 };
    expect(ratioWithInterval(none, 0.95)).toEqual({ rate: 0, interval: { low: 0, high: 0 } });
    const one = { n: 1, sumY: 5, sumX: 10, sumYY: 25, sumXY: 50, sumXX: 100 };
    expect(ratioWithInterval(one, 0.95)).toEqual({
      rate: 0.5,
      interval: { low: 0.5, high: 0.5 },
    });
  });
});

describe('twoProportionPValue (pooled z-test)', () => {
  it('45/100 against 30/100: z = 2.19089, p = 0.028460', () => {
    // pooled p = 75/200 = 0.375; SE = sqrt(0.375·0.625·(2/100)) = 0.0684653; z = 0.15 / SE.
    expect(twoProportionPValue(45, 100, 30, 100)).toBeCloseTo(0.02845973691631043, 10);
    expect(twoProportionPValue(30, 100, 45, 100)).toBeCloseTo(0.02845973691631043, 10);
  });
  it('is 1 for equal rates and null for an empty arm', () => {
    expect(twoProportionPValue(10, 50, 20, 100)).toBeCloseTo(1, 12);
    expect(twoProportionPValue(0, 50, 0, 100)).toBe(1);
    expect(twoProportionPValue(3, 0, 2, 10)).toBeNull();
  });
});

describe('casesPerArmForPower', () => {
  it('30 % against 35 % needs 1377 cases per arm at 95 % / 80 %', () => {
    // (1.959964·sqrt(2·0.325·0.675) + 0.841621·sqrt(0.21 + 0.2275))² / 0.05² = 1376.299 → 1377.
    expect(casesPerArmForPower(0.3, 0.35, 0.95)).toBe(1377);
    expect(casesPerArmForPower(0.35, 0.3, 0.95)).toBe(1377);
  });
  it('cannot estimate without an observed difference', () => {
    expect(casesPerArmForPower(0.2, 0.2, 0.95)).toBeNull();
  });
});

describe('ratios', () => {
  it('rounds amounts to cents and applies the zero-denominator rule', async () => {
    const { cents, rateOrNull, rateOrZero } = await import('./ratios.ts');
    expect(cents(1.005)).toBe(1.01);
    expect(cents(-2.675)).toBe(-2.68);
    expect(cents(0.1 + 0.2)).toBe(0.3);
    expect(rateOrNull(1, 0)).toBeNull();
    expect(rateOrZero(1, 0)).toBe(0);
    expect(rateOrZero(1, 4)).toBe(0.25);
  });
});
