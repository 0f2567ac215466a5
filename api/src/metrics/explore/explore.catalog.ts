/**
 * The semantic layer's declarations (docs/metrics/explore.md): every measure
 * and dimension as data. The catalog query prints them, the explore query
 * builds its SQL from them (explore.sql.ts), and the equality test runs every
 * measure against the named metric it names in `definedBy`.
 *
 * A measure is a base aggregate of one fact (a set of rows with a time
 * column), a sum of measures, or a ratio of two measures (value = numerator /
 * denominator, returned with both).
 */
import { registerEnumType } from 'type-graphql';
import type { FilterDimension } from '../../filters/portfolio-filter.ts';
import {
  ACCOUNT_DIMENSIONS,
  FILTER_DIMENSIONS,
  STATE_DIMENSIONS,
} from '../../filters/portfolio-filter.ts';
import {
  cohortMeasures,
  cohortRefs,
  type CohortFact,
  type CohortMetric,
} from './explore.catalog-cohort.ts';
import { monthEndMeasures } from './explore.catalog-stock.ts';
import {
  contactFacts,
  contactMeasures,
  contactRefs,
  type ContactFact,
  type ContactMetric,
} from './explore.catalog-contact.ts';

/** Row sets measures aggregate; each has a time column the period and grain apply to. */
export type Fact =
  | 'opened_cases'
  | 'closed_cases'
  | 'promises'
  | 'contacts'
  | 'payments'
  | 'legal'
  | 'plans'
  // month-end state, month-to-month transitions, charge-offs (explore.catalog-stock.ts)
  | 'month_end'
  | 'rolls'
  | 'charge_offs'
  // explore.catalog-contact.ts
  | ContactFact
  // cures, legal cases, vintages (explore.catalog-cohort.ts)
  | CohortFact;

