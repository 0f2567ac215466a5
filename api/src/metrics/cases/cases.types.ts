import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Orders of a case list; every order ends with caseId ascending (docs/metrics/cases.md). */
export enum CaseOrder {
  OPENED_AT = 'OPENED_AT',
  ENTRY_BALANCE = 'ENTRY_BALANCE',
  ENTRY_DPD = 'ENTRY_DPD',
}
registerEnumType(CaseOrder, {
  name: 'CaseOrder',
  description: 'What a case list is sorted by (then by caseId ascending).',
  valuesConfig: {
    OPENED_AT: { description: 'The instant of the first case_opened.' },
    ENTRY_BALANCE: { description: 'Balance at case opening.' },
    ENTRY_DPD: { description: 'Days past due at case opening.' },
  },
});

@InputType({
  description:
    'Case drill-down filters; each non-empty list must match (an empty or absent list does not filter).',
})
export class CaseFilter {
  @Field(() => [String], { nullable: true, description: 'Strategy of the case opening.' })
  strategies?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: "Segment of the case opening ('' for none).",
  })
  segments?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Team of the current holder.' })
  teams?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Current holder (latest case_assigned); the same as agents.',
    deprecationReason: 'Use agents (the name PortfolioFilter gives agent ids).',
  })
  agentIds?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Agent id of the current holder (latest case_assigned).',
  })
  agents?: string[] | null;
  // The account side of PortfolioFilter, so that `filter` is the one filter argument of `cases`.
  @Field(() => [String], {
    nullable: true,
    description: "Portfolios of the account's latest account_opened (as PortfolioFilter).",
  })
  portfolios?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: "Products of the account's latest account_opened (as PortfolioFilter).",
  })
  products?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: "Regions of the account's latest account_opened (as PortfolioFilter).",
  })
  regions?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: "Risk grades (A–E) of the account's latest account_opened (as PortfolioFilter).",
  })
  riskGrades?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: "Champion/challenger experiments of the case's first case_opened.",
  })
  experiments?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Closing outcome (cured, paid_in_full, …); "open" matches cases not closed.',
  })
  outcomes?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Bucket of entry_dpd at case opening: M0 … M6, M7_PLUS.',
  })
  entryBuckets?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Opened on or after this date (REPORT_TZ).' })
  openedFrom?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Opened on or before this date (REPORT_TZ).',
  })
  openedTo?: string | null;
  @Field(() => [String], {
    nullable: true,
    description:
      "Status of the case's latest promise to pay (kept, partial, broken, pending; docs/metrics/README.md#promise-kept); cases without a promise never match.",
  })
  promiseStatuses?: string[] | null;
  @Field(() => Float, {
    nullable: true,
    description: "The case's latest promise is for at least this amount.",
  })
  minPromiseAmount?: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "The case's latest promise is for at most this amount.",
  })
  maxPromiseAmount?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'The case has at least this many broken promises (≥ 1).',
  })
  minBrokenPromises?: number | null;
  @Field(() => [String], {
    nullable: true,
    description:
      "Current bucket of the case's account: the bucket of its latest snapshot (M0 … M7_PLUS, CHARGED_OFF, CLOSED).",
  })
  currentBuckets?: string[] | null;
}

@ObjectType({ description: 'One collection case; identifiers of the customer side are masked.' })
export class CaseSummary {
  @Field(() => String, { description: 'The case_id of the events.' })
  caseId!: string;
  @Field(() => String, {
    description:
      'The account as a keyed tag, acct- and 16 hex digits of HMAC-SHA-256 of its id: the same for the same account, never the id.',
  })
  accountMasked!: string;
  @Field(() => String, { description: 'ISO 8601 instant (UTC) of the first case_opened.' })
  openedAt!: string;
  @Field(() => String, { description: 'Strategy (tactic) of the first case_opened.' })
  strategy!: string;
  @Field(() => String, { description: "Champion/challenger experiment ('' for none)." })
  experiment!: string;
  @Field(() => String, { description: "champion, challenger or ''." })
  armRole!: string;
  @Field(() => String, { description: "Segment ('' for none)." })
  segment!: string;
  @Field(() => Int, { description: 'Days past due at case opening.' })
  entryDpd!: number;
  @Field(() => String, { description: 'Bucket of entryDpd (M0 \u2026 M7_PLUS).' })
  entryBucket!: string;
  @Field(() => Float, { description: 'Balance at case opening.' })
  entryBalance!: number;
  @Field(() => String, { nullable: true, description: 'Current holder; null when never assigned.' })
  agentId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Name of the current holder; null when never assigned or unregistered.',
  })
  agentName!: string | null;
  @Field(() => String, { nullable: true, description: 'Team of the current holder.' })
  team!: string | null;
  @Field(() => Boolean, { description: 'Whether the case has a case_closed.' })
  closed!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'ISO 8601 instant (UTC) of the latest case_closed; null while open.',
  })
  closedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Latest closing outcome; null while open.' })
  outcome!: string | null;
  @Field(() => Float, { description: 'All payments on the case so far.' })
  paid!: number;
}

@ObjectType({ description: 'One page of cases and how many match in all.' })
export class CasePage {
  @Field(() => [CaseSummary], {
    description: 'In the order asked (newest opened first by default), then by caseId.',
  })
  rows!: CaseSummary[];
  @Field(() => Int, { description: 'Cases matching the filters.' })
  total!: number;
  @Field(() => Boolean, { description: 'More cases follow this page.' })
  hasNextPage!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last row: pass it as `after` for the next page; null when empty.',
  })
  endCursor!: string | null;
}

@ObjectType({ description: 'One event on a case timeline.' })
export class TimelineEvent {
  @Field(() => String, { description: 'Event type (docs/etl.md), e.g. contact_attempt.' })
  type!: string;
  @Field(() => String, { description: 'The event_id.' })
  eventId!: string;
  @Field(() => String, { description: 'ISO 8601 instant in UTC.' })
  occurredAt!: string;
  @Field(() => String, { nullable: true, description: 'The agent of the event; null when none.' })
  agentId!: string | null;
  @Field(() => String, { nullable: true, description: 'Contact channel (contact_attempt).' })
  channel!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Result: attempt outcome, closing outcome, legal action, plan kind, snapshot bucket, payment method.',
  })
  outcome!: string | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Amount: entry balance, attempt/legal cost, promised, paid, plan total, snapshot balance.',
  })
  amount!: number | null;
  @Field(() => String, { description: 'Other fields as "key=value" pairs.' })
  detail!: string;
}

@ObjectType({ description: 'One case with every event touching it.' })
export class CaseTimeline {
  @Field(() => String, { description: 'The case_id of the events.' })
  caseId!: string;
  @Field(() => CaseSummary, {
    nullable: true,
    description: 'null when no case_opened is loaded yet.',
  })
  summary!: CaseSummary | null;
  @Field(() => [TimelineEvent], { description: 'Every event touching the case, in time order.' })
  events!: TimelineEvent[];
}
