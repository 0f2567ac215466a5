/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** docs/metrics/README.md#buckets, delinquency buckets; CHARGED_OFF and CLOSED are absorbing. */
export type Bucket =
  /** Status charged_off (absorbing; worse than every open bucket). */
  | 'CHARGED_OFF'
  /** Status closed: paid off or closed (absorbing; neither better nor worse). */
  | 'CLOSED'
  /** Open and current (dpd 0). */
  | 'M0'
  /** Open, 1–30 days past due. */
  | 'M1'
  /** Open, 31–60 days past due. */
  | 'M2'
  /** Open, 61–90 days past due. */
  | 'M3'
  /** Open, 91–120 days past due. */
  | 'M4'
  /** Open, 121–150 days past due. */
  | 'M5'
  /** Open, 151–180 days past due. */
  | 'M6'
  /** Open, more than 180 days past due. */
  | 'M7_PLUS';

/** Case drill-down filters; each non-empty list must match (an empty or absent list does not filter). */
export type CaseFilter = {
  /**
   * Current holder (latest case_assigned); the same as agents.
   * @deprecated Use agents (the name PortfolioFilter gives agent ids).
   */
  agentIds?: Array<string> | null | undefined;
  /** Agent id of the current holder (latest case_assigned). */
  agents?: Array<string> | null | undefined;
  /** Current bucket of the case's account: the bucket of its latest snapshot (M0 … M7_PLUS, CHARGED_OFF, CLOSED). */
  currentBuckets?: Array<string> | null | undefined;
  /** Bucket of entry_dpd at case opening: M0 … M6, M7_PLUS. */
  entryBuckets?: Array<string> | null | undefined;
  /** Champion/challenger experiments of the case's first case_opened. */
  experiments?: Array<string> | null | undefined;
  /** The case's latest promise is for at most this amount. */
  maxPromiseAmount?: number | null | undefined;
  /** The case has at least this many broken promises (≥ 1). */
  minBrokenPromises?: number | null | undefined;
  /** The case's latest promise is for at least this amount. */
  minPromiseAmount?: number | null | undefined;
  /** Opened on or after this date (REPORT_TZ). */
  openedFrom?: string | null | undefined;
  /** Opened on or before this date (REPORT_TZ). */
  openedTo?: string | null | undefined;
  /** Closing outcome (cured, paid_in_full, …); "open" matches cases not closed. */
  outcomes?: Array<string> | null | undefined;
  /** Portfolios of the account's latest account_opened (as PortfolioFilter). */
  portfolios?: Array<string> | null | undefined;
  /** Products of the account's latest account_opened (as PortfolioFilter). */
  products?: Array<string> | null | undefined;
  /** Status of the case's latest promise to pay (kept, partial, broken, pending; docs/metrics/README.md#promise-kept); cases without a promise never match. */
  promiseStatuses?: Array<string> | null | undefined;
  /** Regions of the account's latest account_opened (as PortfolioFilter). */
  regions?: Array<string> | null | undefined;
  /** Risk grades (A–E) of the account's latest account_opened (as PortfolioFilter). */
  riskGrades?: Array<string> | null | undefined;
  /** Segment of the case opening ('' for none). */
  segments?: Array<string> | null | undefined;
  /** Strategy of the case opening. */
  strategies?: Array<string> | null | undefined;
  /** Team of the current holder. */
  teams?: Array<string> | null | undefined;
};

/** How cases are grouped into cure-curve cohorts. */
export type CureCohortBy =
  /** One cohort named 'all'. */
  | 'ALL'
  /** Month of the case opening (YYYY-MM in REPORT_TZ). */
  | 'MONTH'
  /** The case segment ('' when absent). */
  | 'SEGMENT'
  /** The case strategy. */
  | 'STRATEGY';

/** A dimension measures can be sliced by (the catalog query lists its values). */
export type Dimension =
  /** Agent id: the attempt's agent (attempts, voice attempts), the holder at close (cases closed), the agent who took the promise (promises), the case's holder at the payment (payments); '' without one. */
  | 'AGENT'
  /** Arm role (champion, challenger) of the case's first case_opened. */
  | 'ARM_ROLE'
  /** Channel of the contact attempt (attempts, voice attempts; for credited payments the crediting attempt’s). */
  | 'CHANNEL'
  /** Hour 00–23 of the attempt in the account's local time (utc_offset_minutes; 480 when unknown, as compliance). */
  | 'CONTACT_HOUR'
  /** Weekday of the attempt in the account's local time: 1-Mon … 7-Sun. */
  | 'CONTACT_WEEKDAY'
  /** Bucket of entry_dpd at case opening (M0 … M7_PLUS). */
  | 'ENTRY_BUCKET'
  /** Champion/challenger experiment of the case's first case_opened. */
  | 'EXPERIMENT'
  /** Channel of the case's first contact attempt (earliest occurred_at, then event_id; '' without one; cases opened or closed only). */
  | 'FIRST_CONTACT_CHANNEL'
  /** Stage the case's legal actions reached, as legalPipeline: withdrawn when its latest action is a withdrawal, else the furthest of demand_letter → filed → judgment → enforcement (legal actions and legal cases only). */
  | 'LEGAL_STAGE'
  /** Months on book k of a vintage: calendar months since the opening month, 000 … the as-of month, three digits (vintage measures only). */
  | 'MONTHS_ON_BOOK'
  /** Bucket of the account's state at the month end (M0 … M7_PLUS, CHARGED_OFF, CLOSED); for roll-rate measures the origin month's (month-end and roll-rate measures only). */
  | 'MONTH_END_BUCKET'
  /** Outcome of the case closure (closed cases only). */
  | 'OUTCOME'
  /** Kind of the repayment plan's first event: installment, settlement, hardship (plans only). */
  | 'PLAN_KIND'
  /** Portfolio of the account's latest account_opened ('' without one). */
  | 'PORTFOLIO'
  /** Product of the account's latest account_opened. */
  | 'PRODUCT'
  /** Region of the account's latest account_opened. */
  | 'REGION'
  /** Risk grade of the account's latest account_opened. */
  | 'RISK_GRADE'
  /** Segment of the case's first case_opened. */
  | 'SEGMENT'
  /** Strategy (tactic) of the case's first case_opened. */
  | 'STRATEGY'
  /** Team of the agent's latest agent_registered: the attempt's agent (attempts, voice attempts), the holder at close (cases closed), the agent who took the promise (promises), the case's holder at the payment (payments); '' without one. */
  | 'TEAM';

