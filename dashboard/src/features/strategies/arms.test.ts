import { describe, expect, it } from 'vitest';
import { intervalBars, rateAxisMax } from './arms.ts';

const arms = [
  { strategy: 'sms_first', cureRate: 0.4, cureRateCI: { low: 0.3, high: 0.52 } },
  { strategy: 'early_call', cureRate: 0.3, cureRateCI: { low: 0.22, high: 0.39 } },
];

describe('intervalBars', () => {
  it('puts the champion first and turns the interval into error-bar distances', () => {
    const bars = intervalBars(arms, 'early_call');
    expect(bars.map((b) => b.strategy)).toEqual(['early_call', 'sms_first']);
    // early_call: 0.30 − 0.22 = 0.08 below, 0.39 − 0.30 = 0.09 above
    expect(bars[0]!.champion).toBe(true);
    expect(bars[0]!.error[0]).toBeCloseTo(0.08, 10);
    expect(bars[0]!.error[1]).toBeCloseTo(0.09, 10);
  });
  it('rounds the axis up to the next 5 points above the highest interval end', () => {
    // highest end 0.52 → 0.55
    expect(rateAxisMax(intervalBars(arms, 'early_call'))).toBeCloseTo(0.55, 10);
    expect(rateAxisMax([])).toBeCloseTo(0.1, 10);
  });
});
