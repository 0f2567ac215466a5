/**
 * Models page (docs/models.md): which run to show, the verdict against the
 * baseline in one line, and the calibration and cumulative-gains series from
 * the run's deciles. Pure, unit-tested.
 */
import type { ModelRunsQuery } from '../../gql/graphql.ts';

export type Run = ModelRunsQuery['modelRuns'][number];
type Evaluation = Run['model'];
type Decile = Pick<Evaluation['deciles'][number], 'cases' | 'cumulativeGain'>;

/** The run named in the URL, else the newest cure run, else the newest run; null without runs. */
export function selectRun(runs: readonly Run[], wanted: string | null): Run | null {
  return (
    runs.find((r) => r.runId === wanted) ??
    runs.find((r) => r.target === 'cure_30d') ??
    runs[0] ??
    null
  );
}

const f3 = (x: number) => x.toFixed(3);
const ci = (i: { low: number; high: number }) => `${f3(i.low)}–${f3(i.high)}`;

/**
 * "Published: AUC 0.758 (0.696–0.821) vs baseline 0.657 (0.589–0.724), Brier
 * 0.153 vs 0.164, on 397 out-of-time samples". The reason of a refusal is the
 * API's verdict, shown beside it.
 */
export function verdictLine(run: Pick<Run, 'published' | 'model' | 'baseline'>): string {
  const { model: m, baseline: b } = run;
  return (
    `${run.published ? 'Published' : 'Refused'}: AUC ${f3(m.auc)} (${ci(m.aucCI)}) vs baseline ` +
    `${f3(b.auc)} (${ci(b.aucCI)}), Brier ${f3(m.brier)} vs ${f3(b.brier)}, ` +
    `on ${m.cases.toLocaleString('en-US')} out-of-time samples`
  );
}

export interface CalibrationPoint {
  decile: number;
  predicted: number;
  observed: number;
  /** [observed − low, high − observed]: the Wilson interval as error-bar lengths. */
  interval: [number, number];
  cases: number;
}

/** One point per decile with cases: mean predicted against observed, in order of prediction. */
export function calibration(deciles: Evaluation['deciles']): CalibrationPoint[] {
  return deciles
    .filter((d) => d.cases > 0)
    .map((d) => ({
      decile: d.decile,
      predicted: d.meanPredicted,
      observed: d.observedRate,
      interval: [d.observedRate - d.observedRateCI.low, d.observedRateCI.high - d.observedRate] as [
        number,
        number,
      ],
      cases: d.cases,
    }))
    .sort((a, b) => a.predicted - b.predicted);
}

export interface GainPoint {
  /** Share of the test samples contacted, best scores first. */
  contacted: number;
  /** Share of all positives among them. */
  found: number;
}

/** The cumulative gains curve from (0, 0): after each decile, the share contacted and found. */
export function gains(deciles: readonly Decile[]): GainPoint[] {
  const total = deciles.reduce((s, d) => s + d.cases, 0);
  if (total === 0) return [];
  let seen = 0;
  const out: GainPoint[] = [{ contacted: 0, found: 0 }];
  for (const d of deciles) {
    seen += d.cases;
    out.push({ contacted: seen / total, found: d.cumulativeGain });
  }
  return out;
}

/** Random contact order: found = contacted. */
export const RANDOM: GainPoint[] = [
  { contacted: 0, found: 0 },
  { contacted: 1, found: 1 },
];

/** Upper end of the calibration axes: the next 10 % above every point and interval. */
export function calibrationTop(points: readonly CalibrationPoint[]): number {
  const max = Math.max(0, ...points.map((p) => Math.max(p.predicted, p.observed + p.interval[1])));
  return Math.min(1, Math.ceil(max * 10 - 1e-9) / 10 || 0.1);
}