/** A measure of the semantic layer (the catalog query describes each). */
export type Measure =
  /** Amount collected. */
  | 'AMOUNT_COLLECTED'
  /** Contact attempts. */
  | 'ATTEMPTS'
  /** Promises broken. */
  | 'BROKEN_PROMISES'
  /** Cases closed. */
  | 'CASES_CLOSED'
  /** Cases opened. */
  | 'CASES_OPENED'
  /** Accounts charged off. */
  | 'CHARGE_OFFS'
  /** Entry balance of the cases closed. */
  | 'CLOSED_ENTRY_BALANCE'
  /** Cost of collecting: contact and legal costs. */
  | 'COLLECTION_COST'
  /** Attempts with any answer or delivery. */
  | 'CONTACTS'
  /** Cost of the contact attempts. */
  | 'CONTACT_COST'
  /** Cost of the attempts within 30 days of opening, mature cases. */
  | 'CONTACT_COST_30D'
  /** Contact rate of the attempts. */
  | 'CONTACT_RATE'
  /** Contact cost per unit of currency credited to the attempts. */
  | 'COST_PER_CREDITED'
  /** Contact cost within 30 days of opening per mature case. */
  | 'COST_PER_MATURE_CASE_30D'
  /** Cost to collect one unit of currency. */
  | 'COST_TO_COLLECT'
  /** Amount of the payments credited to an attempt of the period. */
  | 'CREDITED_AMOUNT'
  /** Payments credited to an attempt of the period (channel effectiveness). */
  | 'CREDITED_PAYMENTS'
  /** Mature cases cured within 7 days. */
  | 'CURED_7D'
  /** Mature cases cured within 30 days. */
  | 'CURED_30D'
  /** Mature cases cured within 60 days. */
  | 'CURED_60D'
  /** Mature cases cured within 90 days. */
  | 'CURED_90D'
  /** Accounts back in M0 at the next month end. */
  | 'CURED_TO_M0'
  /** Cases closed cured. */
  | 'CURES'
  /** Delinquent open accounts (M1 … M7_PLUS) at the month end with a state the month after (the cure denominator). */
  | 'CURE_BASE'
  /** Cases opened that are mature for 7 days. */
  | 'CURE_MATURE_7D'
  /** Cases opened that are mature for 30 days. */
  | 'CURE_MATURE_30D'
  /** Cases opened that are mature for 60 days. */
  | 'CURE_MATURE_60D'
  /** Cases opened that are mature for 90 days. */
  | 'CURE_MATURE_90D'
  /** Cure rate within 7 days of the cases opened (mature cases only). */
  | 'CURE_RATE_7D'
  /** Cure rate within 30 days of the cases opened (mature cases only). */
  | 'CURE_RATE_30D'
  /** Cure rate within 60 days of the cases opened (mature cases only). */
  | 'CURE_RATE_60D'
  /** Cure rate within 90 days of the cases opened (mature cases only). */
  | 'CURE_RATE_90D'
  /** Cure rate by count: share of accounts back in M0 the month after. */
  | 'CURE_TO_M0_RATE'
  /** Days from open to close, summed over the cases closed. */
  | 'DAYS_TO_CLOSE'
  /** Days from case opening to the first legal action, summed over the legal cases. */
  | 'DAYS_TO_FIRST_ACTION'
  /** Delinquency rate by balance at the month end. */
  | 'DELINQUENCY_RATE'
  /** Open accounts in M1 or worse at the month end. */
  | 'DELINQUENT_ACCOUNTS'
  /** Balance of the open accounts in M1 or worse at the month end. */
  | 'DELINQUENT_BALANCE'
  /** Entry balance of the cases opened. */
  | 'ENTRY_BALANCE'
  /** Accounts of the vintage ever at 30+ DPD by the months-on-book. */
  | 'EVER_30'
  /** Share of the vintage ever at 30+ DPD by the months-on-book. */
  | 'EVER_30_RATE'
  /** Accounts of the vintage ever at 60+ DPD by the months-on-book. */
  | 'EVER_60'
  /** Share of the vintage ever at 60+ DPD by the months-on-book. */
  | 'EVER_60_RATE'
  /** Accounts of the vintage ever at 90+ DPD by the months-on-book. */
  | 'EVER_90'
  /** Share of the vintage ever at 90+ DPD by the months-on-book. */
  | 'EVER_90_RATE'
  /** Cures whose window is still open, already back in M1 or worse. */
  | 'IMMATURE_RELAPSES'
  /** Promises kept. */
  | 'KEPT_PROMISES'
  /** Kept rate of the promises made. */
  | 'KEPT_RATE'
  /** Cases whose first legal action is in the period. */
  | 'LEGAL_CASES'
  /** Legal cost of the cases whose first legal action is in the period. */
  | 'LEGAL_CASE_COST'
  /** Legal cost incurred. */
  | 'LEGAL_COST'
  /** Legal cases (first action in the period) with a known case opening. */
  | 'LEGAL_OPENINGS_KNOWN'
  /** Recovered on the cases whose first legal action is in the period. */
  | 'LEGAL_RECOVERED'
  /** Recovered per unit of legal cost, cases whose first legal action is in the period. */
  | 'LEGAL_RECOVERED_PER_COST'
  /** Promises made whose window has ended. */
  | 'MATURED_PROMISES'
  /** Cures whose 90-day relapse window ended by the as-of date. */
  | 'MATURE_CURES'
  /** Entry balance of the cases opened that are mature for 30 days. */
  | 'MATURE_ENTRY_BALANCE_30D'
  /** Mean days from open to close of the cases closed. */
  | 'MEAN_DAYS_TO_CLOSE'
  /** Mean days from case opening to the first legal action. */
  | 'MEAN_DAYS_TO_FIRST_ACTION'
  /** Accounts with a state at the month end, in any bucket (closed and charged off included). */
  | 'MONTH_END_ACCOUNTS'
  /** Balance of the accounts with a state at the month end, in any bucket. */
  | 'MONTH_END_BALANCE'
  /** Balance of all open accounts at the month end. */
  | 'OPEN_BALANCE'
  /** Voice attempts outside the allowed local hours. */
  | 'OUTSIDE_HOURS'
  /** Voice attempts over the per-day limit on their case. */
  | 'OVER_DAILY_LIMIT'
  /** Voice attempts over the 7 × 24 h limit on their case. */
  | 'OVER_WEEKLY_LIMIT'
  /** Repayment plans created. */
  | 'PLANS_CREATED'
  /** Total amount of the repayment plans created. */
  | 'PLAN_AMOUNT'
  /** Promises to pay made. */
  | 'PROMISES'
  /** Promises to pay made per right-party contact. */
  | 'PROMISES_PER_RPC'
  /** Attempts that ended in a promise to pay. */
  | 'PROMISE_ATTEMPTS'
  /** Share of the attempts that ended in a promise to pay. */
  | 'PROMISE_ATTEMPT_RATE'
  /** Recovered on the cases closed. */
  | 'RECOVERED'
  /** Recovered within 30 days of opening, mature cases. */
  | 'RECOVERED_30D'
  /** Recovery rate of the cases closed. */
  | 'RECOVERY_RATE'
  /** Recovery rate within 30 days of opening, mature cases. */
  | 'RECOVERY_RATE_30D'
  /** Mature cures back in M1 or worse within 90 days. */
  | 'RELAPSES'
  /** Post-cure relapse rate within 90 days (mature cures only). */
  | 'RELAPSE_RATE'
  /** Accounts that moved to a worse bucket by the next month end. */
  | 'ROLLED_FORWARD'
  /** Open accounts (M0 … M7_PLUS) at the month end with a state the month after (the roll-forward denominator). */
  | 'ROLL_BASE'
  /** Roll-forward rate by count: share of accounts moving to a worse bucket. */
  | 'ROLL_FORWARD_RATE'
  /** Right-party contacts. */
  | 'RPCS'
  /** Right-party-contact rate of the attempts. */
  | 'RPC_RATE'
  /** Talk time of the agents' call attempts, in seconds. */
  | 'TALK_SECONDS'
  /** Accounts opened (vintage accounts). */
  | 'VINTAGE_ACCOUNTS'
  /** Voice attempts breaking at least one contact rule (each counted once). */
  | 'VIOLATIONS'
  /** Share of the voice attempts breaking a contact rule. */
  | 'VIOLATION_RATE'
  /** Voice and in-person attempts (call, field_visit, ivr), the ones contact rules govern. */
  | 'VOICE_ATTEMPTS';

