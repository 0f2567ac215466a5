import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

@InputType({ description: 'Restricts the work queue; each non-empty list must match.' })
export class WorkQueueFilter {
  @Field(() => [String], { nullable: true, description: "Teams of the cases' holders." })
  teams?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Holders (agent ids).' })
  agents?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Case segments ("" = none).' })
  segments?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Buckets at the scoring instant (M1 … M7_PLUS).',
  })
  buckets?: string[] | null;
}

@ObjectType({ description: 'An open case in the work queue.' })
export class WorkQueueItem {
  @Field(() => String, { description: 'The case.' })
  caseId!: string;
  @Field(() => Float, { description: 'P(cure within 30 days) from the published run.' })
  score!: number;
  @Field(() => Float, { description: 'Balance at the scoring instant.' })
  balance!: number;
  @Field(() => Float, { description: 'score × balance.' })
  expectedRecovery!: number;
  @Field(() => Float, {
    description: "Contact cost per case of the case's strategy over the 30 days before scoring.",
  })
  expectedCost!: number;
  @Field(() => Float, { description: 'expectedRecovery / expectedCost: the ranking key.' })
  priority!: number;
  @Field(() => String, { description: 'Bucket at the scoring instant.' })
  bucket!: string;
  @Field(() => String, { description: 'Segment ("" when none).' })
  segment!: string;
  @Field(() => String, { description: 'Strategy of the case.' })
  strategy!: string;
  @Field(() => String, { description: "Holder's agent id ('' when unassigned)." })
  agentId!: string;
  @Field(() => String, { description: "Holder's team ('' when unknown)." })
  team!: string;
}

@ObjectType({
  description:
    'Open cases ranked by expected recovery per unit of contact cost, from the latest published cure run (docs/models.md).',
})
export class WorkQueuePage {
  @Field(() => String, { description: 'The run whose scores rank the queue.' })
  runId!: string;
  @Field(() => String, { nullable: true, description: 'The scoring instant; null when empty.' })
  scoredAt!: string | null;
  @Field(() => Int, { description: 'Cases matching the filter.' })
  total!: number;
  @Field(() => [WorkQueueItem], { description: 'The page, highest priority first.' })
  rows!: WorkQueueItem[];
}
