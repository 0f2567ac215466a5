/**
 * The portfolio model: dimensions, monthly flow rates and contact behaviour.
 * See docs/generator.md for the reasoning behind the numbers.
 */
import type { Channel, ContactOutcome } from '@collections/schema/domain';

export const PRODUCTS = [
  // product, weight, principal range (currency units), term in months (0 = revolving)
  ['credit_card', 0.45, 2_000, 50_000, 0],
  ['personal_loan', 0.3, 10_000, 200_000, 36],
  ['auto_loan', 0.15, 50_000, 300_000, 60],
  ['sme_loan', 0.1, 100_000, 2_000_000, 48],
] as const;

export const PORTFOLIOS = ['retail', 'premier', 'digital', 'sme'] as const;
export const REGIONS = ['north', 'east', 'south', 'west', 'central', 'overseas'] as const;

/** Risk grade, weight and multiplier of the M0 → M1 rate. */
export const RISK_GRADES = [
  ['A', 0.2, 0.4],
  ['B', 0.3, 0.7],
  ['C', 0.25, 1.0],
  ['D', 0.15, 1.6],
  ['E', 0.1, 2.6],
] as const;

/** utc_offset_minutes: mostly China time, some neighbours, a few overseas (negative). */
export const DOMESTIC_OFFSETS = [
  [480, 0.9],
  [420, 0.05],
  [540, 0.05],
] as const;
export const OVERSEAS_OFFSETS = [
  [-300, 0.35],
  [-480, 0.2],
  [60, 0.25],
  [330, 0.2],
] as const;

/** Monthly probability that a current (M0) account becomes 1–30 DPD, before the grade multiplier. */
export const M0_TO_M1 = 0.025;
/** Monthly probability that a current account is paid off early (closed). */
export const M0_PAYOFF = 0.004;

/** Bucket distribution of accounts already on book when the data starts (index = bucket, 7 = M7+). */
export const INITIAL_BUCKETS = [0.9, 0.035, 0.015, 0.012, 0.01, 0.009, 0.008, 0.011] as const;

/** Monthly cure probability of a case after its first month, by bucket (index 1…7). */
export const LATE_CURE = [0, 0.2, 0.12, 0.08, 0.05, 0.04, 0.03, 0.01] as const;
/** Share of non-cured, non-settled months where a partial payment keeps the account in its bucket. */
export const STAY = 0.15;
/** Monthly charge-off probability of an M7+ account. */
export const CHARGE_OFF = 0.65;
/** Monthly settlement probability from M4 on. */
export const SETTLE = 0.03;
/** Monthly probability that an M2–M3 case agrees a repayment plan. */
export const PLAN = 0.12;
/** Monthly probability that a plan instalment is missed (the plan then lapses). */
export const PLAN_MISS = 0.12;

export const SEGMENT_WEIGHTS = [
  ['willing_able', 0.35],
  ['willing_unable', 0.2],
  ['unwilling_able', 0.25],
  ['unwilling_unable', 0.2],
] as const;
export type Segment = (typeof SEGMENT_WEIGHTS)[number][0];
/** Multiplier of the late cure probability by segment. */
export const SEGMENT_CURE_FACTOR: Readonly<Record<Segment, number>> = {
  willing_able: 1.4,
  willing_unable: 0.8,
  unwilling_able: 0.9,
  unwilling_unable: 0.5,
};

/** Outcome weights by channel. RPC outcomes are refined by the case (promise or not). */
const NO_ANSWER_VOICE = [
  ['no_answer', 0.35],
  ['busy', 0.08],
  ['voicemail', 0.12],
  ['wrong_number', 0.03],
  ['third_party', 0.05],
  ['right_party_contact', 0.37],
] as const;
export const OUTCOMES: Readonly<Record<Channel, readonly (readonly [ContactOutcome, number])[]>> = {
  call: NO_ANSWER_VOICE,
  field_visit: [
    ['no_answer', 0.3],
    ['third_party', 0.15],
    ['right_party_contact', 0.55],
  ],
  ivr: [
    ['no_answer', 0.4],
    ['busy', 0.1],
    ['failed', 0.1],
    ['right_party_contact', 0.15],
    ['voicemail', 0.25],
  ],
  sms: [
    ['delivered', 0.8],
    ['clicked', 0.08],
    ['failed', 0.12],
  ],
  email: [
    ['delivered', 0.55],
    ['opened', 0.25],
    ['clicked', 0.08],
    ['failed', 0.12],
  ],
  app_push: [
    ['delivered', 0.6],
    ['opened', 0.3],
    ['failed', 0.1],
  ],
  letter: [
    ['delivered', 0.92],
    ['failed', 0.08],
  ],
};

/** What a right-party contact turns into when no promise is taken. */
export const RPC_OUTCOMES = [
  ['right_party_contact', 0.35],
  ['refused_to_pay', 0.25],
  ['dispute', 0.08],
  ['hardship', 0.17],
  ['callback_requested', 0.15],
] as const;
/** Share of agent RPCs that end in a promise to pay (when a promise may be taken). */
export const PROMISE_SHARE = 0.45;

/** Cost per attempt in cents (call: base + per minute). */
export const COST_CENTS: Readonly<Record<Channel, number>> = {
  call: 30,
  field_visit: 2_500,
  ivr: 5,
  sms: 4,
  email: 1,
  app_push: 0,
  letter: 120,
};
export const CALL_CENTS_PER_MINUTE = 8;

export const LEGAL_COST_CENTS = {
  demand_letter: 1_500,
  filed: 35_000,
  judgment: 15_000,
  enforcement: 40_000,
  withdrawn: 0,
} as const;

export const FIRST_NAMES = [
  'Wei',
  'Fang',
  'Min',
  'Jing',
  'Lei',
  'Yan',
  'Hui',
  'Tao',
  'Anna',
  'Omar',
  'Priya',
  'Lucas',
];
export const LAST_NAMES = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Zhao',
  'Smith',
  'Khan',
  'Silva',
  'Tan',
];
export const SITES = ['Shanghai', 'Chengdu', 'Wuhan', 'Shenzhen'] as const;