/** What a measure counts. */
export type MeasureUnit =
  /** A number of accounts, cases, promises or attempts. */
  | 'COUNT'
  /** An amount in the currency of the catalog (CURRENCY). */
  | 'CURRENCY'
  /** Elapsed days (hours / 24, fractional). */
  | 'DAYS'
  /** A ratio of two measures, in [0, 1] for shares. */
  | 'RATE';

/** Restricts a metric to the accounts and cases whose dimensions match: each non-empty list must match (any of its values); an absent or empty list does not filter. Unknown values are BAD_USER_INPUT naming the closest known ones; a dimension a metric cannot honour is BAD_USER_INPUT too. */
export type PortfolioFilter = {
  /** Registered agent ids: the attempt's agent, or the case's holder at close (agent metrics, complianceReport, explore's attempts and cases closed). */
  agents?: Array<string> | null | undefined;
  /** Channels (call, sms, …) of the contact attempts (complianceReport, explore’s attempts). */
  channels?: Array<string> | null | undefined;
  /** Champion/challenger experiments of the case's first case_opened (case-based metrics only). */
  experiments?: Array<string> | null | undefined;
  /** Buckets (M0 … M7_PLUS, CHARGED_OFF, CLOSED) of the account's month-end state; for roll-rate measures the origin bucket (explore's month-end measures only). */
  monthEndBuckets?: Array<string> | null | undefined;
  /** Portfolios of the account's latest account_opened. */
  portfolios?: Array<string> | null | undefined;
  /** Products (credit_card, personal_loan, …) of the account's latest account_opened. */
  products?: Array<string> | null | undefined;
  /** Regions of the account's latest account_opened. */
  regions?: Array<string> | null | undefined;
  /** Risk grades (A–E) of the account's latest account_opened. */
  riskGrades?: Array<string> | null | undefined;
  /** Segments of the case's first case_opened (case-based metrics only). */
  segments?: Array<string> | null | undefined;
  /** Strategies (tactics) of the case's first case_opened (case-based metrics only). */
  strategies?: Array<string> | null | undefined;
  /** Teams of the agent's latest agent_registered: the attempt's agent, or the case's holder at close (agent metrics, complianceReport, explore's attempts and cases closed). */
  teams?: Array<string> | null | undefined;
};

/** Time buckets of explore rows, in REPORT_TZ. */
export type TimeGrain =
  /** Calendar day, YYYY-MM-DD. */
  | 'DAY'
  /** Calendar month, YYYY-MM. */
  | 'MONTH'
  /** Calendar quarter, YYYY-Qn. */
  | 'QUARTER'
  /** ISO week, named by its Monday, YYYY-MM-DD. */
  | 'WEEK'
  /** Calendar year, YYYY. */
  | 'YEAR';

/** Restricts the work queue; each non-empty list must match. */
export type WorkQueueFilter = {
  /** Holders (agent ids). */
  agents?: Array<string> | null | undefined;
  /** Buckets at the scoring instant (M1 … M7_PLUS). */
  buckets?: Array<string> | null | undefined;
  /** Case segments ("" = none). */
  segments?: Array<string> | null | undefined;
  /** Teams of the cases' holders. */
  teams?: Array<string> | null | undefined;
};

