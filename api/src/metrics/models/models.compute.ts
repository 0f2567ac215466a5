/**
 * A stored run's out-of-time evaluation as a risk officer reads it: AUC with its
 * interval, Brier score, and per score decile the observed rate with its Wilson
 * interval beside the mean prediction (calibration), lift and cumulative gains.
 * Pure (docs/models.md).
 */
import { wilsonInterval, type Interval } from '../../stats/proportions.ts';

export interface StoredEvaluation {
  n: number;
  positives: number;
  auc: number;
  aucLow: number;
  aucHigh: number;
  brier: number;
  deciles: { decile: number; cases: number; positives: number; meanPredicted: number }[];
}

export interface DecileStat {
  decile: number;
  cases: number;
  positives: number;
  observedRate: number;
  observedRateCI: Interval;
  meanPredicted: number;
  lift: number;
  cumulativeGain: number;
}

export function evaluationOf(e: StoredEvaluation) {
  const base = e.n === 0 ? 0 : e.positives / e.n;
  let cumulative = 0;
  const deciles: DecileStat[] = e.deciles.map((d) => {
    cumulative += d.positives;
    const rate = d.cases === 0 ? 0 : d.positives / d.cases;
    return {
      decile: d.decile,
      cases: d.cases,
      positives: d.positives,
      observedRate: rate,
      observedRateCI: wilsonInterval(d.positives, d.cases, 0.95),
      meanPredicted: d.meanPredicted,
      lift: base === 0 ? 0 : rate / base,
      cumulativeGain: e.positives === 0 ? 0 : cumulative / e.positives,
    };
  });
  return {
    cases: e.n,
    positives: e.positives,
    rate: base,
    rateCI: wilsonInterval(e.positives, e.n, 0.95),
    auc: e.auc,
    aucCI: { low: e.aucLow, high: e.aucHigh },
    brier: e.brier,
    deciles,
  };
}
