/**
 * The effects planted in every generated portfolio, so that tests (here and
 * downstream) can check that the analytics find them. MANIFEST.json repeats
 * these values together with the exact ids of one generated dataset.
 */

/** Champion/challenger test over cases that enter collections at M1 (docs/metrics/strategy-comparison.md). */
export const EXPERIMENT = 'early_dpd_2026';
/** Days for "cured within N days" that the arm probabilities below refer to. */
export const CURE_WITHIN_DAYS = 30;
/** True probability that an experiment case is closed `cured`/`paid_in_full` within 30 days. */
export const CHAMPION = { strategy: 'sms_first', cureProbability: 0.3 } as const;
export const CHALLENGER = { strategy: 'early_call', cureProbability: 0.48 } as const;

/** Strategies outside the experiment, with their 30-day cure probability. */
export const OTHER_STRATEGIES = {
  /** M1 entries of the willing-but-unable segment. */
  hardship_offer: 0.25,
  /** Entries at M2 or worse (portfolio already delinquent when the data starts). */
  late_stage_call: 0.08,
} as const;

export const TEAMS = ['alpha', 'bravo', 'charlie', 'delta'] as const;
export type Team = (typeof TEAMS)[number];
/** The team whose promises are kept clearly more often. */
export const BEST_TEAM: Team = 'bravo';
/**
 * Probability that a promise taken by an agent of the team is kept (paid in
 * full by `due_on`); of the rest, PARTIAL_SHARE are paid in part, the others broken.
 * Promises taken on the way to a cure are always kept, whatever the team.
 */
export const KEPT_PROBABILITY: Readonly<Record<Team, number>> = {
  alpha: 0.4,
  bravo: 0.75,
  charlie: 0.4,
  delta: 0.35,
};
export const PARTIAL_SHARE = 0.35;

/** docs/metrics/compliance.md, which the planted breaches are built against. */
export const COMPLIANCE_RULES = {
  startHour: 8,
  endHour: 22,
  maxPerDay: 6,
  maxPer7Days: 7,
} as const;
/** Share of cases that get a planted breach (one of the kinds below). */
export const BREACH_CASE_SHARE = 0.02;
/** `night`: one call outside 08:00–22:00 local; `day`: 8 calls in one local day; `week`: 2 calls a day for 6 days. */
export const BREACH_KINDS = ['night', 'day', 'week'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];