export type AgentPerformanceQueryVariables = Exact<{
  from: string;
  to: string;
  filter?: PortfolioFilter | null | undefined;
  limit?: number | null | undefined;
  offset?: number | null | undefined;
}>;


export type AgentPerformanceQuery = { agentPerformance: { total: number, rows: Array<{ agentId: string, agentName: string | null, team: string | null, attempts: number, rpcs: number, rpcRate: number, promises: number, promiseRate: number, keptRate: number | null, amountCollected: number, casesWorked: number, talkSeconds: number, collectedPerTalkHour: number | null, violations: number }> } };

export type TeamPerformanceQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type TeamPerformanceQuery = { teamPerformance: Array<{ team: string, agents: number, attempts: number, rpcs: number, rpcRate: number, promises: number, promiseRate: number, keptRate: number | null, amountCollected: number, casesWorked: number, talkSeconds: number, collectedPerTalkHour: number | null, violations: number }> };

export type CasesQueryVariables = Exact<{
  filter?: CaseFilter | null | undefined;
  limit: number;
  offset: number;
}>;


export type CasesQuery = { cases: { total: number, rows: Array<{ caseId: string, accountMasked: string, openedAt: string, strategy: string, segment: string, entryDpd: number, entryBucket: string, entryBalance: number, agentId: string | null, agentName: string | null, team: string | null, closed: boolean, closedAt: string | null, outcome: string | null, paid: number }> } };

export type CaseTimelineQueryVariables = Exact<{
  caseId: string;
}>;


export type CaseTimelineQuery = { caseTimeline: { caseId: string, summary: { caseId: string, accountMasked: string, openedAt: string, strategy: string, experiment: string, armRole: string, segment: string, entryDpd: number, entryBucket: string, entryBalance: number, agentId: string | null, agentName: string | null, team: string | null, closed: boolean, closedAt: string | null, outcome: string | null, paid: number } | null, events: Array<{ type: string, eventId: string, occurredAt: string, agentId: string | null, channel: string | null, outcome: string | null, amount: number | null, detail: string }> } };

export type CaseDimensionsQueryVariables = Exact<{ [key: string]: never; }>;


export type CaseDimensionsQuery = { dimensions: { strategies: Array<string>, segments: Array<string>, teams: Array<string> } };

export type ChannelEffectivenessQueryVariables = Exact<{
  from: string;
  to: string;
  filter?: PortfolioFilter | null | undefined;
}>;


export type ChannelEffectivenessQuery = { channelEffectiveness: Array<{ channel: string, attempts: number, contacts: number, rpcs: number, promises: number, payments: number, amountCollected: number, cost: number, contactRate: number, rpcRate: number, costToCollect: number | null }> };

export type ComplianceQueryVariables = Exact<{
  from: string;
  to: string;
  filter?: PortfolioFilter | null | undefined;
}>;


export type ComplianceQuery = { complianceReport: { voiceAttempts: number, violations: number, violationRate: number, outsideHours: number, overDailyLimit: number, overWeeklyLimit: number, thresholds: { startHour: number, endHour: number, maxPerDay: number, maxPer7Days: number }, teams: Array<{ team: string, voiceAttempts: number, violations: number, violationRate: number, outsideHours: number, overDailyLimit: number, overWeeklyLimit: number }>, agents: Array<{ agentId: string, agentName: string | null, team: string, voiceAttempts: number, violations: number, violationRate: number, outsideHours: number, overDailyLimit: number, overWeeklyLimit: number }> } };

export type OffendingAttemptsQueryVariables = Exact<{
  from: string;
  to: string;
  filter?: PortfolioFilter | null | undefined;
  limit: number;
  offset: number;
}>;


export type OffendingAttemptsQuery = { complianceReport: { offendingAttempts: { total: number, rows: Array<{ eventId: string, caseId: string, agentId: string, team: string, channel: string, occurredAt: string, localTime: string, attemptOfDay: number, attemptsIn7Days: number, rules: Array<string> }> } } };

export type CureCurveQueryVariables = Exact<{
  from: string;
  to: string;
  cohortBy: CureCohortBy;
  maxDays: number;
  filter?: PortfolioFilter | null | undefined;
}>;


export type CureCurveQuery = { cureCurve: { cohortBy: CureCohortBy, maxDays: number, cohorts: Array<{ cohort: string, cases: number, points: Array<{ days: number, cured: number, matureCases: number, immatureCases: number, cureRate: number | null }> }> } };

export type BucketCureQueryVariables = Exact<{
  fromMonth: string;
  toMonth: string;
  filter?: PortfolioFilter | null | undefined;
}>;


export type BucketCureQuery = { rollRates: { pooledFlows: Array<{ bucket: Bucket, accounts: number, cureRate: number | null }> } };

export type PostCureRelapseQueryVariables = Exact<{
  from: string;
  to: string;
  filter?: PortfolioFilter | null | undefined;
}>;


export type PostCureRelapseQuery = { postCureRelapse: { windowDays: number, months: Array<{ month: string | null, cured: number, matureCured: number, immatureCured: number, relapsed: number, immatureRelapsed: number, relapseRate: number | null }>, total: { month: string | null, cured: number, matureCured: number, immatureCured: number, relapsed: number, immatureRelapsed: number, relapseRate: number | null } } };

export type CatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogQuery = { catalog: { currency: string, grains: Array<TimeGrain>, measures: Array<{ name: Measure, key: string, description: string, unit: MeasureUnit, numerator: Measure | null, denominator: Measure | null, dimensions: Array<Dimension>, filters: Array<string> }>, dimensions: Array<{ name: Dimension, key: string, description: string, filterField: string | null, values: Array<string> }> } };

export type ExploreQueryVariables = Exact<{
  measures: Array<Measure> | Measure;
  dimensions: Array<Dimension> | Dimension;
  grain?: TimeGrain | null | undefined;
  from: string;
  to: string;
  filter?: PortfolioFilter | null | undefined;
}>;


