import { describe, expect, it } from 'vitest';
import { evaluationOf } from './models.compute.ts';

describe('evaluationOf', () => {
  it('lift and cumulative gains by decile, by hand', () => {
    // 3 deciles shown for brevity: 10 cases each, 6 / 3 / 1 positives; 30 cases, 10 positives.
    const e = evaluationOf({
      n: 30,
      positives: 10,
      auc: 0.8,
      aucLow: 0.7,
      aucHigh: 0.9,
      brier: 0.15,
      deciles: [
        { decile: 1, cases: 10, positives: 6, meanPredicted: 0.55 },
        { decile: 2, cases: 10, positives: 3, meanPredicted: 0.3 },
        { decile: 3, cases: 10, positives: 1, meanPredicted: 0.1 },
      ],
    });
    // Overall rate 10/30 = 1/3: lift = 0.6/(1/3) = 1.8, 0.3·3 = 0.9, 0.1·3 = 0.3.
    expect(e.deciles.map((d) => d.lift)).toEqual([
      expect.closeTo(1.8, 12),
      expect.closeTo(0.9, 12),
      expect.closeTo(0.3, 12),
    ]);
    // Gains: 6/10, 9/10, 10/10.
    expect(e.deciles.map((d) => d.cumulativeGain)).toEqual([0.6, 0.9, 1]);
    expect(e.aucCI).toEqual({ low: 0.7, high: 0.9 });
    expect(e.rate).toBeCloseTo(1 / 3, 12);
  });
});
