/**
 * Domain vocabulary of docs/metrics/README.md and docs/etl.md as typed values. Every package takes
 * buckets, event types and outcome categories from here, never from literals.
 */

/** docs/metrics/README.md#buckets: delinquency buckets, in "worse than" order (CLOSED last, unordered). */
export const BUCKETS = [
  'M0',
  'M1',
  'M2',
  'M3',
  'M4',
  'M5',
  'M6',
  'M7_PLUS',
  'CHARGED_OFF',
  'CLOSED',
] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Upper DPD bound (inclusive) of each open bucket; M7_PLUS is everything above 180. */
export const BUCKET_DPD_MAX: Readonly<
  Record<Exclude<Bucket, 'M7_PLUS' | 'CHARGED_OFF' | 'CLOSED'>, number>
> = {
  M0: 0,
  M1: 30,
  M2: 60,
  M3: 90,
  M4: 120,
  M5: 150,
  M6: 180,
};

/** docs/metrics/README.md#buckets, severity rank: M0 = 0 … CHARGED_OFF = 8; CLOSED has no rank (null). */
export function bucketRank(bucket: Bucket): number | null {
  return bucket === 'CLOSED' ? null : BUCKETS.indexOf(bucket);
}

export const ACCOUNT_STATUSES = ['open', 'charged_off', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** docs/metrics/README.md#buckets: bucket of a snapshot. The SQL twin is `bucketSql` below; both are tested together. */
export function bucketOf(status: AccountStatus, dpd: number): Bucket {
  if (status === 'charged_off') return 'CHARGED_OFF';
  if (status === 'closed') return 'CLOSED';
  if (dpd <= 0) return 'M0';
  if (dpd > 180) return 'M7_PLUS';
  return `M${Math.ceil(dpd / 30)}` as Bucket;
}

/**
 * ClickHouse expression for the bucket of a snapshot, given the SQL
 * expressions of its status and dpd. Identifiers only, never user input.
 */
export function bucketSql(status: string, dpd: string): string {
  return (
    `multiIf(${status} = 'charged_off', 'CHARGED_OFF', ${status} = 'closed', 'CLOSED', ` +
    `${dpd} <= 0, 'M0', ${dpd} > 180, 'M7_PLUS', concat('M', toString(intDiv(${dpd} + 29, 30))))`
  );
}

/**
 * docs/metrics/README.md#effective-snapshot: of an account's snapshots with the same `as_of`, the one
 * with the greatest (occurred_at, event_id) is the account's state that day; a bank's same-day
 * correction (a later occurred_at) supersedes the snapshot it corrects, which counts nowhere.
 * event_id only makes exact ties deterministic. The ordering key as a ClickHouse tuple.
 */
export function snapshotOrderSql(): string {
  return 'tuple(occurred_at, event_id)';
}

export const EVENT_TYPES = [
  'account_opened',
  'agent_registered',
  'account_snapshot',
  'case_opened',
  'case_assigned',
  'contact_attempt',
  'promise_to_pay',
  'payment',
  'payment_plan',
  'legal_action',
  'case_closed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CHANNELS = [
  'call',
  'sms',
  'email',
  'app_push',
  'letter',
  'field_visit',
  'ivr',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels whose attempts are subject to the contact rules (docs/metrics/compliance.md). */
export const VOICE_CHANNELS: readonly Channel[] = ['call', 'field_visit', 'ivr'];

export const CONTACT_CATEGORIES = {
  no_contact: ['no_answer', 'busy', 'voicemail', 'failed', 'delivered', 'opened', 'clicked'],
  third_party: ['wrong_number', 'third_party'],
  rpc: [
    'right_party_contact',
    'promise_to_pay',
    'refused_to_pay',
    'dispute',
    'hardship',
    'callback_requested',
  ],
} as const;
export type ContactCategory = keyof typeof CONTACT_CATEGORIES;
export type ContactOutcome = (typeof CONTACT_CATEGORIES)[ContactCategory][number];
export const CONTACT_OUTCOMES: readonly ContactOutcome[] = [
  ...CONTACT_CATEGORIES.no_contact,
  ...CONTACT_CATEGORIES.third_party,
  ...CONTACT_CATEGORIES.rpc,
];

/**
 * "Contact" for the channel contact rate (docs/metrics/channel-effectiveness.md: "any
 * answer or delivery"): everything except the outcomes where nothing reached anyone.
 */
export const NON_CONTACT_OUTCOMES = ['no_answer', 'busy', 'failed'] as const;

export const ARM_ROLES = ['champion', 'challenger'] as const;
export const SEGMENTS = [
  'willing_able',
  'willing_unable',
  'unwilling_able',
  'unwilling_unable',
] as const;
export const PLAN_KINDS = ['installment', 'settlement', 'hardship'] as const;
export const LEGAL_ACTIONS = [
  'demand_letter',
  'filed',
  'judgment',
  'enforcement',
  'withdrawn',
] as const;
/** Legal stages in order of progress; `withdrawn` is reported separately. */
export const LEGAL_STAGES = ['demand_letter', 'filed', 'judgment', 'enforcement'] as const;
export const CASE_OUTCOMES = [
  'cured',
  'paid_in_full',
  'settled',
  'plan_completed',
  'charged_off',
  'written_off',
  'legal_closed',
  'uncollectible',
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
/** Outcomes that count as a cure for "case cure within N days" (docs/metrics/cure-curve.md). */
export const CURE_OUTCOMES: readonly CaseOutcome[] = ['cured', 'paid_in_full'];

/** Fields holding customer PII: stored only as HMAC-SHA-256 (docs/etl.md#pii). */
export const PII_FIELDS = ['customer_id', 'customer_name', 'phone', 'national_id'] as const;

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** What the propensity models predict (docs/models.md): the `target` of model_run and case_score. */
export const MODEL_TARGETS = ['cure_30d', 'payment_30d'] as const;
export type ModelTarget = (typeof MODEL_TARGETS)[number];