export type ExploreQuery = { explore: { from: string, to: string, currency: string, measures: Array<Measure>, dimensions: Array<Dimension>, totalRows: number, truncated: boolean, rows: Array<{ period: string | null, key: Array<string>, suppressed: boolean, values: Array<{ measure: Measure, unit: MeasureUnit, value: number | null, numerator: number | null, denominator: number | null }> }> } };

export type LossForecastQueryVariables = Exact<{
  months: number;
  lookbackMonths: number;
  filter?: PortfolioFilter | null | undefined;
}>;


export type LossForecastQuery = { lossForecast: { baseMonth: string | null, lookbackFrom: string | null, lookbackTo: string | null, expectedChargeOffs: number, expectedChargeOffBalance: number, unobservedBuckets: Array<Bucket>, start: Array<{ bucket: Bucket, accounts: number, balance: number }>, months: Array<{ month: string, chargeOffs: number, chargeOffBalance: number, buckets: Array<{ bucket: Bucket, accounts: number, balance: number }> }> } };

export type ModelRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelRunsQuery = { modelRuns: Array<{ runId: string, target: string, trainedAt: string, cutoff: string, asOf: string, method: string, trainSamples: number, testSamples: number, published: boolean, verdict: string, seconds: number, model: { cases: number, positives: number, rate: number, auc: number, brier: number, aucCI: { low: number, high: number }, deciles: Array<{ decile: number, cases: number, positives: number, observedRate: number, meanPredicted: number, lift: number, cumulativeGain: number, observedRateCI: { low: number, high: number } }> }, baseline: { cases: number, positives: number, rate: number, auc: number, brier: number, aucCI: { low: number, high: number }, deciles: Array<{ decile: number, cases: number, positives: number, observedRate: number, meanPredicted: number, lift: number, cumulativeGain: number, observedRateCI: { low: number, high: number } }> } }> };

export type EvaluationFragment = { cases: number, positives: number, rate: number, auc: number, brier: number, aucCI: { low: number, high: number }, deciles: Array<{ decile: number, cases: number, positives: number, observedRate: number, meanPredicted: number, lift: number, cumulativeGain: number, observedRateCI: { low: number, high: number } }> };

export type CaseOutcomesQueryVariables = Exact<{
  from: string;
  to: string;
  dimensions?: Array<Dimension> | Dimension | null | undefined;
  filter?: PortfolioFilter | null | undefined;
}>;


export type CaseOutcomesQuery = { caseOutcomes: Array<{ key: Array<string>, cases: number, meanDaysToClose: number, medianDaysToClose: number, recovered: number, recoveryRate: number, outcomes: Array<{ outcome: string, cases: number, share: number }> }> };

export type KpisQueryVariables = Exact<{
  from: string;
  to: string;
  filter?: PortfolioFilter | null | undefined;
}>;


export type KpisQuery = { kpis: { from: string, to: string, previousFrom: string, previousTo: string, yearAgoTo: string, asOf: string, partial: boolean, currency: string, kpis: Array<{ name: string, value: number, previous: number | null, yearAgo: number | null }> } };

export type OverviewTrendQueryVariables = Exact<{
  from: string;
  to: string;
  measures: Array<Measure> | Measure;
  filter?: PortfolioFilter | null | undefined;
}>;


export type OverviewTrendQuery = { explore: { rows: Array<{ period: string | null, suppressed: boolean, values: Array<{ measure: Measure, value: number | null, numerator: number | null, denominator: number | null }> }> } };

export type RepaymentPlansQueryVariables = Exact<{
  from: string;
  to: string;
  dimensions: Array<Dimension> | Dimension;
}>;


export type RepaymentPlansQuery = { repaymentPlans: Array<{ key: Array<string>, plans: number, onTrack: number, onTrackRate: number, closedPlans: number, completed: number, completionRate: number | null, totalAmount: number, dueSoFar: number, paid: number }> };

export type LegalPipelineQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type LegalPipelineQuery = { legalPipeline: { stages: Array<{ stage: string | null, cases: number, legalCost: number, recovered: number, costToCollect: number | null, meanDaysToFirstAction: number | null, medianDaysToFirstAction: number | null }>, total: { cases: number, legalCost: number, recovered: number, costToCollect: number | null, meanDaysToFirstAction: number | null, medianDaysToFirstAction: number | null } } };

export type RollRatesQueryVariables = Exact<{
  fromMonth: string;
  toMonth: string;
  filter?: PortfolioFilter | null | undefined;
}>;


export type RollRatesQuery = { rollRates: { pooledUnobserved: number, months: Array<{ month: string, unobserved: number, unobservedBalance: number, flows: Array<{ bucket: Bucket, accounts: number, balance: number, unobserved: number, rollForwardRate: number | null, rollForwardBalanceRate: number | null, cureRate: number | null, cureBalanceRate: number | null, paidOffRate: number, paidOffBalanceRate: number }>, transitions: Array<{ from: Bucket, to: Bucket, accounts: number, balance: number, accountRate: number, balanceRate: number }> }>, pooledFlows: Array<{ bucket: Bucket, accounts: number, balance: number, unobserved: number, rollForwardRate: number | null, rollForwardBalanceRate: number | null, cureRate: number | null, cureBalanceRate: number | null, paidOffRate: number, paidOffBalanceRate: number }>, pooled: Array<{ from: Bucket, to: Bucket, accounts: number, balance: number, accountRate: number, balanceRate: number }> } };

export type StrategyComparisonQueryVariables = Exact<{
  experiment: string;
  from: string;
  to: string;
  cureWithinDays?: number | null | undefined;
  confidence?: number | null | undefined;
}>;


export type StrategyComparisonQuery = { strategyComparison: { experiment: string, champion: string, cureWithinDays: number, verdict: string, arms: Array<{ strategy: string, cases: number, matureCases: number, cured: number, cureRate: number, recoveryRate: number, costPerCase: number, netRecoveryPerCase: number, liftVsChampion: number | null, relativeLift: number | null, pValue: number | null, significant: boolean, cureRateCI: { low: number, high: number }, recoveryRateCI: { low: number, high: number } }> } };

