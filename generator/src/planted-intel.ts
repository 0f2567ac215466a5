/**
 * Effects planted for the propensity, uplift and contact-window analytics
 * (docs/models.md), so that tests can check that the pipeline finds them:
 *
 * - the 30-day cure of a case depends on features known when it opens (risk
 *   grade, entry balance, earlier cures of the account) through a logit shift;
 * - the experiment's arms work differently by segment: the challenger beats the
 *   champion for the "able" segments and is worse for `unwilling_unable`;
 * - calls that reach the right party sit in 18:00–19:59 local more often, so the
 *   RPC rate of calls peaks there.
 *
 * The case-level shifts average about 0 over the cases (grade mix leaning to
 * D/E, median entry balance) with a spread of ~0.6 on the logit scale, which
 * pulls rates towards 0.5 on average; the arm × segment bases are set so that
 * after it the arms still cure ≈ 0.29 (champion) and ≈ 0.49 (challenger) over
 * the experiment's segment mix, as planted.ts states (0.30 / 0.48). The cure still takes exactly one draw from the account's main stream
 * (where the new probability flips the outcome, that account's later events
 * change with it); the call minute comes from a separate stream
 * (`AccountRun.side`), so placing it moves no other draw.
 */
import type { Segment } from './model.ts';
import type { Rng } from './rng.ts';

/** 30-day cure probability of an experiment case by arm (strategy) and true segment, before the logit shift. */
export const ARM_SEGMENT_CURE: Readonly<Record<string, Readonly<Record<Segment, number>>>> = {
  // willing_unable cases never enter the experiment (they get hardship_offer).
  sms_first: {
    willing_able: 0.28,
    willing_unable: 0.28,
    unwilling_able: 0.28,
    unwilling_unable: 0.28,
  },
  early_call: {
    willing_able: 0.66,
    willing_unable: 0.48,
    unwilling_able: 0.56,
    unwilling_unable: 0.16,
  },
};
/** The segment where the challenger is worse than the champion. */
export const CHALLENGER_WORSE_SEGMENT: Segment = 'unwilling_unable';

/** Logit shift of the 30-day cure by risk grade (centred on the grade mix of cases, which leans to D/E). */
export const GRADE_CURE_LOGIT: Readonly<Record<string, number>> = {
  A: 0.72,
  B: 0.37,
  C: 0.02,
  D: -0.33,
  E: -0.68,
};
/** Logit shift per unit of ln(entry balance / BALANCE_PIVOT): bigger debts cure less. */
export const BALANCE_CURE_LOGIT = -0.3;
/** Entry balance (in cents) where the balance shift is zero: about the median case. */
export const BALANCE_PIVOT_CENTS = 2_200_000;
/** Logit shift per earlier cure of the account (counted up to 2). */
export const PRIOR_CURE_LOGIT = 0.4;

/** Calls reaching the right party: this share is placed in the peak window, the rest uniformly. */
export const RPC_PEAK_SHARE = 0.5;
/** Peak window of right-party calls, local minutes [from, to). Inside the compliance hours. */
export const RPC_PEAK_MINUTES = [18 * 60, 20 * 60] as const;
/** Normal rounds place calls in 10:00–20:30 local (contacts.ts). */
const ROUND_MINUTES = [600, 1230] as const;

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The planted logit shift of a case's 30-day cure from what is known when it opens. */
export function cureLogitShift(
  grade: string,
  entryBalanceCents: number,
  priorCures: number,
): number {
  const balance = Math.max(entryBalanceCents, 100) / BALANCE_PIVOT_CENTS;
  return (
    (GRADE_CURE_LOGIT[grade] ?? 0) +
    BALANCE_CURE_LOGIT * Math.log(balance) +
    PRIOR_CURE_LOGIT * Math.min(priorCures, 2)
  );
}

/** 30-day cure probability of a case: base by strategy (and segment in the experiment), shifted. */
export function cureProbability(
  base: number,
  strategy: string,
  segment: Segment,
  shift: number,
): number {
  const p = ARM_SEGMENT_CURE[strategy]?.[segment] ?? base;
  if (p <= 0) return 0;
  return sigmoid(logit(p) + shift);
}

/** Local minute of a normal-round call, drawn from the side stream by whether it reached the right party. */
export function callMinute(side: Rng, rightParty: boolean): number {
  const [from, to] = rightParty && side.chance(RPC_PEAK_SHARE) ? RPC_PEAK_MINUTES : ROUND_MINUTES;
  return side.int(from, to - 1) + side.int(0, 59) / 60;
}

/** What MANIFEST.json says about these effects. */
export const INTEL_MANIFEST = {
  armSegmentCure: ARM_SEGMENT_CURE,
  challengerWorseSegment: CHALLENGER_WORSE_SEGMENT,
  gradeCureLogit: GRADE_CURE_LOGIT,
  balanceCureLogit: { perLnBalance: BALANCE_CURE_LOGIT, pivot: BALANCE_PIVOT_CENTS / 100 },
  priorCureLogit: PRIOR_CURE_LOGIT,
  rpcPeak: {
    channel: 'call',
    share: RPC_PEAK_SHARE,
    localHours: [RPC_PEAK_MINUTES[0] / 60, RPC_PEAK_MINUTES[1] / 60 - 1],
  },
} as const;
