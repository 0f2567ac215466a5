/**
 * Uplift by segment from the randomised champion/challenger data
 * (docs/metrics/uplift.md). Pure. Per segment, every challenger's 30-day cure
 * rate and recovery rate are compared with the champion's in the same segment:
 * - uplift = p_arm − p_champion with the unpooled Wald interval;
 * - p-values (pooled two-proportion z-test, as strategyComparison) adjusted by
 *   Benjamini–Hochberg across every segment × arm tested;
 * - shrinkage: per arm, each segment's uplift is pulled towards the arm's
 *   precision-weighted mean uplift by B = τ² / (τ² + se²), τ² from
 *   DerSimonian–Laird, so a small segment's noisy estimate moves most;
 * - recommended arm: the challenger with the highest shrunk uplift whose
 *   shrunk interval is above 0 and whose BH-adjusted p-value is significant;
 *   otherwise the champion;
 * - expected gain of following the recommendations instead of running the
 *   champion for everyone, per case, with its interval (segments independent).
 */
import { twoSidedZ } from '../../stats/normal.ts';
import type { Interval } from '../../stats/proportions.ts';
import { compareArms, championOf } from '../strategy-comparison/strategy-comparison.compare.ts';
import type { ArmRow } from '../strategy-comparison/strategy-comparison.sql.ts';
import type { StrategyArm } from '../strategy-comparison/strategy-comparison.types.ts';

export interface ArmUplift {
  strategy: string;
  arm: StrategyArm;
  uplift: number | null;
  upliftCI: Interval | null;
  recoveryUplift: number | null;
  recoveryUpliftCI: Interval | null;
  qValue: number | null;
  significant: boolean;
  shrunkUplift: number | null;
  shrunkUpliftCI: Interval | null;
}
export interface SegmentUplift {
  segment: string;
  matureCases: number;
  arms: ArmUplift[];
  recommendedArm: string;
  /** Shrunk cure uplift of the recommended arm over the champion (0 when it is the champion). */
  expectedUplift: number;
  expectedUpliftCI: Interval;
}

/** Benjamini–Hochberg adjusted p-values (q-values), same order as given. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const q = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const { p, i } = order[k] as { p: number; i: number };
    running = Math.min(running, (p * m) / (k + 1));
    q[i] = running;
  }
  return q;
}

/** DerSimonian–Laird between-segment variance τ² of estimates with standard errors. */
export function tauSquared(estimates: readonly number[], ses: readonly number[]): number {
  const w = ses.map((s) => 1 / Math.max(s * s, 1e-12));
  const sw = w.reduce((a, b) => a + b, 0);
  if (estimates.length < 2 || sw === 0) return 0;
  const mean = estimates.reduce((a, e, i) => a + (w[i] as number) * e, 0) / sw;
  const q = estimates.reduce((a, e, i) => a + (w[i] as number) * (e - mean) ** 2, 0);
  const c = sw - w.reduce((a, b) => a + b * b, 0) / sw;
  return c > 0 ? Math.max(0, (q - (estimates.length - 1)) / c) : 0;
}

const interval = (centre: number, half: number): Interval => ({
  low: centre - half,
  high: centre + half,
});