export enum Measure {
  CASES_OPENED = 'cases_opened',
  CURE_MATURE_30D = 'cure_mature_30d',
  CURED_30D = 'cured_30d',
  CURE_RATE_30D = 'cure_rate_30d',
  ENTRY_BALANCE = 'entry_balance',
  CASES_CLOSED = 'cases_closed',
  RECOVERED = 'recovered',
  CLOSED_ENTRY_BALANCE = 'closed_entry_balance',
  RECOVERY_RATE = 'recovery_rate',
  DAYS_TO_CLOSE = 'days_to_close',
  MEAN_DAYS_TO_CLOSE = 'mean_days_to_close',
  PROMISES = 'promises',
  MATURED_PROMISES = 'matured_promises',
  KEPT_PROMISES = 'kept_promises',
  BROKEN_PROMISES = 'broken_promises',
  KEPT_RATE = 'kept_rate',
  ATTEMPTS = 'attempts',
  RPCS = 'rpcs',
  RPC_RATE = 'rpc_rate',
  CONTACT_COST = 'contact_cost',
  AMOUNT_COLLECTED = 'amount_collected',
  LEGAL_COST = 'legal_cost',
  COLLECTION_COST = 'collection_cost',
  COST_TO_COLLECT = 'cost_to_collect',
  // month-end state and roll rates (explore.catalog-stock.ts)
  DELINQUENT_ACCOUNTS = 'delinquent_accounts',
  DELINQUENT_BALANCE = 'delinquent_balance',
  OPEN_BALANCE = 'open_balance',
  DELINQUENCY_RATE = 'delinquency_rate',
  ROLL_BASE = 'roll_base',
  ROLLED_FORWARD = 'rolled_forward',
  ROLL_FORWARD_RATE = 'roll_forward_rate',
  CURE_BASE = 'cure_base',
  CURED_TO_M0 = 'cured_to_m0',
  CURE_TO_M0_RATE = 'cure_to_m0_rate',
  CHARGE_OFFS = 'charge_offs',
  PLANS_CREATED = 'plans_created',
  PLAN_AMOUNT = 'plan_amount',
  // contact, agent, compliance and experiment measures (explore.catalog-contact.ts)
  CONTACTS = 'contacts',
  CONTACT_RATE = 'contact_rate',
  PROMISE_ATTEMPTS = 'promise_attempts',
  PROMISE_ATTEMPT_RATE = 'promise_attempt_rate',
  TALK_SECONDS = 'talk_seconds',
  PROMISES_PER_RPC = 'promises_per_rpc',
  CREDITED_PAYMENTS = 'credited_payments',
  CREDITED_AMOUNT = 'credited_amount',
  COST_PER_CREDITED = 'cost_per_credited',
  VOICE_ATTEMPTS = 'voice_attempts',
  VIOLATIONS = 'violations',
  VIOLATION_RATE = 'violation_rate',
  OUTSIDE_HOURS = 'outside_hours',
  OVER_DAILY_LIMIT = 'over_daily_limit',
  OVER_WEEKLY_LIMIT = 'over_weekly_limit',
  RECOVERED_30D = 'recovered_30d',
  MATURE_ENTRY_BALANCE_30D = 'mature_entry_balance_30d',
  RECOVERY_RATE_30D = 'recovery_rate_30d',
  CONTACT_COST_30D = 'contact_cost_30d',
  COST_PER_MATURE_CASE_30D = 'cost_per_mature_case_30d',
  // cure-curve points, relapse, legal pipeline, vintages (explore.catalog-cohort.ts)
  CURE_MATURE_7D = 'cure_mature_7d',
  CURED_7D = 'cured_7d',
  CURE_RATE_7D = 'cure_rate_7d',
  CURE_MATURE_60D = 'cure_mature_60d',
  CURED_60D = 'cured_60d',
  CURE_RATE_60D = 'cure_rate_60d',
  CURE_MATURE_90D = 'cure_mature_90d',
  CURED_90D = 'cured_90d',
  CURE_RATE_90D = 'cure_rate_90d',
  CURES = 'cures',
  MATURE_CURES = 'mature_cures',
  RELAPSES = 'relapses',
  RELAPSE_RATE = 'relapse_rate',
  IMMATURE_RELAPSES = 'immature_relapses',
  LEGAL_CASES = 'legal_cases',
  LEGAL_CASE_COST = 'legal_case_cost',
  LEGAL_RECOVERED = 'legal_recovered',
  LEGAL_RECOVERED_PER_COST = 'legal_recovered_per_cost',
  LEGAL_OPENINGS_KNOWN = 'legal_openings_known',
  DAYS_TO_FIRST_ACTION = 'days_to_first_action',
  MEAN_DAYS_TO_FIRST_ACTION = 'mean_days_to_first_action',
  VINTAGE_ACCOUNTS = 'vintage_accounts',
  EVER_30 = 'ever_30',
  EVER_60 = 'ever_60',
  EVER_90 = 'ever_90',
  EVER_30_RATE = 'ever_30_rate',
  EVER_60_RATE = 'ever_60_rate',
  EVER_90_RATE = 'ever_90_rate',
  MONTH_END_ACCOUNTS = 'month_end_accounts',
  MONTH_END_BALANCE = 'month_end_balance',
}

export enum MeasureUnit {
  CURRENCY = 'CURRENCY',
  COUNT = 'COUNT',
  RATE = 'RATE',
  DAYS = 'DAYS',
}

export enum Dimension {
  PORTFOLIO = 'portfolio',
  PRODUCT = 'product',
  REGION = 'region',
  RISK_GRADE = 'risk_grade',
  SEGMENT = 'segment',
  STRATEGY = 'strategy',
  EXPERIMENT = 'experiment',
  ARM_ROLE = 'arm_role',
  ENTRY_BUCKET = 'entry_bucket',
  OUTCOME = 'outcome',
  CHANNEL = 'channel',
  CONTACT_HOUR = 'contact_hour',
  CONTACT_WEEKDAY = 'contact_weekday',
  FIRST_CONTACT_CHANNEL = 'first_contact_channel',
  // month-end state (explore.catalog-stock.ts)
  MONTH_END_BUCKET = 'month_end_bucket',
  TEAM = 'team',
  AGENT = 'agent',
  PLAN_KIND = 'plan_kind',
  LEGAL_STAGE = 'legal_stage',
  // vintages (explore.catalog-cohort.ts)
  MONTHS_ON_BOOK = 'months_on_book',
}

