import { describe, expect, it } from 'vitest';
import {
  RANDOM,
  calibration,
  calibrationTop,
  gains,
  selectRun,
  verdictLine,
  type Run,
} from './models.ts';

const evaluation = (auc: number, low: number, high: number, brier: number) => ({
  cases: 397,
  positives: 89,
  rate: 89 / 397,
  auc,
  aucCI: { low, high },
  brier,
  deciles: [],
});
const run = (runId: string, target: string, published = true) =>
  ({
    runId,
    target,
    published,
    model: evaluation(0.7583, 0.6961, 0.8214, 0.15254),
    baseline: evaluation(0.6571, 0.5893, 0.7242, 0.16421),
  }) as unknown as Run;

describe('selectRun', () => {
  const runs = [run('p1', 'payment_30d'), run('c1', 'cure_30d'), run('c0', 'cure_30d')];
  it('takes the run named in the URL', () => expect(selectRun(runs, 'c0')?.runId).toBe('c0'));
  it('else the newest cure run (the one that ranks the work queue)', () =>
    expect(selectRun(runs, 'nope')?.runId).toBe('c1'));
  it('else the newest run, and null without runs', () => {
    expect(selectRun([run('p1', 'payment_30d')], null)?.runId).toBe('p1');
    expect(selectRun([], null)).toBeNull();
  });
});

describe('verdictLine', () => {
  it('states the decision, AUC with intervals and Brier against the baseline', () => {
    expect(verdictLine(run('c1', 'cure_30d'))).toBe(
      'Published: AUC 0.758 (0.696–0.821) vs baseline 0.657 (0.589–0.724), Brier 0.153 vs 0.164, on 397 out-of-time samples',
    );
    expect(verdictLine(run('c1', 'cure_30d', false))).toMatch(/^Refused: AUC 0\.758/);
  });
});

const decile = (
  d: number,
  cases: number,
  positives: number,
  predicted: number,
  low: number,
  high: number,
  gain: number,
) => ({
  decile: d,
  cases,
  positives,
  observedRate: positives / cases,
  observedRateCI: { low, high },
  meanPredicted: predicted,
  lift: 0,
  cumulativeGain: gain,
});

describe('calibration', () => {
  it('one point per decile with cases, ordered by prediction, intervals as bar lengths', () => {
    const pts = calibration([
      decile(1, 40, 29, 0.583, 0.57, 0.84, 0.33),
      decile(2, 40, 12, 0.481, 0.18, 0.45, 0.47),
      { ...decile(3, 1, 0, 0, 0, 0, 0.47), cases: 0, observedRate: 0 },
    ]);
    // decile 2: observed 12/40 = 0.3, interval [0.3 − 0.18, 0.45 − 0.3] = [0.12, 0.15]
    expect(pts.map((p) => p.decile)).toEqual([2, 1]);
    expect(pts[0]!.observed).toBeCloseTo(0.3, 12);
    expect(pts[0]!.interval[0]).toBeCloseTo(0.12, 12);
    expect(pts[0]!.interval[1]).toBeCloseTo(0.15, 12);
    // axis top: highest of 0.583 (predicted) and 0.84 (decile 1's upper end) → 0.9
    expect(calibrationTop(pts)).toBe(0.9);
  });
});

describe('gains', () => {
  it('starts at (0, 0) and accumulates the share contacted', () => {
    // 4 + 4 + 2 = 10 cases: contacted 0.4, 0.8, 1.0
    expect(
      gains([
        { cases: 4, cumulativeGain: 0.5 },
        { cases: 4, cumulativeGain: 0.75 },
        { cases: 2, cumulativeGain: 1 },
      ]),
    ).toEqual([
      { contacted: 0, found: 0 },
      { contacted: 0.4, found: 0.5 },
      { contacted: 0.8, found: 0.75 },
      { contacted: 1, found: 1 },
    ]);
    expect(gains([])).toEqual([]);
    expect(RANDOM.at(-1)).toEqual({ contacted: 1, found: 1 });
  });
});