export function upliftBySegment(
  rows: readonly ArmRow[],
  options: { experiment: string; champion: string | null; confidence: number },
): { champion: string; segments: SegmentUplift[]; expectedGain: number; expectedGainCI: Interval } {
  const z = twoSidedZ(options.confidence);
  const champion = championOf(rows, options.champion);
  const segmentNames = [...new Set(rows.map((r) => r.segment ?? ''))].sort();
  // Raw per-segment comparisons (the strategyComparison arithmetic, per segment).
  const raw = segmentNames.map((segment) => {
    const segmentRows = rows.filter((r) => (r.segment ?? '') === segment);
    const arms = compareArms(segmentRows, { ...options, champion }).arms;
    const base = arms.find((a) => a.strategy === champion);
    const seOf = (a: StrategyArm) => Math.sqrt((a.cureRate * (1 - a.cureRate)) / a.matureCases);
    const recSe = (a: StrategyArm) => (a.recoveryRateCI.high - a.recoveryRate) / z;
    const uplifts = arms.map((arm) => {
      if (!base || arm.strategy === champion || arm.liftVsChampion === null)
        return { arm, uplift: null, se: null, rec: null, recSe: null };
      return {
        arm,
        uplift: arm.liftVsChampion,
        se: Math.hypot(seOf(arm), seOf(base)),
        rec: arm.recoveryRate - base.recoveryRate,
        recSe: Math.hypot(recSe(arm), recSe(base)),
      };
    });
    return { segment, arms, uplifts };
  });
  // BH across every segment × arm tested.
  const tested = raw.flatMap((s) => s.uplifts.filter((u) => u.arm.pValue !== null));
  const q = benjaminiHochberg(tested.map((u) => u.arm.pValue as number));
  const qOf = new Map(tested.map((u, i) => [u, q[i] as number]));
  // Shrinkage per arm across segments.
  const shrink = new Map<object, { value: number; se: number }>();
  for (const strategy of new Set(tested.map((u) => u.arm.strategy))) {
    const list = tested.filter((u) => u.arm.strategy === strategy && (u.se ?? 0) > 0);
    const est = list.map((u) => u.uplift as number);
    const ses = list.map((u) => u.se as number);
    const tau2 = tauSquared(est, ses);
    const w = ses.map((s) => 1 / (s * s));
    const sw = w.reduce((a, b) => a + b, 0);
    const mean = est.reduce((a, e, i) => a + (w[i] as number) * e, 0) / sw;
    list.forEach((u, i) => {
      const se = ses[i] as number;
      const b = tau2 / (tau2 + se * se);
      shrink.set(u, { value: mean + b * ((est[i] as number) - mean), se: Math.sqrt(b) * se });
    });
  }
  let gain = 0;
  let gainVar = 0;
  let total = 0;
  const segments = raw.map(({ segment, arms, uplifts }) => {
    const matureCases = arms.reduce((a, arm) => a + arm.matureCases, 0);
    const out: ArmUplift[] = uplifts.map((u) => {
      const s = shrink.get(u);
      const qValue = qOf.get(u) ?? null;
      return {
        strategy: u.arm.strategy,
        arm: u.arm,
        uplift: u.uplift,
        upliftCI: u.uplift === null || u.se === null ? null : interval(u.uplift, z * u.se),
        recoveryUplift: u.rec,
        recoveryUpliftCI: u.rec === null || u.recSe === null ? null : interval(u.rec, z * u.recSe),
        qValue,
        significant: qValue !== null && qValue < 1 - options.confidence,
        shrunkUplift: s?.value ?? null,
        shrunkUpliftCI: s ? interval(s.value, z * s.se) : null,
      };
    });
    const candidates = out.filter(
      (a) => a.significant && a.shrunkUpliftCI !== null && a.shrunkUpliftCI.low > 0,
    );
    const best = candidates.reduce<ArmUplift | null>(
      (a, b) => (a === null || (b.shrunkUplift ?? 0) > (a.shrunkUplift ?? 0) ? b : a),
      null,
    );
    const expected = best?.shrunkUplift ?? 0;
    const se = best?.shrunkUpliftCI ? (best.shrunkUpliftCI.high - expected) / z : 0;
    gain += matureCases * expected;
    gainVar += (matureCases * se) ** 2;
    total += matureCases;
    return {
      segment,
      matureCases,
      arms: out,
      recommendedArm: best?.strategy ?? champion,
      expectedUplift: expected,
      expectedUpliftCI: interval(expected, z * se),
    };
  });
  const perCase = total === 0 ? 0 : gain / total;
  const half = total === 0 ? 0 : (z * Math.sqrt(gainVar)) / total;
  return { champion, segments, expectedGain: perCase, expectedGainCI: interval(perCase, half) };
}
