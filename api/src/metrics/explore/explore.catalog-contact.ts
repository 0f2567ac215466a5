/**
 * The semantic layer's contact-side measures (docs/metrics/explore.md "Contact,
 * agent and experiment measures"): what channelEffectiveness, contactWindows,
 * agentPerformance, teamPerformance, complianceReport and strategyComparison
 * report, each with the SQL of that metric (explore.sql-contact.ts). Declared
 * apart from explore.catalog.ts, which spreads them into MEASURES and adds
 * CONTACT_REFS to the definedBy of its own measures; values come in as
 * arguments, so this module imports types only (no import cycle at load time).
 */
import type { FilterDimension } from '../../filters/portfolio-filter.ts';
import type {
  Dimension as DimensionEnum,
  Measure as MeasureEnum,
  MeasureDef,
  MetricRef,
} from './explore.catalog.ts';
import { type MeasureDeps, ratioDef } from './explore.catalog-stock.ts';

/** The named metrics whose figures these measures are (explore.equality-contact.ts checks each). */
export type ContactMetric =
  | 'channelEffectiveness'
  | 'contactWindows'
  | 'agentPerformance'
  | 'teamPerformance'
  | 'complianceReport'
  | 'strategyComparison';

/** Facts of this module: compliance's voice attempts, payments credited to a channel. */
export type ContactFact = 'voice' | 'credited_payments';

const ref = (metric: ContactMetric, figure: string): MetricRef => ({ metric, figure });
const each = (metrics: readonly ContactMetric[], figure: string) =>
  metrics.map((m) => ref(m, figure));
const AGENTS: readonly ContactMetric[] = ['agentPerformance', 'teamPerformance'];
const CONTACTS: readonly ContactMetric[] = ['channelEffectiveness', 'contactWindows', ...AGENTS];

/** Figures of these metrics that measures of explore.catalog.ts are (added to their definedBy). */
export function contactRefs(M: typeof MeasureEnum): Partial<Record<MeasureEnum, MetricRef[]>> {
  return {
    [M.ATTEMPTS]: each(CONTACTS, 'attempts'),
    [M.RPCS]: each(CONTACTS, 'rpcs'),
    [M.RPC_RATE]: each(CONTACTS, 'rpcRate'),
    [M.CONTACT_COST]: [ref('channelEffectiveness', 'cost')],
    [M.PROMISES]: each(AGENTS, 'promises'),
    [M.KEPT_RATE]: each(AGENTS, 'keptRate'),
    [M.AMOUNT_COLLECTED]: each(AGENTS, 'amountCollected'),
    [M.CASES_OPENED]: [ref('strategyComparison', 'cases')],
    [M.CURE_MATURE_30D]: [ref('strategyComparison', 'matureCases')],
    [M.CURED_30D]: [ref('strategyComparison', 'cured')],
    [M.CURE_RATE_30D]: [ref('strategyComparison', 'cureRate')],
  };
}

export type ContactMeasure =
  | MeasureEnum.CONTACTS
  | MeasureEnum.CONTACT_RATE
  | MeasureEnum.PROMISE_ATTEMPTS
  | MeasureEnum.PROMISE_ATTEMPT_RATE
  | MeasureEnum.TALK_SECONDS
  | MeasureEnum.PROMISES_PER_RPC
  | MeasureEnum.CREDITED_PAYMENTS
  | MeasureEnum.CREDITED_AMOUNT
  | MeasureEnum.COST_PER_CREDITED
  | MeasureEnum.VOICE_ATTEMPTS
  | MeasureEnum.VIOLATIONS
  | MeasureEnum.VIOLATION_RATE
  | MeasureEnum.OUTSIDE_HOURS
  | MeasureEnum.OVER_DAILY_LIMIT
  | MeasureEnum.OVER_WEEKLY_LIMIT
  | MeasureEnum.RECOVERED_30D
  | MeasureEnum.MATURE_ENTRY_BALANCE_30D
  | MeasureEnum.RECOVERY_RATE_30D
  | MeasureEnum.CONTACT_COST_30D
  | MeasureEnum.COST_PER_MATURE_CASE_30D;

/** What the facts of this module can be sliced and filtered by. */
export function contactFacts(deps: {
  Dimension: typeof DimensionEnum;
  case: readonly DimensionEnum[];
  filters: readonly FilterDimension[];
}): {
  dimensions: Record<ContactFact, readonly DimensionEnum[]>;
  filters: Record<ContactFact, readonly FilterDimension[]>;
} {
  const D = deps.Dimension;
  return {
    dimensions: {
      // voice_attempts carries the case, its account's local time and the agent
      voice: [D.CHANNEL, D.CONTACT_HOUR, D.CONTACT_WEEKDAY, D.TEAM, D.AGENT],
      credited_payments: [...deps.case, D.CHANNEL],
    },
    filters: {
      voice: ['teams', 'agents', 'channels'],
      credited_payments: [...deps.filters, 'channels'],
    },
  };
}