export type ExperimentsQueryVariables = Exact<{ [key: string]: never; }>;


export type ExperimentsQuery = { experiments: Array<{ name: string, firstDay: string, lastDay: string, cases: number, champion: string | null, verdict: string, cureWithinDays: number, arms: Array<{ strategy: string, cases: number, champion: boolean }> }> };

export type VintagesQueryVariables = Exact<{
  fromMonth: string;
  toMonth: string;
  filter?: PortfolioFilter | null | undefined;
}>;


export type VintagesQuery = { vintages: Array<{ vintage: string, accounts: number, points: Array<{ month: string, monthsOnBook: number, ever30: number, ever60: number, ever90: number }> }> };

export type QueueModelQueryVariables = Exact<{ [key: string]: never; }>;


export type QueueModelQuery = { newest: Array<{ runId: string, trainedAt: string, cutoff: string, published: boolean, verdict: string }>, published: Array<{ runId: string, trainedAt: string, cutoff: string, published: boolean, verdict: string }> };

export type WorkQueueQueryVariables = Exact<{
  filter?: WorkQueueFilter | null | undefined;
  limit?: number | null | undefined;
  offset?: number | null | undefined;
}>;


export type WorkQueueQuery = { workQueue: { runId: string, scoredAt: string | null, total: number, rows: Array<{ caseId: string, score: number, balance: number, expectedRecovery: number, expectedCost: number, priority: number, bucket: string, segment: string, strategy: string, agentId: string, team: string }> } };

export type QueueDimensionsQueryVariables = Exact<{ [key: string]: never; }>;


export type QueueDimensionsQuery = { dimensions: { teams: Array<string>, segments: Array<string>, agents: Array<{ agentId: string, name: string | null }> } };

export type AsOfQueryVariables = Exact<{ [key: string]: never; }>;


export type AsOfQuery = { asOf: { date: string | null, instant: string | null, currency: string } };

export type DimensionsQueryVariables = Exact<{ [key: string]: never; }>;


