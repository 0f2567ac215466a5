/**
 * From per-arm counts and sums to the comparison of docs/metrics/strategy-comparison.md: rates with their
 * intervals, lift and p-value against the champion, and a verdict. Pure.
 */
import {
  casesPerArmForPower,
  ratioWithInterval,
  twoProportionPValue,
  wilsonInterval,
} from '../../stats/proportions.ts';
import { echo } from '../../errors.ts';
import { cents, rateOrNull, rateOrZero } from '../../stats/ratios.ts';
import type { ArmRow } from './strategy-comparison.sql.ts';
import type { StrategyArm } from './strategy-comparison.types.ts';

export interface Comparison {
  champion: string;
  arms: StrategyArm[];
  verdict: string;
  casesNeededPerArm: number | null;
}

/** The champion: the argument, else the arm with most cases tagged arm_role = champion ('' if none). */
export function championOf(
  rows: readonly Pick<ArmRow, 'strategy' | 'champion_tagged'>[],
  given: string | null,
): string {
  if (given !== null) return given;
  let best: (typeof rows)[number] | undefined;
  for (const row of rows)
    if (
      Number(row.champion_tagged) > 0 &&
      (!best || Number(row.champion_tagged) > Number(best.champion_tagged))
    )
      best = row;
  return best?.strategy ?? '';
}

const pct = (rate: number) => `${(rate * 100).toFixed(1)} %`;
const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

export function compareArms(
  rows: readonly ArmRow[],
  options: { experiment: string; champion: string | null; confidence: number },
): Comparison {
  const { confidence } = options;
  const champion = championOf(rows, options.champion);
  const championRow = rows.find((r) => r.strategy === champion);
  const arms: StrategyArm[] = rows.map((row) => {
    const mature = Number(row.mature_cases);
    const cured = Number(row.cured);
    const recovery = ratioWithInterval(
      {
        n: mature,
        sumY: row.sum_y,
        sumX: row.sum_x,
        sumYY: row.sum_yy,
        sumXY: row.sum_xy,
        sumXX: row.sum_xx,
      },
      confidence,
    );
    const cureRate = rateOrZero(cured, mature);
    const isChallenger = championRow !== undefined && row.strategy !== champion;
    const championMature = Number(championRow?.mature_cases ?? 0);
    const comparable = isChallenger && mature > 0 && championMature > 0;
    const championRate = rateOrZero(Number(championRow?.cured ?? 0), championMature);
    const lift = comparable ? cureRate - championRate : null;
    const pValue = comparable
      ? twoProportionPValue(cured, mature, Number(championRow?.cured), championMature)
      : null;
    return {
      strategy: row.strategy,
      cases: Number(row.cases),
      matureCases: mature,
      cured,
      cureRate,
      cureRateCI: wilsonInterval(cured, mature, confidence),
      recoveryRate: recovery.rate,
      recoveryRateCI: recovery.interval,
      costPerCase: cents(rateOrZero(row.cost, mature)),
      netRecoveryPerCase: cents(rateOrZero(row.sum_y - row.cost, mature)),
      liftVsChampion: lift,
      relativeLift: lift === null ? null : rateOrNull(lift, championRate),
      pValue,
      significant: pValue !== null && pValue < 1 - confidence,
    };
  });
  return { champion, arms, ...verdictOf(options.experiment, champion, arms, confidence) };
}

function verdictOf(
  experiment: string,
  champion: string,
  arms: readonly StrategyArm[],
  confidence: number,
): { verdict: string; casesNeededPerArm: number | null } {
  const none = (verdict: string) => ({ verdict, casesNeededPerArm: null });
  if (arms.length === 0)
    return none(`No cases of experiment ${echo(experiment)} were opened in the period.`);
  const championArm = arms.find((a) => a.strategy === champion);
  if (!championArm)
    return none(
      `No champion: no arm of ${echo(experiment)} carries arm_role = champion; pass the champion argument.`,
    );
  const challengers = arms.filter((a) => a.pValue !== null);
  if (championArm.matureCases === 0 || challengers.length === 0)
    return none(
      'Not enough mature cases to compare: the champion and at least one challenger need cases whose window has ended.',
    );
  // The best challenger by cure rate (ties: first by name).
  const best = challengers.reduce((a, b) => (b.cureRate > a.cureRate ? b : a));
  const versus = `${best.strategy} cures ${pct(best.cureRate)} vs ${champion} ${pct(championArm.cureRate)} (${pText(best.pValue ?? 1)})`;
  if (best.significant && (best.liftVsChampion ?? 0) > 0)
    return none(
      `${best.strategy} is best: it beats the champion ${champion} significantly; ${versus}.`,
    );
  if (best.significant)
    return none(
      `${champion} (champion) is best: every challenger cures significantly less; ${versus}.`,
    );
  const needed = casesPerArmForPower(best.cureRate, championArm.cureRate, confidence);
  if (needed === null)
    return none(
      `No difference yet: ${versus}. The observed rates are equal, so no sample size can be estimated; more cases are needed.`,
    );
  return {
    verdict:
      `No significant difference yet: ${versus}. More cases are needed: about ${needed} mature cases per arm ` +
      `to detect this difference with 80 % power (now ${best.matureCases} and ${championArm.matureCases}).`,
    casesNeededPerArm: needed,
  };
}
