import { describe, expect, it } from 'vitest';
import { aucInterval, featureNames, featureVectorSql, verdict } from './model.ts';

describe('aucInterval (Hanley & McNeil)', () => {
  it('matches the hand computation', () => {
    // AUC 0.8, 50 positives, 50 negatives: Q1 = 0.8/1.2 = 0.666667, Q2 = 2·0.64/1.8 = 0.711111;
    // var = (0.16 + 49·(0.666667−0.64) + 49·(0.711111−0.64)) / 2500 = 4.951111/2500 = 0.00198044;
    // SE = 0.044502, ±1.96 SE = ±0.087224.
    const ci = aucInterval(0.8, 50, 50);
    expect(ci.low).toBeCloseTo(0.712776, 5);
    expect(ci.high).toBeCloseTo(0.887224, 5);
  });
  it('is the whole range without both classes', () => {
    expect(aucInterval(0.5, 0, 10)).toEqual({ low: 0, high: 1 });
  });
});

describe('verdict', () => {
  const base = { n: 1000, positives: 300, auc: 0.6, brier: 0.2 };
  it('publishes a model better on both AUC and Brier', () => {
    expect(verdict({ ...base, auc: 0.7, brier: 0.18 }, base).published).toBe(true);
  });
  it('refuses a model that ranks better but is less accurate', () => {
    const v = verdict({ ...base, auc: 0.7, brier: 0.21 }, base);
    expect(v.published).toBe(false);
    expect(v.verdict).toMatch(/does not beat the baseline/);
  });
  it('refuses a model that is no better at ranking', () => {
    expect(verdict({ ...base, auc: 0.6, brier: 0.1 }, base).published).toBe(false);
  });
  it('refuses on too few test samples', () => {
    const small = { n: 150, positives: 40, auc: 0.9, brier: 0.05 };
    expect(verdict(small, { ...small, auc: 0.5, brier: 0.3 }).verdict).toMatch(/at least 200/);
  });
});

describe('feature vector', () => {
  it('one-hot levels travel as parameters', () => {
    const names = featureNames({ segment: ['willing_able'], risk_grade: ["A'; DROP"] });
    const { sql, params } = featureVectorSql(names);
    expect(names.slice(-2)).toEqual(['segment=willing_able', "risk_grade=A'; DROP"]);
    expect(sql).not.toContain('DROP');
    expect(Object.values(params)).toEqual(['willing_able', "A'; DROP"]);
  });
  it('rejects a feature it does not know', () => {
    expect(() => featureVectorSql(['customer_hash=x'])).toThrow(/Unknown model feature/);
    expect(() => featureVectorSql(['balance; DROP TABLE x'])).toThrow(/Unknown model feature/);
  });
});