export type DimensionsQuery = { dimensions: { portfolios: Array<string>, products: Array<string>, regions: Array<string>, riskGrades: Array<string>, experiments: Array<string> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const EvaluationFragmentDoc = new TypedDocumentString(`
    fragment Evaluation on ModelEvaluation {
  cases
  positives
  rate
  auc
  aucCI {
    low
    high
  }
  brier
  deciles {
    decile
    cases
    positives
    observedRate
    observedRateCI {
      low
      high
    }
    meanPredicted
    lift
    cumulativeGain
  }
}
    `, {"fragmentName":"Evaluation"}) as unknown as TypedDocumentString<EvaluationFragment, unknown>;
export const AgentPerformanceDocument = new TypedDocumentString(`
    query AgentPerformance($from: String!, $to: String!, $filter: PortfolioFilter, $limit: Int, $offset: Int) {
  agentPerformance(
    from: $from
    to: $to
    filter: $filter
    limit: $limit
    offset: $offset
  ) {
    total
    rows {
      agentId
      agentName
      team
      attempts
      rpcs
      rpcRate
      promises
      promiseRate
      keptRate
      amountCollected
      casesWorked
      talkSeconds
      collectedPerTalkHour
      violations
    }
  }
}
    `) as unknown as TypedDocumentString<AgentPerformanceQuery, AgentPerformanceQueryVariables>;
export const TeamPerformanceDocument = new TypedDocumentString(`
    query TeamPerformance($from: String!, $to: String!) {
  teamPerformance(from: $from, to: $to) {
    team
    agents
    attempts
    rpcs
    rpcRate
    promises
    promiseRate
    keptRate
    amountCollected
    casesWorked
    talkSeconds
    collectedPerTalkHour
    violations
  }
}
    `) as unknown as TypedDocumentString<TeamPerformanceQuery, TeamPerformanceQueryVariables>;
export const CasesDocument = new TypedDocumentString(`
    query Cases($filter: CaseFilter, $limit: Int!, $offset: Int!) {
  cases(filter: $filter, limit: $limit, offset: $offset) {
    total
    rows {
      caseId
      accountMasked
      openedAt
      strategy
      segment
      entryDpd
      entryBucket
      entryBalance
      agentId
      agentName
      team
      closed
      closedAt
      outcome
      paid
    }
  }
}
    `) as unknown as TypedDocumentString<CasesQuery, CasesQueryVariables>;
export const CaseTimelineDocument = new TypedDocumentString(`
    query CaseTimeline($caseId: String!) {
  caseTimeline(caseId: $caseId) {
    caseId
    summary {
      caseId
      accountMasked
      openedAt
      strategy
      experiment
      armRole
      segment
      entryDpd
      entryBucket
      entryBalance
      agentId
      agentName
      team
      closed
      closedAt
      outcome
      paid
    }
    events {
      type
      eventId
      occurredAt
      agentId
      channel
      outcome
      amount
      detail
    }
  }
}
    `) as unknown as TypedDocumentString<CaseTimelineQuery, CaseTimelineQueryVariables>;
export const CaseDimensionsDocument = new TypedDocumentString(`
    query CaseDimensions {
  dimensions {
    strategies
    segments
    teams
  }
}
    `) as unknown as TypedDocumentString<CaseDimensionsQuery, CaseDimensionsQueryVariables>;
export const ChannelEffectivenessDocument = new TypedDocumentString(`
    query ChannelEffectiveness($from: String!, $to: String!, $filter: PortfolioFilter) {
  channelEffectiveness(from: $from, to: $to, filter: $filter) {
    channel
    attempts
    contacts
    rpcs
    promises
    payments
    amountCollected
    cost
    contactRate
    rpcRate
    costToCollect
  }
}
    `) as unknown as TypedDocumentString<ChannelEffectivenessQuery, ChannelEffectivenessQueryVariables>;
export const ComplianceDocument = new TypedDocumentString(`
    query Compliance($from: String!, $to: String!, $filter: PortfolioFilter) {
  complianceReport(from: $from, to: $to, filter: $filter) {
    voiceAttempts
    violations
    violationRate
    outsideHours
    overDailyLimit
    overWeeklyLimit
    thresholds {
      startHour
      endHour
      maxPerDay
      maxPer7Days
    }
    teams {
      team
      voiceAttempts
      violations
      violationRate
      outsideHours
      overDailyLimit
      overWeeklyLimit
    }
    agents {
      agentId
      agentName
      team
      voiceAttempts
      violations
      violationRate
      outsideHours
      overDailyLimit
      overWeeklyLimit
    }
  }
}
    `) as unknown as TypedDocumentString<ComplianceQuery, ComplianceQueryVariables>;
export const OffendingAttemptsDocument = new TypedDocumentString(`
    query OffendingAttempts($from: String!, $to: String!, $filter: PortfolioFilter, $limit: Int!, $offset: Int!) {
  complianceReport(
    from: $from
    to: $to
    filter: $filter
    limit: $limit
    offset: $offset
  ) {
    offendingAttempts {
      total
      rows {
        eventId
        caseId
        agentId
        team
        channel
        occurredAt
        localTime
        attemptOfDay
        attemptsIn7Days
        rules
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OffendingAttemptsQuery, OffendingAttemptsQueryVariables>;
export const CureCurveDocument = new TypedDocumentString(`
    query CureCurve($from: String!, $to: String!, $cohortBy: CureCohortBy!, $maxDays: Int!, $filter: PortfolioFilter) {
  cureCurve(
    from: $from
    to: $to
    cohortBy: $cohortBy
    maxDays: $maxDays
    filter: $filter
  ) {
    cohortBy
    maxDays
    cohorts {
      cohort
      cases
      points {
        days
        cured
        matureCases
        immatureCases
        cureRate
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CureCurveQuery, CureCurveQueryVariables>;
export const BucketCureDocument = new TypedDocumentString(`
    query BucketCure($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {
  rollRates(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {
    pooledFlows {
      bucket
      accounts
      cureRate
    }
  }
}
    `) as unknown as TypedDocumentString<BucketCureQuery, BucketCureQueryVariables>;
export const PostCureRelapseDocument = new TypedDocumentString(`
    query PostCureRelapse($from: String!, $to: String!, $filter: PortfolioFilter) {
  postCureRelapse(from: $from, to: $to, filter: $filter) {
    windowDays
    months {
      month
      cured
      matureCured
      immatureCured
      relapsed
      immatureRelapsed
      relapseRate
    }
    total {
      month
      cured
      matureCured
      immatureCured
      relapsed
      immatureRelapsed
      relapseRate
    }
  }
}
    `) as unknown as TypedDocumentString<PostCureRelapseQuery, PostCureRelapseQueryVariables>;
export const CatalogDocument = new TypedDocumentString(`
    query Catalog {
  catalog {
    currency
    grains
    measures {
      name
      key
      description
      unit
      numerator
      denominator
      dimensions
      filters
    }
    dimensions {
      name
      key
      description
      filterField
      values
    }
  }
}
    `) as unknown as TypedDocumentString<CatalogQuery, CatalogQueryVariables>;
export const ExploreDocument = new TypedDocumentString(`
    query Explore($measures: [Measure!]!, $dimensions: [Dimension!]!, $grain: TimeGrain, $from: String!, $to: String!, $filter: PortfolioFilter) {
  explore(
    measures: $measures
    dimensions: $dimensions
    grain: $grain
    from: $from
    to: $to
    filter: $filter
  ) {
    from
    to
    currency
    measures
    dimensions
    totalRows
    truncated
    rows {
      period
      key
      suppressed
      values {
        measure
        unit
        value
        numerator
        denominator
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreQuery, ExploreQueryVariables>;
export const LossForecastDocument = new TypedDocumentString(`
    query LossForecast($months: Int!, $lookbackMonths: Int!, $filter: PortfolioFilter) {
  lossForecast(months: $months, lookbackMonths: $lookbackMonths, filter: $filter) {
    baseMonth
    lookbackFrom
    lookbackTo
    expectedChargeOffs
    expectedChargeOffBalance
    unobservedBuckets
    start {
      bucket
      accounts
      balance
    }
    months {
      month
      chargeOffs
      chargeOffBalance
      buckets {
        bucket
        accounts
        balance
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LossForecastQuery, LossForecastQueryVariables>;
export const ModelRunsDocument = new TypedDocumentString(`
    query ModelRuns {
  modelRuns(limit: 50) {
    runId
    target
    trainedAt
    cutoff
    asOf
    method
    trainSamples
    testSamples
    published
    verdict
    seconds
    model {
      ...Evaluation
    }
    baseline {
      ...Evaluation
    }
  }
}
    fragment Evaluation on ModelEvaluation {
  cases
  positives
  rate
  auc
  aucCI {
    low
    high
  }
  brier
  deciles {
    decile
    cases
    positives
    observedRate
    observedRateCI {
      low
      high
    }
    meanPredicted
    lift
    cumulativeGain
  }
}`) as unknown as TypedDocumentString<ModelRunsQuery, ModelRunsQueryVariables>;
export const CaseOutcomesDocument = new TypedDocumentString(`
    query CaseOutcomes($from: String!, $to: String!, $dimensions: [Dimension!], $filter: PortfolioFilter) {
  caseOutcomes(from: $from, to: $to, dimensions: $dimensions, filter: $filter) {
    key
    cases
    outcomes {
      outcome
      cases
      share
    }
    meanDaysToClose
    medianDaysToClose
    recovered
    recoveryRate
  }
}
    `) as unknown as TypedDocumentString<CaseOutcomesQuery, CaseOutcomesQueryVariables>;
export const KpisDocument = new TypedDocumentString(`
    query Kpis($from: String!, $to: String!, $filter: PortfolioFilter) {
  kpis(from: $from, to: $to, filter: $filter) {
    from
    to
    previousFrom
    previousTo
    yearAgoTo
    asOf
    partial
    currency
    kpis {
      name
      value
      previous
      yearAgo
    }
  }
}
    `) as unknown as TypedDocumentString<KpisQuery, KpisQueryVariables>;
export const OverviewTrendDocument = new TypedDocumentString(`
    query OverviewTrend($from: String!, $to: String!, $measures: [Measure!]!, $filter: PortfolioFilter) {
  explore(
    from: $from
    to: $to
    grain: MONTH
    measures: $measures
    filter: $filter
  ) {
    rows {
      period
      suppressed
      values {
        measure
        value
        numerator
        denominator
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OverviewTrendQuery, OverviewTrendQueryVariables>;
export const RepaymentPlansDocument = new TypedDocumentString(`
    query RepaymentPlans($from: String!, $to: String!, $dimensions: [Dimension!]!) {
  repaymentPlans(from: $from, to: $to, dimensions: $dimensions) {
    key
    plans
    onTrack
    onTrackRate
    closedPlans
    completed
    completionRate
    totalAmount
    dueSoFar
    paid
  }
}
    `) as unknown as TypedDocumentString<RepaymentPlansQuery, RepaymentPlansQueryVariables>;
export const LegalPipelineDocument = new TypedDocumentString(`
    query LegalPipeline($from: String!, $to: String!) {
  legalPipeline(from: $from, to: $to) {
    stages {
      stage
      cases
      legalCost
      recovered
      costToCollect
      meanDaysToFirstAction
      medianDaysToFirstAction
    }
    total {
      cases
      legalCost
      recovered
      costToCollect
      meanDaysToFirstAction
      medianDaysToFirstAction
    }
  }
}
    `) as unknown as TypedDocumentString<LegalPipelineQuery, LegalPipelineQueryVariables>;
export const RollRatesDocument = new TypedDocumentString(`
    query RollRates($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {
  rollRates(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {
    months {
      month
      unobserved
      unobservedBalance
      flows {
        bucket
        accounts
        balance
        unobserved
        rollForwardRate
        rollForwardBalanceRate
        cureRate
        cureBalanceRate
        paidOffRate
        paidOffBalanceRate
      }
      transitions {
        from
        to
        accounts
        balance
        accountRate
        balanceRate
      }
    }
    pooledUnobserved
    pooledFlows {
      bucket
      accounts
      balance
      unobserved
      rollForwardRate
      rollForwardBalanceRate
      cureRate
      cureBalanceRate
      paidOffRate
      paidOffBalanceRate
    }
    pooled {
      from
      to
      accounts
      balance
      accountRate
      balanceRate
    }
  }
}
    `) as unknown as TypedDocumentString<RollRatesQuery, RollRatesQueryVariables>;
export const StrategyComparisonDocument = new TypedDocumentString(`
    query StrategyComparison($experiment: String!, $from: String!, $to: String!, $cureWithinDays: Int, $confidence: Float) {
  strategyComparison(
    experiment: $experiment
    from: $from
    to: $to
    cureWithinDays: $cureWithinDays
    confidence: $confidence
  ) {
    experiment
    champion
    cureWithinDays
    verdict
    arms {
      strategy
      cases
      matureCases
      cured
      cureRate
      cureRateCI {
        low
        high
      }
      recoveryRate
      recoveryRateCI {
        low
        high
      }
      costPerCase
      netRecoveryPerCase
      liftVsChampion
      relativeLift
      pValue
      significant
    }
  }
}
    `) as unknown as TypedDocumentString<StrategyComparisonQuery, StrategyComparisonQueryVariables>;
export const ExperimentsDocument = new TypedDocumentString(`
    query Experiments {
  experiments {
    name
    firstDay
    lastDay
    cases
    champion
    verdict
    cureWithinDays
    arms {
      strategy
      cases
      champion
    }
  }
}
    `) as unknown as TypedDocumentString<ExperimentsQuery, ExperimentsQueryVariables>;
export const VintagesDocument = new TypedDocumentString(`
    query Vintages($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {
  vintages(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {
    vintage
    accounts
    points {
      month
      monthsOnBook
      ever30
      ever60
      ever90
    }
  }
}
    `) as unknown as TypedDocumentString<VintagesQuery, VintagesQueryVariables>;
export const QueueModelDocument = new TypedDocumentString(`
    query QueueModel {
  newest: modelRuns(target: "cure_30d", limit: 1) {
    runId
    trainedAt
    cutoff
    published
    verdict
  }
  published: modelRuns(target: "cure_30d", limit: 1, publishedOnly: true) {
    runId
    trainedAt
    cutoff
    published
    verdict
  }
}
    `) as unknown as TypedDocumentString<QueueModelQuery, QueueModelQueryVariables>;
export const WorkQueueDocument = new TypedDocumentString(`
    query WorkQueue($filter: WorkQueueFilter, $limit: Int, $offset: Int) {
  workQueue(filter: $filter, limit: $limit, offset: $offset) {
    runId
    scoredAt
    total
    rows {
      caseId
      score
      balance
      expectedRecovery
      expectedCost
      priority
      bucket
      segment
      strategy
      agentId
      team
    }
  }
}
    `) as unknown as TypedDocumentString<WorkQueueQuery, WorkQueueQueryVariables>;
export const QueueDimensionsDocument = new TypedDocumentString(`
    query QueueDimensions {
  dimensions {
    teams
    segments
    agents {
      agentId
      name
    }
  }
}
    `) as unknown as TypedDocumentString<QueueDimensionsQuery, QueueDimensionsQueryVariables>;
export const AsOfDocument = new TypedDocumentString(`
    query AsOf {
  asOf {
    date
    instant
    currency
  }
}
    `) as unknown as TypedDocumentString<AsOfQuery, AsOfQueryVariables>;
export const DimensionsDocument = new TypedDocumentString(`
    query Dimensions {
  dimensions {
    portfolios
    products
    regions
    riskGrades
    experiments
  }
}
    `) as unknown as TypedDocumentString<DimensionsQuery, DimensionsQueryVariables>;