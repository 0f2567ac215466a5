import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { ComplianceArgs } from './compliance.sql.ts';

@ObjectType({ description: 'Contact-rule thresholds in force (configuration).' })
export class ComplianceThresholds {
  @Field(() => Int, { description: 'First allowed local hour (inclusive), e.g. 8 = 08:00.' })
  startHour!: number;
  @Field(() => Int, {
    description: 'End of allowed local hours (exclusive), e.g. 22 = until 21:59:59.',
  })
  endHour!: number;
  @Field(() => Int, { description: 'Voice attempts allowed per case per local day.' })
  maxPerDay!: number;
  @Field(() => Int, { description: 'Voice attempts allowed per case in any 7 × 24 h.' })
  maxPer7Days!: number;
}

@ObjectType({ description: 'Voice attempts and violations of one agent (or team) in the period.' })
export class ComplianceCounts {
  @Field(() => Int, { description: 'Voice and in-person attempts (call, field_visit, ivr).' })
  voiceAttempts!: number;
  @Field(() => Int, { description: 'Attempts breaking at least one rule (each counted once).' })
  violations!: number;
  @Field(() => Float, { description: 'violations / voiceAttempts (0 when no attempt).' })
  violationRate!: number;
  @Field(() => Int, { description: 'Attempts outside the allowed local hours.' })
  outsideHours!: number;
  @Field(() => Int, { description: 'Attempts over the per-day limit on their case.' })
  overDailyLimit!: number;
  @Field(() => Int, { description: 'Attempts over the 7 × 24 h limit on their case.' })
  overWeeklyLimit!: number;
}

@ObjectType({
  description: 'Per-agent compliance; agentId "" groups automated attempts (no agent).',
})
export class ComplianceAgent extends ComplianceCounts {
  @Field(() => String, { description: 'The agent_id of the events.' })
  agentId!: string;
  @Field(() => String, { nullable: true, description: 'null when the agent is not registered.' })
  agentName!: string | null;
  @Field(() => String, { description: 'Team of the agent; "" when unknown.' })
  team!: string;
}

@ObjectType({ description: 'Per-team compliance (sum of its agents).' })
export class ComplianceTeam extends ComplianceCounts {
  @Field(() => String, { description: 'Team; "" for unregistered agents and automated attempts.' })
  team!: string;
}

@ObjectType({ description: 'An attempt that broke at least one contact rule.' })
export class ComplianceViolation {
  @Field(() => String, { description: 'The event_id of the attempt.' })
  eventId!: string;
  @Field(() => String, { description: 'The case of the attempt.' })
  caseId!: string;
  @Field(() => String, { description: '"" for automated attempts.' })
  agentId!: string;
  @Field(() => String, { description: "The agent's team ('' when unregistered)." })
  team!: string;
  @Field(() => String, { description: 'call, field_visit or ivr (voice and in-person channels).' })
  channel!: string;
  @Field(() => String, { description: 'Outcome of the attempt.' })
  outcome!: string;
  @Field(() => String, { description: 'ISO 8601 instant in UTC.' })
  occurredAt!: string;
  @Field(() => String, {
    description: 'Local wall-clock time of the account, YYYY-MM-DD HH:MM:SS.',
  })
  localTime!: string;
  @Field(() => Int, { description: "The account's utc_offset_minutes (local time = UTC + this)." })
  utcOffsetMinutes!: number;
  @Field(() => Int, {
    description: 'Rank of this attempt among voice attempts on its case that local day.',
  })
  attemptOfDay!: number;
  @Field(() => Int, {
    description: 'Voice attempts on its case in the 7 × 24 h ending at it (itself included).',
  })
  attemptsIn7Days!: number;
  @Field(() => [String], { description: 'Rules broken: OUTSIDE_HOURS, DAILY_LIMIT, WEEKLY_LIMIT.' })
  rules!: string[];
}

@ObjectType({ description: 'One page of offending attempts and how many there are in all.' })
export class ComplianceViolationPage {
  @Field(() => [ComplianceViolation], {
    description: 'The offending attempts of the page, in order.',
  })
  rows!: ComplianceViolation[];
  @Field(() => Int, { description: 'All offending attempts matching the filters.' })
  total!: number;
}

@ObjectType({
  description: 'Contact-rule violations over [from, to] (docs/metrics/compliance.md).',
})
export class ComplianceReport extends ComplianceCounts {
  @Field(() => String, { description: 'First day of the period (YYYY-MM-DD, REPORT_TZ).' })
  from!: string;
  @Field(() => String, { description: 'Last day of the period, inclusive.' })
  to!: string;
  @Field(() => ComplianceThresholds, { description: 'The contact rules in force (configuration).' })
  thresholds!: ComplianceThresholds;
  @Field(() => [ComplianceAgent], {
    description: 'Ordered by violations descending, then agentId.',
  })
  agents!: ComplianceAgent[];
  @Field(() => [ComplianceTeam], { description: 'Ordered by violations descending, then team.' })
  teams!: ComplianceTeam[];
  /** Not in the schema: what the `offendingAttempts` page needs. */
  query!: ComplianceArgs & { limit: number; offset: number };
}