export enum TimeGrain {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

/**
 * A figure of a named metric: `kpis` by KPI name, `caseOutcomes` by OutcomeGroup field,
 * `rollRates` by pooled BucketFlow field (per origin bucket).
 */
export interface MetricRef {
  readonly metric:
    'kpis' | 'caseOutcomes' | 'rollRates' | 'repaymentPlans' | ContactMetric | CohortMetric;
  readonly figure: string;
  /** The measure is this part of the figure (a rate) rather than the figure itself. */
  readonly part?: 'numerator' | 'denominator';
}

/** `kpis.cure_rate_30d (numerator)`: how the catalog prints a reference. */
export function refText(ref: MetricRef): string {
  return `${ref.metric}.${ref.figure}${ref.part ? ` (${ref.part})` : ''}`;
}

const kpi = (figure: string, part?: MetricRef['part']): MetricRef => ({
  metric: 'kpis',
  figure,
  part,
});
const outcomes = (figure: string, part?: MetricRef['part']): MetricRef => ({
  metric: 'caseOutcomes',
  figure,
  part,
});
const rolls = (figure: string, part?: MetricRef['part']): MetricRef => ({
  metric: 'rollRates',
  figure,
  part,
});
const plans = (figure: string): MetricRef => ({ metric: 'repaymentPlans', figure });

interface Common {
  readonly description: string;
  readonly unit: MeasureUnit;
  /** The formula in words. */
  readonly formula: string;
  /** The named metrics' figures this number is (or is the numerator or denominator of); explore.int.test.ts checks each. */
  readonly definedBy: readonly MetricRef[];
}
export type MeasureDef = Common &
  (
    | { readonly kind: 'base'; readonly fact: Fact }
    | { readonly kind: 'sum'; readonly parts: readonly Measure[] }
    | { readonly kind: 'ratio'; readonly numerator: Measure; readonly denominator: Measure }
  );

const base = (
  fact: Fact,
  unit: MeasureUnit,
  description: string,
  formula: string,
  definedBy: readonly MetricRef[],
): MeasureDef => ({
  kind: 'base',
  fact,
  unit,
  description,
  formula,
  definedBy,
});
const { COUNT, CURRENCY, RATE, DAYS } = MeasureUnit;

const DECLARED: Readonly<Record<Measure, MeasureDef>> = {
  [Measure.CASES_OPENED]: base(
    'opened_cases',
    COUNT,
    'Cases opened.',
    'count of cases whose first case_opened is in the period',
    [kpi('cases_opened')],
  ),
  [Measure.CURE_MATURE_30D]: base(
    'opened_cases',
    COUNT,
    'Cases opened that are mature for 30 days.',
    'cases opened in the period whose opening + 30 × 24 h is at or before the as-of instant',
    [kpi('cure_rate_30d', 'denominator')],
  ),
  [Measure.CURED_30D]: base(
    'opened_cases',
    COUNT,
    'Mature cases cured within 30 days.',
    'mature cases opened in the period closed cured or paid_in_full within 30 × 24 h of opening',
    [kpi('cure_rate_30d', 'numerator')],
  ),
  [Measure.CURE_RATE_30D]: {
    kind: 'ratio',
    numerator: Measure.CURED_30D,
    denominator: Measure.CURE_MATURE_30D,
    unit: RATE,
    description: 'Cure rate within 30 days of the cases opened (mature cases only).',
    formula: 'cured within 30 days / mature cases',
    definedBy: [kpi('cure_rate_30d')],
  },
  [Measure.ENTRY_BALANCE]: base(
    'opened_cases',
    CURRENCY,
    'Entry balance of the cases opened.',
    'sum of entry_balance of the cases opened in the period',
    [],
  ),
  [Measure.CASES_CLOSED]: base(
    'closed_cases',
    COUNT,
    'Cases closed.',
    'count of cases whose latest case_closed is in the period',
    [kpi('cases_closed'), outcomes('cases'), outcomes('meanDaysToClose', 'denominator')],
  ),
  [Measure.RECOVERED]: base(
    'closed_cases',
    CURRENCY,
    'Recovered on the cases closed.',
    'sum over the cases closed in the period of their payments from open to close, both included',
    [outcomes('recovered')],
  ),
  [Measure.CLOSED_ENTRY_BALANCE]: base(
    'closed_cases',
    CURRENCY,
    'Entry balance of the cases closed.',
    'sum of entry_balance of the cases closed in the period',
    [outcomes('recoveryRate', 'denominator')],
  ),
  [Measure.RECOVERY_RATE]: {
    kind: 'ratio',
    numerator: Measure.RECOVERED,
    denominator: Measure.CLOSED_ENTRY_BALANCE,
    unit: RATE,
    description: 'Recovery rate of the cases closed.',
    formula: 'recovered / entry balance of the cases closed',
    definedBy: [outcomes('recoveryRate')],
  },
  [Measure.DAYS_TO_CLOSE]: base(
    'closed_cases',
    DAYS,
    'Days from open to close, summed over the cases closed.',
    'sum of (closed_at − opened_at) / 24 h over the cases closed in the period',
    [outcomes('meanDaysToClose', 'numerator')],
  ),
  [Measure.MEAN_DAYS_TO_CLOSE]: {
    kind: 'ratio',
    numerator: Measure.DAYS_TO_CLOSE,
    denominator: Measure.CASES_CLOSED,
    unit: DAYS,
    description: 'Mean days from open to close of the cases closed.',
    formula: 'days to close / cases closed',
    definedBy: [outcomes('meanDaysToClose')],
  },
  [Measure.PROMISES]: base(
    'promises',
    COUNT,
    'Promises to pay made.',
    'count of promise_to_pay events made in the period',
    [],
  ),
  [Measure.MATURED_PROMISES]: base(
    'promises',
    COUNT,
    'Promises made whose window has ended.',
    'promises made in the period that are kept, partial or broken (not pending)',
    [kpi('kept_rate', 'denominator')],
  ),
  [Measure.KEPT_PROMISES]: base(
    'promises',
    COUNT,
    'Promises kept.',
    'promises made in the period whose case received at least their amount inside the window (due_on + grace, end of day)',
    [kpi('kept_rate', 'numerator')],
  ),
  [Measure.BROKEN_PROMISES]: base(
    'promises',
    COUNT,
    'Promises broken.',
    'matured promises made in the period with nothing paid inside the window',
    [],
  ),
  [Measure.KEPT_RATE]: {
    kind: 'ratio',
    numerator: Measure.KEPT_PROMISES,
    denominator: Measure.MATURED_PROMISES,
    unit: RATE,
    description: 'Kept rate of the promises made.',
    formula: 'kept / (kept + partial + broken)',
    definedBy: [kpi('kept_rate')],
  },
  [Measure.ATTEMPTS]: base(
    'contacts',
    COUNT,
    'Contact attempts.',
    'count of contact attempts in the period',
    [kpi('rpc_rate', 'denominator')],
  ),
  [Measure.RPCS]: base(
    'contacts',
    COUNT,
    'Right-party contacts.',
    'attempts in the period with a right-party-contact outcome',
    [kpi('rpc_rate', 'numerator')],
  ),
  [Measure.RPC_RATE]: {
    kind: 'ratio',
    numerator: Measure.RPCS,
    denominator: Measure.ATTEMPTS,
    unit: RATE,
    description: 'Right-party-contact rate of the attempts.',
    formula: 'right-party contacts / attempts',
    definedBy: [kpi('rpc_rate')],
  },
  [Measure.CONTACT_COST]: base(
    'contacts',
    CURRENCY,
    'Cost of the contact attempts.',
    'sum of the cost of the attempts in the period',
    [],
  ),
  [Measure.AMOUNT_COLLECTED]: base(
    'payments',
    CURRENCY,
    'Amount collected.',
    'sum of the payments in the period',
    [kpi('amount_collected'), kpi('cost_to_collect', 'denominator')],
  ),
  [Measure.LEGAL_COST]: base(
    'legal',
    CURRENCY,
    'Legal cost incurred.',
    'sum of the cost of the legal actions dated in the period',
    [],
  ),
  [Measure.COLLECTION_COST]: {
    kind: 'sum',
    parts: [Measure.CONTACT_COST, Measure.LEGAL_COST],
    unit: CURRENCY,
    description: 'Cost of collecting: contact and legal costs.',
    formula: 'contact cost + legal cost',
    definedBy: [kpi('collection_cost'), kpi('cost_to_collect', 'numerator')],
  },
  [Measure.COST_TO_COLLECT]: {
    kind: 'ratio',
    numerator: Measure.COLLECTION_COST,
    denominator: Measure.AMOUNT_COLLECTED,
    unit: RATE,
    description: 'Cost to collect one unit of currency.',
    formula: '(contact cost + legal cost) / amount collected',
    definedBy: [kpi('cost_to_collect')],
  },
  ...monthEndMeasures({ Measure, MeasureUnit, base, kpi, rolls }),
  [Measure.PLANS_CREATED]: base(
    'plans',
    COUNT,
    'Repayment plans created.',
    'count of plans whose first payment_plan event is in the period',
    [plans('plans')],
  ),
  [Measure.PLAN_AMOUNT]: base(
    'plans',
    CURRENCY,
    'Total amount of the repayment plans created.',
    'sum of total_amount of the plans created in the period (their first event)',
    [plans('totalAmount')],
  ),
  ...contactMeasures({ Measure, MeasureUnit, base }),
  ...cohortMeasures({ Measure, MeasureUnit, base }),
};

/** Every declared measure, with the figures of the contact-side and cohort metrics its number also is. */
export const MEASURES: Readonly<Record<Measure, MeasureDef>> = (() => {
  const measures = { ...DECLARED };
  for (const refs of [contactRefs(Measure), cohortRefs(Measure)])
    for (const [measure, more] of Object.entries(refs) as [Measure, MetricRef[]][])
      measures[measure] = {
        ...measures[measure],
        definedBy: [...measures[measure].definedBy, ...more],
      };
  return measures;
})();

/** The facts a measure reads (its own, or those of its parts). */
export function factsOf(measure: Measure): Fact[] {
  const def = MEASURES[measure];
  switch (def.kind) {
    case 'base':
      return [def.fact];
    case 'sum':
      return [...new Set(def.parts.flatMap(factsOf))];
    case 'ratio':
      return [...new Set([...factsOf(def.numerator), ...factsOf(def.denominator)])];
  }
}

const ACCOUNT: readonly Dimension[] = [
  Dimension.PORTFOLIO,
  Dimension.PRODUCT,
  Dimension.REGION,
  Dimension.RISK_GRADE,
];
const CASE: readonly Dimension[] = [
  ...ACCOUNT,
  Dimension.SEGMENT,
  Dimension.STRATEGY,
  Dimension.EXPERIMENT,
  Dimension.ARM_ROLE,
  Dimension.ENTRY_BUCKET,
];

/** The agent of an attempt, or the holder of a case at its close, and that agent's team. */
const HOLDER: readonly Dimension[] = [Dimension.TEAM, Dimension.AGENT];

const CONTACT_FACTS = contactFacts({ Dimension, case: CASE, filters: FILTER_DIMENSIONS });

/**
 * What each fact can be sliced and filtered by: contacts and payments carry account
 * dimensions and the agent (a payment's: the case's holder) only.
 */
export const FACT_DIMENSIONS: Readonly<Record<Fact, readonly Dimension[]>> = {
  opened_cases: [...CASE, Dimension.FIRST_CONTACT_CHANNEL],
  closed_cases: [...CASE, Dimension.OUTCOME, Dimension.FIRST_CONTACT_CHANNEL, ...HOLDER],
  // the agent who took the promise (agentPerformance)
  promises: [...CASE, ...HOLDER],
  legal: [...CASE, Dimension.LEGAL_STAGE],
  contacts: [
    ...ACCOUNT,
    Dimension.CHANNEL,
    Dimension.CONTACT_HOUR,
    Dimension.CONTACT_WEEKDAY,
    ...HOLDER,
  ],
  payments: [...ACCOUNT, ...HOLDER],
  month_end: [...ACCOUNT, Dimension.MONTH_END_BUCKET],
  rolls: [...ACCOUNT, Dimension.MONTH_END_BUCKET],
  charge_offs: ACCOUNT,
  plans: [...CASE, Dimension.PLAN_KIND],
  ...CONTACT_FACTS.dimensions,
  cures: CASE,
  legal_cases: [...CASE, Dimension.LEGAL_STAGE],
  vintages: [...ACCOUNT, Dimension.MONTHS_ON_BOOK],
};
export const FACT_FILTERS: Readonly<Record<Fact, readonly FilterDimension[]>> = {
  opened_cases: FILTER_DIMENSIONS,
  closed_cases: [...FILTER_DIMENSIONS, 'teams', 'agents'],
  promises: [...FILTER_DIMENSIONS, 'teams', 'agents'],
  legal: FILTER_DIMENSIONS,
  contacts: [...ACCOUNT_DIMENSIONS, 'teams', 'agents', 'channels'],
  payments: [...ACCOUNT_DIMENSIONS, 'teams', 'agents'],
  month_end: [...ACCOUNT_DIMENSIONS, ...STATE_DIMENSIONS],
  rolls: [...ACCOUNT_DIMENSIONS, ...STATE_DIMENSIONS],
  charge_offs: ACCOUNT_DIMENSIONS,
  plans: FILTER_DIMENSIONS,
  ...CONTACT_FACTS.filters,
  cures: FILTER_DIMENSIONS,
  legal_cases: FILTER_DIMENSIONS,
  vintages: ACCOUNT_DIMENSIONS,
};

const intersect = <T>(lists: readonly (readonly T[])[]): T[] =>
  lists.length === 0
    ? []
    : lists.reduce<T[]>((acc, l) => acc.filter((x) => l.includes(x)), [...lists[0]!]);

/** Dimensions every fact of the measure can be sliced by. */
export function dimensionsOf(measure: Measure): Dimension[] {
  return intersect(factsOf(measure).map((f) => FACT_DIMENSIONS[f]));
}

/** Filter dimensions every fact of the measure honours. */
export function filtersOf(measure: Measure): FilterDimension[] {
  return intersect(factsOf(measure).map((f) => FACT_FILTERS[f]));
}

export interface DimensionDef {
  readonly description: string;
  /** The PortfolioFilter field restricting it, when there is one. */
  readonly filterField: FilterDimension | null;
}

export const DIMENSIONS: Readonly<Record<Dimension, DimensionDef>> = {
  [Dimension.PORTFOLIO]: {
    description: "Portfolio of the account's latest account_opened ('' without one).",
    filterField: 'portfolios',
  },
  [Dimension.PRODUCT]: {
    description: "Product of the account's latest account_opened.",
    filterField: 'products',
  },
  [Dimension.REGION]: {
    description: "Region of the account's latest account_opened.",
    filterField: 'regions',
  },
  [Dimension.RISK_GRADE]: {
    description: "Risk grade of the account's latest account_opened.",
    filterField: 'riskGrades',
  },
  [Dimension.SEGMENT]: {
    description: "Segment of the case's first case_opened.",
    filterField: 'segments',
  },
  [Dimension.STRATEGY]: {
    description: "Strategy (tactic) of the case's first case_opened.",
    filterField: 'strategies',
  },
  [Dimension.EXPERIMENT]: {
    description: "Champion/challenger experiment of the case's first case_opened.",
    filterField: 'experiments',
  },
  [Dimension.ARM_ROLE]: {
    description: "Arm role (champion, challenger) of the case's first case_opened.",
    filterField: null,
  },
  [Dimension.ENTRY_BUCKET]: {
    description: 'Bucket of entry_dpd at case opening (M0 … M7_PLUS).',
    filterField: null,
  },
  [Dimension.OUTCOME]: {
    description: 'Outcome of the case closure (closed cases only).',
    filterField: null,
  },
  [Dimension.CHANNEL]: {
    description:
      'Channel of the contact attempt (attempts, voice attempts; for credited payments the crediting attempt’s).',
    filterField: 'channels',
  },
  [Dimension.CONTACT_HOUR]: {
    description:
      "Hour 00–23 of the attempt in the account's local time (utc_offset_minutes; 480 when unknown, as compliance).",
    filterField: null,
  },
  [Dimension.CONTACT_WEEKDAY]: {
    description: "Weekday of the attempt in the account's local time: 1-Mon … 7-Sun.",
    filterField: null,
  },
  [Dimension.FIRST_CONTACT_CHANNEL]: {
    description:
      "Channel of the case's first contact attempt (earliest occurred_at, then event_id; '' without one; cases opened or closed only).",
    filterField: null,
  },
  [Dimension.MONTH_END_BUCKET]: {
    description:
      "Bucket of the account's state at the month end (M0 … M7_PLUS, CHARGED_OFF, CLOSED); for roll-rate measures the origin month's (month-end and roll-rate measures only).",
    filterField: 'monthEndBuckets',
  },
  [Dimension.TEAM]: {
    description:
      "Team of the agent's latest agent_registered: the attempt's agent (attempts, voice attempts), the holder at close (cases closed), the agent who took the promise (promises), the case's holder at the payment (payments); '' without one.",
    filterField: 'teams',
  },
  [Dimension.AGENT]: {
    description:
      "Agent id: the attempt's agent (attempts, voice attempts), the holder at close (cases closed), the agent who took the promise (promises), the case's holder at the payment (payments); '' without one.",
    filterField: 'agents',
  },
  [Dimension.PLAN_KIND]: {
    description:
      "Kind of the repayment plan's first event: installment, settlement, hardship (plans only).",
    filterField: null,
  },
  [Dimension.LEGAL_STAGE]: {
    description:
      "Stage the case's legal actions reached, as legalPipeline: withdrawn when its latest action is a withdrawal, else the furthest of demand_letter → filed → judgment → enforcement (legal actions and legal cases only).",
    filterField: null,
  },
  [Dimension.MONTHS_ON_BOOK]: {
    description:
      'Months on book k of a vintage: calendar months since the opening month, 000 … the as-of month, three digits (vintage measures only).',
    filterField: null,
  },
};

registerEnumType(Measure, {
  name: 'Measure',
  description: 'A measure of the semantic layer (the catalog query describes each).',
  valuesConfig: Object.fromEntries(
    Object.entries(Measure).map(([key, name]) => [
      key,
      { description: MEASURES[name].description },
    ]),
  ),
});
registerEnumType(MeasureUnit, {
  name: 'MeasureUnit',
  description: 'What a measure counts.',
  valuesConfig: {
    CURRENCY: { description: 'An amount in the currency of the catalog (CURRENCY).' },
    COUNT: { description: 'A number of accounts, cases, promises or attempts.' },
    RATE: { description: 'A ratio of two measures, in [0, 1] for shares.' },
    DAYS: { description: 'Elapsed days (hours / 24, fractional).' },
  },
});
registerEnumType(Dimension, {
  name: 'Dimension',
  description: 'A dimension measures can be sliced by (the catalog query lists its values).',
  valuesConfig: Object.fromEntries(
    Object.entries(Dimension).map(([key, name]) => [
      key,
      { description: DIMENSIONS[name].description },
    ]),
  ),
});
registerEnumType(TimeGrain, {
  name: 'TimeGrain',
  description: 'Time buckets of explore rows, in REPORT_TZ.',
  valuesConfig: {
    DAY: { description: 'Calendar day, YYYY-MM-DD.' },
    WEEK: { description: 'ISO week, named by its Monday, YYYY-MM-DD.' },
    MONTH: { description: 'Calendar month, YYYY-MM.' },
    QUARTER: { description: 'Calendar quarter, YYYY-Qn.' },
    YEAR: { description: 'Calendar year, YYYY.' },
  },
});
