import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One agent over a period (docs/metrics/agent-performance.md).' })
export class AgentPerformance {
  @Field(() => String, { description: 'The agent_id of the events.' })
  agentId!: string;

  @Field(() => String, { nullable: true, description: 'null until the agent is registered.' })
  agentName!: string | null;

  @Field(() => String, { nullable: true, description: 'null until the agent is registered.' })
  team!: string | null;

  @Field(() => Int, { description: 'Contact attempts by the agent in the period.' })
  attempts!: number;

  @Field(() => Int, { description: 'Right-party contacts among those attempts.' })
  rpcs!: number;

  @Field(() => Float, { description: 'rpcs / attempts (0 without attempts).' })
  rpcRate!: number;

  @Field(() => Int, { description: 'Promises to pay the agent took in the period.' })
  promises!: number;

  @Field(() => Float, {
    description:
      'promises / rpcs (0 without RPCs; may exceed 1 when promises come without a logged RPC).',
  })
  promiseRate!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Kept / matured promises made in the period; null when none has matured.',
  })
  keptRate!: number | null;

  @Field(() => Float, {
    description: 'Payments in the period attributed to the agent (holder of the case).',
  })
  amountCollected!: number;

  @Field(() => Int, { description: 'Distinct cases with an attempt by the agent in the period.' })
  casesWorked!: number;

  @Field(() => Int, { description: 'Sum of duration_s of the agent’s call attempts.' })
  talkSeconds!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'amountCollected per hour of talk; null without talk time.',
  })
  collectedPerTalkHour!: number | null;

  @Field(() => Int, {
    description: 'Attempts in the period that broke a contact rule (docs/metrics/compliance.md).',
  })
  violations!: number;
}

@ObjectType({ description: 'One page of agents and how many there are in all.' })
export class AgentPerformancePage {
  @Field(() => [AgentPerformance], { description: 'The agents of the page, in order.' })
  rows!: AgentPerformance[];

  @Field(() => Int, { description: 'Agents matching the query, over all pages.' })
  total!: number;
}

@ObjectType({
  description: 'Agent performance rolled up per team (agents without a registration under "").',
})
export class TeamPerformance {
  @Field(() => String, { description: 'The team ("" for agents never registered).' })
  team!: string;

  @Field(() => Int, { description: 'Agents of the team with activity in the period.' })
  agents!: number;

  @Field(() => Int, { description: 'Contact attempts by the team’s agents.' })
  attempts!: number;

  @Field(() => Int, { description: 'Right-party contacts among them.' })
  rpcs!: number;

  @Field(() => Float, { description: 'rpcs / attempts (0 without attempts).' })
  rpcRate!: number;

  @Field(() => Int, { description: 'Promises to pay the team’s agents took.' })
  promises!: number;

  @Field(() => Float, { description: 'promises / rpcs (0 without RPCs).' })
  promiseRate!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Kept / matured promises made in the period; null when none has matured.',
  })
  keptRate!: number | null;

  @Field(() => Float, { description: 'Payments attributed to the team’s agents.' })
  amountCollected!: number;

  @Field(() => Int, { description: 'Distinct cases worked by any agent of the team.' })
  casesWorked!: number;

  @Field(() => Int, { description: 'Sum of duration_s of the team’s call attempts.' })
  talkSeconds!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'amountCollected per hour of talk; null without talk time.',
  })
  collectedPerTalkHour!: number | null;

  @Field(() => Int, { description: 'Attempts that broke a contact rule.' })
  violations!: number;
}