export function contactMeasures(deps: MeasureDeps): Record<ContactMeasure, MeasureDef> {
  const { Measure: M, base } = deps;
  const { COUNT, CURRENCY, RATE } = deps.MeasureUnit;
  const ratio = ratioDef;
  const compliance = (figure: string) => [ref('complianceReport', figure)];
  const DAYS_30 =
    'within 30 × 24 h of opening, over the cases opened in the period that are mature for 30 days (as strategyComparison with cureWithinDays 30)';
  return {
    [M.CONTACTS]: base(
      'contacts',
      COUNT,
      'Attempts with any answer or delivery.',
      'attempts in the period whose outcome is not no_answer, busy or failed',
      [ref('channelEffectiveness', 'contacts')],
    ),
    [M.CONTACT_RATE]: ratio(
      M.CONTACTS,
      M.ATTEMPTS,
      RATE,
      'Contact rate of the attempts.',
      'contacts / attempts',
      [ref('channelEffectiveness', 'contactRate')],
    ),
    [M.PROMISE_ATTEMPTS]: base(
      'contacts',
      COUNT,
      'Attempts that ended in a promise to pay.',
      'attempts in the period whose outcome is promise_to_pay',
      each(['channelEffectiveness', 'contactWindows'], 'promises'),
    ),
    [M.PROMISE_ATTEMPT_RATE]: ratio(
      M.PROMISE_ATTEMPTS,
      M.ATTEMPTS,
      RATE,
      'Share of the attempts that ended in a promise to pay.',
      'attempts ending in a promise / attempts',
      [ref('contactWindows', 'promiseRate')],
    ),
    [M.TALK_SECONDS]: base(
      'contacts',
      COUNT,
      "Talk time of the agents' call attempts, in seconds.",
      'sum of duration_s of the call attempts in the period made by an agent',
      each(AGENTS, 'talkSeconds'),
    ),
    [M.PROMISES_PER_RPC]: ratio(
      M.PROMISES,
      M.RPCS,
      RATE,
      'Promises to pay made per right-party contact.',
      'promises made / right-party contacts',
      each(AGENTS, 'promiseRate'),
    ),
    [M.CREDITED_PAYMENTS]: base(
      'credited_payments',
      COUNT,
      'Payments credited to an attempt of the period (channel effectiveness).',
      'payments whose latest earlier attempt on the case is in the period and at most 7 × 24 h before them; sliced by that attempt’s channel',
      [ref('channelEffectiveness', 'payments')],
    ),
    [M.CREDITED_AMOUNT]: base(
      'credited_payments',
      CURRENCY,
      'Amount of the payments credited to an attempt of the period.',
      'sum of the amounts of the credited payments',
      [ref('channelEffectiveness', 'collected'), ref('channelEffectiveness', 'amountCollected')],
    ),
    [M.COST_PER_CREDITED]: ratio(
      M.CONTACT_COST,
      M.CREDITED_AMOUNT,
      RATE,
      'Contact cost per unit of currency credited to the attempts.',
      'contact cost / credited amount',
      [
        ref('channelEffectiveness', 'costPerCollected'),
        ref('channelEffectiveness', 'costToCollect'),
      ],
    ),
    [M.VOICE_ATTEMPTS]: base(
      'voice',
      COUNT,
      'Voice and in-person attempts (call, field_visit, ivr), the ones contact rules govern.',
      'voice attempts in the period',
      compliance('voiceAttempts'),
    ),
    [M.VIOLATIONS]: base(
      'voice',
      COUNT,
      'Voice attempts breaking at least one contact rule (each counted once).',
      'voice attempts in the period outside the contact hours, over the daily or over the 7 × 24 h limit on their case',
      [...compliance('violations'), ...each(AGENTS, 'violations')],
    ),
    [M.VIOLATION_RATE]: ratio(
      M.VIOLATIONS,
      M.VOICE_ATTEMPTS,
      RATE,
      'Share of the voice attempts breaking a contact rule.',
      'violations / voice attempts',
      compliance('violationRate'),
    ),
    [M.OUTSIDE_HOURS]: base(
      'voice',
      COUNT,
      'Voice attempts outside the allowed local hours.',
      'voice attempts in the period whose local hour is before COMPLIANCE_START_HOUR or at or after COMPLIANCE_END_HOUR',
      compliance('outsideHours'),
    ),
    [M.OVER_DAILY_LIMIT]: base(
      'voice',
      COUNT,
      'Voice attempts over the per-day limit on their case.',
      'voice attempts in the period that are the (COMPLIANCE_MAX_PER_DAY + 1)-th or later on their case in the local day',
      compliance('overDailyLimit'),
    ),
    [M.OVER_WEEKLY_LIMIT]: base(
      'voice',
      COUNT,
      'Voice attempts over the 7 × 24 h limit on their case.',
      'voice attempts in the period that are the (COMPLIANCE_MAX_PER_7D + 1)-th or later on their case in the 7 × 24 h ending at them',
      compliance('overWeeklyLimit'),
    ),
    [M.RECOVERED_30D]: base(
      'opened_cases',
      CURRENCY,
      'Recovered within 30 days of opening, mature cases.',
      `sum of the payments on the case ${DAYS_30}`,
      [],
    ),
    [M.MATURE_ENTRY_BALANCE_30D]: base(
      'opened_cases',
      CURRENCY,
      'Entry balance of the cases opened that are mature for 30 days.',
      'sum of entry_balance of the cases opened in the period that are mature for 30 days',
      [],
    ),
    [M.RECOVERY_RATE_30D]: ratio(
      M.RECOVERED_30D,
      M.MATURE_ENTRY_BALANCE_30D,
      RATE,
      'Recovery rate within 30 days of opening, mature cases.',
      'recovered within 30 days / entry balance, mature cases',
      [ref('strategyComparison', 'recoveryRate')],
    ),
    [M.CONTACT_COST_30D]: base(
      'opened_cases',
      CURRENCY,
      'Cost of the attempts within 30 days of opening, mature cases.',
      `sum of the cost of the attempts on the case ${DAYS_30}`,
      [],
    ),
    [M.COST_PER_MATURE_CASE_30D]: ratio(
      M.CONTACT_COST_30D,
      M.CURE_MATURE_30D,
      CURRENCY,
      'Contact cost within 30 days of opening per mature case.',
      'contact cost within 30 days / mature cases',
      [ref('strategyComparison', 'costPerCase')],
    ),
  };
}
